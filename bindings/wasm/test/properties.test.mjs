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

/** Whether any text of a result's fields holds `secret` (the expected signature, its HMAC). */
const reveals = (result, secret) => JSON.stringify(result, (_k, v) => (v instanceof Error ? v.message : v)).includes(secret);

test('a signed Kingdee request verifies once; diagnose and explainRevealingSignature agree with the signer', () => {
  fc.assert(
    fc.property(headerSafe, anyText.filter((s) => s !== ''), method, anyText, uniqueQuery, headerSafe, timestamp,
      (clientId, secret, m, path, query, nonce, ts) => {
        const signer = new q.KingdeeSigner(clientId, secret);
        const out = signer.sign({ method: m, path, query, timestamp: ts, nonce });
        const received = { method: m, path, query, headers: out.headers };
        const unsigned = query.some(([name]) => name === '');
        const strict = new q.KingdeeVerifier(secret);
        // A pair with an empty name is not covered by the signature: refused unless lenient.
        const verifier = unsigned ? new q.KingdeeVerifier(secret, { lenientQuery: true }) : strict;
        if (unsigned) {
          assert.throws(() => strict.verify(received, ts + 1000), (e) => e.kind === 'unsigned_query_data');
          assert.throws(() => strict.diagnose(received, ts + 1000), (e) => e.kind === 'unsigned_query_data');
          assert.equal(strict.remembered, 0);
        }
        const verified = verifier.verify(received, ts + 1000);
        assert.equal(verified.clientId, clientId);
        assert.equal(verified.nonce, nonce);
        assert.equal(verified.timestampMs, ts);
        assert.throws(() => verifier.verify(received, ts + 1000), (e) => e.kind === 'replayed');
        const explained = verifier.explainRevealingSignature(received);
        assert.equal(explained.stringToSign, out.stringToSign);
        assert.equal(explained.canonicalPath, out.canonicalPath);
        assert.equal(explained.canonicalQuery, out.canonicalQuery);
        assert.equal(explained.expectedSignature, out.signature);
        assert.deepEqual(explained.signedHeaders, out.signedHeaders);
        assert.deepEqual(verifier.explain(received), explained);
        // The safe form: the same canonical parts and the verdict, never the signature.
        const tampered = { ...received, headers: { ...out.headers, 'X-Api-Signature': 'forged' } };
        for (const [request, ok] of [[received, true], [tampered, false]]) {
          const d = verifier.diagnose(request, ts + 1000);
          assert.equal(d.stringToSign, out.stringToSign);
          assert.equal(d.canonicalPath, out.canonicalPath);
          assert.equal(d.canonicalQuery, out.canonicalQuery);
          assert.deepEqual(d.signedHeaders, out.signedHeaders);
          assert.equal(d.ok, ok);
          assert.equal(d.timestampMs, ok ? ts : null);
          assert.equal(d.error?.kind ?? null, ok ? null : 'signature_mismatch');
          assert.ok(!reveals(d, out.signature) && !reveals(d, out.hmacHex), 'diagnose reveals the signature');
        }
        signer.free();
        strict.free();
        if (verifier !== strict) verifier.free();
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
        // Lenient: empty-name pairs, which the generator makes too, are let through, so the
        // refusal can only come from the signature.
        const verifier = new q.KingdeeVerifier('s', { lenientQuery: true });
        assert.throws(
          () => verifier.verify({ method: 'POST', path: '/x', query: tampered, headers: out.headers }, 5),
          (e) => e.kind === 'signature_mismatch',
        );
        // Strict (the default) refuses it too, for the empty name if there is one.
        const unsigned = query.some(([n]) => n === '');
        assert.throws(
          () => new q.KingdeeVerifier('s').verify({ method: 'POST', path: '/x', query: tampered, headers: out.headers }, 5),
          (e) => e.kind === (unsigned ? 'unsigned_query_data' : 'signature_mismatch'),
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
        const stateless = verifier.verifyStateless(sign, ts + age);
        assert.equal(stateless.replayExpiresAtMs, ts + 300_000);
        assert.equal(stateless.replayTtlMs, q.replay.ttlMs(stateless, ts + age));
        assert.ok(stateless.replayTtlMs >= 1 && stateless.replayKey.startsWith('weaver:'));
        assert.equal(verifier.remembered, 0);
        // Never the decrypted plaintext: its MD5 part is as secret as the secret.
        assert.deepEqual(verifier.verify(sign, ts + age), { timestampMs: ts });
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

test('pathAndQuery is the encoded path, then ? and the wire query when there is one', () => {
  fc.assert(
    fc.property(anyText, uniqueQuery, (path, query) => {
      const out = new q.KingdeeSigner('id', 'secret').sign({ method: 'GET', path, query, timestamp: 1, nonce: 'n' });
      const target = out.pathAndQuery;
      const at = target.indexOf('?');
      const encodedPath = at < 0 ? target : target.slice(0, at);
      assert.equal(at < 0 ? '' : target.slice(at + 1), out.wireQuery);
      assert.equal(at < 0, out.wireQuery === '');
      // The path travels percent-encoded ("/" kept): nothing in it can end the path, start a
      // query or a fragment, and a server decoding it gets the signed path back.
      assert.match(encodedPath, /^[A-Za-z0-9\-._~/%]*$/);
      assert.equal(decodeURIComponent(encodedPath), path);
      assert.equal(q.kingdee.percentDecode(encodedPath), path);
      assert.equal(encodedPath.split('/').length, path.split('/').length);
      // HTTP clients resolve "." and ".." segments (RFC 3986 §5.2.4), which the encoding keeps.
      if (!path.split('/').some((segment) => segment === '.' || segment === '..')) {
        const rooted = encodedPath.startsWith('/') ? encodedPath : `/${encodedPath}`;
        assert.equal(new URL(target, 'http://gateway.invalid').pathname, rooted);
      }
      assert.equal(out.toJSON().pathAndQuery, target);
      // The core's own decoding of the whole target gives back what was signed.
      const decoded = q.kingdee.parseRequestTarget(target);
      assert.equal(decoded.path, path);
      assert.deepEqual(decoded.query, q.kingdee.parseQuery(out.wireQuery));
    }),
    RUNS,
  );
});

test('the request target a signer gives verifies once decoded as a server decodes it', () => {
  // Without "." and ".." segments, which HTTP clients resolve away before sending.
  const paths = anyText.map((p) => `/${p}`).filter((p) => !p.split('/').some((s) => s === '.' || s === '..'));
  fc.assert(
    fc.property(paths, uniqueQuery.map((qs) => qs.filter(([n]) => n !== '')), (path, query) => {
      const out = q.kingdee.sign('id', 'secret', { method: 'GET', path, query, timestamp: 1000, nonce: 'n' });
      const url = new URL(out.pathAndQuery, 'http://gateway.invalid');
      const received = {
        method: 'GET',
        path: q.kingdee.percentDecode(url.pathname),
        query: q.kingdee.parseQuery(url.search.slice(1)),
        headers: out.headers,
      };
      assert.equal(new q.KingdeeVerifier('secret').verify(received, 1000).nonce, 'n');
    }),
    RUNS,
  );
});
