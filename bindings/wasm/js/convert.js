// The conversions at the boundary that every module's API (api.js, doctor/api.js, …) and
// signing.js share: strings checked to be
// valid Unicode, many strings packed into one, (name, value) pairs, timestamps as decimal
// text and the random bits for nonces. See api.js for what the wrapper does and does not do.

import { anyCore } from './module.js';

/** Marks a packed piece that has no value (`null`). */
export const NONE = 0xffffffff;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** `value` as a string that is valid Unicode, or a thrown error. */
export function text(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, not ${describe(value)}`);
  }
  if (!wellFormed(value)) throw anyCore().invalidUnicodeError(what);
  return value;
}

/** Strings in, one string and their lengths (UTF-16 code units) out. */
export class Pack {
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
  /** The (name, value) pairs of `value` (see `pairsOf`), each name then its value; returns how many. */
  addPairs(value, pairsWhat, nameWhat, valueWhat) {
    const pairs = pairsOf(value, pairsWhat);
    for (let i = 0; i < pairs.length; i++) {
      this.add(pairs[i][0], nameWhat);
      this.add(pairs[i][1], valueWhat);
    }
    return pairs.length;
  }
}

/**
 * (name, value) pairs from an array of pairs, a URLSearchParams, Map, Headers or any
 * iterable of pairs, or a plain object.
 */
export function pairsOf(value, what) {
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

// Random words for nonces, drawn from the platform's CSPRNG 512 at a time: in Node one
// `getRandomValues` call costs ~1.6 µs whatever its size (more than a whole signature), so
// drawing per nonce would triple the cost of signing with a default nonce. Each pair of words
// is used once and cleared when taken.
export const entropyPool = new Uint32Array(512);
let entropyAt = entropyPool.length;
export const entropyPair = new Uint32Array(2);
/** 64 fresh random bits as two 32-bit words (the core formats the nonce from them). */
export function entropy() {
  if (entropyAt >= entropyPool.length) {
    globalThis.crypto.getRandomValues(entropyPool);
    entropyAt = 0;
  }
  entropyPair[0] = entropyPool[entropyAt];
  entropyPair[1] = entropyPool[entropyAt + 1];
  entropyPool[entropyAt] = 0;
  entropyPool[entropyAt + 1] = 0;
  entropyAt += 2;
  return entropyPair;
}

/** Kingdee timestamps travel as decimal text; the core checks the text. */
export function kingdeeTimestamp(value) {
  if (value === undefined || value === null) return String(Date.now());
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return text(value, 'the timestamp');
}

/** `value` as a JavaScript number, or a thrown TypeError (the core checks its range). */
export function number(value, what) {
  if (typeof value !== 'number') {
    throw new TypeError(`${what} must be a number, not ${describe(value)}`);
  }
  return value;
}

/**
 * Splits a packed result `"<len>,<len>,…;<fields>"` into its fields; a length written `-`
 * is a field without a value (`null`).
 */
export function unpack(packed) {
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
export function pairsFrom(f, from, to = f.length) {
  const pairs = [];
  for (let i = from; i + 1 < to; i += 2) pairs.push([f[i], f[i + 1]]);
  return pairs;
}

/** A packed request (method, URL, body, header pairs) starting at field `from`. */
export function requestFrom(f, from = 0) {
  return { method: f[from], url: f[from + 1], headers: pairsFrom(f, from + 3), body: f[from + 2] };
}

/** A packed result that is a request and nothing else. */
export function requestOf(packed) {
  return requestFrom(unpack(packed));
}

/** `options[name]` for each of `names`, in order, each a string (`the <name>` in errors). */
export function textFields(options, ...names) {
  return names.map((name) => text(options[name], `the ${name}`));
}

/**
 * A `u64` the core gave as decimal text: a number when it is exact as one (up to 2^53 − 1),
 * else a bigint; `null` stays `null`.
 */
export function u64(digits) {
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : BigInt(digits);
}

/** A signed 128-bit difference the core gave as decimal text, like `u64`. */
export const i128 = u64;

/** A whole number of milliseconds (number or bigint) as decimal text; the core checks it. */
export function u64Text(value, what) {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError(`${what} must be a number or a bigint, not ${describe(value)}`);
}

export function optionalU64Text(value, what) {
  return value === undefined || value === null ? undefined : u64Text(value, what);
}

export function optionalText(value, what) {
  return value === undefined || value === null ? undefined : text(value, what);
}

const encoder = new TextEncoder();
/**
 * An answer body as bytes: a Uint8Array (or any ArrayBuffer view, or an ArrayBuffer) as is,
 * a string as its UTF-8 (refused if it is not valid Unicode).
 */
export function bytes(value, what = 'the answer body') {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === 'string') return encoder.encode(text(value, what));
  throw new TypeError(`${what} must be a Uint8Array or a string, not ${describe(value)}`);
}

export function receivedAt(value) {
  return value === undefined || value === null ? String(Date.now()) : u64Text(value, 'receivedAtMs');
}

export function objectArg(value, what) {
  if (value === null || typeof value !== 'object') throw new TypeError(`${what} must be an object`);
  return value;
}


export function ms(value) {
  if (value === undefined || value === null) return Date.now();
  return number(value, 'nowMs');
}

export function optionalNumber(options, name) {
  const value = options?.[name];
  return value === undefined || value === null ? undefined : number(value, name);
}

/** A received request `{method, path, query?, headers}` packed for the core (the verifier and the doctor). */
export function receivedPack(request) {
  if (request === null || typeof request !== 'object') {
    throw new TypeError('the request must be an object {method, path, query?, headers}');
  }
  const p = new Pack();
  p.add(request.method, 'the method');
  p.add(request.path, 'the path');
  const queryCount = p.addPairs(request.query, 'the query', 'a query name', 'a query value');
  p.addPairs(request.headers, 'the headers', 'a header name', 'a header value');
  return [p, queryCount];
}

/** The Weaver credentials, checked to be strings (the verifier and the doctor). */
export function weaverArgs(appid, secret, aesKey) {
  return [text(appid, 'the appid'), text(secret, 'the secret'), text(aesKey, 'the AES key')];
}

/**
 * The core of each `KingdeeVerifier` / `WeaverVerifier` (main module), for the doctor's module
 * to ask whether a verifier has already accepted a request (`replayed`).
 */
export const verifierCores = Object.freeze({ kingdee: new WeakMap(), weaver: new WeakMap() });
