// esbuild leaves `new URL(…, import.meta.url)` as written, so the .wasm is imported as a file
// (`--loader:.wasm=file` copies it next to the bundle and gives its URL) and the module is
// initialised explicitly. The inputs come from the page's query string (?appKey=…&appSecret=…)
// so a test can run vector cases through the production build.
import { init, kingdee } from 'qianming/init';
import wasmUrl from 'qianming/qianming.wasm';

const params = new URLSearchParams(location.search);
init(wasmUrl)
  .then(() => {
    document.querySelector('#result').textContent = kingdee.appSignature(
      params.get('appKey') ?? 'abc',
      params.get('appSecret') ?? 'abc123',
    );
  })
  .catch((error) => {
    document.querySelector('#error').textContent = error.kind ?? String(error);
  });
