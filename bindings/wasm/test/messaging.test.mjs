// WXBizMsgCrypt, DingTalk, Feishu and Yonyou beyond the vectors: the reply's default random
// prefix, round trips for any message, typed refusals and wrong argument types, the default
// token URL. (Every vector case runs in vectors.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as q from './all.mjs';
import { throwsKind } from './throws-kind.mjs';

// Tencent's sample (vectors/wecom.json, tencent-sample-*).
const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const RECEIVE_ID = 'wx5823bf96d3bd56c7';
const TOKEN = 'QDG6eK';

const reply = (message, extra = {}) =>
  q.wecom.encryptReply({
    encodingAesKey: KEY,
    receiveId: RECEIVE_ID,
    message,
    token: TOKEN,
    timestamp: '1700000000',
    nonce: 'n1',
    ...extra,
  });

test('encryptReply without random: fresh bytes each time, and the reply verifies and decrypts', () => {
  const message = '<xml><Content><![CDATA[你好]]></Content></xml>';
  const first = reply(message);
  const second = reply(message);
  // 16 fresh random bytes open every plaintext: the same message never encrypts alike.
  assert.notEqual(first.encrypt, second.encrypt);
  for (const out of [first, second]) {
    assert.match(out.signature, /^[0-9a-f]{40}$/);
    const callback = {
      token: TOKEN,
      encodingAesKey: KEY,
      receiveId: RECEIVE_ID,
      timestamp: '1700000000',
      nonce: 'n1',
      encrypt: out.encrypt,
      msgSignature: out.signature,
    };
    assert.equal(q.wecom.verifyAndDecrypt(callback), message);
    assert.equal(q.wecom.decrypt({ encodingAesKey: KEY, receiveId: RECEIVE_ID, encrypt: out.encrypt }), message);
    q.wecom.verifyMsgSignature({ ...callback, signature: out.signature });
    throwsKind(() => q.wecom.verifyAndDecrypt({ ...callback, receiveId: 'wx0000000000000000' }), 'sign_mismatch');
    throwsKind(() => q.wecom.verifyAndDecrypt({ ...callback, nonce: 'n2' }), 'signature_mismatch');
  }
});

test('encryptReply with random is deterministic and leaves the caller\'s bytes alone', () => {
  const random = Uint8Array.from({ length: 16 }, (_, i) => i);
  const a = reply('m', { random });
  assert.deepEqual(reply('m', { random }), a);
  assert.deepEqual(random, Uint8Array.from({ length: 16 }, (_, i) => i));
  // The timestamp may be a number or a bigint: the same digits.
  assert.deepEqual(reply('m', { random, timestamp: 1700000000 }), a);
  assert.deepEqual(reply('m', { random, timestamp: 1700000000n }), a);
  throwsKind(() => reply('m', { random: new Uint8Array(15) }), 'invalid_field');
  throwsKind(() => reply('m', { random: new Uint8Array(17) }), 'invalid_field');
  throwsKind(() => reply('m', { timestamp: 1.5 }), 'invalid_timestamp');
  throwsKind(() => reply('m', { encodingAesKey: KEY.slice(1) }), 'invalid_key_length');
  assert.throws(() => reply('m', { random: [0, 1, 2] }), TypeError);
  assert.throws(() => reply('m', { random: 'x'.repeat(16) }), TypeError);
});

test('any message round-trips for any receive id', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 40 }), (message, receiveId) => {
      const out = reply(message, { receiveId });
      assert.equal(q.wecom.decrypt({ encodingAesKey: KEY, receiveId, encrypt: out.encrypt }), message);
    }),
    { numRuns: 200 },
  );
});

test('messaging refusals carry their kind', () => {
  throwsKind(() => q.wecom.msgSignature({ token: 't', timestamp: '17e9', nonce: 'n', encrypt: 'e' }), 'invalid_timestamp');
  throwsKind(() => q.wecom.decrypt({ encodingAesKey: KEY, receiveId: RECEIVE_ID, encrypt: 'not base64!' }), 'invalid_base64');
  throwsKind(() => q.dingtalk.robotSign('', 1), 'empty_secret');
  throwsKind(() => q.dingtalk.robotSign('SEC1', -1), 'invalid_timestamp');
  throwsKind(() => q.dingtalk.robotSign('SEC1', 2n ** 64n), 'invalid_timestamp');
  throwsKind(() => q.feishu.botSign('', 1), 'empty_secret');
  throwsKind(() => q.feishu.decrypt('key', 'AAAA'), 'undecryptable');
  const event = { timestamp: '1', nonce: 'n', encryptKey: 'k', body: '{}' };
  throwsKind(() => q.feishu.verifyEventSignature({ ...event, signature: '0'.repeat(64) }), 'signature_mismatch');
  throwsKind(() => q.yonyou.signature('k', '', 1), 'empty_secret');
  throwsKind(() => q.yonyou.tokenRequest({ tokenUrl: 'ftp://x/', appKey: 'k', appSecret: 's' }), 'invalid_url');
  throwsKind(() => q.yonyou.parseTokenAnswer('{', 1), 'invalid_json');
  assert.throws(
    () => q.yonyou.parseTokenAnswer('{"code":"310036","message":"非法token"}', 1),
    (e) => e.kind === 'vendor_error' && e.refusal.code === '310036' && e.refusal.message === '非法token',
  );
});

test('messaging: wrong argument types are TypeErrors, lone surrogates invalid_unicode', () => {
  assert.throws(() => q.wecom.msgSignature(null), TypeError);
  assert.throws(() => q.wecom.msgSignature({ token: 1, timestamp: '1', nonce: 'n', encrypt: 'e' }), TypeError);
  assert.throws(() => q.wecom.decrypt({ encodingAesKey: KEY, encrypt: 'e' }), TypeError);
  assert.throws(() => q.dingtalk.robotSign('s', '1700000000000'), TypeError);
  assert.throws(() => q.feishu.botSign('s'), TypeError);
  assert.throws(() => q.feishu.eventSignature({ timestamp: '1', nonce: 'n', encryptKey: 'k', body: 1 }), TypeError);
  assert.throws(() => q.yonyou.tokenRequest('k'), TypeError);
  throwsKind(() => q.feishu.decrypt('\uD800', 'e'), 'invalid_unicode');
  throwsKind(() => q.wecom.msgSignature({ token: 't', timestamp: '1', nonce: '\uDC00', encrypt: 'e' }), 'invalid_unicode');
  throwsKind(() => q.yonyou.signature('k\uD800', 's', 1), 'invalid_unicode');
});

test('Feishu: the body as text or bytes signs alike', () => {
  const event = { timestamp: '1700000000', nonce: 'n1', encryptKey: 'ek_secret', body: '{"type":"event","中":1}' };
  const signature = q.feishu.eventSignature(event);
  const bytes = new TextEncoder().encode(event.body);
  assert.equal(q.feishu.eventSignature({ ...event, body: bytes }), signature);
  assert.equal(q.feishu.eventSignature({ ...event, body: bytes.buffer }), signature);
  q.feishu.verifyEventSignature({ ...event, body: bytes, signature });
});

test('Yonyou: the token URL defaults to the core\'s, the time to now', () => {
  const url = q.yonyou.defaultTokenUrl;
  assert.match(url, /^https:\/\//);
  const before = Date.now();
  const request = q.yonyou.tokenRequest({ appKey: 'k1', appSecret: 'secret' });
  assert.ok(request.url.startsWith(`${url}?appKey=k1&timestamp=`), request.url);
  const ts = Number(new URL(request.url).searchParams.get('timestamp'));
  assert.ok(ts >= before && ts <= Date.now());
  const signed = q.yonyou.signature('k1', 'secret', ts);
  assert.equal(new URL(request.url).searchParams.get('signature'), signed.signature);
  assert.deepEqual(request.headers, [['Accept', 'application/json']]);
  assert.equal(request.body, null);
  const token = q.yonyou.parseTokenAnswer('{"code":"00000","data":{"access_token":"t","expire":7200}}', 1000);
  assert.deepEqual(token, { accessToken: 't', expireS: 7200, message: null, expiresAtMs: 7201000 });
});
