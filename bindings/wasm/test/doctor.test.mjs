// The signature doctor's JavaScript surface beyond the vectors: options, verifiers, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as q from './all.mjs';

const SECRET = '0123456789abcdef0123456789abcdef';
const NOW = 1700000000000;
const WEAVER = ['weaverappid', 'weaversecret', '8fy6K39X6PIEEeOq'];

function signed(nonce) {
  const out = q.kingdee.sign('123456', SECRET, { method: 'GET', path: '/jdy/v2/x', query: [['q', 'a b']], timestamp: NOW, nonce });
  return { out, received: { method: 'GET', path: '/jdy/v2/x', query: [['q', 'a b']], headers: out.headers } };
}

test('a verifier is only read: replayed once it accepted the request', () => {
  const { received } = signed('4200000001');
  const verifier = new q.KingdeeVerifier(SECRET);
  assert.equal(q.doctor.kingdee(SECRET, received, { nowMs: NOW, verifier }).verdict, 'valid');
  assert.equal(verifier.remembered, 0);
  verifier.verify(received, NOW);
  const r = q.doctor.kingdee(SECRET, received, { nowMs: NOW, verifier });
  assert.deepEqual([r.verdict, r.mistakes, verifier.remembered], ['replayed', ['replayed'], 1]);
  verifier.free();
});

test('the window comes from the option, then the verifier, then five minutes', () => {
  const { received } = signed('4200000002');
  const late = NOW + 400_000;
  assert.equal(q.doctor.kingdee(SECRET, received, { nowMs: late }).verdict, 'expired');
  assert.equal(q.doctor.kingdee(SECRET, received, { nowMs: late, windowMs: 500_000 }).verdict, 'valid');
  const wide = new q.KingdeeVerifier(SECRET, { windowMs: 600_000 });
  const r = q.doctor.kingdee(SECRET, received, { nowMs: late, verifier: wide });
  assert.deepEqual([r.verdict, r.windowMs, r.timeDifferenceMs], ['valid', 600_000, 400_000]);
  wide.free();
});

test('a Weaver sign already accepted is replayed; explanations in both languages', () => {
  const sign = q.weaver.sign(...WEAVER, NOW);
  const verifier = new q.WeaverVerifier(...WEAVER);
  verifier.verify(sign, NOW);
  const r = q.doctor.weaver(...WEAVER, sign, { nowMs: NOW, verifier });
  assert.equal(r.verdict, 'replayed');
  assert.match(r.explanation, /already accepted/);
  assert.match(r.explanationZh, /已被接受过一次/);
  verifier.free();
});

test('a pasted curl command with its query encoded on the wire', () => {
  const { out } = signed('4200000003');
  const curl = `curl 'https://api.kingdee.com/jdy/v2/x?q=a+b' ${Object.entries(out.headers)
    .map(([k, v]) => `-H '${k}: ${v}'`)
    .join(' ')}`;
  const p = q.doctor.kingdeePasted(SECRET, curl, { nowMs: NOW });
  assert.deepEqual([p.method, p.target, p.query, p.body], ['GET', '/jdy/v2/x?q=a+b', [['q', 'a b']], null]);
  assert.equal(p.headers.length, 6);
  assert.equal(p.report.verdict, 'valid');
  assert.equal(p.report.clientId, '123456');
});

test('refusals keep the core kinds; wrong argument types are TypeErrors', () => {
  const kind = (fn) => {
    try {
      fn();
    } catch (error) {
      return error.kind ?? error.name;
    }
    return 'no error';
  };
  assert.equal(kind(() => q.doctor.kingdeePasted(SECRET, 'GET / HTTP/1.1\r\n\r\n', { format: 'wget' })), 'invalid_field');
  assert.equal(kind(() => q.doctor.kingdeePasted(SECRET, '{not json', { format: 'har' })), 'invalid_json');
  assert.equal(kind(() => q.doctor.kingdeePasted(SECRET, "curl 'https://h/a")), 'invalid_field');
  assert.equal(kind(() => q.doctor.kingdeePasted(SECRET, 'x'.repeat(10_000_000))), 'input_too_large');
  assert.equal(kind(() => q.doctor.kingdeePasted(SECRET, "curl 'https://h/\uD800'")), 'invalid_unicode');
  assert.equal(kind(() => q.doctor.weaver('a', 'b', 'short', '00')), 'invalid_key_length');
  assert.equal(kind(() => q.doctor.kingdee('', signed('4200000004').received)), 'empty_secret');
  assert.equal(kind(() => q.doctor.kingdee(SECRET, signed('4200000005').received, { nowMs: -1 })), 'invalid_timestamp');
  const weaverVerifier = new q.WeaverVerifier(...WEAVER);
  assert.equal(kind(() => q.doctor.kingdee(SECRET, signed('4200000006').received, { verifier: weaverVerifier })), 'TypeError');
  weaverVerifier.free();
  assert.equal(kind(() => q.doctor.weaver(...WEAVER, 42)), 'TypeError');
});

test('compareStringToSign names the typical mistake', () => {
  const built = signed('4200000007').out.stringToSign;
  assert.equal(q.doctor.compareStringToSign(built, built).identical, true);
  const c = q.doctor.compareStringToSign(built, built.replace('%2Fjdy', '/jdy'));
  assert.deepEqual([c.identical, c.line, c.column, c.part, c.mistake], [false, 2, 1, 'canonical_path', 'path_not_encoded']);
  assert.match(c.explanationZh, /路径未编码/);
  assert.equal(q.doctor.compareStringToSign(built, built.slice(0, -1)).mistake, 'missing_final_newline');
});

test('http.toCurl renders a signed request as the core does, and the doctor reads it back as valid', () => {
  const signer = new q.KingdeeSigner('205022', 'sec');
  const out = signer.sign({ method: 'GET', path: '/jdy/物料/a b', query: [['k', "it's"]], timestamp: 1700000000000, nonce: '42' });
  const curl = q.http.toCurl({
    method: out.method,
    url: `https://api.kingdee.com${out.pathAndQuery}`,
    headers: Object.entries(out.headers),
  });
  assert.ok(curl.startsWith("curl -X GET 'https://api.kingdee.com/jdy/%E7%89%A9%E6%96%99/a%20b?k=it"), curl);
  assert.ok(curl.endsWith('\n'));
  const found = q.doctor.kingdeePasted('sec', curl, { nowMs: 1700000000000 });
  assert.equal(found.report.verdict, 'valid');
  // A header that could not travel is refused by the core, not rendered.
  assert.throws(() => q.http.toCurl({ method: 'GET', url: 'https://h/', headers: [['X', 'a\r\nb']] }), (e) => e.kind === 'invalid_header_value');
  assert.throws(() => q.http.toCurl({ method: 'GET', url: 'https://h/a b', headers: [] }), (e) => e.kind === 'invalid_url');
  assert.equal(q.http.toCurl({ method: 'POST', url: 'https://h/', headers: [], body: '{}' }), "curl -X POST 'https://h/' \\\n  --data-raw '{}'\n");
});
