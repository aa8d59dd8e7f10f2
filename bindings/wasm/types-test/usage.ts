// Type-checked (tsc --noEmit) usage of the package's declarations.
import {
  basic,
  errorKinds,
  kingdee,
  KingdeeSigner,
  KingdeeVerifier,
  weaver,
  WeaverVerifier,
  type KingdeeSigningResult,
  type QianmingError,
} from 'qianming';

const signer: KingdeeSigner = new kingdee.Signer('123456', 'secret');
const out: KingdeeSigningResult = signer.sign({
  method: 'GET',
  path: '/jdyconnector/app_management/kingdee_auth_token',
  query: [['app_key', 'abc']],
  signHeaders: { 'Content-Type': 'application/json' },
  timestamp: 1700000000000,
  nonce: '1234567890',
});
const lines: string[] = out.stringToSign.split('\n');
const signature: string = out.headers['X-Api-Signature'] ?? out.signature;
const names: string[] = out.signedHeaders;
signer.sign({ method: 'POST', path: '/', query: new URLSearchParams('a=1') });

const verifier = new KingdeeVerifier('secret', { windowMs: 60_000 });
const verified = verifier.verify({ method: 'GET', path: '/', headers: out.headers }, Date.now());
const clientId: string = verified.clientId;
const ts: number = verified.timestampMs;

const app: string = kingdee.appSignature('abc', 'abc123');
const pairs: Array<[string, string]> = kingdee.parseQuery('a=1&b=2');

const sign: string = weaver.sign('appid', 'secret', '0123456789abcdef', 1742369234096n);
const explained = weaver.explain('appid', 'secret', '0123456789abcdef');
const md5: string = explained.md5Upper;
const guard = new WeaverVerifier('appid', 'secret', '0123456789abcdef', { windowMs: 300_000 });
const checked: number = guard.verify(sign).timestampMs;
const remembered: number = guard.remembered;

const header: string = basic.authorizationHeader('admin', 'admin123', 'raw');
const credentials: { user: string; password: string } = basic.parseAuthorization(header);

try {
  basic.credentials('a:b', 'c');
} catch (e) {
  const error = e as QianmingError;
  const kind: string = error.kind;
  const code: number = error.code;
  console.log(kind, code, errorKinds().includes(kind));
}

// @ts-expect-error: the mode is 'basic' or 'raw'
basic.authorizationHeader('a', 'b', 'bearer');
// @ts-expect-error: a request needs a path
signer.sign({ method: 'GET' });

console.log(lines, signature, names, clientId, ts, app, pairs, md5, checked, remembered, credentials);
