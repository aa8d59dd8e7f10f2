// The npm package's side of the differential test: reads the CLI's --jsonl input for one
// operation on stdin and writes what the CLI would write (same field names), one line per line.
// Usage: node driver.mjs OPERATION PACKAGE_ENTRY < cases.jsonl
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
// JSON.parse would round integers beyond 2^53 (a u64 timestamp such as 2^53 + 1 signed as 2^53):
// the package's exact reader gives them as bigints, which the package takes.
import { parseJsonExact } from '../../bindings/wasm/test/vectors.mjs';

const [operation, entry] = process.argv.slice(2);
// The entry is the main module's (js/node.js); each subpath module's Node entry sits beside it.
const beside = (path) => import(new URL(path, pathToFileURL(entry)).href);
const [{ basic, edge, kingdee, weaver, KingdeeSigner }, { apusic, oauth }, { dingtalk, feishu, wecom, yonyou }, { k3cloud }, { ecology }] =
  await Promise.all(['./node.js', './apusic/node.js', './messaging/node.js', './k3cloud/node.js', './ecology/node.js'].map(beside));

const operations = {
  'kingdee-sign'(c) {
    const out = new KingdeeSigner(c.client_id, c.client_secret).sign({
      method: c.method, path: c.path, query: c.query, signHeaders: c.sign_headers,
      timestamp: c.timestamp, nonce: c.nonce,
    });
    return {
      canonical_path: out.canonicalPath, canonical_query: out.canonicalQuery, headers: out.headers,
      hmac_hex: out.hmacHex, signature: out.signature, signed_headers: out.signedHeaders,
      string_to_sign: out.stringToSign, wire_query: out.wireQuery,
    };
  },
  'kingdee-app-signature'(c) {
    const out = kingdee.explainAppSignature(c.app_key, c.app_secret);
    return { app_signature: out.appSignature, hmac_hex: out.hmacHex };
  },
  'weaver-sign'(c) {
    const out = weaver.explain(c.appid, c.secret, c.aes_key, c.timestamp_ms);
    return { md5_upper: out.md5Upper, plaintext: out.plaintext, sign: out.sign };
  },
  'basic-encode'(c) {
    return {
      authorization: basic.authorizationHeader(c.user, c.password),
      authorization_raw: basic.authorizationHeader(c.user, c.password, 'raw'),
      credentials: basic.credentials(c.user, c.password),
    };
  },
  'basic-decode'(c) {
    const out = basic.parseAuthorization(c.authorization);
    return { password: out.password, user: out.user };
  },
};

function bodyOf(c) {
  return 'body_hex' in c ? Uint8Array.from(Buffer.from(c.body_hex, 'hex')) : new TextEncoder().encode(c.body);
}
operations['kingdee-token-answer'] = (c) => {
  const t = kingdee.parseTokenAnswer(bodyOf(c), c.received_at_ms);
  return { app_token: t.appToken, description: t.description, expires_at_ms: t.expiresAtMs, uid: t.uid };
};
operations['weaver-token-answer'] = (c) => {
  const t = weaver.parseTokenAnswer(bodyOf(c), c.received_at_ms);
  return { batchkey: t.batchkey, expires_at_ms: t.expiresAtMs, msg: t.msg, token: t.token };
};

// One verifier per secret and window for the whole run, as the CLI keeps them (replays).
const kingdeeVerifiers = new Map();
operations['kingdee-verify'] = (c) => {
  const key = JSON.stringify([c.client_secret, c.window_ms ?? null]);
  if (!kingdeeVerifiers.has(key)) {
    const options = 'window_ms' in c ? { windowMs: c.window_ms } : {};
    kingdeeVerifiers.set(key, new kingdee.Verifier(c.client_secret, options));
  }
  const v = kingdeeVerifiers.get(key).verify(
    { method: c.method, path: c.path, query: c.query, headers: c.headers }, c.now_ms);
  return { client_id: v.clientId, nonce: v.nonce, timestamp_ms: v.timestampMs };
};
// One verifier per credential set for the whole run, as the CLI keeps them (replays).
const weaverVerifiers = new Map();
operations['weaver-verify'] = (c) => {
  const key = JSON.stringify([c.appid, c.secret, c.aes_key, c.window_ms ?? null]);
  if (!weaverVerifiers.has(key)) {
    const options = 'window_ms' in c ? { windowMs: c.window_ms } : {};
    weaverVerifiers.set(key, new weaver.Verifier(c.appid, c.secret, c.aes_key, options));
  }
  return { timestamp_ms: weaverVerifiers.get(key).verify(c.sign, c.now_ms).timestampMs };
};

operations['edge-token-answer'] = (c) => {
  const t = edge.parseTokenAnswer(bodyOf(c));
  return {
    access_token: t.accessToken, code: t.code, expire: t.expire, expires_at_ms: t.expiresAtMs,
    refresh_expires_at_ms: t.refreshExpiresAtMs, refresh_token: t.refreshToken, t: t.t,
  };
};
operations['edge-jwt'] = (c) => {
  const claims = edge.readJwtClaims(c.jwt);
  return { exp: claims.exp, iat: claims.iat, iss: claims.iss, nbf: claims.nbf, payload_json: claims.payloadJson };
};
operations['oauth-token-answer'] = (c) => {
  const t = oauth.parseTokenAnswer(bodyOf(c));
  return { access_token: t.accessToken, expires: t.expires };
};
operations['oauth-userinfo-answer'] = (c) => {
  const u = oauth.parseUserinfoAnswer(bodyOf(c));
  return { attributes: u.attributes, id: u.id };
};
operations['apusic-session-answer'] = (c) => {
  const t = apusic.parseSessionAnswer(bodyOf(c));
  return { message: t.message, token: t.token };
};

// WXBizMsgCrypt, DingTalk, Feishu, Yonyou: the CLI's --jsonl fields (crates/qianming-cli/src/*_cmd.rs).
operations['wecom-signature'] = (c) => ({
  signature: wecom.msgSignature({ token: c.token, timestamp: c.timestamp, nonce: c.nonce, encrypt: c.encrypt }),
});
operations['wecom-decrypt'] = (c) => ({
  message: wecom.decrypt({ encodingAesKey: c.encoding_aes_key, receiveId: c.receive_id, encrypt: c.encrypt }),
});
/** `random_hex` as bytes; text that is not hex gives no bytes, which the core refuses (invalid_field). */
function randomOf(hex) {
  return /^([0-9a-fA-F]{2})*$/.test(hex) ? Uint8Array.from(Buffer.from(hex, 'hex')) : new Uint8Array(0);
}
operations['wecom-encrypt'] = (c) => {
  const reply = wecom.encryptReply({
    encodingAesKey: c.encoding_aes_key, receiveId: c.receive_id, message: c.message, random: randomOf(c.random_hex),
    token: c.token, timestamp: c.timestamp, nonce: c.nonce,
  });
  return { encrypt: reply.encrypt, signature: reply.signature };
};
operations['dingtalk-robot-sign'] = (c) => {
  const s = dingtalk.robotSign(c.secret, c.timestamp_ms);
  return { sign: s.sign, sign_urlencoded: s.signUrlencoded };
};
operations['feishu-bot-sign'] = (c) => ({ sign: feishu.botSign(c.secret, c.timestamp) });
operations['feishu-decrypt'] = (c) => ({ plaintext: feishu.decrypt(c.encrypt_key, c.encrypt) });
// As the CLI: a given `signature` is checked first.
operations['feishu-event-signature'] = (c) => {
  const event = { timestamp: c.timestamp, nonce: c.nonce, encryptKey: c.encrypt_key, body: bodyOf(c) };
  if (c.signature !== undefined && c.signature !== null) feishu.verifyEventSignature({ ...event, signature: c.signature });
  return { signature: feishu.eventSignature(event) };
};
operations['yonyou-signature'] = (c) => {
  const s = yonyou.signature(c.app_key, c.app_secret, c.timestamp_ms);
  return { signature: s.signature, signature_urlencoded: s.signatureUrlencoded };
};
operations['yonyou-token-request'] = (c) => {
  const r = yonyou.tokenRequest({ tokenUrl: c.token_url, appKey: c.app_key, appSecret: c.app_secret, timestampMs: c.timestamp_ms });
  return { body: r.body, headers: r.headers, method: r.method, url: r.url };
};
operations['yonyou-token-answer'] = (c) => {
  const t = yonyou.parseTokenAnswer(bodyOf(c), c.received_at_ms);
  return { access_token: t.accessToken, expire_s: t.expireS, expires_at_ms: t.expiresAtMs, message: t.message };
};

// Kingdee K3Cloud and Weaver e-cology 9: the CLI's --jsonl fields (crates/qianming-cli/src/
// k3cloud_cmd.rs, ecology_cmd.rs); fields a line leaves out go to the package as undefined, so
// the package's defaults (the core's) meet the CLI's.
/** `seed_hex` as bytes; a line without it leaves the seed to the package (fresh random bytes), as the CLI. */
function seedOf(hex) {
  return hex === undefined || hex === null ? undefined : randomOf(hex);
}
function requestLine(r, extra = {}) {
  return { body: r.body, headers: r.headers, method: r.method, url: r.url, ...extra };
}
const k3cloudIdentity = (c) => ({
  acctId: c.acct_id, userName: c.user_name, appId: c.app_id, appSecret: c.app_secret, lcid: c.lcid,
});
operations['k3cloud-gateway-secret'] = (c) => {
  const g = k3cloud.gatewayCredentials(c.app_id);
  return { client_id: g.clientId, gateway_secret: g.gatewaySecret };
};
// As the CLI: signed first (its refusals come before the body's), then the whole request.
operations['k3cloud-sign'] = (c) => {
  const options = {
    ...k3cloudIdentity(c), orgNum: c.org_num, url: c.url, body: c.body ?? '{}',
    timestampUnit: c.timestamp_unit, timestampMs: c.timestamp_ms,
  };
  const signed = k3cloud.sign(options);
  return requestLine(k3cloud.request(options), {
    app_data: signed.appData, string_to_sign: signed.stringToSign, timestamp: signed.timestamp,
  });
};
operations['k3cloud-login-sign'] = (c) => ({
  sign: k3cloud.loginSign({
    acctId: c.acct_id, userName: c.user_name, appId: c.app_id, appSecret: c.app_secret,
    timestampS: c.timestamp_s, hash: c.hash,
  }),
});
operations['k3cloud-login-request'] = (c) =>
  requestLine(k3cloud.loginBySignRequest({ ...k3cloudIdentity(c), serverUrl: c.server_url, timestampS: c.timestamp_s, hash: c.hash }));
operations['k3cloud-app-secret-login-request'] = (c) =>
  requestLine(k3cloud.loginByAppSecretRequest({ ...k3cloudIdentity(c), serverUrl: c.server_url }));
operations['k3cloud-login-answer'] = (c) => {
  const s = k3cloud.parseLoginAnswer(bodyOf(c));
  return { is_success_by_api: s.isSuccessByApi, message: s.message, session_id: s.sessionId };
};
operations['ecology-server-key'] = (c) => {
  const key = ecology.serverKey(c.spk);
  return { bits: key.bits, max_plaintext_len: key.maxPlaintextLen };
};
operations['ecology-encrypt'] = (c) => ({
  ciphertext: ecology.encrypt({ spk: c.spk, plaintext: c.plaintext, seed: seedOf(c.seed_hex) }),
});
operations['ecology-regist-request'] = (c) =>
  requestLine(ecology.registRequest({ baseUrl: c.base_url, appid: c.appid, cpk: c.cpk }));
operations['ecology-regist-answer'] = (c) => {
  const r = ecology.parseRegistAnswer(bodyOf(c));
  return { message: r.message, secrit: r.secrit, spk: r.spk };
};
operations['ecology-token-request'] = (c) =>
  requestLine(ecology.applytokenRequest({
    baseUrl: c.base_url, appid: c.appid, spk: c.spk, secrit: c.secrit, seed: seedOf(c.seed_hex), timeS: c.time_s,
  }));
operations['ecology-token-answer'] = (c) => {
  const t = ecology.parseTokenAnswer(bodyOf(c), { receivedAtMs: c.received_at_ms, lifetimeS: c.lifetime_s });
  return { expires_at_ms: t.expiresAtMs, message: t.message, token: t.token };
};
operations['ecology-call-headers'] = (c) => ({
  headers: ecology.callHeaders({
    appid: c.appid, token: c.token, spk: c.spk, userid: c.userid, seed: seedOf(c.seed_hex),
  }),
});

/** JSON with bigints written as plain integers (the package gives integers above 2^53 − 1 as
 *  bigints; the CLI writes them as JSON numbers). Strings never hold the marker's quotes. */
function toJson(value) {
  const marked = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `\u0000bigint:${v}` : v));
  return marked.replace(/"\\u0000bigint:(\d+)"/g, '$1');
}

const run = operations[operation];
const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l !== '');
const out = [];
for (const line of lines) {
  let result;
  try {
    result = { ok: true, ...run(parseJsonExact(line)) };
  } catch (e) {
    if (typeof e?.kind !== 'string') throw e; // not a qianming refusal: a bug, stop here
    result = { ok: false, error: { kind: e.kind, message: e.message } };
    if (e.refusal) result.refusal = { batchkey: e.refusal.batchkey, code: e.refusal.code, message: e.refusal.message };
  }
  out.push(toJson(result));
}
process.stdout.write(out.join('\n') + '\n');
