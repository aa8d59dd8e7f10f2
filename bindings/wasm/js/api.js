// The public JavaScript API of qianming: camelCase namespaces over the wasm-bindgen exports.
//
// This file only converts types. Every algorithm (hashing, encoding, canonicalisation,
// validation of the values themselves) runs in the Rust core compiled to WebAssembly.
// What happens here:
//   * arguments are checked to be JavaScript strings, and strings that are not valid
//     Unicode (a lone UTF-16 surrogate) are refused with kind `invalid_unicode` before
//     anything converts them to UTF-8 (which would silently turn them into U+FFFD);
//   * several strings cross the boundary as one ("packed") with their lengths, and several
//     results come back as one string, so a signature costs one call into WebAssembly;
//   * "now" (Date.now()) and 64 random bits (crypto.getRandomValues) are supplied when the
//     caller leaves the timestamp or the nonce out; the core formats the nonce. A WeCom
//     reply's random prefix and an e-cology encryption's seed, left out, are drawn
//     the same way.
//
// Nothing here touches the WebAssembly module while this file is evaluated: init.js
// instantiates it (node.js and browser.js call it first); until then `core` refuses every use.

import { core } from './glue.js';
import { describe, entropy, kingdeeTimestamp, Pack, pairsOf, text } from './convert.js';
import { SignerCall } from './signing.js';

/** `value` as a JavaScript number, or a thrown TypeError (the core checks its range). */
function number(value, what) {
  if (typeof value !== 'number') {
    throw new TypeError(`${what} must be a number, not ${describe(value)}`);
  }
  return value;
}

/**
 * Splits a packed result `"<len>,<len>,…;<fields>"` into its fields; a length written `-`
 * is a field without a value (`null`).
 */
function unpack(packed) {
  const semi = packed.indexOf(';');
  const fields = [];
  let at = semi + 1;
  let n = 0;
  let none = false;
  for (let i = 0; i < semi; i++) {
    const c = packed.charCodeAt(i);
    if (c === 44) {
      fields.push(none ? null : packed.slice(at, (at += n)));
      n = 0;
      none = false;
    } else if (c === 45) {
      none = true;
    } else {
      n = n * 10 + (c - 48);
    }
  }
  if (semi > 0) fields.push(none ? null : packed.slice(at, at + n));
  return fields;
}

/** Fields `from`… as `[name, value]` pairs. */
function pairsFrom(f, from, to = f.length) {
  const pairs = [];
  for (let i = from; i + 1 < to; i += 2) pairs.push([f[i], f[i + 1]]);
  return pairs;
}

/** A packed request (method, URL, body, header pairs) starting at field `from`. */
function requestFrom(f, from = 0) {
  return { method: f[from], url: f[from + 1], headers: pairsFrom(f, from + 3), body: f[from + 2] };
}

/**
 * A `u64` the core gave as decimal text: a number when it is exact as one (up to 2^53 − 1),
 * else a bigint; `null` stays `null`.
 */
function u64(digits) {
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : BigInt(digits);
}

/** A signed 128-bit difference the core gave as decimal text, like `u64`. */
const i128 = u64;

/** A whole number of milliseconds (number or bigint) as decimal text; the core checks it. */
function u64Text(value, what) {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError(`${what} must be a number or a bigint, not ${describe(value)}`);
}

function optionalU64Text(value, what) {
  return value === undefined || value === null ? undefined : u64Text(value, what);
}

function optionalText(value, what) {
  return value === undefined || value === null ? undefined : text(value, what);
}

const encoder = new TextEncoder();
/**
 * An answer body as bytes: a Uint8Array (or any ArrayBuffer view, or an ArrayBuffer) as is,
 * a string as its UTF-8 (refused if it is not valid Unicode).
 */
function bytes(value, what = 'the answer body') {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === 'string') return encoder.encode(text(value, what));
  throw new TypeError(`${what} must be a Uint8Array or a string, not ${describe(value)}`);
}

function receivedAt(value) {
  return value === undefined || value === null ? String(Date.now()) : u64Text(value, 'receivedAtMs');
}

function objectArg(value, what) {
  if (value === null || typeof value !== 'object') throw new TypeError(`${what} must be an object`);
  return value;
}

let headerNames;
/** The names of the six headers the signer sets, in the core's order. */
function signerHeaderNames() {
  headerNames ??= Object.freeze(core.kingdeeSignerHeaderNames().split(','));
  return headerNames;
}

function ms(value) {
  if (value === undefined || value === null) return Date.now();
  return number(value, 'nowMs');
}

function optionalNumber(options, name) {
  const value = options?.[name];
  return value === undefined || value === null ? undefined : number(value, name);
}

// ---------------------------------------------------------------- Kingdee

/**
 * `app_signature = Base64(hex(HMAC-SHA256(appSecret, appKey)))`.
 * @param {string} appKey
 * @param {string} appSecret
 * @returns {string}
 */
function appSignature(appKey, appSecret) {
  return core.kingdeeAppSignature(text(appKey, 'the app key'), text(appSecret, 'the app secret'));
}

/** `app_signature` with its HMAC hex: `{hmacHex, appSignature}`. */
function explainAppSignature(appKey, appSecret) {
  const f = unpack(
    core.kingdeeExplainAppSignature(text(appKey, 'the app key'), text(appSecret, 'the app secret')),
  );
  return { hmacHex: f[0], appSignature: f[1] };
}

/** A fresh nonce in the vendor SDK's form (ten digits) from crypto.getRandomValues (pooled). */
function nonce() {
  const e = entropy();
  return core.kingdeeNonceFromEntropy(e[0], e[1]);
}

/** Decodes a query string as it arrives on the wire into `[name, value]` pairs. */
function parseQuery(raw) {
  const f = unpack(core.kingdeeParseQuery(text(raw, 'the query string')));
  const pairs = [];
  for (let i = 0; i < f.length; i += 2) pairs.push([f[i], f[i + 1]]);
  return pairs;
}

/**
 * Decodes a request target as it travels (`/path?query`, percent-encoded) the way the gateway
 * does before checking the signature: `{path, query}` for the verifier.
 */
function parseRequestTarget(target) {
  const f = unpack(core.kingdeeParseRequestTarget(text(target, 'the request target')));
  const query = [];
  for (let i = 1; i < f.length; i += 2) query.push([f[i], f[i + 1]]);
  return { path: f[0], query };
}

/** Decodes a path as it arrives on the request line (`%XX` a byte, `+` kept), for the verifier. */
function percentDecode(encoded) {
  return core.percentDecode(text(encoded, 'the path'));
}

/**
 * A request signature: every part is sliced out of one string when first read (the headers
 * object too), so signing costs one string from WebAssembly whatever the caller reads.
 */
class SigningResult {
  #text;
  #layout;
  #path;
  #headers;
  constructor(text, layout, path) {
    this.#text = text;
    this.#layout = layout;
    this.#path = path;
  }
  #part(i) {
    return this.#text.slice(this.#layout[2 + 2 * i], this.#layout[3 + 2 * i]);
  }
  /** The upper-case method. */
  get method() {
    return this.#part(0);
  }
  /** `G(path)`. */
  get canonicalPath() {
    return this.#part(1);
  }
  /** The canonical query. */
  get canonicalQuery() {
    return this.#part(2);
  }
  /** The exact text that was MACed. */
  get stringToSign() {
    return this.#part(3);
  }
  /** Lower-case hex of the HMAC. */
  get hmacHex() {
    return this.#part(4);
  }
  /** The value of `X-Api-Signature`. */
  get signature() {
    return this.#part(5);
  }
  /** The query string to put on the wire. */
  get wireQuery() {
    return this.#part(6);
  }
  /** The signed header names, in signing order. */
  get signedHeaders() {
    return this.#part(7).split(',');
  }
  /** As the core's `SigningOutput::path_and_query`: the path, then `?` and the wire query. */
  get pathAndQuery() {
    return core.kingdeePathAndQuery(this.#path, this.wireQuery);
  }
  /** The six `X-Api-*` headers to send (a fresh object on first read, then the same one). */
  get headers() {
    if (this.#headers === undefined) {
      const names = signerHeaderNames();
      const headers = {};
      for (let i = 0; i < 6; i++) headers[names[i]] = this.#part(8 + i);
      this.#headers = headers;
    }
    return this.#headers;
  }
  /** A plain object with every part (what `JSON.stringify` and `console.log` show). */
  toJSON() {
    return {
      headers: this.headers,
      stringToSign: this.stringToSign,
      canonicalQuery: this.canonicalQuery,
      canonicalPath: this.canonicalPath,
      signedHeaders: this.signedHeaders,
      hmacHex: this.hmacHex,
      signature: this.signature,
      wireQuery: this.wireQuery,
      pathAndQuery: this.pathAndQuery,
      method: this.method,
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toJSON();
  }
}

/** Signs Kingdee gateway requests for one client; the HMAC is keyed once. */
export class KingdeeSigner {
  #core;
  #call;

  /**
   * @param {string} clientId
   * @param {string} clientSecret
   */
  constructor(clientId, clientSecret) {
    this.#core = new core.KingdeeSignerCore(
      text(clientId, 'the client id'),
      text(clientSecret, 'the client secret'),
    );
    this.#call = new SignerCall(this.#core, core.wasmMemory);
  }

  /** The client id this signer signs for. */
  get clientId() {
    return this.#core.clientId;
  }

  /**
   * Signs a request: the headers to send and every intermediate.
   * @param {{method: string, path: string, query?: any, signHeaders?: any,
   *          timestamp?: string|number|bigint, nonce?: string}} request
   */
  sign(request) {
    return this.#call.sign(request, SigningResult);
  }

  /**
   * The signed `GET …/jdyconnector/app_management/kingdee_auth_token` request of this client
   * for an app: `{method, url, headers, body, appSignature, stringToSign, signature}`.
   * @param {{baseUrl: string, appKey: string, appSecret: string, uid?: string|null,
   *          timestamp?: string|number|bigint, nonce?: string}} options
   */
  tokenRequest(options) {
    objectArg(options, 'the token request options');
    let high = 0;
    let low = 0;
    if (options.nonce === undefined || options.nonce === null) {
      const e = entropy();
      high = e[0];
      low = e[1];
    }
    const f = unpack(
      this.#core.tokenRequest(
        text(options.baseUrl, 'baseUrl'),
        text(options.appKey, 'the app key'),
        text(options.appSecret, 'the app secret'),
        optionalText(options.uid, 'uid'),
        kingdeeTimestamp(options.timestamp),
        optionalText(options.nonce, 'the nonce'),
        high,
        low,
      ),
    );
    return { ...requestFrom(f, 3), appSignature: f[0], stringToSign: f[1], signature: f[2] };
  }

  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free() {
    this.#core.free();
  }
}

function receivedPack(request) {
  if (request === null || typeof request !== 'object') {
    throw new TypeError('the request must be an object {method, path, query?, headers}');
  }
  const p = new Pack();
  p.add(request.method, 'the method');
  p.add(request.path, 'the path');
  const query = pairsOf(request.query, 'the query');
  for (let i = 0; i < query.length; i++) {
    p.add(query[i][0], 'a query name');
    p.add(query[i][1], 'a query value');
  }
  const headers = pairsOf(request.headers, 'the headers');
  for (let i = 0; i < headers.length; i++) {
    p.add(headers[i][0], 'a header name');
    p.add(headers[i][1], 'a header value');
  }
  return [p, query.length];
}

/** A replay capacity option: a whole number from 0 to 2^32 − 1, or undefined. */
function capacityOption(options) {
  const capacity = optionalNumber(options, 'replayCapacity');
  if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 0 && capacity <= 0xffffffff)) {
    throw new RangeError('replayCapacity must be a whole number from 0 to 2^32-1');
  }
  return capacity;
}

/** The replay ticket fields of a packed stateless result, starting at field `from`. */
function ticketFrom(f, from) {
  return { replayKey: f[from], replayExpiresAtMs: Number(f[from + 1]), replayTtlMs: Number(f[from + 2]) };
}

/**
 * What replay stores shared by several servers need from the core (a store records a
 * ticket's `replayKey` for `ttlMs` atomically, or refuses it).
 */
export const replay = Object.freeze({
  /**
   * How long a store must keep `ticket` (anything with `replayExpiresAtMs`, such as a
   * `verifyStateless` result), seen at `nowMs` (default now): computed by the core, at least 1.
   */
  ttlMs(ticket, nowMs) {
    objectArg(ticket, 'the replay ticket');
    return u64(core.replayTtlMs(u64Text(ticket.replayExpiresAtMs, 'replayExpiresAtMs'), ms(nowMs)));
  },
  /** A `QianmingError` of kind `replayed`, for a store that already holds the key. */
  replayedError(message) {
    return core.replayedError(text(message, 'the message'));
  },
  /**
   * A `QianmingError` of kind `replay_store_unavailable`, for a store that cannot answer (the
   * request is refused: fail closed); `cause` becomes the error's `.cause`.
   */
  storeUnavailableError(message, cause) {
    const error = core.replayStoreUnavailableError(text(message, 'the message'));
    if (cause !== undefined) error.cause = cause;
    return error;
  },
});

/**
 * Records a stateless result's ticket in `store`; a store failure that is not one of the two
 * replay refusals becomes `replay_store_unavailable` (fail closed, never accepted).
 */
async function recordIn(store, ticket, now) {
  if (store === null || typeof store !== 'object' || typeof store.record !== 'function') {
    throw new TypeError('the replay store must be an object with record(ticket, nowMs)');
  }
  try {
    await store.record(ticket, now);
  } catch (error) {
    if (error?.name === 'QianmingError' && (error.kind === 'replayed' || error.kind === 'replay_store_unavailable')) {
      throw error;
    }
    throw replay.storeUnavailableError(`the replay store failed (${error?.message ?? error}); the request is refused`, error);
  }
}

/** The core object behind a `KingdeeVerifier` / `WeaverVerifier` (for the doctor only). */
let kingdeeCoreOf;
let weaverCoreOf;

/** Verifies received Kingdee-signed requests against one client secret. */
export class KingdeeVerifier {
  #core;

  static {
    kingdeeCoreOf = (verifier) => verifier.#core;
  }

  /**
   * @param {string} clientSecret
   * @param {{windowMs?: number, replayCapacity?: number, lenientQuery?: boolean}} [options]
   */
  constructor(clientSecret, options) {
    const lenient = options?.lenientQuery;
    if (lenient !== undefined && lenient !== null && typeof lenient !== 'boolean') {
      throw new TypeError('lenientQuery must be a boolean');
    }
    this.#core = new core.KingdeeVerifierCore(
      text(clientSecret, 'the client secret'),
      optionalNumber(options, 'windowMs'),
      capacityOption(options),
      lenient ?? undefined,
    );
  }

  /** The timestamp window in milliseconds (both directions). */
  get windowMs() {
    return this.#core.windowMs;
  }

  /** How many requests the replay guard remembers. */
  get remembered() {
    return this.#core.remembered;
  }

  /**
   * Verifies a received request at `nowMs` (default: now) and remembers its client id and
   * nonce: the same request is refused (`replayed`) afterwards. Returns `{clientId,
   * timestampMs, nonce}`.
   */
  verify(request, nowMs) {
    const [p, queryCount] = receivedPack(request);
    const f = unpack(this.#core.verify(p.text, p.lens, queryCount, ms(nowMs)));
    return { clientId: f[0], timestampMs: Number(f[1]), nonce: f[2] };
  }

  /**
   * Verifies without replay state: `{clientId, timestampMs, nonce, replayKey,
   * replayExpiresAtMs, replayTtlMs}`. Alone it accepts a replay: record the ticket in a
   * store shared by every server (`verifyWith` does both).
   */
  verifyStateless(request, nowMs) {
    const [p, queryCount] = receivedPack(request);
    const f = unpack(this.#core.verifyStateless(p.text, p.lens, queryCount, ms(nowMs)));
    return { clientId: f[0], timestampMs: Number(f[1]), nonce: f[2], ...ticketFrom(f, 3) };
  }

  /**
   * `verifyStateless`, then `await store.record(result, nowMs)` (e.g. a `RedisReplayStore`
   * from 'qianming/redis'): `{clientId, timestampMs, nonce}`, or a refusal (`replayed`,
   * `replay_store_unavailable` when the store fails).
   */
  async verifyWith(store, request, nowMs) {
    const now = ms(nowMs);
    const verified = this.verifyStateless(request, now);
    await recordIn(store, verified, now);
    return { clientId: verified.clientId, timestampMs: verified.timestampMs, nonce: verified.nonce };
  }

  /**
   * Why a request would be refused at `nowMs` (default: now), safe to log or to answer the
   * client: `{canonicalPath, canonicalQuery, signedHeaders, stringToSign, ok, timestampMs,
   * error}`, never the expected signature. Changes no replay state; throws only for a request
   * too malformed to rebuild.
   */
  diagnose(request, nowMs) {
    const [p, queryCount] = receivedPack(request);
    const found = this.#core.diagnose(p.text, p.lens, queryCount, ms(nowMs));
    try {
      const f = unpack(found.parts());
      const error = found.error;
      return {
        canonicalPath: f[0],
        canonicalQuery: f[1],
        signedHeaders: f.slice(4),
        stringToSign: f[2],
        ok: error === null,
        timestampMs: f[3] === null ? null : Number(f[3]),
        error,
      };
    } finally {
      found.free();
    }
  }

  /**
   * **Reveals the signature the request should carry**: to debug your own client only,
   * never to send back to a client (it lets anyone forge requests). Servers use `diagnose`.
   */
  explainRevealingSignature(request) {
    const [p, queryCount] = receivedPack(request);
    const f = unpack(this.#core.explainRevealingSignature(p.text, p.lens, queryCount));
    return {
      canonicalPath: f[0],
      canonicalQuery: f[1],
      stringToSign: f[2],
      hmacHex: f[3],
      expectedSignature: f[4],
      receivedSignature: f[5],
      signedHeaders: f.slice(6),
    };
  }

  /**
   * @deprecated Reveals the expected signature: servers use `diagnose`; to debug a client,
   * `explainRevealingSignature` (this old name is kept as an alias).
   */
  explain(request) {
    return this.explainRevealingSignature(request);
  }

  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free() {
    this.#core.free();
  }
}

/** One-shot request signing (a signer made, used once and freed). */
function kingdeeSign(clientId, clientSecret, request) {
  const signer = new KingdeeSigner(clientId, clientSecret);
  try {
    return signer.sign(request);
  } finally {
    signer.free();
  }
}

/** One-shot token request: `{clientId, clientSecret, baseUrl, appKey, appSecret, …}`. */
function kingdeeTokenRequest(options) {
  objectArg(options, 'the token request options');
  const signer = new KingdeeSigner(options.clientId, options.clientSecret);
  try {
    return signer.tokenRequest(options);
  } finally {
    signer.free();
  }
}

/**
 * Parses the answer of the token request: `{appToken, uid, description, expiresAtMs}`
 * (24 h after `receivedAtMs`, default now). `errcode` ≠ 0 throws kind `vendor_error` with
 * `.refusal = {code, message, batchkey}`.
 */
function kingdeeParseTokenAnswer(body, receivedAtMs) {
  const f = unpack(core.kingdeeParseTokenAnswer(bytes(body), receivedAt(receivedAtMs)));
  return { appToken: f[0], uid: f[1], description: f[2], expiresAtMs: u64(f[3]) };
}

export const kingdee = Object.freeze({
  appSignature,
  explainAppSignature,
  nonce,
  parseQuery,
  parseRequestTarget,
  percentDecode,
  sign: kingdeeSign,
  tokenRequest: kingdeeTokenRequest,
  parseTokenAnswer: kingdeeParseTokenAnswer,
  Signer: KingdeeSigner,
  Verifier: KingdeeVerifier,
});

// ---------------------------------------------------------------- Weaver

function unpackExplanation(packed) {
  const f = unpack(packed);
  return { md5Upper: f[0], plaintext: f[1], sign: f[2] };
}

/** A Weaver timestamp as decimal text (numbers take a faster path in WeaverSigner). */
function weaverTimestampText(value) {
  if (value === undefined) return String(Date.now());
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return text(value, 'the timestamp');
}

/** Signs Weaver archive-token requests for one appid: MD5 and AES key schedule done once. */
export class WeaverSigner {
  #core;

  /**
   * @param {string} appid
   * @param {string} secret
   * @param {string} aesKey 16, 24 or 32 UTF-8 bytes
   */
  constructor(appid, secret, aesKey) {
    this.#core = new core.WeaverSignerCore(
      text(appid, 'the appid'),
      text(secret, 'the secret'),
      text(aesKey, 'the AES key'),
    );
  }

  /** The appid this signer signs for. */
  get appid() {
    return this.#core.appid;
  }

  /** The sign (lower-case hex) for `timestampMs` (default: now). */
  sign(timestampMs) {
    if (timestampMs === undefined) return this.#core.signNumber(Date.now());
    if (typeof timestampMs === 'number') return this.#core.signNumber(timestampMs);
    return this.#core.signText(weaverTimestampText(timestampMs));
  }

  /** The sign with its intermediates: `{md5Upper, plaintext, sign}`. */
  explain(timestampMs) {
    return unpackExplanation(this.#core.explainText(weaverTimestampText(timestampMs)));
  }

  /** The `POST …/api/cus/token/auth/getToken` request with a sign for `timestampMs` (default now). */
  tokenRequest(baseUrl, timestampMs) {
    return requestFrom(unpack(this.#core.tokenRequest(text(baseUrl, 'baseUrl'), weaverTimestampText(timestampMs))));
  }

  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free() {
    this.#core.free();
  }
}

/** The Weaver server-side verifier, holding the core's replay guard. */
export class WeaverVerifier {
  #core;

  static {
    weaverCoreOf = (verifier) => verifier.#core;
  }

  /**
   * @param {string} appid
   * @param {string} secret
   * @param {string} aesKey
   * @param {{windowMs?: number, maxFutureMs?: number, replayCapacity?: number}} [options]
   */
  constructor(appid, secret, aesKey, options) {
    const capacity = capacityOption(options);
    this.#core = new core.WeaverVerifierCore(
      text(appid, 'the appid'),
      text(secret, 'the secret'),
      text(aesKey, 'the AES key'),
      optionalNumber(options, 'windowMs'),
      optionalNumber(options, 'maxFutureMs'),
      capacity,
    );
  }

  /**
   * Verifies `sign` at `nowMs` (default: now) and remembers it: the same sign is refused
   * (`replayed`) afterwards. Returns `{timestampMs}` (never the decrypted plaintext, whose
   * MD5 part is as secret as the secret).
   */
  verify(sign, nowMs) {
    return { timestampMs: Number(this.#core.verify(text(sign, 'the sign'), ms(nowMs))) };
  }

  /**
   * Verifies without replay state: `{timestampMs, replayKey, replayExpiresAtMs,
   * replayTtlMs}`. Alone it accepts a replay: record the ticket in a store shared by every
   * server (`verifyWith` does both).
   */
  verifyStateless(sign, nowMs) {
    const f = unpack(this.#core.verifyStateless(text(sign, 'the sign'), ms(nowMs)));
    return { timestampMs: Number(f[0]), ...ticketFrom(f, 1) };
  }

  /**
   * `verifyStateless`, then `await store.record(result, nowMs)`: `{timestampMs}`, or a
   * refusal (`replayed`, `replay_store_unavailable` when the store fails).
   */
  async verifyWith(store, sign, nowMs) {
    const now = ms(nowMs);
    const verified = this.verifyStateless(sign, now);
    await recordIn(store, verified, now);
    return { timestampMs: verified.timestampMs };
  }

  /**
   * What a received sign holds and why the server would refuse it, at `nowMs` (default now),
   * without remembering it: `{plaintext, timestampMs, ageMs, md5Upper, md5Matches, ok,
   * error}`. For debugging: the plaintext and its MD5 are as secret as the secret (never log
   * them or send them to a client). Throws only when the sign cannot be decrypted at all (`undecryptable`,
   * `input_too_large`).
   */
  inspect(sign, nowMs) {
    const found = this.#core.inspect(text(sign, 'the sign'), ms(nowMs));
    try {
      const error = found.error;
      return {
        plaintext: found.plaintext,
        timestampMs: u64(found.timestampMs ?? null),
        ageMs: i128(found.ageMs ?? null),
        md5Upper: found.md5Upper ?? null,
        md5Matches: found.md5Matches,
        ok: error === null,
        error,
      };
    } finally {
      found.free();
    }
  }

  /** How many signs the replay guard remembers. */
  get remembered() {
    return this.#core.remembered;
  }

  /** The validity window in milliseconds. */
  get windowMs() {
    return this.#core.windowMs;
  }

  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free() {
    this.#core.free();
  }
}

function weaverArgs(appid, secret, aesKey) {
  return [text(appid, 'the appid'), text(secret, 'the secret'), text(aesKey, 'the AES key')];
}

export const weaver = Object.freeze({
  /** The sign for `timestampMs` (default: now). */
  sign(appid, secret, aesKey, timestampMs) {
    return core.weaverSign(...weaverArgs(appid, secret, aesKey), weaverTimestampText(timestampMs));
  },
  /** The sign with its intermediates: `{md5Upper, plaintext, sign}`. */
  explain(appid, secret, aesKey, timestampMs) {
    return unpackExplanation(
      core.weaverExplain(...weaverArgs(appid, secret, aesKey), weaverTimestampText(timestampMs)),
    );
  },
  /** Upper-case hex MD5 of `appid:secret`, the part of the plaintext naming the client. */
  md5Upper(appid, secret) {
    return core.weaverMd5Upper(text(appid, 'the appid'), text(secret, 'the secret'));
  },
  /** The `POST …/api/cus/token/auth/getToken` request carrying `appid` and `sign`. */
  tokenRequest(baseUrl, appid, sign) {
    return requestFrom(
      unpack(core.weaverTokenRequest(text(baseUrl, 'baseUrl'), text(appid, 'the appid'), text(sign, 'the sign'))),
    );
  },
  /** One-shot: the token request with a fresh sign for `timestampMs` (default now). */
  signedTokenRequest(baseUrl, appid, secret, aesKey, timestampMs) {
    const signer = new WeaverSigner(appid, secret, aesKey);
    try {
      return signer.tokenRequest(baseUrl, timestampMs);
    } finally {
      signer.free();
    }
  },
  /**
   * Parses `{"batchkey","msg","status","token"}`: `{token, msg, batchkey, expiresAtMs}` (30 min
   * after `receivedAtMs`, default now). `status: false` throws the kind its message maps to,
   * with `.refusal = {code, message, batchkey}`.
   */
  parseTokenAnswer(body, receivedAtMs) {
    const f = unpack(core.weaverParseTokenAnswer(bytes(body), receivedAt(receivedAtMs)));
    return { token: f[0], msg: f[1], batchkey: f[2], expiresAtMs: u64(f[3]) };
  },
  Signer: WeaverSigner,
  Verifier: WeaverVerifier,
  WeaverVerifier,
});

// ---------------------------------------------------------------- Basic

function unpackCredentials(packed) {
  const f = unpack(packed);
  return { user: f[0], password: f[1] };
}

export const basic = Object.freeze({
  /** `Base64(user ":" password)`. */
  credentials(user, password) {
    return core.basicCredentials(text(user, 'the user name'), text(password, 'the password'));
  },
  /** `Basic <credentials>` (mode `basic`, the default) or the bare credentials (`raw`). */
  authorizationHeader(user, password, mode = 'basic') {
    return core.basicAuthorizationHeader(
      text(user, 'the user name'),
      text(password, 'the password'),
      text(mode, 'the mode'),
    );
  },
  /** Parses a received `Authorization: Basic …` header: `{user, password}`. */
  parseAuthorization(header) {
    return unpackCredentials(core.basicParseAuthorization(text(header, 'the Authorization header')));
  },
  /** Parses bare Basic credentials: `{user, password}`. */
  parseCredentials(value) {
    return unpackCredentials(core.basicParseCredentials(text(value, 'the credentials')));
  },
});

// ---------------------------------------------------------------- Apusic management

export const apusic = Object.freeze({
  /** `https://<host>:6848` for a host name, an IPv4 or a bracketed IPv6 address. */
  baseUrlForHost(host) {
    return core.apusicBaseUrlForHost(text(host, 'the host'));
  },
  /**
   * `POST https://<host>:6848/management/sessions`: give `host` or `baseUrl`, `user`,
   * `password`, `remoteHostName`, and optionally `mode` (`basic`, the default, or `raw`).
   */
  sessionRequest(options) {
    objectArg(options, 'the session request options');
    const base =
      options.host !== undefined && options.host !== null
        ? apusic.baseUrlForHost(options.host)
        : text(options.baseUrl, 'baseUrl');
    return requestFrom(
      unpack(
        core.apusicSessionRequest(
          base,
          text(options.user, 'the user name'),
          text(options.password, 'the password'),
          text(options.mode ?? 'basic', 'the mode'),
          text(options.remoteHostName, 'remoteHostName'),
        ),
      ),
    );
  },
  /**
   * Parses `{"message","exit_code","extraProperties":{"token"}}`: `{token, message}`. An exit
   * code other than `SUCCESS` throws kind `login_failed` with `.refusal`.
   */
  parseSessionAnswer(body) {
    const f = unpack(core.apusicParseSessionAnswer(bytes(body)));
    return { token: f[0], message: f[1] };
  },
  /**
   * The headers of later calls, as `[name, value]` pairs: the token cookie (`cookieName`,
   * default `gfrestdtoken`), `X-Auth-Token` when `xAuthToken`, `X-Requested-By: Apusic`.
   */
  callHeaders(token, options) {
    const cookieName = options?.cookieName ?? core.apusicDefaultTokenCookie();
    const xAuthToken = options?.xAuthToken ?? false;
    if (typeof xAuthToken !== 'boolean') throw new TypeError('xAuthToken must be a boolean');
    return pairsFrom(unpack(core.apusicCallHeaders(text(token, 'the token'), text(cookieName, 'cookieName'), xAuthToken)), 0);
  },
});

// ---------------------------------------------------------------- Apusic OAuth 2.0

export const oauth = Object.freeze({
  /** The PKCE S256 challenge of a code verifier (43–128 characters of A–Z a–z 0–9 - . _ ~). */
  pkceChallenge(codeVerifier) {
    return core.oauthPkceChallenge(text(codeVerifier, 'the code verifier'));
  },
  /** The authorize URL: `{baseUrl, clientId, redirectUri, state?, codeVerifier?}`. */
  authorizeUrl(options) {
    objectArg(options, 'the authorize URL options');
    return core.oauthAuthorizeUrl(
      text(options.baseUrl, 'baseUrl'),
      text(options.clientId, 'the client id'),
      text(options.redirectUri, 'redirectUri'),
      optionalText(options.state, 'state'),
      optionalText(options.codeVerifier, 'the code verifier'),
    );
  },
  /** Parses the callback URL or query string: `{code, state}`; `expectedState` (required, not empty) must match. */
  parseCallback(urlOrQuery, expectedState) {
    const f = unpack(core.oauthParseCallback(text(urlOrQuery, 'the callback'), text(expectedState, 'the expected state')));
    return { code: f[0], state: f[1] };
  },
  /** The token exchange: `{baseUrl, clientId, clientSecret, redirectUri, code, codeVerifier?}`. */
  tokenRequest(options) {
    objectArg(options, 'the token request options');
    return requestFrom(
      unpack(
        core.oauthTokenRequest(
          text(options.baseUrl, 'baseUrl'),
          text(options.clientId, 'the client id'),
          text(options.clientSecret, 'the client secret'),
          text(options.redirectUri, 'redirectUri'),
          text(options.code, 'the code'),
          optionalText(options.codeVerifier, 'the code verifier'),
        ),
      ),
    );
  },
  /** Parses the token answer (form-encoded or JSON): `{accessToken, expires}`. */
  parseTokenAnswer(body) {
    const f = unpack(core.oauthParseTokenAnswer(bytes(body)));
    return { accessToken: f[0], expires: u64(f[1]) };
  },
  /** The user info request for an access token. */
  userinfoRequest(baseUrl, accessToken) {
    return requestFrom(unpack(core.oauthUserinfoRequest(text(baseUrl, 'baseUrl'), text(accessToken, 'the access token'))));
  },
  /**
   * Parses the user info answer: `{id, attributes}` (`[name, value]` pairs). An empty body
   * throws `account_not_bound`; `expired_accessToken` throws `token_expired`.
   */
  parseUserinfoAnswer(body) {
    const f = unpack(core.oauthParseUserinfoAnswer(bytes(body)));
    return { id: f[0], attributes: pairsFrom(f, 1) };
  },
});

// ---------------------------------------------------------------- IoT edge gateway

export const edge = Object.freeze({
  /** `POST <base>/v1.0/openapi/auth/login` with the JSON body. */
  loginRequest(baseUrl, username, password) {
    return requestFrom(
      unpack(core.edgeLoginRequest(text(baseUrl, 'baseUrl'), text(username, 'the user name'), text(password, 'the password'))),
    );
  },
  /** `POST <base>/v1.0/openapi/token/<refreshToken>` (the token as one path segment). */
  refreshRequest(baseUrl, refreshToken) {
    return requestFrom(unpack(core.edgeRefreshRequest(text(baseUrl, 'baseUrl'), text(refreshToken, 'the refresh token'))));
  },
  /** The `x-token` header as `[name, value]`. */
  xTokenHeader(accessToken) {
    const f = unpack(core.edgeXTokenHeader(text(accessToken, 'the access token')));
    return [f[0], f[1]];
  },
  /**
   * Parses a login or refresh answer: `{accessToken, refreshToken, expire, t, code,
   * expiresAtMs, refreshExpiresAtMs}`. `success: false` throws `login_failed` with `.refusal`.
   */
  parseTokenAnswer(body) {
    const f = unpack(core.edgeParseTokenAnswer(bytes(body)));
    return {
      accessToken: f[0],
      refreshToken: f[1],
      expire: u64(f[2]),
      t: u64(f[3]),
      code: f[4],
      expiresAtMs: u64(f[5]),
      refreshExpiresAtMs: u64(f[6]),
    };
  },
  /** The claims of a JWT, signature NOT checked: `{exp, iat, nbf, iss, payloadJson}`. */
  readJwtClaims(jwt) {
    const f = unpack(core.edgeReadJwtClaims(text(jwt, 'the JWT')));
    return { exp: u64(f[0]), iat: u64(f[1]), nbf: u64(f[2]), iss: f[3], payloadJson: f[4] };
  },
});

// ---------------------------------------------------------------- WXBizMsgCrypt (WeCom, WeChat, DingTalk callbacks)

/** A decimal text argument that may also be given as a number or bigint (the core checks the digits). */
function digitsText(value, what) {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return text(value, what);
}

/** token, timestamp, nonce and encrypt of `options`, in the core's order. */
function signedText(options) {
  return [
    text(options.token, 'the token'),
    digitsText(options.timestamp, 'the timestamp'),
    text(options.nonce, 'the nonce'),
    text(options.encrypt, 'the encrypt text'),
  ];
}

let randomLength;
/** The random prefix of a reply: the caller's Uint8Array, or `null` to draw one. */
function callerRandom(random) {
  if (random === undefined || random === null) return null;
  if (!(random instanceof Uint8Array)) {
    throw new TypeError(`random must be a Uint8Array, not ${describe(random)}`);
  }
  return random;
}

export const wecom = Object.freeze({
  /**
   * `msg_signature`: lower-case hex SHA-1 of `{token, timestamp, nonce, encrypt}` sorted and
   * concatenated (the timestamp decimal digits, as a string, number or bigint).
   */
  msgSignature(options) {
    objectArg(options, 'the msg_signature inputs');
    return core.wecomMsgSignature(...signedText(options));
  },
  /**
   * Checks a received `signature` against `{token, timestamp, nonce, encrypt}` in constant
   * time: returns nothing, throws `signature_mismatch`.
   */
  verifyMsgSignature(options) {
    objectArg(options, 'the msg_signature inputs');
    core.wecomVerifyMsgSignature(...signedText(options), text(options.signature, 'the signature'));
  },
  /**
   * The message inside `encrypt` (a callback's `Encrypt` or a URL check's `echostr`) for
   * `{encodingAesKey, receiveId, encrypt}`; a message made for another receive id throws
   * `sign_mismatch`, a wrong key `undecryptable`. Check the signature first (`verifyAndDecrypt`).
   */
  decrypt(options) {
    objectArg(options, 'the decrypt options');
    return core.wecomDecrypt(
      text(options.encodingAesKey, 'the EncodingAESKey'),
      text(options.receiveId, 'the receive id'),
      text(options.encrypt, 'the encrypt text'),
    );
  },
  /**
   * A passive reply: `message` encrypted for `receiveId` and signed with `token`, `timestamp`
   * and `nonce`: `{encrypt, signature}`. `random`: the 16 bytes that open the plaintext
   * (default: fresh ones from crypto.getRandomValues).
   */
  encryptReply(options) {
    objectArg(options, 'the reply options');
    const given = callerRandom(options.random);
    let random = given;
    if (random === null) {
      randomLength ??= core.wecomRandomLen();
      random = globalThis.crypto.getRandomValues(new Uint8Array(randomLength));
    }
    try {
      const f = unpack(
        core.wecomEncryptReply(
          text(options.encodingAesKey, 'the EncodingAESKey'),
          text(options.receiveId, 'the receive id'),
          text(options.message, 'the message'),
          random,
          text(options.token, 'the token'),
          digitsText(options.timestamp, 'the timestamp'),
          text(options.nonce, 'the nonce'),
        ),
      );
      return { encrypt: f[0], signature: f[1] };
    } finally {
      if (given === null) random.fill(0);
    }
  },
  /**
   * A received callback (`VerifyURL` / `DecryptMsg`): `msgSignature` checked first
   * (`signature_mismatch`), then the message decrypted and returned.
   */
  verifyAndDecrypt(options) {
    objectArg(options, 'the callback');
    return core.wecomVerifyAndDecrypt(
      text(options.token, 'the token'),
      text(options.encodingAesKey, 'the EncodingAESKey'),
      text(options.receiveId, 'the receive id'),
      digitsText(options.timestamp, 'the timestamp'),
      text(options.nonce, 'the nonce'),
      text(options.encrypt, 'the encrypt text'),
      text(options.msgSignature, 'the msg_signature'),
    );
  },
});

// ---------------------------------------------------------------- DingTalk, Feishu

export const dingtalk = Object.freeze({
  /**
   * The custom robot's sign for `timestampMs` (milliseconds, the `timestamp` the webhook URL
   * carries): `{sign, signUrlencoded}` (the latter is the `sign` query value).
   */
  robotSign(secret, timestampMs) {
    const f = unpack(core.dingtalkRobotSign(text(secret, 'the robot secret'), u64Text(timestampMs, 'timestampMs')));
    return { sign: f[0], signUrlencoded: f[1] };
  },
});

/** The fields of a received Feishu event, in the core's order. */
function feishuEvent(options) {
  objectArg(options, 'the event');
  return [
    text(options.timestamp, 'the X-Lark-Request-Timestamp'),
    text(options.nonce, 'the X-Lark-Request-Nonce'),
    text(options.encryptKey, 'the Encrypt Key'),
    bytes(options.body, 'the body'),
  ];
}

export const feishu = Object.freeze({
  /** The custom bot's sign for `timestamp` (**seconds**, sent beside it in the webhook body). */
  botSign(secret, timestamp) {
    return core.feishuBotSign(text(secret, 'the bot secret'), u64Text(timestamp, 'the timestamp'));
  },
  /** The plaintext of an encrypted event (`{"encrypt": "…"}`) for the app's Encrypt Key. */
  decrypt(encryptKey, encrypt) {
    return core.feishuDecrypt(text(encryptKey, 'the Encrypt Key'), text(encrypt, 'the encrypt text'));
  },
  /**
   * `X-Lark-Signature` of `{timestamp, nonce, encryptKey, body}` (the two `X-Lark-Request-*`
   * header values and the raw body, bytes or text).
   */
  eventSignature(options) {
    return core.feishuEventSignature(...feishuEvent(options));
  },
  /** Checks a received `signature` in constant time: returns nothing, throws `signature_mismatch`. */
  verifyEventSignature(options) {
    const event = feishuEvent(options);
    core.feishuVerifyEventSignature(...event, text(options.signature, 'the signature'));
  },
});

// ---------------------------------------------------------------- Yonyou YonBIP

let yonyouTokenUrl;

export const yonyou = Object.freeze({
  /**
   * The token request's signature for `timestampMs`: `{signature, signatureUrlencoded}` (the
   * latter is the `signature` query value).
   */
  signature(appKey, appSecret, timestampMs) {
    const f = unpack(
      core.yonyouSignature(text(appKey, 'the appKey'), text(appSecret, 'the appSecret'), u64Text(timestampMs, 'timestampMs')),
    );
    return { signature: f[0], signatureUrlencoded: f[1] };
  },
  /**
   * `GET <tokenUrl>?appKey=…&timestamp=…&signature=…`: `{tokenUrl?, appKey, appSecret,
   * timestampMs?}`, the URL by default `yonyou.defaultTokenUrl`, the time now.
   */
  tokenRequest(options) {
    objectArg(options, 'the token request options');
    const url = options.tokenUrl === undefined || options.tokenUrl === null ? yonyou.defaultTokenUrl : options.tokenUrl;
    return requestFrom(
      unpack(
        core.yonyouTokenRequest(
          text(url, 'tokenUrl'),
          text(options.appKey, 'the appKey'),
          text(options.appSecret, 'the appSecret'),
          options.timestampMs === undefined || options.timestampMs === null
            ? String(Date.now())
            : u64Text(options.timestampMs, 'timestampMs'),
        ),
      ),
    );
  },
  /**
   * Parses `{"code","message","data":{"access_token","expire"}}`: `{accessToken, expireS,
   * message, expiresAtMs}` (`expire` seconds after `receivedAtMs`, default now). A code other
   * than `00000` throws kind `vendor_error` with `.refusal`.
   */
  parseTokenAnswer(body, receivedAtMs) {
    const f = unpack(core.yonyouParseTokenAnswer(bytes(body), receivedAt(receivedAtMs)));
    return { accessToken: f[0], expireS: u64(f[1]), message: f[2], expiresAtMs: u64(f[3]) };
  },
  /** The public cloud's token URL (the core's `DEFAULT_TOKEN_URL`). */
  get defaultTokenUrl() {
    yonyouTokenUrl ??= core.yonyouDefaultTokenUrl();
    return yonyouTokenUrl;
  },
});

// ---------------------------------------------------------------- Kingdee K3Cloud WebAPI

/** An optional locale id (a number; the core checks it), `undefined` for the core's default. */
function lcidOf(value) {
  return value === undefined || value === null ? undefined : number(value, 'lcid');
}

/** acctId, userName, appId and appSecret of `options`, in the core's order. */
function k3cloudAuthorisation(options) {
  return [
    text(options.acctId, 'the acctId'),
    text(options.userName, 'the userName'),
    text(options.appId, 'the appId'),
    text(options.appSecret, 'the appSecret'),
  ];
}

/** The authorisation, then the locale (and the organisation when `withOrg`). */
function k3cloudIdentity(options, withOrg) {
  const id = [...k3cloudAuthorisation(options), lcidOf(options.lcid)];
  if (withOrg) id.push(optionalText(options.orgNum, 'the orgNum'));
  return id;
}

/** Milliseconds as decimal text (default now). */
function nowMsText(value, what) {
  return value === undefined || value === null ? String(Date.now()) : u64Text(value, what);
}

/** Seconds as decimal text (default now, in whole seconds). */
function nowSText(value, what) {
  return value === undefined || value === null ? String(Math.floor(Date.now() / 1000)) : u64Text(value, what);
}

let k3cloudLcid;

export const k3cloud = Object.freeze({
  /**
   * What an AppID carries for the API gateway: `{clientId, gatewaySecret}` (the part before
   * `_`, and the part after it unmasked as the Java SDK does).
   */
  gatewayCredentials(appId) {
    const f = unpack(core.k3cloudGatewayCredentials(text(appId, 'the appId')));
    return { clientId: f[0], gatewaySecret: f[1] };
  },
  /**
   * The Java SDK's `X-Api-*` and `X-Kd-*` headers for a POST to `url`: `{timestamp,
   * stringToSign, apiSignature, appData, kdSignature, headers}`. Options: the identity
   * (`acctId`, `userName`, `appId`, `appSecret`, `lcid?`, `orgNum?`), `url`, `timestampUnit?`
   * (`"ms"` or `"s"`, default the core's: ms) and `timestampMs?` (default now).
   */
  sign(options) {
    objectArg(options, 'the K3Cloud sign options');
    const f = unpack(
      core.k3cloudSign(
        ...k3cloudIdentity(options, true),
        text(options.url, 'the url'),
        optionalText(options.timestampUnit, 'the timestampUnit'),
        nowMsText(options.timestampMs, 'timestampMs'),
      ),
    );
    return {
      timestamp: f[0],
      stringToSign: f[1],
      apiSignature: f[2],
      appData: f[3],
      kdSignature: f[4],
      headers: pairsFrom(f, 5),
    };
  },
  /** The signed POST of `body` (JSON text) to `url`: `sign`'s options and `body`. */
  request(options) {
    objectArg(options, 'the K3Cloud request options');
    return requestFrom(
      unpack(
        core.k3cloudRequest(
          ...k3cloudIdentity(options, true),
          text(options.url, 'the url'),
          text(options.body, 'the body'),
          optionalText(options.timestampUnit, 'the timestampUnit'),
          nowMsText(options.timestampMs, 'timestampMs'),
        ),
      ),
    );
  },
  /**
   * The `LoginBySign` sign: hex SHA-256 (`hash: "sha1"` for old servers) of `acctId`,
   * `userName`, `appId`, `appSecret` and `timestampS` (default now) sorted and concatenated.
   */
  loginSign(options) {
    objectArg(options, 'the K3Cloud login sign options');
    return core.k3cloudLoginSign(
      ...k3cloudAuthorisation(options),
      nowSText(options.timestampS, 'timestampS'),
      optionalText(options.hash, 'the hash'),
    );
  },
  /** `POST <serverUrl>/…AuthService.LoginBySign.common.kdsvc` with the sign in the body. */
  loginBySignRequest(options) {
    objectArg(options, 'the K3Cloud login options');
    return requestFrom(
      unpack(
        core.k3cloudLoginBySignRequest(
          text(options.serverUrl, 'the serverUrl'),
          ...k3cloudIdentity(options, false),
          nowSText(options.timestampS, 'timestampS'),
          optionalText(options.hash, 'the hash'),
        ),
      ),
    );
  },
  /** `POST <serverUrl>/…AuthService.LoginByAppSecret.common.kdsvc` (deprecated by Kingdee). */
  loginByAppSecretRequest(options) {
    objectArg(options, 'the K3Cloud login options');
    return requestFrom(
      unpack(core.k3cloudLoginByAppSecretRequest(text(options.serverUrl, 'the serverUrl'), ...k3cloudIdentity(options, false))),
    );
  },
  /**
   * Parses a login answer: `{sessionId, message, isSuccessByApi}`. `LoginResultType` other
   * than 1 throws `login_failed` with `.refusal`.
   */
  parseLoginAnswer(body) {
    const f = unpack(core.k3cloudParseLoginAnswer(bytes(body)));
    return { sessionId: f[0], message: f[1], isSuccessByApi: f[2] === null ? null : f[2] === 'true' };
  },
  /** The headers of a call in a session: `kdservice-sessionid` and its `Cookie`. */
  sessionHeaders(sessionId) {
    return pairsFrom(unpack(core.k3cloudSessionHeaders(text(sessionId, 'the sessionId'))), 0);
  },
  /** The core's default locale id (simplified Chinese). */
  get defaultLcid() {
    k3cloudLcid ??= core.k3cloudDefaultLcid();
    return k3cloudLcid;
  },
});

// ---------------------------------------------------------------- Weaver e-cology 9 OpenAPI

let ecologySeedLength;
let ecologyLifetimeS;

/**
 * Runs `encrypt(seed)` with the caller's seed (a Uint8Array, whose length the core checks),
 * or with fresh bytes from crypto.getRandomValues, cleared afterwards.
 */
function withSeed(seed, encrypt) {
  if (seed !== undefined && seed !== null) {
    if (!(seed instanceof Uint8Array)) throw new TypeError(`seed must be a Uint8Array, not ${describe(seed)}`);
    return encrypt(seed);
  }
  ecologySeedLength ??= core.ecologySeedLen();
  const drawn = globalThis.crypto.getRandomValues(new Uint8Array(ecologySeedLength));
  try {
    return encrypt(drawn);
  } finally {
    drawn.fill(0);
  }
}

export const ecology = Object.freeze({
  /** The server's (or the client's) public key: `{bits, maxPlaintextLen}` (bytes one encryption takes). */
  serverKey(spk) {
    const f = unpack(core.ecologyServerKey(text(spk, 'the spk')));
    return { bits: Number(f[0]), maxPlaintextLen: Number(f[1]) };
  },
  /**
   * Base64 of the RSA PKCS#1 v1.5 encryption of `plaintext` to `spk`: `{spk, plaintext,
   * seed?}`, `seed` the 32 bytes the padding is drawn from (default: fresh ones from
   * crypto.getRandomValues).
   */
  encrypt(options) {
    objectArg(options, 'the encrypt options');
    const spk = text(options.spk, 'the spk');
    const plaintext = text(options.plaintext, 'the plaintext');
    return withSeed(options.seed, (seed) => core.ecologyEncrypt(spk, plaintext, seed));
  },
  /** `POST <baseUrl>/api/ec/dev/auth/regist` with headers `appid` and `cpk`: `{baseUrl, appid, cpk}`. */
  registRequest(options) {
    objectArg(options, 'the regist request options');
    return requestFrom(
      unpack(
        core.ecologyRegistRequest(
          text(options.baseUrl, 'the baseUrl'),
          text(options.appid, 'the appid'),
          text(options.cpk, 'the cpk'),
        ),
      ),
    );
  },
  /** Parses the registration answer: `{secrit, spk, message}`; `status: false` throws `vendor_error` with `.refusal`. */
  parseRegistAnswer(body) {
    const f = unpack(core.ecologyParseRegistAnswer(bytes(body)));
    return { secrit: f[0], spk: f[1], message: f[2] };
  },
  /**
   * `POST <baseUrl>/api/ec/dev/auth/applytoken` with headers `appid`, `secret` (the secrit
   * encrypted to `spk`) and, when `timeS` is given, `time`: `{baseUrl, appid, spk, secrit,
   * seed?, timeS?}`.
   */
  applytokenRequest(options) {
    objectArg(options, 'the applytoken request options');
    const args = [
      text(options.baseUrl, 'the baseUrl'),
      text(options.appid, 'the appid'),
      text(options.spk, 'the spk'),
      text(options.secrit, 'the secrit'),
    ];
    const timeS = optionalU64Text(options.timeS, 'timeS');
    return requestFrom(unpack(withSeed(options.seed, (seed) => core.ecologyApplytokenRequest(...args, seed, timeS))));
  },
  /**
   * Parses the token answer: `{token, message, expiresAtMs}`, the token living `lifetimeS`
   * (default `ecology.defaultTokenLifetimeS`) from `receivedAtMs` (default now). `status:
   * false` throws `undecryptable`, `sign_mismatch` or `vendor_error`, with `.refusal`.
   */
  parseTokenAnswer(body, options) {
    const { receivedAtMs, lifetimeS } = options === undefined || options === null ? {} : objectArg(options, 'the token answer options');
    const f = unpack(
      core.ecologyParseTokenAnswer(bytes(body), receivedAt(receivedAtMs), optionalU64Text(lifetimeS, 'lifetimeS')),
    );
    return { token: f[0], message: f[1], expiresAtMs: u64(f[2]) };
  },
  /**
   * The headers of a call with a token, `appid`, `token` and `userid` (encrypted to `spk`):
   * `{appid, token, spk, userid, seed?}`.
   */
  callHeaders(options) {
    objectArg(options, 'the call header options');
    const args = [
      text(options.appid, 'the appid'),
      text(options.token, 'the token'),
      text(options.spk, 'the spk'),
      text(options.userid, 'the userid'),
    ];
    return pairsFrom(unpack(withSeed(options.seed, (seed) => core.ecologyCallHeaders(...args, seed))), 0);
  },
  /** The core's token lifetime, in seconds (Weaver's guide: 30 minutes). */
  get defaultTokenLifetimeS() {
    ecologyLifetimeS ??= u64(core.ecologyDefaultTokenLifetimeS());
    return ecologyLifetimeS;
  },
});

// ---------------------------------------------------------------- token lifetime

let lifetimes;
function tokenConstants() {
  if (!lifetimes) {
    const f = unpack(core.tokenConstants()).map(u64);
    lifetimes = Object.freeze({
      kingdeeLifetimeMs: f[0],
      weaverLifetimeMs: f[1],
      edgeAccessLifetimeMs: f[2],
      edgeRefreshLifetimeMs: f[3],
      defaultSkewMs: f[4],
    });
  }
  return lifetimes;
}

export const token = Object.freeze({
  /**
   * Whether to `reuse` a token, `refresh` it or `login_again` at `nowMs` (default now),
   * renewing `skewMs` early (default one minute): `{action, expiresAtMs, refreshExpiresAtMs}`.
   * Give `expS` (a JWT `exp`, seconds) or `issuedAtMs` and `lifetimeMs`; optionally the
   * refresh token's end as `refreshExpiresAtMs` or `refreshExpS`.
   */
  action(options) {
    objectArg(options, 'the token lifetime options');
    const f = unpack(
      core.tokenAction(
        optionalU64Text(options.issuedAtMs, 'issuedAtMs'),
        optionalU64Text(options.lifetimeMs, 'lifetimeMs'),
        optionalU64Text(options.expS, 'expS'),
        optionalU64Text(options.refreshExpiresAtMs, 'refreshExpiresAtMs'),
        optionalU64Text(options.refreshExpS, 'refreshExpS'),
        options.nowMs === undefined || options.nowMs === null ? String(Date.now()) : u64Text(options.nowMs, 'nowMs'),
        options.skewMs === undefined || options.skewMs === null
          ? String(tokenConstants().defaultSkewMs)
          : u64Text(options.skewMs, 'skewMs'),
      ),
    );
    return { action: f[0], expiresAtMs: u64(f[1]), refreshExpiresAtMs: u64(f[2]) };
  },
  /** The core's lifetimes and default skew, in milliseconds. */
  get lifetimes() {
    return tokenConstants();
  },
});

// ---------------------------------------------------------------- the signature doctor

/** Verdict names the core joined by `,` as a list (empty for none). */
function verdictList(joined) {
  return joined === '' ? [] : joined.split(',');
}

/** The fields every doctor report starts with (verdict, code, explanations, mistakes). */
function verdictFrom(f) {
  return {
    verdict: f[0],
    verdictCode: Number(f[1]),
    explanation: f[2],
    explanationZh: f[3],
    mistakes: verdictList(f[4]),
  };
}

/** A packed Kingdee report; it has `KINGDEE_REPORT_FIELDS` fields. */
function kingdeeReportFrom(f) {
  return {
    ...verdictFrom(f),
    clientId: f[5],
    nonce: f[6],
    timestampMs: u64(f[7]),
    nowMs: u64(f[8]),
    windowMs: u64(f[9]),
    timeDifferenceMs: i128(f[10]),
    canonicalPath: f[11],
    canonicalQuery: f[12],
    signedHeaders: f[13] === '' ? [] : f[13].split(','),
    stringToSign: f[14],
    clientStringToSign: f[15],
  };
}
const KINGDEE_REPORT_FIELDS = 16;

/** The doctor's options: `{nowMs, windowMs, verifier}` checked, with their defaults. */
function doctorOptions(options, verifierClass, what) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError('the doctor options must be an object');
  }
  const verifier = options?.verifier ?? null;
  if (verifier !== null && !(verifier instanceof verifierClass)) {
    throw new TypeError(`verifier must be a ${what}`);
  }
  const windowMs = optionalNumber(options, 'windowMs') ?? verifier?.windowMs ?? core.doctorDefaultWindowMs();
  return { nowMs: ms(options?.nowMs), windowMs, verifier };
}

/**
 * The signature doctor: given what a client sent and the secret, the core recomputes the
 * signature under each known client mistake and names the one that reproduces it, with an
 * explanation in English and in Chinese. Reports never hold the signature or MD5 the request
 * should carry: safe to log and to show the client.
 */
export const doctor = Object.freeze({
  /**
   * The Kingdee doctor on a received request `{method, path, query?, headers}` (path and query
   * decoded, as for `KingdeeVerifier.verify`). `options`: `nowMs` (default now), `windowMs`
   * (default the verifier's, else five minutes), `verifier` (a `KingdeeVerifier`, only read:
   * a request it accepted is `replayed`). Throws only for a request too malformed to rebuild.
   */
  kingdee(clientSecret, request, options) {
    const o = doctorOptions(options, KingdeeVerifier, 'KingdeeVerifier');
    const secret = text(clientSecret, 'the client secret');
    const [p, queryCount] = receivedPack(request);
    const packed =
      o.verifier === null
        ? core.doctorKingdee(secret, p.text, p.lens, queryCount, o.nowMs, o.windowMs)
        : kingdeeCoreOf(o.verifier).doctor(secret, p.text, p.lens, queryCount, o.nowMs, o.windowMs);
    return kingdeeReportFrom(unpack(packed));
  },

  /**
   * Reads a request as people have it (a `curl` command, a raw HTTP request, a HAR entry) and
   * runs the Kingdee doctor on it: `{method, target, path, query, headers, body, report}`.
   * `options`: `format` (`detect` by default, `curl`, `http`, `har`) and those of `kingdee`.
   * Text that is not such a request throws kind `invalid_field` (`invalid_json` for a HAR that
   * is not JSON, `input_too_large` beyond the limits).
   */
  kingdeePasted(clientSecret, pasted, options) {
    const o = doctorOptions(options, KingdeeVerifier, 'KingdeeVerifier');
    const secret = text(clientSecret, 'the client secret');
    const body = text(pasted, 'the pasted request');
    const format = optionalText(options?.format, 'format') ?? 'detect';
    const packed =
      o.verifier === null
        ? core.doctorKingdeePasted(secret, body, format, o.nowMs, o.windowMs)
        : kingdeeCoreOf(o.verifier).doctorPasted(secret, body, format, o.nowMs, o.windowMs);
    const f = unpack(packed);
    const at = KINGDEE_REPORT_FIELDS;
    const queryEnd = at + 5 + 2 * Number(f[at + 4]);
    return {
      method: f[at],
      target: f[at + 1],
      path: f[at + 2],
      query: pairsFrom(f, at + 5, queryEnd),
      headers: pairsFrom(f, queryEnd),
      body: f[at + 3],
      report: kingdeeReportFrom(f),
    };
  },

  /**
   * The Weaver doctor on a received `sign`. `options` as for `kingdee` (`verifier` a
   * `WeaverVerifier`). Throws only for unusable input (`invalid_key_length`,
   * `input_too_large`).
   */
  weaver(appid, secret, aesKey, sign, options) {
    const o = doctorOptions(options, WeaverVerifier, 'WeaverVerifier');
    const args = [...weaverArgs(appid, secret, aesKey), text(sign, 'the sign'), o.nowMs, o.windowMs];
    const f = unpack(o.verifier === null ? core.doctorWeaver(...args) : weaverCoreOf(o.verifier).doctor(...args));
    return {
      ...verdictFrom(f),
      nowMs: u64(f[5]),
      windowMs: u64(f[6]),
      timestampMs: u64(f[7]),
      timeDifferenceMs: i128(f[8]),
      plaintextLayout: f[9],
      clientRecipe: f[10],
    };
  },

  /**
   * Where a client's own string to sign (`pasted`, as it printed it: CR LF or literal `\n`
   * accepted) first differs from the gateway's (`expected`, e.g. a report's `stringToSign`):
   * `{identical, line, column, part, expectedExcerpt, pastedExcerpt, mistake, explanation,
   * explanationZh}` (the last three `null` when the difference has no known shape).
   */
  compareStringToSign(expected, pasted) {
    const f = unpack(
      core.doctorCompareStringToSign(text(expected, 'the expected string to sign'), text(pasted, 'the pasted string to sign')),
    );
    return {
      identical: f[0] === '1',
      line: Number(f[1]),
      column: Number(f[2]),
      part: f[3],
      expectedExcerpt: f[4],
      pastedExcerpt: f[5],
      mistake: f[6],
      explanation: f[7],
      explanationZh: f[8],
    };
  },
});

// ---------------------------------------------------------------- http

/** Requests as data (the `HttpRequest` shape every request builder returns). */
export const http = Object.freeze({
  /**
   * The request as a POSIX-shell `curl` command, rendered by the core (the form the CLI's
   * `--format curl` prints and the doctor reads back).
   * @param {{method: string, url: string, headers: Array<[string, string]>, body?: string|null}} request
   */
  toCurl(request) {
    if (request === null || typeof request !== 'object') {
      throw new TypeError('the request must be an object {method, url, headers, body?}');
    }
    const p = new Pack();
    p.add(request.method, 'the method');
    p.add(request.url, 'the URL');
    p.addOptional(request.body, 'the body');
    const headers = pairsOf(request.headers, 'the headers');
    for (let i = 0; i < headers.length; i++) {
      p.add(headers[i][0], 'a header name');
      p.add(headers[i][1], 'a header value');
    }
    return core.httpToCurl(p.text, p.lens);
  },
});

// ---------------------------------------------------------------- errors

let kinds;
/** The stable names of every error kind (`Error.kind`), in code order. */
export function errorKinds() {
  kinds ??= Object.freeze(core.errorKindNames().split('\n'));
  return kinds;
}
