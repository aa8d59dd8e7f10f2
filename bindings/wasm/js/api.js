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
//     caller leaves the timestamp or the nonce out; the core formats the nonce.
//
// Nothing here touches the WebAssembly module while this file is evaluated: node.js and
// browser.js instantiate it first.

import * as core from '../pkg/qianming_wasm.js';

/** Marks a packed piece that has no value (`null`). */
const NONE = 0xffffffff;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** `value` as a string that is valid Unicode, or a thrown error. */
function text(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, not ${describe(value)}`);
  }
  if (!wellFormed(value)) throw core.invalidUnicodeError(what);
  return value;
}

/** `value` as a JavaScript number, or a thrown TypeError (the core checks its range). */
function number(value, what) {
  if (typeof value !== 'number') {
    throw new TypeError(`${what} must be a number, not ${describe(value)}`);
  }
  return value;
}

/** Strings in, one string and their lengths (UTF-16 code units) out. */
class Pack {
  constructor() {
    this.text = '';
    this.lens = [];
  }
  add(value, what) {
    const s = text(value, what);
    this.text += s;
    this.lens.push(s.length);
  }
  addOptional(value, what) {
    if (value === null || value === undefined) this.lens.push(NONE);
    else this.add(value, what);
  }
}

/** Splits a packed result `"<len>,<len>,…;<fields>"` into its fields. */
function unpack(packed) {
  const semi = packed.indexOf(';');
  const fields = [];
  let at = semi + 1;
  let n = 0;
  for (let i = 0; i < semi; i++) {
    const c = packed.charCodeAt(i);
    if (c === 44) {
      fields.push(packed.slice(at, (at += n)));
      n = 0;
    } else {
      n = n * 10 + (c - 48);
    }
  }
  if (semi > 0) fields.push(packed.slice(at, at + n));
  return fields;
}

/**
 * (name, value) pairs from an array of pairs, a URLSearchParams, Map, Headers or any
 * iterable of pairs, or a plain object.
 */
function pairsOf(value, what) {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object') {
    throw new TypeError(`${what} must be a list of [name, value] pairs or an object`);
  }
  let list;
  if (Array.isArray(value)) list = value;
  else if (typeof value[Symbol.iterator] === 'function') list = Array.from(value);
  else list = Object.entries(value);
  for (const pair of list) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(`${what} must be a list of [name, value] pairs or an object`);
    }
  }
  return list;
}

const entropyBuffer = new Uint32Array(2);
function entropy() {
  globalThis.crypto.getRandomValues(entropyBuffer);
  return entropyBuffer;
}

/** Kingdee timestamps travel as decimal text; the core checks the text. */
function kingdeeTimestamp(value) {
  if (value === undefined) return String(Date.now());
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return text(value, 'the timestamp');
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

/** A fresh nonce in the vendor SDK's form (ten digits) from crypto.getRandomValues. */
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

/** Signs Kingdee gateway requests for one client; the HMAC is keyed once. */
export class KingdeeSigner {
  #core;

  /**
   * @param {string} clientId
   * @param {string} clientSecret
   */
  constructor(clientId, clientSecret) {
    this.#core = new core.KingdeeSignerCore(
      text(clientId, 'the client id'),
      text(clientSecret, 'the client secret'),
    );
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
    if (request === null || typeof request !== 'object') {
      throw new TypeError('the request must be an object {method, path, query?, signHeaders?, timestamp?, nonce?}');
    }
    const p = new Pack();
    p.add(request.method, 'the method');
    p.add(request.path, 'the path');
    p.add(kingdeeTimestamp(request.timestamp), 'the timestamp');
    let high = 0;
    let low = 0;
    if (request.nonce === undefined) {
      p.lens.push(NONE);
      const e = entropy();
      high = e[0];
      low = e[1];
    } else {
      p.add(request.nonce, 'the nonce');
    }
    const query = pairsOf(request.query, 'the query');
    for (let i = 0; i < query.length; i++) {
      p.add(query[i][0], 'a query name');
      p.add(query[i][1], 'a query value');
    }
    const extra = pairsOf(request.signHeaders, 'signHeaders');
    for (let i = 0; i < extra.length; i++) {
      p.add(extra[i][0], 'a signed header name');
      p.addOptional(extra[i][1], 'a signed header value');
    }
    const f = unpack(this.#core.sign(p.text, p.lens, query.length, high, low));
    const headerEnd = 9 + 2 * Number(f[0]);
    const headers = {};
    for (let i = 9; i < headerEnd; i += 2) headers[f[i]] = f[i + 1];
    return {
      headers,
      stringToSign: f[4],
      canonicalQuery: f[3],
      canonicalPath: f[2],
      signedHeaders: f.slice(headerEnd),
      hmacHex: f[5],
      signature: f[6],
      wireQuery: f[7],
      pathAndQuery: f[8],
      method: f[1],
    };
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

/** Verifies received Kingdee-signed requests against one client secret. */
export class KingdeeVerifier {
  #core;

  /**
   * @param {string} clientSecret
   * @param {{windowMs?: number}} [options]
   */
  constructor(clientSecret, options) {
    this.#core = new core.KingdeeVerifierCore(
      text(clientSecret, 'the client secret'),
      optionalNumber(options, 'windowMs'),
    );
  }

  /** The timestamp window in milliseconds (both directions). */
  get windowMs() {
    return this.#core.windowMs;
  }

  /** Verifies a received request at `nowMs` (default: now): `{clientId, timestampMs, nonce}`. */
  verify(request, nowMs) {
    const [p, queryCount] = receivedPack(request);
    const f = unpack(this.#core.verify(p.text, p.lens, queryCount, ms(nowMs)));
    return { clientId: f[0], timestampMs: Number(f[1]), nonce: f[2] };
  }

  /** Rebuilds the string to sign and the signature a received request should carry. */
  explain(request) {
    const [p, queryCount] = receivedPack(request);
    const f = unpack(this.#core.explain(p.text, p.lens, queryCount));
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

export const kingdee = Object.freeze({
  appSignature,
  explainAppSignature,
  nonce,
  parseQuery,
  sign: kingdeeSign,
  Signer: KingdeeSigner,
  Verifier: KingdeeVerifier,
});

// ---------------------------------------------------------------- Weaver

function unpackExplanation(packed) {
  const f = unpack(packed);
  return { md5Upper: f[0], plaintext: f[1], sign: f[2] };
}

function unpackVerified(packed) {
  const f = unpack(packed);
  return { timestampMs: Number(f[0]), plaintext: f[1] };
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

  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free() {
    this.#core.free();
  }
}

/** The Weaver server-side verifier, holding the core's replay guard. */
export class WeaverVerifier {
  #core;

  /**
   * @param {string} appid
   * @param {string} secret
   * @param {string} aesKey
   * @param {{windowMs?: number, maxFutureMs?: number, replayCapacity?: number}} [options]
   */
  constructor(appid, secret, aesKey, options) {
    const capacity = optionalNumber(options, 'replayCapacity');
    if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 0 && capacity <= 0xffffffff)) {
      throw new RangeError('replayCapacity must be a whole number from 0 to 2^32-1');
    }
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
   * (`replayed`) afterwards. Returns `{timestampMs, plaintext}`.
   */
  verify(sign, nowMs) {
    return unpackVerified(this.#core.verify(text(sign, 'the sign'), ms(nowMs)));
  }

  /** Like `verify`, without remembering the sign (to explain a sign). */
  verifyStateless(sign, nowMs) {
    return unpackVerified(this.#core.verifyStateless(text(sign, 'the sign'), ms(nowMs)));
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

// ---------------------------------------------------------------- errors

let kinds;
/** The stable names of every error kind (`Error.kind`), in code order. */
export function errorKinds() {
  kinds ??= Object.freeze(core.errorKindNames().split('\n'));
  return kinds;
}
