// The public JavaScript API of qianming's main module ('qianming'): camelCase namespaces over
// the wasm-bindgen exports. The other modules' namespaces live in doctor/, messaging/, apusic/,
// k3cloud/ and ecology/ (each its own WebAssembly module, so the main one stays small).
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
// instantiates it (node.js and browser.js call it first); until then `wasm.core` refuses every
// use (module.js).

import { wasm } from './handle.js';
import {
  bytes, entropy, i128, kingdeeTimestamp, ms, objectArg, optionalNumber, optionalText, optionalU64Text,
  Pack, receivedAt, receivedPack, requestFrom, requestOf, text, u64, u64Text, unpack, verifierCores,
  weaverArgs,
} from './convert.js';
import { SignerCall } from './signing.js';

let headerNames;
/** The names of the six headers the signer sets, in the core's order. */
function signerHeaderNames() {
  headerNames ??= Object.freeze(wasm.core.kingdeeSignerHeaderNames().split(','));
  return headerNames;
}


// ---------------------------------------------------------------- Kingdee

/**
 * `app_signature = Base64(hex(HMAC-SHA256(appSecret, appKey)))`.
 * @param {string} appKey
 * @param {string} appSecret
 * @returns {string}
 */
function appSignature(appKey, appSecret) {
  return wasm.core.kingdeeAppSignature(text(appKey, 'the app key'), text(appSecret, 'the app secret'));
}

/** `app_signature` with its HMAC hex: `{hmacHex, appSignature}`. */
function explainAppSignature(appKey, appSecret) {
  const f = unpack(
    wasm.core.kingdeeExplainAppSignature(text(appKey, 'the app key'), text(appSecret, 'the app secret')),
  );
  return { hmacHex: f[0], appSignature: f[1] };
}

/** A fresh nonce in the vendor SDK's form (ten digits) from crypto.getRandomValues (pooled). */
function nonce() {
  const e = entropy();
  return wasm.core.kingdeeNonceFromEntropy(e[0], e[1]);
}

/** Decodes a query string as it arrives on the wire into `[name, value]` pairs. */
function parseQuery(raw) {
  const f = unpack(wasm.core.kingdeeParseQuery(text(raw, 'the query string')));
  const pairs = [];
  for (let i = 0; i < f.length; i += 2) pairs.push([f[i], f[i + 1]]);
  return pairs;
}

/**
 * Decodes a request target as it travels (`/path?query`, percent-encoded) the way the gateway
 * does before checking the signature: `{path, query}` for the verifier.
 */
function parseRequestTarget(target) {
  const f = unpack(wasm.core.kingdeeParseRequestTarget(text(target, 'the request target')));
  const query = [];
  for (let i = 1; i < f.length; i += 2) query.push([f[i], f[i + 1]]);
  return { path: f[0], query };
}

/** Decodes a path as it arrives on the request line (`%XX` a byte, `+` kept), for the verifier. */
function percentDecode(encoded) {
  return wasm.core.percentDecode(text(encoded, 'the path'));
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
    return wasm.core.kingdeePathAndQuery(this.#path, this.wireQuery);
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
    this.#core = new wasm.core.KingdeeSignerCore(
      text(clientId, 'the client id'),
      text(clientSecret, 'the client secret'),
    );
    this.#call = new SignerCall(this.#core, wasm.core.wasmMemory);
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
    return u64(wasm.core.replayTtlMs(u64Text(ticket.replayExpiresAtMs, 'replayExpiresAtMs'), ms(nowMs)));
  },
  /** A `QianmingError` of kind `replayed`, for a store that already holds the key. */
  replayedError(message) {
    return wasm.core.replayedError(text(message, 'the message'));
  },
  /**
   * A `QianmingError` of kind `replay_store_unavailable`, for a store that cannot answer (the
   * request is refused: fail closed); `cause` becomes the error's `.cause`.
   */
  storeUnavailableError(message, cause) {
    const error = wasm.core.replayStoreUnavailableError(text(message, 'the message'));
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

/** Verifies received Kingdee-signed requests against one client secret. */
export class KingdeeVerifier {
  #core;

  /**
   * @param {string} clientSecret
   * @param {{windowMs?: number, replayCapacity?: number, lenientQuery?: boolean}} [options]
   */
  constructor(clientSecret, options) {
    const lenient = options?.lenientQuery;
    if (lenient !== undefined && lenient !== null && typeof lenient !== 'boolean') {
      throw new TypeError('lenientQuery must be a boolean');
    }
    this.#core = new wasm.core.KingdeeVerifierCore(
      text(clientSecret, 'the client secret'),
      optionalNumber(options, 'windowMs'),
      capacityOption(options),
      lenient ?? undefined,
    );
    verifierCores.kingdee.set(this, this.#core);
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
  const f = unpack(wasm.core.kingdeeParseTokenAnswer(bytes(body), receivedAt(receivedAtMs)));
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
    this.#core = new wasm.core.WeaverSignerCore(
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
    return requestOf(this.#core.tokenRequest(text(baseUrl, 'baseUrl'), weaverTimestampText(timestampMs)));
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
    const capacity = capacityOption(options);
    this.#core = new wasm.core.WeaverVerifierCore(
      text(appid, 'the appid'),
      text(secret, 'the secret'),
      text(aesKey, 'the AES key'),
      optionalNumber(options, 'windowMs'),
      optionalNumber(options, 'maxFutureMs'),
      capacity,
    );
    verifierCores.weaver.set(this, this.#core);
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


export const weaver = Object.freeze({
  /** The sign for `timestampMs` (default: now). */
  sign(appid, secret, aesKey, timestampMs) {
    return wasm.core.weaverSign(...weaverArgs(appid, secret, aesKey), weaverTimestampText(timestampMs));
  },
  /** The sign with its intermediates: `{md5Upper, plaintext, sign}`. */
  explain(appid, secret, aesKey, timestampMs) {
    return unpackExplanation(
      wasm.core.weaverExplain(...weaverArgs(appid, secret, aesKey), weaverTimestampText(timestampMs)),
    );
  },
  /** Upper-case hex MD5 of `appid:secret`, the part of the plaintext naming the client. */
  md5Upper(appid, secret) {
    return wasm.core.weaverMd5Upper(text(appid, 'the appid'), text(secret, 'the secret'));
  },
  /** The `POST …/api/cus/token/auth/getToken` request carrying `appid` and `sign`. */
  tokenRequest(baseUrl, appid, sign) {
    return requestOf(wasm.core.weaverTokenRequest(text(baseUrl, 'baseUrl'), text(appid, 'the appid'), text(sign, 'the sign')));
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
    const f = unpack(wasm.core.weaverParseTokenAnswer(bytes(body), receivedAt(receivedAtMs)));
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
    return wasm.core.basicCredentials(text(user, 'the user name'), text(password, 'the password'));
  },
  /** `Basic <credentials>` (mode `basic`, the default) or the bare credentials (`raw`). */
  authorizationHeader(user, password, mode = 'basic') {
    return wasm.core.basicAuthorizationHeader(
      text(user, 'the user name'),
      text(password, 'the password'),
      text(mode, 'the mode'),
    );
  },
  /** Parses a received `Authorization: Basic …` header: `{user, password}`. */
  parseAuthorization(header) {
    return unpackCredentials(wasm.core.basicParseAuthorization(text(header, 'the Authorization header')));
  },
  /** Parses bare Basic credentials: `{user, password}`. */
  parseCredentials(value) {
    return unpackCredentials(wasm.core.basicParseCredentials(text(value, 'the credentials')));
  },
});

// ---------------------------------------------------------------- IoT edge gateway

export const edge = Object.freeze({
  /** `POST <base>/v1.0/openapi/auth/login` with the JSON body. */
  loginRequest(baseUrl, username, password) {
    return requestOf(wasm.core.edgeLoginRequest(text(baseUrl, 'baseUrl'), text(username, 'the user name'), text(password, 'the password')));
  },
  /** `POST <base>/v1.0/openapi/token/<refreshToken>` (the token as one path segment). */
  refreshRequest(baseUrl, refreshToken) {
    return requestOf(wasm.core.edgeRefreshRequest(text(baseUrl, 'baseUrl'), text(refreshToken, 'the refresh token')));
  },
  /** The `x-token` header as `[name, value]`. */
  xTokenHeader(accessToken) {
    const f = unpack(wasm.core.edgeXTokenHeader(text(accessToken, 'the access token')));
    return [f[0], f[1]];
  },
  /**
   * Parses a login or refresh answer: `{accessToken, refreshToken, expire, t, code,
   * expiresAtMs, refreshExpiresAtMs}`. `success: false` throws `login_failed` with `.refusal`.
   */
  parseTokenAnswer(body) {
    const f = unpack(wasm.core.edgeParseTokenAnswer(bytes(body)));
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
    const f = unpack(wasm.core.edgeReadJwtClaims(text(jwt, 'the JWT')));
    return { exp: u64(f[0]), iat: u64(f[1]), nbf: u64(f[2]), iss: f[3], payloadJson: f[4] };
  },
});

// ---------------------------------------------------------------- token lifetime

let lifetimes;
function tokenConstants() {
  if (!lifetimes) {
    const f = unpack(wasm.core.tokenConstants()).map(u64);
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
      wasm.core.tokenAction(
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
    p.addPairs(request.headers, 'the headers', 'a header name', 'a header value');
    return wasm.core.httpToCurl(p.text, p.lens);
  },
});

// ---------------------------------------------------------------- errors

let kinds;
/** The stable names of every error kind (`Error.kind`), in code order. */
export function errorKinds() {
  kinds ??= Object.freeze(wasm.core.errorKindNames().split('\n'));
  return kinds;
}
