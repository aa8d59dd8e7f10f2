// Property tests (fast-check): round trips through the core across the JS boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as q from 'qianming';

const RUNS = { numRuns: 300 };

// Any valid Unicode text, astral characters included (exercises the packed boundary).
const anyText = fc.string({ unit: 'binary', maxLength: 24 });
const headerSafe = fc.stringMatching(/^[!-~]([ -~]{0,14}[!-~])?$/);
const method = fc.constantFrom('GET', 'post', 'Put', 'DELETE', 'head', 'PATCH', 'options');
const uniqueQuery = fc.uniqueArray(fc.tuple(anyText, anyText), {
  maxLength: 6,
  selector: ([name]) => name,
});
const timestamp = fc.integer({ min: 0, max: 4_102_444_800_000 });

test('a signed Kingdee request verifies, and explain agrees with the signer', () => {
  fc.assert(
    fc.property(headerSafe, anyText.filter((s) => s !== ''), method, anyText, uniqueQuery, headerSafe, timestamp,
      (clientId, secret, m, path, query, nonce, ts) => {
        const signer = new q.KingdeeSigner(clientId, secret);
        const out = signer.sign({ method: m, path, query, timestamp: ts, nonce });
        const verifier = new q.KingdeeVerifier(secret);
        const received = { method: m, path, query, headers: out.headers };
        const verified = verifier.verify(received, ts + 1000);
        assert.equal(verified.clientId, clientId);
        assert.equal(verified.nonce, nonce);
        assert.equal(verified.timestampMs, ts);
        const explained = verifier.explain(received);
        assert.equal(explained.stringToSign, out.stringToSign);
        assert.equal(explained.canonicalPath, out.canonicalPath);
        assert.equal(explained.canonicalQuery, out.canonicalQuery);
        assert.equal(explained.expectedSignature, out.signature);
        assert.deepEqual(explained.signedHeaders, out.signedHeaders);
        signer.free();
        verifier.free();
      }),
    RUNS,
  );
});

test('the query order does not change the signature', () => {
  fc.assert(
    fc.property(uniqueQuery, fc.func(fc.integer()), (query, order) => {
      const signer = new q.KingdeeSigner('cid', 'secret');
      const shuffled = [...query].sort((a, b) => order(a[0]) - order(b[0]));
      const request = { method: 'GET', path: '/p', timestamp: '1', nonce: 'n' };
      const a = signer.sign({ ...request, query });
      const b = signer.sign({ ...request, query: shuffled });
      assert.equal(a.signature, b.signature);
      assert.equal(a.canonicalQuery, b.canonicalQuery);
    }),
    RUNS,
  );
});

test('the wire query decodes back to the pairs that were signed', () => {
  fc.assert(
    fc.property(uniqueQuery, (query) => {
      const out = q.kingdee.sign('cid', 'secret', { method: 'GET', path: '/', query, timestamp: 0, nonce: 'n' });
      const expected = query.filter(([name]) => name !== '');
      assert.deepEqual(q.kingdee.parseQuery(out.wireQuery), expected);
    }),
    RUNS,
  );
});

test('changing any query value is noticed by the verifier', () => {
  fc.assert(
    fc.property(uniqueQuery.filter((pairs) => pairs.some(([n]) => n !== '')), anyText, fc.nat(),
      (query, other, pick) => {
        const named = query.filter(([n]) => n !== '');
        const target = named[pick % named.length];
        fc.pre(target[1] !== other);
        const out = q.kingdee.sign('cid', 's', { method: 'POST', path: '/x', query, timestamp: 5, nonce: 'n' });
        const tampered = query.map(([n, v]) => (n === target[0] ? [n, other] : [n, v]));
        const verifier = new q.KingdeeVerifier('s');
        assert.throws(
          () => verifier.verify({ method: 'POST', path: '/x', query: tampered, headers: out.headers }, 5),
          (e) => e.kind === 'signature_mismatch',
        );
      }),
    RUNS,
  );
});

test('app_signature is Base64 of its HMAC hex', () => {
  fc.assert(
    fc.property(anyText, anyText.filter((s) => s !== ''), (key, secret) => {
      const out = q.kingdee.explainAppSignature(key, secret);
      assert.match(out.hmacHex, /^[0-9a-f]{64}$/);
      assert.equal(out.appSignature, Buffer.from(out.hmacHex).toString('base64'));
      assert.equal(q.kingdee.appSignature(key, secret), out.appSignature);
    }),
    RUNS,
  );
});

const aesKey = fc.constantFrom(16, 24, 32).chain((n) => fc.string({ unit: 'grapheme-ascii', minLength: n, maxLength: n }));

test('a Weaver sign verifies once, then is a replay', () => {
  fc.assert(
    fc.property(anyText, anyText, aesKey, timestamp, fc.integer({ min: 0, max: 300_000 }),
      (appid, secret, key, ts, age) => {
        const signer = new q.WeaverSigner(appid, secret, key);
        const sign = signer.sign(ts);
        assert.equal(sign, q.weaver.sign(appid, secret, key, ts));
        const explained = signer.explain(ts);
        assert.equal(explained.sign, sign);
        assert.equal(explained.plaintext, `${ts}_${q.weaver.md5Upper(appid, secret)}`);
        const verifier = new q.WeaverVerifier(appid, secret, key);
        assert.equal(verifier.verifyStateless(sign, ts + age).timestampMs, ts);
        assert.equal(verifier.remembered, 0);
        assert.deepEqual(verifier.verify(sign, ts + age), { timestampMs: ts, plaintext: explained.plaintext });
        assert.equal(verifier.remembered, 1);
        assert.throws(() => verifier.verify(sign, ts + age), (e) => e.kind === 'replayed');
        signer.free();
        verifier.free();
      }),
    RUNS,
  );
});

test('Basic credentials round trip, and a user with ":" is refused', () => {
  fc.assert(
    fc.property(anyText, anyText, (user, password) => {
      if (user.includes(':')) {
        assert.throws(() => q.basic.credentials(user, password), (e) => e.kind === 'invalid_user_name');
        return;
      }
      const header = q.basic.authorizationHeader(user, password);
      assert.equal(header, `Basic ${q.basic.credentials(user, password)}`);
      assert.deepEqual(q.basic.parseAuthorization(header), { user, password });
      assert.deepEqual(q.basic.parseCredentials(q.basic.authorizationHeader(user, password, 'raw')), {
        user,
        password,
      });
    }),
    RUNS,
  );
});

// A string with one lone surrogate somewhere: never valid Unicode.
const withLoneSurrogate = fc
  .tuple(anyText, fc.integer({ min: 0xd800, max: 0xdfff }), anyText)
  .map(([a, unit, b]) => {
    // Keep the surrogate lone: no partner right before or after it.
    const before = a.replace(/[\uD800-\uDBFF]$/, 'x');
    const after = b.replace(/^[\uDC00-\uDFFF]/, 'y');
    return before + String.fromCharCode(unit) + after;
  })
  .filter((s) => !s.isWellFormed?.() ?? true);

test('every string argument refuses lone surrogates with invalid_unicode', () => {
  const calls = [
    (s) => q.kingdee.appSignature(s, 'secret'),
    (s) => q.kingdee.appSignature('key', s),
    (s) => new q.KingdeeSigner(s, 'secret'),
    (s) => new q.KingdeeSigner('id', s),
    (s) => new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path: s }),
    (s) => new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path: '/', query: [[s, 'v']] }),
    (s) => new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path: '/', query: { name: s } }),
    (s) => new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path: '/', nonce: s }),
    (s) => new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path: '/', signHeaders: [['X-A', s]] }),
    (s) => new q.KingdeeVerifier('s').verify({ method: 'GET', path: '/', headers: [['X-Api-Nonce', s]] }, 0),
    (s) => q.kingdee.parseQuery(s),
    (s) => q.weaver.sign(s, 'secret', '0123456789abcdef', 1),
    (s) => new q.WeaverSigner('appid', s, '0123456789abcdef'),
    (s) => new q.WeaverVerifier('appid', 'secret', '0123456789abcdef').verify(s, 0),
    (s) => q.basic.credentials('user', s),
    (s) => q.basic.parseAuthorization(s),
  ];
  fc.assert(
    fc.property(withLoneSurrogate, fc.nat(calls.length - 1), (s, which) => {
      assert.throws(
        () => calls[which](s),
        (e) => e instanceof Error && e.name === 'QianmingError' && e.kind === 'invalid_unicode',
      );
    }),
    { numRuns: 500 },
  );
});

test('pathAndQuery is the path, then ? and the wire query when there is one', () => {
  fc.assert(
    fc.property(anyText, uniqueQuery, (path, query) => {
      const out = new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path, query, timestamp: 1, nonce: 'n' });
      assert.equal(out.pathAndQuery, out.wireQuery === '' ? path : `${path}?${out.wireQuery}`);
      assert.equal(out.toJSON().pathAndQuery, out.pathAndQuery);
    }),
    RUNS,
  );
});
