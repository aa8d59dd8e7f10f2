// Kingdee K3Cloud and Weaver e-cology 9 beyond the vectors: the defaults read from the core,
// the e-cology forms without a seed (fresh bytes from crypto.getRandomValues, checked by
// decrypting), the test's own decryption against Node's PKCS#1 v1.5 decryption, typed refusals
// and wrong argument types. (Every vector case runs in vectors.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import * as q from './all.mjs';
import { loadVectorFile, rsaDecrypt } from './vectors.mjs';
import { throwsKind } from './throws-kind.mjs';

const ECOLOGY = loadVectorFile('ecology.json');
// A test key pair of the vectors (1024 bits) and one of 2048 bits.
const PAIRS = [ECOLOGY.ecology_encrypt[2], ECOLOGY.ecology_encrypt[0]].map((c) => ({ spk: c.spk, privateKey: c.private_key }));
const [SMALL] = PAIRS;

const IDENTITY = {
  acctId: '62a8f6b6c2a1b2',
  userName: 'demo',
  appId: '224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4',
  appSecret: '0d1f5a5e3c1b4a7f9e2d8c6b4a291735',
};
const URL_ = 'https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc';
const SERVER = 'https://erp.example.com/k3cloud/';

test('K3Cloud: lcid, orgNum, the unit, the hash and the time default to the core\'s', () => {
  const lcid = q.k3cloud.defaultLcid;
  assert.ok(Number.isInteger(lcid) && lcid > 0);
  const options = { ...IDENTITY, url: URL_, timestampMs: 1700000000123 };
  const signed = q.k3cloud.sign(options);
  assert.equal(signed.appData, `${IDENTITY.acctId},${IDENTITY.userName},${lcid},0`);
  assert.deepEqual(q.k3cloud.sign({ ...options, lcid, orgNum: '0', timestampUnit: 'ms' }), signed);
  assert.equal(signed.timestamp, '1700000000123');
  assert.equal(q.k3cloud.sign({ ...options, timestampUnit: 's' }).timestamp, '1700000000');
  const before = Date.now();
  const now = Number(q.k3cloud.sign({ ...IDENTITY, url: URL_ }).timestamp);
  assert.ok(now >= before && now <= Date.now());

  const login = { ...IDENTITY, timestampS: 1700000000 };
  assert.equal(q.k3cloud.loginSign(login), q.k3cloud.loginSign({ ...login, hash: 'sha256' }));
  assert.match(q.k3cloud.loginSign({ ...login, hash: 'sha1' }), /^[0-9a-f]{40}$/);
  const request = q.k3cloud.loginBySignRequest({ ...login, serverUrl: SERVER });
  assert.deepEqual(q.k3cloud.loginBySignRequest({ ...login, serverUrl: SERVER, lcid, hash: 'sha256' }), request);
  assert.ok(request.body.endsWith(`"${q.k3cloud.loginSign(login)}",${lcid}]}`), request.body);
  const s = Math.floor(Date.now() / 1000);
  const body = JSON.parse(q.k3cloud.loginBySignRequest({ ...IDENTITY, serverUrl: SERVER }).body);
  assert.ok(Math.abs(body.parameters[3] - s) <= 1, `timestamp ${body.parameters[3]}`);
  const legacy = q.k3cloud.loginByAppSecretRequest({ ...IDENTITY, serverUrl: SERVER });
  assert.ok(legacy.body.endsWith(`,${lcid}]}`), legacy.body);
});

test('K3Cloud: request carries sign\'s headers and the body; the session headers', () => {
  const options = { ...IDENTITY, url: URL_, body: '{"formid":"BD_MATERIAL"}', timestampMs: 1n };
  const request = q.k3cloud.request(options);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, URL_);
  assert.equal(request.body, options.body);
  assert.deepEqual(request.headers.slice(0, -1), q.k3cloud.sign(options).headers);
  assert.deepEqual(request.headers.at(-1), ['Content-Type', 'application/json']);
  const session = q.k3cloud.parseLoginAnswer('{"LoginResultType":1,"KDSVCSessionId":"8c6f-sess","IsSuccessByAPI":false}');
  assert.deepEqual(session, { sessionId: '8c6f-sess', message: null, isSuccessByApi: false });
  const headers = q.k3cloud.sessionHeaders(session.sessionId);
  assert.equal(headers.length, 2);
  assert.ok(headers.every(([, value]) => value.includes(session.sessionId)));
  assert.deepEqual(q.k3cloud.gatewayCredentials('77_notthirtytwo'), { clientId: '77', gatewaySecret: 'notthirtytwo' });
});

test('K3Cloud refusals carry their kind; wrong argument types are TypeErrors', () => {
  const options = { ...IDENTITY, url: URL_, timestampMs: 1 };
  for (const lcid of [-1, 1.5, 2 ** 32, Number.NaN]) throwsKind(() => q.k3cloud.sign({ ...options, lcid }), 'invalid_field');
  throwsKind(() => q.k3cloud.sign({ ...options, timestampUnit: 'us' }), 'invalid_field');
  throwsKind(() => q.k3cloud.sign({ ...options, timestampMs: -1 }), 'invalid_timestamp');
  throwsKind(() => q.k3cloud.loginSign({ ...IDENTITY, hash: 'md5' }), 'invalid_field');
  throwsKind(() => q.k3cloud.request({ ...options, appSecret: '', body: '{}' }), 'empty_secret');
  throwsKind(() => q.k3cloud.sessionHeaders('a; b'), 'invalid_header_value');
  throwsKind(() => q.k3cloud.parseLoginAnswer('{"LoginResultType":1}'), 'missing_field');
  assert.throws(
    () => q.k3cloud.parseLoginAnswer('{"LoginResultType":0,"Message":"用户名或密码错误"}'),
    (e) => e.kind === 'login_failed' && e.refusal.code === '0' && e.refusal.message === '用户名或密码错误',
  );
  throwsKind(() => q.k3cloud.gatewayCredentials('a\uD800_b'), 'invalid_unicode');
  throwsKind(() => q.k3cloud.sign({ ...options, orgNum: '\uDC00' }), 'invalid_unicode');
  assert.throws(() => q.k3cloud.sign({ ...options, lcid: '2052' }), TypeError);
  assert.throws(() => q.k3cloud.sign({ ...options, acctId: 1 }), TypeError);
  assert.throws(() => q.k3cloud.request({ ...options }), TypeError);
  assert.throws(() => q.k3cloud.loginSign(null), TypeError);
  assert.throws(() => q.k3cloud.parseLoginAnswer(1), TypeError);
});

test('e-cology encrypt without a seed: fresh bytes each time, both decrypt to the text', () => {
  for (const { spk, privateKey } of PAIRS) {
    const first = q.ecology.encrypt({ spk, plaintext: 'e0ab4a73-e9c6-4ae5-9dac-f21a7807991a' });
    const second = q.ecology.encrypt({ spk, plaintext: 'e0ab4a73-e9c6-4ae5-9dac-f21a7807991a', seed: null });
    assert.notEqual(first, second);
    for (const sealed of [first, second]) assert.equal(rsaDecrypt(privateKey, sealed), 'e0ab4a73-e9c6-4ae5-9dac-f21a7807991a');
  }
});

test('e-cology applytokenRequest and callHeaders without a seed decrypt to the secrit and the userid', () => {
  const { spk, privateKey } = SMALL;
  const options = { baseUrl: 'http://oa.example.com:8080', appid: 'APP1', spk, secrit: '81ab3d98', timeS: 3600 };
  const a = q.ecology.applytokenRequest(options);
  const b = q.ecology.applytokenRequest(options);
  const secret = (r) => r.headers.find(([n]) => n === 'secret')[1];
  assert.notEqual(secret(a), secret(b));
  for (const r of [a, b]) {
    assert.equal(r.url, 'http://oa.example.com:8080/api/ec/dev/auth/applytoken');
    assert.deepEqual(r.headers.map(([n]) => n), ['appid', 'secret', 'time']);
    assert.deepEqual(r.headers[2], ['time', '3600']);
    assert.equal(rsaDecrypt(privateKey, secret(r)), '81ab3d98');
  }
  assert.deepEqual(
    q.ecology.applytokenRequest({ ...options, timeS: undefined }).headers.map(([n]) => n),
    ['appid', 'secret'],
  );
  const headers = q.ecology.callHeaders({ appid: 'APP1', token: 'tok', spk, userid: '31' });
  assert.deepEqual(headers.slice(0, 2), [['appid', 'APP1'], ['token', 'tok']]);
  assert.equal(headers[2][0], 'userid');
  assert.equal(rsaDecrypt(privateKey, headers[2][1]), '31');
});

test('e-cology with a seed: deterministic, the caller\'s bytes untouched, 32 bytes or invalid_field', () => {
  const { spk } = SMALL;
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const sealed = q.ecology.encrypt({ spk, plaintext: '1', seed });
  assert.equal(q.ecology.encrypt({ spk, plaintext: '1', seed }), sealed);
  assert.deepEqual(seed, Uint8Array.from({ length: 32 }, (_, i) => i + 1));
  const headers = q.ecology.callHeaders({ appid: 'A', token: 't', spk, userid: '1', seed });
  assert.equal(headers[2][1], sealed);
  for (const length of [0, 31, 33]) {
    throwsKind(() => q.ecology.encrypt({ spk, plaintext: '1', seed: new Uint8Array(length) }), 'invalid_field');
    throwsKind(
      () => q.ecology.applytokenRequest({ baseUrl: 'http://oa', appid: 'A', spk, secrit: 's', seed: new Uint8Array(length) }),
      'invalid_field',
    );
  }
  assert.throws(() => q.ecology.encrypt({ spk, plaintext: '1', seed: Array(32).fill(0) }), TypeError);
  assert.throws(() => q.ecology.callHeaders({ appid: 'A', token: 't', spk, userid: '1', seed: '00'.repeat(32) }), TypeError);
});

test('e-cology: any text up to the key\'s limit round-trips', () => {
  const { spk, privateKey } = SMALL;
  const { maxPlaintextLen } = q.ecology.serverKey(spk);
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), (plaintext) => {
      fc.pre(new TextEncoder().encode(plaintext).length <= maxPlaintextLen);
      assert.equal(rsaDecrypt(privateKey, q.ecology.encrypt({ spk, plaintext })), plaintext);
    }),
    { numRuns: 100 },
  );
  throwsKind(() => q.ecology.encrypt({ spk, plaintext: 'x'.repeat(maxPlaintextLen + 1) }), 'input_too_large');
});

test('the test\'s decryption agrees with Node\'s own PKCS#1 v1.5 decryption (--security-revert=CVE-2023-46809)', () => {
  const cases = PAIRS.map(({ spk, privateKey }) => ({ privateKey, sealed: q.ecology.encrypt({ spk, plaintext: '用户一' }) }));
  for (const c of cases) assert.equal(rsaDecrypt(c.privateKey, c.sealed), '用户一');
  const script = `
    const { createPrivateKey, privateDecrypt, constants } = require('node:crypto');
    const cases = JSON.parse(process.argv[1]);
    const out = cases.map((c) => privateDecrypt(
      { key: createPrivateKey({ key: Buffer.from(c.privateKey, 'base64'), format: 'der', type: 'pkcs8' }), padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(c.sealed, 'base64')).toString('utf8'));
    process.stdout.write('\\n' + JSON.stringify(out));`;
  const child = spawnSync(process.execPath, ['--security-revert=CVE-2023-46809', '-e', script, JSON.stringify(cases)], {
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  // Node prints its SECURITY WARNING on standard output first: the answer is the last line.
  assert.deepEqual(JSON.parse(child.stdout.trim().split('\n').at(-1)), ['用户一', '用户一']);
});

test('e-cology: the token lifetime and the time of receipt default to the core\'s and now', () => {
  const lifetimeS = q.ecology.defaultTokenLifetimeS;
  assert.ok(Number.isInteger(lifetimeS) && lifetimeS > 0);
  const body = '{"msg":"获取成功!","code":0,"status":true,"token":"770a10d8"}';
  const token = q.ecology.parseTokenAnswer(body, { receivedAtMs: 1000 });
  assert.deepEqual(token, { token: '770a10d8', message: '获取成功!', expiresAtMs: 1000 + lifetimeS * 1000 });
  assert.equal(q.ecology.parseTokenAnswer(body, { receivedAtMs: 1000, lifetimeS: 3600 }).expiresAtMs, 3601000);
  const before = Date.now();
  const now = q.ecology.parseTokenAnswer(body).expiresAtMs - lifetimeS * 1000;
  assert.ok(now >= before && now <= Date.now());
});

test('e-cology refusals carry their kind; wrong argument types are TypeErrors', () => {
  const { spk } = SMALL;
  throwsKind(() => q.ecology.serverKey(''), 'invalid_field');
  throwsKind(() => q.ecology.serverKey('not base64!'), 'invalid_base64');
  throwsKind(() => q.ecology.encrypt({ spk, plaintext: '' }), 'invalid_field');
  throwsKind(() => q.ecology.registRequest({ baseUrl: 'ftp://oa', appid: 'A', cpk: spk }), 'invalid_url');
  throwsKind(() => q.ecology.applytokenRequest({ baseUrl: 'http://oa', appid: 'A', spk, secrit: '' }), 'empty_secret');
  throwsKind(() => q.ecology.applytokenRequest({ baseUrl: 'http://oa', appid: 'A', spk, secrit: 's', timeS: -1 }), 'invalid_timestamp');
  // Seconds are refused as seconds, not with the milliseconds wording of timestamps.
  assert.throws(
    () => q.ecology.parseTokenAnswer('{"data":{"token":"t"},"status":true}', { receivedAtMs: 0, lifetimeS: 1.5 }),
    (e) => e.kind === 'invalid_timestamp' && /seconds/.test(e.message) && !/milliseconds/.test(e.message),
  );
  throwsKind(() => q.ecology.callHeaders({ appid: 'A', token: 't\r\nX: y', spk, userid: '1' }), 'invalid_header_value');
  throwsKind(() => q.ecology.parseRegistAnswer('<html>'), 'invalid_json');
  assert.throws(
    () => q.ecology.parseTokenAnswer('{"msg":"解密失败！","code":-1,"status":false}', { receivedAtMs: 0 }),
    (e) => e.kind === 'undecryptable' && e.refusal.code === '-1' && e.refusal.message === '解密失败！',
  );
  throwsKind(() => q.ecology.encrypt({ spk, plaintext: 'a\uD800' }), 'invalid_unicode');
  assert.throws(() => q.ecology.encrypt(null), TypeError);
  assert.throws(() => q.ecology.serverKey(1), TypeError);
  assert.throws(() => q.ecology.registRequest({ baseUrl: 'http://oa', appid: 'A' }), TypeError);
  assert.throws(() => q.ecology.parseTokenAnswer('{}', 1000), TypeError);
  assert.throws(() => q.ecology.applytokenRequest({ baseUrl: 'http://oa', appid: 'A', spk, secrit: 's', timeS: '3600' }), TypeError);
});
