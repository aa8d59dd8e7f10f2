// The floor of a request signature in Node: `FloorSigner.sign(request).headers` passes the same
// strings into WebAssembly and back out as `KingdeeSigner.sign(request).headers` does, through
// the same wrapper path (js/signing.js), and runs the same SHA-256 compressions there
// (src/floor.rs, a module built by bench.sh only), but builds no canonical request.
import { readFileSync } from 'node:fs';
import { SignerCall } from '../js/signing.js';

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
  FloorResult.headerNames = headerNames;
  return new FloorSigner(new SignerCall(new glue.BenchFloorSigner(t, offsets), glue.wasmMemory));
}

/** What `SigningResult` does for `headers`: the six values sliced out of the result text. */
class FloorResult {
  /** The names of the headers, in the order of their parts (set by floorSigner). */
  static headerNames;
  #text;
  #layout;
  #headers;
  constructor(t, layout) {
    this.#text = t;
    this.#layout = layout;
  }
  #part(i) {
    return this.#text.slice(this.#layout[2 + 2 * i], this.#layout[3 + 2 * i]);
  }
  get headers() {
    if (this.#headers === undefined) {
      const names = FloorResult.headerNames;
      const headers = {};
      for (let i = 0; i < 6; i++) headers[names[i]] = this.#part(8 + i);
      this.#headers = headers;
    }
    return this.#headers;
  }
}

class FloorSigner {
  #call;
  constructor(call) {
    this.#call = call;
  }
  sign(request) {
    return this.#call.sign(request, FloorResult);
  }
}
