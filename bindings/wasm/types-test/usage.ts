// Type-checked (tsc --noEmit) usage of the package's declarations.
import {
  basic,
  edge,
  token,
  type HttpRequest,
  type Refusal,
  type U64,
  type WeaverInspection,
  errorKinds,
  kingdee,
  KingdeeSigner,
  KingdeeVerifier,
  weaver,
  WeaverVerifier,
  type KingdeeSignedRequest,
  type KingdeeDiagnosis,
  type KingdeeStatelessVerified,
  type QianmingError,
  type ReplayStore,
  replay,
} from 'qianming';
import { apusic, oauth } from 'qianming/apusic';
import {
  doctor,
  type DoctorVerdict,
  type KingdeeDoctorReport,
  type KingdeePastedRequest,
  type StringToSignComparison,
  type WeaverDoctorReport,
} from 'qianming/doctor';

const signer: KingdeeSigner = new kingdee.Signer('123456', 'secret');
const out: KingdeeSignedRequest = signer.sign({
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

const verifier = new KingdeeVerifier('secret', { windowMs: 60_000, replayCapacity: 1024, lenientQuery: false });
const verified = verifier.verify({ method: 'GET', path: '/', headers: out.headers }, Date.now());
const clientId: string = verified.clientId;
const ts: number = verified.timestampMs;
const guarded: number = verifier.remembered;

// Issue 14: replay stores shared by several servers, the safe diagnosis.
const stateless: KingdeeStatelessVerified = verifier.verifyStateless({ method: 'GET', path: '/', headers: out.headers });
const ticketKey: string = stateless.replayKey;
const ticketEnd: number = stateless.replayExpiresAtMs;
const ttl: U64 = replay.ttlMs(stateless, Date.now());
const memory = new Set<string>();
const store: ReplayStore = {
  async record(ticket) {
    if (memory.has(ticket.replayKey)) throw replay.replayedError('seen');
    memory.add(ticket.replayKey);
  },
};
const viaStore: Promise<{ clientId: string }> = verifier.verifyWith(store, { method: 'GET', path: '/', headers: out.headers });
const diagnosis: KingdeeDiagnosis = verifier.diagnose({ method: 'GET', path: '/', headers: out.headers }, Date.now());
const whyNot: string | null = diagnosis.ok ? null : (diagnosis.error?.kind ?? null);
const debugOnly: string = verifier.explainRevealingSignature({ method: 'GET', path: '/', headers: out.headers }).expectedSignature;
const unavailable: QianmingError = replay.storeUnavailableError('down', new Error('ECONNREFUSED'));
console.log(guarded, ticketKey, ticketEnd, ttl, viaStore, whyNot, debugOnly, unavailable);

const app: string = kingdee.appSignature('abc', 'abc123');
const pairs: Array<[string, string]> = kingdee.parseQuery('a=1&b=2');

const sign: string = weaver.sign('appid', 'secret', '0123456789abcdef', 1742369234096n);
const explained = weaver.explain('appid', 'secret', '0123456789abcdef');
const md5: string = explained.md5Upper;
const guard = new WeaverVerifier('appid', 'secret', '0123456789abcdef', { windowMs: 300_000 });
const checked: number = guard.verify(sign).timestampMs;
const remembered: number = guard.remembered;
const weaverTicket: string = guard.verifyStateless(sign).replayKey;
const weaverViaStore: Promise<{ timestampMs: number }> = guard.verifyWith(store, sign);
console.log(weaverTicket, weaverViaStore);
// @ts-expect-error: a verified sign never carries the decrypted plaintext (issue 14)
guard.verify(sign).plaintext;

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

// Issue 6: requests to send and answers to parse.
const tokenReq: HttpRequest = kingdee.tokenRequest({
  clientId: '123456',
  clientSecret: 'secret',
  baseUrl: 'https://api.kingdee.com',
  appKey: 'abc',
  appSecret: 'abc123',
});
const appSig: string = signer.tokenRequest({ baseUrl: 'https://api.kingdee.com', appKey: 'a', appSecret: 'b', uid: null }).appSignature;
const kdToken = kingdee.parseTokenAnswer(new Uint8Array(0), 1700000000000);
const kdExpires: U64 = kdToken.expiresAtMs;
const wvToken: string = weaver.parseTokenAnswer('{"status":true,"token":"t"}').token;
const wvReq: HttpRequest = weaver.tokenRequest('https://oa.example.com', 'appid', sign);
const wvSigned: HttpRequest = new weaver.Signer('a', 's', '0123456789abcdef').tokenRequest('https://oa.example.com');
const seen: WeaverInspection = guard.inspect(sign, Date.now());
const why: string | undefined = seen.error?.kind;
const session: HttpRequest = apusic.sessionRequest({ host: '10.0.0.1', user: 'admin', password: 'p', remoteHostName: '10.0.0.8' });
const cookie: Array<[string, string]> = apusic.callHeaders(apusic.parseSessionAnswer(new Uint8Array(0)).token, { xAuthToken: true });
const authorize: string = oauth.authorizeUrl({ baseUrl: 'https://sso', clientId: 'c', redirectUri: 'https://app/cb', state: 'xyz' });
const code: string = oauth.parseCallback('https://app/cb?code=1&state=xyz', 'xyz').code;
const userinfo: Array<[string, string]> = oauth.parseUserinfoAnswer('{"id":"1"}').attributes;
const expires: U64 | null = oauth.parseTokenAnswer('access_token=a&expires=7200').expires;
const login: string | null = edge.loginRequest('http://127.0.0.1:58081', 'admin', 'p').body;
const claims = edge.readJwtClaims('a.b.c');
const iss: string | null = claims.iss;
const [headerName, headerValue]: [string, string] = edge.xTokenHeader('t');
const next = token.action({ expS: 1686393296, refreshExpS: 1687595696, nowMs: Date.now() });
const what: 'reuse' | 'refresh' | 'login_again' = next.action;
const day: number = token.lifetimes.kingdeeLifetimeMs;
try {
  edge.parseTokenAnswer('{"success":false,"code":7,"msg":"no"}');
} catch (e) {
  const refusal: Refusal | undefined = (e as QianmingError).refusal;
  console.log(refusal?.code, refusal?.message, refusal?.batchkey);
}
console.log(tokenReq, appSig, kdExpires, wvToken, wvReq, wvSigned, why, session, cookie, authorize, code);
console.log(userinfo, expires, login, iss, headerName, headerValue, what, day);

// @ts-expect-error: a token lifetime needs expS or issuedAtMs with lifetimeMs
token.action({ issuedAtMs: 1 });
// @ts-expect-error: answers are bytes or text
weaver.parseTokenAnswer(42);
// @ts-expect-error: the mode is 'basic' or 'raw'
basic.authorizationHeader('a', 'b', 'bearer');
// @ts-expect-error: a request needs a path
signer.sign({ method: 'GET' });
// @ts-expect-error: the OAuth callback check needs the expected state (issue 14)
oauth.parseCallback('https://app/cb?code=1&state=xyz');

console.log(lines, signature, names, clientId, ts, app, pairs, md5, checked, remembered, credentials);

// The signature doctor.
const report: KingdeeDoctorReport = doctor.kingdee('s3cret', { method: 'GET', path: '/', headers: out.headers }, {
  nowMs: Date.now(),
  verifier,
});
const verdictName: string = report.verdict;
const zh: string = report.explanationZh;
const clientSide: string | null = report.clientStringToSign;
const pastedReport: KingdeePastedRequest = doctor.kingdeePasted('s3cret', "curl 'https://h/a'", { format: 'curl' });
const pastedVerdict: DoctorVerdict = pastedReport.report.verdict;
const weaverReport: WeaverDoctorReport = doctor.weaver('a', 'b', '0123456789abcdef', 'ff', { verifier: guard, windowMs: 1000 });
const layout: string | null = weaverReport.plaintextLayout;
const comparison: StringToSignComparison = doctor.compareStringToSign('GET\n', 'POST\n');
const line: number = comparison.line;
// @ts-expect-error a Weaver verifier is not a Kingdee one
doctor.kingdee('s3cret', { method: 'GET', path: '/', headers: {} }, { verifier: guard });
// @ts-expect-error the format is one of four names
doctor.kingdeePasted('s3cret', 'x', { format: 'wget' });
void [verdictName, zh, clientSide, pastedVerdict, layout, line];
