// The public JavaScript API of 'qianming/ecology' (Weaver e-cology 9 OpenAPI): camelCase namespaces over the
// wasm-bindgen exports of its own WebAssembly module, converting types only as the main
// module's API does (../api.js says what the wrapper does and does not do).

import { wasm } from './handle.js';
import {
  bytes, describe, objectArg, optionalU64Text, pairsFrom, receivedAt, requestOf, text, textFields, u64,
  unpack,
} from '../convert.js';

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
  ecologySeedLength ??= wasm.core.ecologySeedLen();
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
    const f = unpack(wasm.core.ecologyServerKey(text(spk, 'the spk')));
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
    return withSeed(options.seed, (seed) => wasm.core.ecologyEncrypt(spk, plaintext, seed));
  },
  /** `POST <baseUrl>/api/ec/dev/auth/regist` with headers `appid` and `cpk`: `{baseUrl, appid, cpk}`. */
  registRequest(options) {
    objectArg(options, 'the regist request options');
    return requestOf(wasm.core.ecologyRegistRequest(...textFields(options, 'baseUrl', 'appid', 'cpk')));
  },
  /** Parses the registration answer: `{secrit, spk, message}`; `status: false` throws `vendor_error` with `.refusal`. */
  parseRegistAnswer(body) {
    const f = unpack(wasm.core.ecologyParseRegistAnswer(bytes(body)));
    return { secrit: f[0], spk: f[1], message: f[2] };
  },
  /**
   * `POST <baseUrl>/api/ec/dev/auth/applytoken` with headers `appid`, `secret` (the secrit
   * encrypted to `spk`) and, when `timeS` is given, `time`: `{baseUrl, appid, spk, secrit,
   * seed?, timeS?}`.
   */
  applytokenRequest(options) {
    objectArg(options, 'the applytoken request options');
    const args = textFields(options, 'baseUrl', 'appid', 'spk', 'secrit');
    const timeS = optionalU64Text(options.timeS, 'timeS');
    return requestOf(withSeed(options.seed, (seed) => wasm.core.ecologyApplytokenRequest(...args, seed, timeS)));
  },
  /**
   * Parses the token answer: `{token, message, expiresAtMs}`, the token living `lifetimeS`
   * (default `ecology.defaultTokenLifetimeS`) from `receivedAtMs` (default now). `status:
   * false` throws `undecryptable`, `sign_mismatch` or `vendor_error`, with `.refusal`.
   */
  parseTokenAnswer(body, options) {
    const { receivedAtMs, lifetimeS } = options === undefined || options === null ? {} : objectArg(options, 'the token answer options');
    const f = unpack(
      wasm.core.ecologyParseTokenAnswer(bytes(body), receivedAt(receivedAtMs), optionalU64Text(lifetimeS, 'lifetimeS')),
    );
    return { token: f[0], message: f[1], expiresAtMs: u64(f[2]) };
  },
  /**
   * The headers of a call with a token, `appid`, `token` and `userid` (encrypted to `spk`):
   * `{appid, token, spk, userid, seed?}`.
   */
  callHeaders(options) {
    objectArg(options, 'the call header options');
    const args = textFields(options, 'appid', 'token', 'spk', 'userid');
    return pairsFrom(unpack(withSeed(options.seed, (seed) => wasm.core.ecologyCallHeaders(...args, seed))), 0);
  },
  /** The core's token lifetime, in seconds (Weaver's guide: 30 minutes). */
  get defaultTokenLifetimeS() {
    ecologyLifetimeS ??= u64(wasm.core.ecologyDefaultTokenLifetimeS());
    return ecologyLifetimeS;
  },
});
