// The conversions at the boundary that api.js and signing.js share: strings checked to be
// valid Unicode, many strings packed into one, (name, value) pairs, timestamps as decimal
// text and the random bits for nonces. See api.js for what the wrapper does and does not do.

import { core } from './glue.js';

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
  if (!wellFormed(value)) throw core.invalidUnicodeError(what);
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
