// The attacks of issue 14, each tried through the npm package's API the way an attacker would,
// and refused. (The Redis store shared by several servers: redis.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as q from './all.mjs';
import { throwsKind as refused } from './throws-kind.mjs';

const SECRET = '0123456789abcdef0123456789abcdef';
const T = 1_700_000_000_000;
const WINDOW = 300_000;

const signed = (request) => q.kingdee.sign('205022', SECRET, { method: 'GET', path: '/jdy/v2/a', timestamp: T, ...request });
const received = (out, extra = {}) => ({ method: 'GET', path: '/jdy/v2/a', headers: out.headers, ...extra });

test('Kingdee replay: a captured request works once, whatever the header spelling', () => {
  const out = signed({ nonce: '1234567890' });
  const verifier = new q.kingdee.Verifier(SECRET);
  assert.equal(verifier.verify(received(out), T + 1000).nonce, '1234567890');
  for (let i = 1; i <= 5; i++) refused(() => verifier.verify(received(out), T + 1000 + i), 'replayed');
  const lower = Object.entries(out.headers).map(([n, v]) => [n.toLowerCase(), v]);
  refused(() => verifier.verify(received(out, { headers: lower }), T + 2000), 'replayed');
  assert.equal(verifier.remembered, 1);
  // Another nonce is another request.
  assert.equal(verifier.verify(received(signed({ nonce: '1234567891' })), T + 2000).nonce, '1234567891');
  assert.equal(verifier.remembered, 2);
});

test('Weaver replay: a captured sign works once', () => {
  const key = '8fy6K39X6PIEEeOq';
  const sign = q.weaver.sign('weaverappid', 'weaversecret', key, T);
  const verifier = new q.weaver.Verifier('weaverappid', 'weaversecret', key);
  assert.deepEqual(verifier.verify(sign, T + 1000), { timestampMs: T });
  refused(() => verifier.verify(sign, T + 1001), 'replayed');
  refused(() => verifier.verify(sign.toUpperCase(), T + 1002), 'replayed');
});

test('a line feed smuggled into a signed header value is refused', () => {
  // Signed with A-1: v1 and A-2: v2; sent with A-1 carrying "v1\na-2:v2", A-2 left out and
  // X-Api-SignHeaders naming only A-1: the string to sign would be the same.
  const out = signed({ nonce: '1', signHeaders: [['A-1', 'v1'], ['A-2', 'v2']] });
  const honest = { ...out.headers, 'A-1': 'v1', 'A-2': 'v2' };
  assert.equal(new q.kingdee.Verifier(SECRET).verify(received(out, { headers: honest }), T).nonce, '1');
  const smuggled = {
    ...out.headers,
    'X-Api-SignHeaders': 'A-1,X-Api-Nonce,X-Api-TimeStamp',
    'A-1': 'v1\na-2:v2',
  };
  for (const verifier of [new q.kingdee.Verifier(SECRET), new q.kingdee.Verifier(SECRET, { lenientQuery: true })]) {
    refused(() => verifier.verify(received(out, { headers: smuggled }), T), 'invalid_header_value');
    refused(() => verifier.verifyStateless(received(out, { headers: smuggled }), T), 'invalid_header_value');
    refused(() => verifier.diagnose(received(out, { headers: smuggled }), T), 'invalid_header_value');
  }
  // A carriage return, or a value with a line feed that no header line follows, likewise.
  for (const value of ['v1\r\na-2:v2', 'v1\r', 'v1\n']) {
    refused(
      () => new q.kingdee.Verifier(SECRET).verify(received(out, { headers: { ...smuggled, 'A-1': value } }), T),
      'invalid_header_value',
    );
  }
});

test('unsigned query data: an empty-name pair is refused unless the verifier is lenient', () => {
  const out = signed({ nonce: '2', query: [['k', 'v']] });
  const query = q.kingdee.parseQuery('=anything&k=v');
  assert.deepEqual(query, [['', 'anything'], ['k', 'v']]);
  const request = received(out, { query });
  const strict = new q.kingdee.Verifier(SECRET);
  refused(() => strict.verify(request, T), 'unsigned_query_data');
  refused(() => strict.verifyStateless(request, T), 'unsigned_query_data');
  refused(() => strict.diagnose(request, T), 'unsigned_query_data');
  assert.equal(strict.remembered, 0);
  // The same request without the extra pair is the signed one.
  assert.equal(strict.verify(received(out, { query: [['k', 'v']] }), T).nonce, '2');
  // The vendor gateway's leniency, asked for explicitly.
  const lenient = new q.kingdee.Verifier(SECRET, { lenientQuery: true });
  assert.equal(lenient.verify(request, T).nonce, '2');
  refused(() => lenient.verify(request, T), 'replayed');
});

test('a clock stepped back does not reopen a Kingdee window', () => {
  const verifier = new q.kingdee.Verifier(SECRET);
  const first = signed({ nonce: '10' });
  assert.equal(verifier.verify(received(first), T).nonce, '10');
  // Time moves on past the first request's window: its entry is forgotten.
  const later = T + WINDOW + 60_000;
  const second = signed({ nonce: '11', timestamp: later });
  assert.equal(verifier.verify(received(second), later).nonce, '11');
  assert.equal(verifier.remembered, 1);
  // The clock steps back (NTP): the first request, replayed, is judged by the latest time seen.
  refused(() => verifier.verify(received(first), T + 1000), 'expired');
  // A request that is fresh at the latest time still works.
  const third = signed({ nonce: '12', timestamp: later });
  assert.equal(verifier.verify(received(third), later - 5000).nonce, '12');
});

test('a clock stepped back does not reopen a Weaver window', () => {
  const key = '8fy6K39X6PIEEeOq';
  const signer = new q.weaver.Signer('weaverappid', 'weaversecret', key);
  const verifier = new q.weaver.Verifier('weaverappid', 'weaversecret', key);
  const first = signer.sign(T);
  assert.equal(verifier.verify(first, T).timestampMs, T);
  const later = T + WINDOW + 60_000;
  assert.equal(verifier.verify(signer.sign(later), later).timestampMs, later);
  assert.equal(verifier.remembered, 1);
  refused(() => verifier.verify(first, T + 1000), 'expired');
});

test('OAuth: the callback check needs a non-empty expected state', () => {
  const callback = 'https://app.example.com/cb?code=586za9&state=s3cr3t';
  assert.deepEqual(q.oauth.parseCallback(callback, 's3cr3t'), { code: '586za9', state: 's3cr3t' });
  refused(() => q.oauth.parseCallback(callback, 'other'), 'state_mismatch');
  refused(() => q.oauth.parseCallback(callback, ''), 'invalid_field');
  refused(() => q.oauth.parseCallback('https://app.example.com/cb?code=586za9', 's3cr3t'), 'state_mismatch');
  assert.throws(() => q.oauth.parseCallback(callback), TypeError);
  assert.throws(() => q.oauth.parseCallback(callback, null), TypeError);
});

test('diagnose says why without revealing the signature; only explainRevealingSignature does', () => {
  const out = signed({ nonce: '3', query: [['id', '42']] });
  const verifier = new q.kingdee.Verifier(SECRET);
  const forged = received(out, { query: [['id', '43']] });
  const d = verifier.diagnose(forged, T);
  assert.deepEqual(Object.keys(d).sort(), [
    'canonicalPath',
    'canonicalQuery',
    'error',
    'ok',
    'signedHeaders',
    'stringToSign',
    'timestampMs',
  ]);
  assert.equal(d.ok, false);
  assert.equal(d.error.kind, 'signature_mismatch');
  assert.equal(d.canonicalQuery, 'id=43');
  assert.equal(d.timestampMs, null);
  const revealing = verifier.explainRevealingSignature(forged);
  assert.notEqual(revealing.expectedSignature, out.signature);
  const shown = JSON.stringify({ ...d, error: `${d.error.kind} ${d.error.message}` });
  for (const secret of [revealing.expectedSignature, revealing.hmacHex]) assert.ok(!shown.includes(secret));
  // Diagnosing changes no replay state; the honest request still works once.
  assert.equal(verifier.diagnose(received(out, { query: [['id', '42']] }), T).ok, true);
  assert.equal(verifier.remembered, 0);
  assert.equal(verifier.verify(received(out, { query: [['id', '42']] }), T).nonce, '3');
  // The deprecated name is the revealing one.
  assert.deepEqual(verifier.explain(forged), revealing);
});

test('verifyWith: a store that fails is a refusal, never an acceptance', async () => {
  const out = signed({ nonce: '4' });
  const verifier = new q.kingdee.Verifier(SECRET);
  const broken = { record: async () => Promise.reject(new Error('connection refused')) };
  await assert.rejects(verifier.verifyWith(broken, received(out), T), (e) => {
    assert.equal(e.kind, 'replay_store_unavailable');
    assert.equal(e.cause.message, 'connection refused');
    return true;
  });
  const throwing = {
    record() {
      throw new TypeError('bug');
    },
  };
  await assert.rejects(verifier.verifyWith(throwing, received(out), T), (e) => e.kind === 'replay_store_unavailable');
  await assert.rejects(verifier.verifyWith({}, received(out), T), TypeError);
  // A store's own refusals pass through with their kind.
  const seen = { record: async () => Promise.reject(q.replay.replayedError('held')) };
  await assert.rejects(verifier.verifyWith(seen, received(out), T), (e) => e.kind === 'replayed' && e.message === 'held');
  // The stateless path never touched the verifier's own guard.
  assert.equal(verifier.remembered, 0);
});
