// What the package README shows, unconfigured: import by name, sign, show the result. The
// bundler test writes it at the entry of the Vite and webpack apps (esbuild's has its own).
// The inputs come from the page's query string (?appKey=…&appSecret=…) so a test can run
// vector cases through the production build.
import { kingdee } from 'qianming';

const params = new URLSearchParams(location.search);
try {
  document.querySelector('#result').textContent = kingdee.appSignature(
    params.get('appKey') ?? 'abc',
    params.get('appSecret') ?? 'abc123',
  );
} catch (error) {
  document.querySelector('#error').textContent = error.kind ?? String(error);
}
