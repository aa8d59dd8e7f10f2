// What the package README shows, unconfigured: import by name, sign, show the result. The
// bundler test writes it at the entry of the Vite and webpack apps (esbuild's has its own).
// The inputs come from the page's query string (?appKey=…&appSecret=…) so a test can run
// vector cases through the production build. A subpath module ('qianming/doctor', its own
// .wasm) is loaded the same way, unconfigured.
import { kingdee } from 'qianming';
import { doctor } from 'qianming/doctor';

const params = new URLSearchParams(location.search);
try {
  document.querySelector('#result').textContent = kingdee.appSignature(
    params.get('appKey') ?? 'abc',
    params.get('appSecret') ?? 'abc123',
  );
  document.querySelector('#subpath').textContent = doctor.compareStringToSign('GET\n/a\n', 'GET\n/b\n').part;
} catch (error) {
  document.querySelector('#error').textContent = error.kind ?? String(error);
}
