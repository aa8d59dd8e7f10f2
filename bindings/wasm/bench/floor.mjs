// The floor of a request signature in Node: `FloorSigner.sign(request).headers` passes the same
// strings into WebAssembly and back out as `KingdeeSigner.sign(request).headers` does, and runs
// the same SHA-256 compressions there (src/floor.rs, a module built by bench.sh only), but
// builds no canonical request. The JavaScript below mirrors `KingdeeSigner.sign` and
// `SigningResult.headers` in js/api.js step for step: keep the two in step when either changes.
import { readFileSync } from 'node:fs';

const NONE = 0xffffffff;
const LAYOUT_WORDS = 30;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function text(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (!value.isWellFormed()) throw new TypeError(`${what} is not valid Unicode`);
  return value;
}

function pairsOf(value, what) {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : Object.entries(value);
  for (const pair of list) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`${what} must be pairs`);
  }
  return list;
}

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

/**
 * The text and the 28 part offsets of `real` (a `SigningResult`), laid out as the signer lays
 * them out (src/kingdee.rs, `Layout`): canonical path and query inside the string to sign, the
 * signature and the signed-header list written once and referred to again by the headers.
 */
function layoutOf(real, headerNames) {
  let t = '';
  const offsets = [];
  const part = (s) => {
    offsets.push(t.length, t.length + s.length);
    t += s;
    return offsets.length / 2 - 1;
  };
  part(real.method);
  const sts = real.stringToSign;
  const cpAt = t.length + real.method.length + 1;
  offsets.push(cpAt, cpAt + real.canonicalPath.length);
  const cqAt = cpAt + real.canonicalPath.length + 1;
  offsets.push(cqAt, cqAt + real.canonicalQuery.length);
  part(sts);
  part(real.hmacHex);
  const signatureAt = part(real.signature);
  part(real.wireQuery);
  const list = real.signedHeaders.join(',');
  const listAt = part(list);
  for (const name of headerNames) {
    const value = real.headers[name];
    const again = value === real.signature ? signatureAt : value === list ? listAt : -1;
    if (again >= 0) offsets.push(offsets[2 * again], offsets[2 * again + 1]);
    else part(value);
  }
  if (t.slice(offsets[2], offsets[3]) !== real.canonicalPath || t.slice(offsets[4], offsets[5]) !== real.canonicalQuery) {
    throw new Error('floor: the canonical path and query are not where the layout expects them');
  }
  return { text: t, offsets: Uint32Array.from(offsets) };
}

/** Loads the floor module (bench.sh passes its glue's path) for requests laid out as `real`. */
export async function floorSigner(gluePath, real, headerNames) {
  const glue = await import(gluePath);
  glue.initSync({ module: readFileSync(gluePath.replace(/\.js$/, '_bg.wasm')) });
  const { text: t, offsets } = layoutOf(real, headerNames);
  return new FloorSigner(glue, new glue.BenchFloorSigner(t, offsets), headerNames);
}

class FloorResult {
  #text;
  #layout;
  #headers;
  #names;
  constructor(t, layout, names) {
    this.#text = t;
    this.#layout = layout;
    this.#names = names;
  }
  #part(i) {
    return this.#text.slice(this.#layout[2 + 2 * i], this.#layout[3 + 2 * i]);
  }
  get headers() {
    if (this.#headers === undefined) {
      const headers = {};
      for (let i = 0; i < 6; i++) headers[this.#names[i]] = this.#part(8 + i);
      this.#headers = headers;
    }
    return this.#headers;
  }
}

class FloorSigner {
  #glue;
  #core;
  #names;
  #inputCap = 0;
  #lensCap = 0;
  #inputPtr = 0;
  #lensPtr = 0;
  #layoutPtr;
  #wasmMemory;
  #views = { buffer: null, u8: null, u32: null };
  constructor(glue, core, names) {
    this.#glue = glue;
    this.#core = core;
    this.#names = names;
    this.#layoutPtr = core.layoutPtr;
  }
  #memory() {
    this.#wasmMemory ??= this.#glue.wasmMemory();
    const buffer = this.#wasmMemory.buffer;
    if (this.#views.buffer !== buffer) this.#views = { buffer, u8: new Uint8Array(buffer), u32: new Uint32Array(buffer) };
    return this.#views;
  }
  sign(request) {
    if (request === null || typeof request !== 'object') throw new TypeError('the request must be an object');
    const p = new Pack();
    p.add(request.method, 'the method');
    p.add(request.path, 'the path');
    p.add(typeof request.timestamp === 'string' ? text(request.timestamp, 'the timestamp') : String(request.timestamp), 'the timestamp');
    p.add(request.nonce, 'the nonce');
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
    const c = this.#core;
    const t = p.text;
    const n = p.lens.length;
    if (t.length * 3 > this.#inputCap || n > this.#lensCap) {
      this.#inputCap = Math.max(t.length * 3, 2 * this.#inputCap, 256);
      this.#lensCap = Math.max(n, 2 * this.#lensCap, 16);
      c.reserve(this.#inputCap, this.#lensCap);
      this.#inputPtr = c.inputPtr;
      this.#lensPtr = c.lensPtr;
    }
    let m = this.#memory();
    const { written } = encoder.encodeInto(t, m.u8.subarray(this.#inputPtr, this.#inputPtr + this.#inputCap));
    m.u32.set(p.lens, this.#lensPtr >>> 2);
    c.sign(written, n, query.length, 0, 0);
    m = this.#memory();
    const u32 = m.u32;
    const at = this.#layoutPtr >>> 2;
    const layout = new Array(LAYOUT_WORDS);
    for (let i = 0; i < LAYOUT_WORDS; i++) layout[i] = u32[at + i];
    return new FloorResult(decoder.decode(m.u8.subarray(layout[0], layout[0] + layout[1])), layout, this.#names);
  }
}
