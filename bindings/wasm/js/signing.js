// How a Kingdee request signature crosses into WebAssembly and back: the request's strings are
// packed and written straight into the signer core's buffers in WebAssembly memory (no
// allocation per call), and the result is read from there as one string plus its layout.
// KingdeeSigner (api.js) signs through it, and so does the benchmark's floor
// (bench/floor.mjs), whose core only hashes: both pay for the same wrapper path.

import { entropy, kingdeeTimestamp, NONE, Pack, pairsOf } from './convert.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** Words in a signer's result layout: text offset and length, then 14 parts as (start, end). */
const LAYOUT_WORDS = 30;

/** The calls of one signer core: its input buffers, sized as needed, and its layout. */
export class SignerCall {
  #core;
  #wasmMemory;
  #memoryOf;
  #views = { buffer: null, u8: null, u32: null };
  #inputCap = 0;
  #lensCap = 0;
  #inputPtr = 0;
  #lensPtr = 0;
  #layoutPtr;

  /**
   * @param core a `KingdeeSignerCore` (or the floor's `BenchFloorSigner`)
   * @param memoryOf the function of its glue that returns the WebAssembly memory
   */
  constructor(core, memoryOf) {
    this.#core = core;
    this.#memoryOf = memoryOf;
    this.#layoutPtr = core.layoutPtr;
  }

  /** Byte and u32 views of the WebAssembly memory, renewed after it grows. */
  #memory() {
    this.#wasmMemory ??= this.#memoryOf();
    const buffer = this.#wasmMemory.buffer;
    if (this.#views.buffer !== buffer) {
      this.#views = { buffer, u8: new Uint8Array(buffer), u32: new Uint32Array(buffer) };
    }
    return this.#views;
  }

  /**
   * Signs `request` ({method, path, query?, signHeaders?, timestamp?, nonce?}); returns
   * `new Result(text, layout, request.path)`.
   */
  sign(request, Result) {
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
    c.sign(written, n, query.length, high, low);
    m = this.#memory(); // the call may have grown the memory
    // The layout is copied into a plain array: `TypedArray.prototype.slice` allocates a new
    // ArrayBuffer, which costs more in V8 than this whole copy (measured: ~0.3 µs vs ~0.03 µs).
    const u32 = m.u32;
    const at = this.#layoutPtr >>> 2;
    const layout = new Array(LAYOUT_WORDS);
    for (let i = 0; i < LAYOUT_WORDS; i++) layout[i] = u32[at + i];
    return new Result(decoder.decode(m.u8.subarray(layout[0], layout[0] + layout[1])), layout, request.path);
  }
}
