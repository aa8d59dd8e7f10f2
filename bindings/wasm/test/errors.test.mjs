// Refusals: Error objects with a stable `.kind`, type errors for wrong argument types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as q from './all.mjs';
import { throwsKind } from './throws-kind.mjs';

const KEY = '0123456789abcdef';

test('errorKinds lists the stable names in code order', () => {
  const kinds = q.errorKinds();
  assert.equal(kinds[0], 'empty_secret');
  assert.equal(kinds[9], 'invalid_unicode');
  assert.ok(kinds.includes('replayed'));
  assert.equal(new Set(kinds).size, kinds.length);
  for (const kind of kinds) assert.match(kind, /^[a-z]+(_[a-z0-9]+)*$/);
});

test('kingdee refusals carry their kind', () => {
  const signer = new q.KingdeeSigner('id', 'secret');
  throwsKind(() => q.kingdee.appSignature('key', ''), 'empty_secret');
  throwsKind(() => new q.KingdeeSigner('id', ''), 'empty_secret');
  throwsKind(() => new q.KingdeeSigner('i d\n', 'secret'), 'invalid_header_value');
  throwsKind(() => signer.sign({ method: 'TRACE', path: '/' }), 'unsupported_method');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', timestamp: 1.5 }), 'invalid_timestamp');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', timestamp: -1 }), 'invalid_timestamp');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', timestamp: NaN }), 'invalid_timestamp');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', timestamp: 2n ** 64n }), 'invalid_timestamp');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', nonce: '' }), 'invalid_header_value');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', query: [['a', '1'], ['a', '2']] }), 'duplicate_query_name');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', signHeaders: { 'X-Api-Nonce': 'x' } }), 'reserved_header');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', signHeaders: [['a b', 'x']] }), 'invalid_header_name');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', signHeaders: [['X-A', null]] }), 'missing_header_value');
  throwsKind(() => signer.sign({ method: 'GET', path: '/', signHeaders: [['X-A', '1'], ['x-a', '2']] }), 'duplicate_header');
  throwsKind(() => signer.sign({ method: 'GET', path: 'x'.repeat(70_000) }), 'input_too_large');
  throwsKind(() => q.kingdee.parseQuery('a=%zz'), 'invalid_percent_encoding');
  throwsKind(() => q.kingdee.percentDecode('/a%2'), 'invalid_percent_encoding');
  assert.equal(q.kingdee.percentDecode('/a%20b+c/%E7%89%A9'), '/a b+c/物');
});

test('kingdee verifier refusals carry their kind', () => {
  const out = q.kingdee.sign('id', 'secret', { method: 'GET', path: '/a', timestamp: 1_000_000, nonce: 'n' });
  // A fresh verifier per judgement: a verifier remembers what it accepted and the latest time
  // it has seen, which would otherwise decide the later cases.
  const fresh = () => new q.KingdeeVerifier('secret', { windowMs: 1000 });
  assert.equal(fresh().windowMs, 1000);
  const request = { method: 'GET', path: '/a', headers: out.headers };
  assert.equal(fresh().verify(request, 1_000_500).clientId, 'id');
  throwsKind(() => fresh().verify(request, 1_002_000), 'expired');
  throwsKind(() => fresh().verify(request, 998_000), 'future_timestamp');
  throwsKind(() => fresh().verify({ ...request, path: '/b' }, 1_000_000), 'signature_mismatch');
  const { 'X-Api-Nonce': _dropped, ...withoutNonce } = out.headers;
  throwsKind(() => fresh().verify({ ...request, headers: withoutNonce }, 1_000_000), 'missing_header');
  throwsKind(
    () => fresh().verify({ ...request, headers: { ...out.headers, 'X-Api-Auth-Version': '1.0' } }, 1_000_000),
    'unsupported_auth_version',
  );
  throwsKind(
    () => fresh().verify({ ...request, headers: { ...out.headers, 'X-Api-SignHeaders': 'X-Api-Nonce' } }, 1_000_000),
    'invalid_signed_headers',
  );
  throwsKind(() => new q.KingdeeVerifier('secret', { windowMs: -1 }), 'invalid_timestamp');
  throwsKind(() => fresh().verify(request, Infinity), 'invalid_timestamp');
  // Headers objects work as received headers (names lower-cased by fetch).
  assert.equal(fresh().verify({ ...request, headers: new Headers(out.headers) }, 1_000_000).nonce, 'n');
  // One verifier: the request works once; a replay in another header form is still one.
  const verifier = fresh();
  assert.equal(verifier.verify(request, 1_000_000).nonce, 'n');
  throwsKind(() => verifier.verify({ ...request, headers: new Headers(out.headers) }, 1_000_100), 'replayed');
  assert.equal(verifier.remembered, 1);
  // A full guard refuses rather than forgets.
  const small = new q.KingdeeVerifier('secret', { replayCapacity: 1 });
  small.verify(request, 1_000_000);
  const other = q.kingdee.sign('id', 'secret', { method: 'GET', path: '/a', timestamp: 1_000_000, nonce: 'm' });
  throwsKind(() => small.verify({ ...request, headers: other.headers }, 1_000_000), 'replay_cache_full');
});

test('verifier options are checked', () => {
  assert.throws(() => new q.KingdeeVerifier('s', { replayCapacity: 1.5 }), RangeError);
  assert.throws(() => new q.KingdeeVerifier('s', { replayCapacity: 2 ** 32 }), RangeError);
  assert.throws(() => new q.KingdeeVerifier('s', { lenientQuery: 'yes' }), TypeError);
  assert.throws(() => new q.KingdeeVerifier('s', { windowMs: '1000' }), TypeError);
  throwsKind(() => new q.KingdeeVerifier(''), 'empty_secret');
});

test('weaver refusals carry their kind', () => {
  throwsKind(() => q.weaver.sign('a', 'b', 'short', 1), 'invalid_key_length');
  throwsKind(() => new q.WeaverSigner('a', 'b', '中'.repeat(6)), 'invalid_key_length');
  const signer = new q.WeaverSigner('a', 'b', KEY);
  for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 64, '', '+1', '1e3', ' 1', '18446744073709551616', -1n]) {
    throwsKind(() => signer.sign(bad), 'invalid_timestamp');
  }
  assert.equal(signer.sign(18446744073709551615n), q.weaver.sign('a', 'b', KEY, '18446744073709551615'));
  // A fresh verifier per judgement of time (a verifier judges by the latest time it has seen).
  const options = { windowMs: 1000, maxFutureMs: 10, replayCapacity: 1 };
  const fresh = () => new q.WeaverVerifier('a', 'b', KEY, options);
  assert.equal(fresh().windowMs, 1000);
  throwsKind(() => fresh().verify('zz', 0), 'undecryptable');
  throwsKind(() => fresh().verify('00'.repeat(16), 0), 'undecryptable');
  throwsKind(() => fresh().verify(q.weaver.sign('other', 'b', KEY, 5), 5), 'sign_mismatch');
  throwsKind(() => fresh().verify(signer.sign(100), 2000), 'expired');
  throwsKind(() => fresh().verify(signer.sign(100), 50), 'future_timestamp');
  throwsKind(() => fresh().verify('ab'.repeat(600), 0), 'input_too_large');
  // One verifier, time moving forward: once, then a replay, then a full guard.
  const verifier = fresh();
  assert.deepEqual(verifier.verify(signer.sign(100), 100), { timestampMs: 100 });
  throwsKind(() => verifier.verify(signer.sign(100), 100), 'replayed');
  throwsKind(() => verifier.verify(signer.sign(101), 101), 'replay_cache_full');
  assert.equal(verifier.remembered, 1);
});

test('basic refusals carry their kind', () => {
  throwsKind(() => q.basic.credentials('a:b', 'c'), 'invalid_user_name');
  throwsKind(() => q.basic.parseAuthorization('Bearer abc'), 'invalid_scheme');
  throwsKind(() => q.basic.parseAuthorization('Basic !!!'), 'invalid_base64');
  throwsKind(() => q.basic.parseAuthorization(`Basic ${Buffer.from('nocolon').toString('base64')}`), 'missing_separator');
  throwsKind(() => q.basic.parseCredentials(Buffer.from([0xff, 0x3a]).toString('base64')), 'invalid_unicode');
});

test('lone surrogates are refused, never signed as U+FFFD', () => {
  const signer = new q.KingdeeSigner('id', 'secret');
  throwsKind(() => signer.sign({ method: 'GET', path: '/\uD800' }), 'invalid_unicode');
  // A surrogate pair split across two strings is two lone surrogates.
  throwsKind(() => signer.sign({ method: 'GET', path: '/', query: [['\uD83D', '\uDE00']] }), 'invalid_unicode');
  throwsKind(() => q.basic.authorizationHeader('\uDFFF', 'p'), 'invalid_unicode');
  // The same text with the replacement character signs fine and differently from nothing.
  const ok = signer.sign({ method: 'GET', path: '/\uFFFD', timestamp: 1, nonce: 'n' });
  assert.equal(ok.canonicalPath, '%2F%EF%BF%BD');
  // A well-formed astral character is fine.
  assert.equal(
    signer.sign({ method: 'GET', path: '/😀', timestamp: 1, nonce: 'n' }).canonicalPath,
    '%2F%F0%9F%98%80',
  );
});

test('wrong argument types are TypeErrors', () => {
  assert.throws(() => q.kingdee.appSignature(1, 'x'), TypeError);
  assert.throws(() => q.kingdee.appSignature('x'), TypeError);
  assert.throws(() => new q.KingdeeSigner('id', 's').sign(null), TypeError);
  assert.throws(() => new q.KingdeeSigner('id', 's').sign({ method: 'GET', path: '/', query: [['a', 1]] }), TypeError);
  assert.throws(() => new q.KingdeeSigner('id', 's').sign({ method: 'GET', path: '/', query: 'a=1' }), TypeError);
  assert.throws(() => new q.KingdeeVerifier('s').verify({ method: 'GET', path: '/', headers: [] }, '1'), TypeError);
  assert.throws(() => q.basic.authorizationHeader('u', 'p', 'bearer'), TypeError);
  assert.throws(() => new q.WeaverVerifier('a', 'b', KEY, { replayCapacity: -1 }), RangeError);
});

test('defaults: now and a random ten-digit nonce', () => {
  const signer = new q.KingdeeSigner('id', 'secret');
  const before = Date.now();
  const out = signer.sign({ method: 'GET', path: '/' });
  const ts = Number(out.headers['X-Api-TimeStamp']);
  assert.ok(ts >= before && ts <= Date.now());
  assert.match(out.headers['X-Api-Nonce'], /^\d{10}$/);
  const nonces = new Set(Array.from({ length: 50 }, () => signer.sign({ method: 'GET', path: '/' }).headers['X-Api-Nonce']));
  assert.ok(nonces.size >= 49, 'nonces repeat');
  assert.match(q.kingdee.nonce(), /^\d{10}$/);
  const verifier = new q.KingdeeVerifier('secret');
  assert.equal(verifier.verify({ method: 'GET', path: '/', headers: out.headers }).clientId, 'id');
  const sign = q.weaver.sign('a', 'b', KEY);
  const wv = new q.WeaverVerifier('a', 'b', KEY);
  const got = wv.verify(sign);
  assert.ok(got.timestampMs >= before && got.timestampMs <= Date.now());
});

test('issue-6 parsers: refusals carry the vendor data; bodies are bytes or text', () => {
  const refused = (fn, kind, refusal) =>
    assert.throws(fn, (e) => {
      assert.equal(e.name, 'QianmingError');
      assert.equal(e.kind, kind);
      assert.deepEqual(e.refusal, refusal);
      return true;
    });
  refused(
    () => q.kingdee.parseTokenAnswer('{"errcode":1001,"description":"签名错误"}', 1),
    'vendor_error',
    { code: '1001', message: '签名错误', batchkey: null },
  );
  refused(
    () => q.weaver.parseTokenAnswer(new TextEncoder().encode('{"status":false,"msg":"应用标识appid==>>x已被禁用","batchkey":"b1"}')),
    'appid_disabled',
    { code: null, message: '应用标识appid==>>x已被禁用', batchkey: 'b1' },
  );
  refused(
    () => q.apusic.parseSessionAnswer('{"message":"bad","exit_code":"FAILURE"}'),
    'login_failed',
    { code: 'FAILURE', message: 'bad', batchkey: null },
  );
  // A malformed answer is an error without refusal data.
  assert.throws(() => q.edge.parseTokenAnswer('<html>502</html>'), (e) => e.kind === 'invalid_json' && e.refusal === undefined);
  // Same answer as text, Uint8Array, other views and ArrayBuffer.
  const body = '{"errcode":0,"data":{"app-token":"tok","uid":"7"}}';
  const bytes = new TextEncoder().encode(body);
  for (const b of [body, bytes, new DataView(bytes.buffer), bytes.buffer]) {
    const t = q.kingdee.parseTokenAnswer(b, 1000);
    assert.deepEqual(t, { appToken: 'tok', uid: '7', description: null, expiresAtMs: 1000 + 86_400_000 });
  }
  throwsKind(() => q.oauth.parseTokenAnswer('access_token=\uD800'), 'invalid_unicode');
  throwsKind(() => q.oauth.parseUserinfoAnswer(''), 'account_not_bound');
  throwsKind(() => q.kingdee.parseTokenAnswer(Uint8Array.of(0xff, 0xfe), 1), 'invalid_json');
  assert.throws(() => q.weaver.parseTokenAnswer(42), TypeError);
  assert.throws(() => q.kingdee.parseTokenAnswer(body, '1'), TypeError);
});

test('issue-6 builders refuse header injection and bad URLs', () => {
  throwsKind(() => q.weaver.tokenRequest('https://oa', 'app\r\nX: 1', 'abc'), 'invalid_header_value');
  throwsKind(() => q.apusic.sessionRequest({ host: 'h', user: 'a', password: 'b', remoteHostName: '1\n2' }), 'invalid_header_value');
  throwsKind(() => q.apusic.sessionRequest({ host: 'h/evil', user: 'a', password: 'b', remoteHostName: '1' }), 'invalid_url');
  throwsKind(() => q.apusic.callHeaders('a;admin=1'), 'invalid_header_value');
  throwsKind(() => q.edge.xTokenHeader('a\r\nx: y'), 'invalid_header_value');
  throwsKind(() => q.oauth.authorizeUrl({ baseUrl: 'ftp://h', clientId: 'c', redirectUri: 'r' }), 'invalid_url');
  throwsKind(() => q.oauth.parseCallback('/cb?code=1&state=abc', 'xyz'), 'state_mismatch');
  throwsKind(() => q.oauth.pkceChallenge('short'), 'invalid_code_verifier');
  throwsKind(() => q.edge.readJwtClaims('nope'), 'invalid_jwt');
  throwsKind(() => q.token.action({ expS: -1, nowMs: 0 }), 'invalid_timestamp');
  assert.throws(() => q.token.action({ issuedAtMs: 1 }), TypeError);
  assert.throws(() => q.apusic.sessionRequest({ host: 'h', user: 'a', password: 'b', remoteHostName: '1', mode: 'bearer' }), TypeError);
  // The Weaver signer's token request carries a sign the verifier accepts.
  const req = new q.WeaverSigner('weaverappid', 'weaversecret', KEY).tokenRequest('https://oa.example.com/', 1_000_000);
  assert.equal(req.url, 'https://oa.example.com/api/cus/token/auth/getToken');
  const sign = req.headers.find(([n]) => n === 'sign')[1];
  const v = new q.WeaverVerifier('weaverappid', 'weaversecret', KEY);
  assert.equal(v.verify(sign, 1_000_100).timestampMs, 1_000_000);
  const seen = v.inspect(sign, 2_000_000);
  assert.equal(seen.ok, false);
  assert.equal(seen.error.kind, 'expired');
  assert.equal(seen.ageMs, 1_000_000);
  assert.equal(seen.md5Matches, true);
  throwsKind(() => v.inspect('zz'), 'undecryptable');
});

test('default nonces are ten digits and fresh, across refills of the random pool', () => {
  // 600 nonces span more than two refills of the 256-nonce pool. Ten random digits: a
  // repeat among 600 has a probability of about 2e-5.
  const signer = new q.KingdeeSigner('id', 'secret');
  const seen = new Set();
  for (let i = 0; i < 600; i++) {
    const nonce = signer.sign({ method: 'GET', path: '/' }).headers['X-Api-Nonce'];
    assert.match(nonce, /^[0-9]{10}$/);
    seen.add(nonce);
    seen.add(q.kingdee.nonce());
  }
  assert.equal(seen.size, 1200);
});
