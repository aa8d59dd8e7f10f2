// Node's fetch with the npm package against `qianming emulate`: each system's token flow, a
// business call signed by the package, and broken clients refused with the doctor's verdict.
// QIANMING_BIN: the CLI; QIANMING_NODE_ENTRY: the package's Node entry (bindings/wasm/js/node.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const entry = pathToFileURL(process.env.QIANMING_NODE_ENTRY);
const { edge, kingdee, weaver, KingdeeSigner, WeaverSigner } = await import(entry.href);
// 'qianming/apusic': its Node entry beside the main one.
const { apusic, oauth } = await import(new URL('./apusic/node.js', entry).href);

const CLIENT = ['205022', '0123456789abcdef0123456789abcdef'];
const REDIRECT = 'http://127.0.0.1:8080/oauth_callback';
let emulator;
let base;

before(async () => {
  emulator = spawn(process.env.QIANMING_BIN, [
    'emulate', '--listen', '127.0.0.1:0',
    '--kingdee-client', CLIENT.join(':'), '--kingdee-app', 'abc:abc123',
    '--weaver', 'weaverappid:weaversecret:8fy6K39X6PIEEeOq',
    '--apusic-user', 'admin:admin123', '--edge-user', 'admin:123456',
    '--oauth-client', `cid:csecret:${REDIRECT}`,
  ], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: emulator.stdout });
  const [first] = await Promise.race([
    new Promise((resolve) => lines.once('line', (line) => resolve([line]))),
    new Promise((_, reject) => emulator.once('exit', (code) => reject(new Error(`emulator exited ${code}`)))),
  ]);
  assert.match(first, /^listening on http:\/\/127\.0\.0\.1:\d+$/);
  base = first.slice('listening on '.length);
});

after(() => emulator.kill('SIGTERM'));

/** Sends a qianming HttpRequest ({method, url, headers, body}) with fetch. */
function send(request, init = {}) {
  return fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body ?? undefined,
    redirect: 'manual',
    ...init,
  });
}

test('kingdee: app-token, then a business call signed by KingdeeSigner', async () => {
  const signer = new KingdeeSigner(...CLIENT);
  try {
    const request = signer.tokenRequest({ baseUrl: base, appKey: 'abc', appSecret: 'abc123' });
    const { appToken } = kingdee.parseTokenAnswer(await (await send(request)).text());
    const query = [['search', 'M6 bolt'], ['q', 'a=b*~']];
    const signed = signer.sign({ method: 'GET', path: '/jdy/v2/bd/material', query });
    const response = await fetch(base + signed.pathAndQuery, {
      headers: { ...signed.headers, 'app-token': appToken },
    });
    const body = await response.json();
    assert.equal(response.status, 200);
    assert.equal(body.errcode, 0);
    assert.equal(body.data.path, '/jdy/v2/bd/material');
  } finally {
    signer.free();
  }
});

test('kingdee: a wrong secret gets HTTP 519 and the verdict unexplained', async () => {
  const request = kingdee.tokenRequest({
    clientId: CLIENT[0], clientSecret: 'wrong', baseUrl: base, appKey: 'abc', appSecret: 'abc123',
  });
  const response = await send(request);
  assert.equal(response.status, 519);
  assert.equal(response.headers.get('x-qianming-verdict'), 'unexplained');
  assert.throws(() => kingdee.parseTokenAnswer('{"errcode":1002,"description":"签名验证失败"}'), { kind: 'vendor_error' });
});

test('kingdee: a timestamp in seconds', async () => {
  const request = kingdee.tokenRequest({
    clientId: CLIENT[0], clientSecret: CLIENT[1], baseUrl: base, appKey: 'abc', appSecret: 'abc123',
    timestamp: Math.floor(Date.now() / 1000),
  });
  const response = await send(request);
  assert.equal(response.headers.get('x-qianming-verdict'), 'timestamp_in_seconds');
});

test('weaver: a token, then the same sign refused as a replay', async () => {
  const request = weaver.signedTokenRequest(base, 'weaverappid', 'weaversecret', '8fy6K39X6PIEEeOq');
  const { token } = weaver.parseTokenAnswer(await (await send(request)).text());
  assert.ok(token);
  const again = await send(request);
  assert.equal(again.headers.get('x-qianming-verdict'), 'replayed');
  const body = await again.text();
  assert.throws(() => weaver.parseTokenAnswer(body), { kind: 'replayed' });
});

test('weaver: a sign made with the wrong AES key', async () => {
  const signer = new WeaverSigner('weaverappid', 'weaversecret', '0123456789abcdef');
  try {
    const response = await send(signer.tokenRequest(base));
    assert.equal(response.headers.get('x-qianming-verdict'), 'wrong_aes_key');
    const body = await response.text();
    assert.throws(() => weaver.parseTokenAnswer(body), { kind: 'undecryptable' });
  } finally {
    signer.free();
  }
});

test('apusic: a session, then a call with the cookie', async () => {
  const request = apusic.sessionRequest({
    baseUrl: base, user: 'admin', password: 'admin123', remoteHostName: '127.0.0.1',
  });
  const { token } = apusic.parseSessionAnswer(await (await send(request)).text());
  const response = await fetch(`${base}/management/domain`, { headers: apusic.callHeaders(token) });
  assert.equal((await response.json()).exit_code, 'SUCCESS');
});

test('oauth: authorize, exchange with PKCE, user info', async () => {
  const codeVerifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const url = oauth.authorizeUrl({ baseUrl: base, clientId: 'cid', redirectUri: REDIRECT, state: 'n1', codeVerifier });
  const redirect = await fetch(url, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  const { code } = oauth.parseCallback(redirect.headers.get('location'), 'n1');
  const tokenRequest = oauth.tokenRequest({
    baseUrl: base, clientId: 'cid', clientSecret: 'csecret', redirectUri: REDIRECT, code, codeVerifier,
  });
  const { accessToken } = oauth.parseTokenAnswer(await (await send(tokenRequest)).text());
  const user = oauth.parseUserinfoAnswer(await (await send(oauth.userinfoRequest(base, accessToken))).text());
  assert.equal(user.id, 'admin');
});

test('edge: login, a call with x-token, refresh', async () => {
  const login = edge.parseTokenAnswer(await (await send(edge.loginRequest(base, 'admin', '123456'))).text());
  const [name, value] = edge.xTokenHeader(login.accessToken);
  const call = await (await fetch(`${base}/v1.0/openapi/createProduct`, { headers: { [name]: value } })).json();
  assert.equal(call.success, true);
  const renewed = edge.parseTokenAnswer(await (await send(edge.refreshRequest(base, login.refreshToken))).text());
  assert.ok(renewed.accessToken);
  const wrong = await (await send(edge.loginRequest(base, 'admin', 'nope'))).text();
  assert.throws(() => edge.parseTokenAnswer(wrong), { kind: 'login_failed' });
});
