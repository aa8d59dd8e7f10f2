// esbuild leaves `new URL(…, import.meta.url)` as written, so the .wasm is imported as a file
// (`--loader:.wasm=file` copies it next to the bundle and gives its URL) and the module is
// initialised explicitly. The inputs come from the page's query string (?appKey=…&appSecret=…)
// so a test can run vector cases through the production build.
import { init, kingdee } from 'qianming/init';
import wasmUrl from 'qianming/qianming.wasm';
import { doctor, init as initDoctor } from 'qianming/doctor/init';
import doctorWasmUrl from 'qianming/doctor.wasm';

const params = new URLSearchParams(location.search);
Promise.all([init(wasmUrl), initDoctor(doctorWasmUrl)])
  .then(() => {
    document.querySelector('#result').textContent = kingdee.appSignature(
      params.get('appKey') ?? 'abc',
      params.get('appSecret') ?? 'abc123',
    );
    document.querySelector('#subpath').textContent = doctor.compareStringToSign('GET\n/a\n', 'GET\n/b\n').part;
  })
  .catch((error) => {
    document.querySelector('#error').textContent = error.kind ?? String(error);
  });
