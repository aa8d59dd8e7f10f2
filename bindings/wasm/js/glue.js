// The wasm-bindgen glue as the API sees it: a stand-in that refuses every use until init.js
// has instantiated the WebAssembly module, then the glue itself. Without it, a call made
// before initialisation fails deep inside the glue ("reading '__wbindgen_export3'").
import * as glue from '../pkg/qianming_wasm.js';

const notReady = new Proxy(
  {},
  {
    get() {
      throw new Error(
        "qianming is not initialised: await init(…) (or call initSync(…)) from 'qianming/init' " +
          "before using it, or import 'qianming', which initialises itself",
      );
    },
  },
);

/** The glue's exports once the module is instantiated; until then, the stand-in. */
export let core = notReady;

/** Called by init.js once the glue holds its WebAssembly instance. */
export function markReady() {
  core = glue;
}
