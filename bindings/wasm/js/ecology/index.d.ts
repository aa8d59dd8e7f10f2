// Type declarations of 'qianming/ecology' (Weaver e-cology 9 OpenAPI): its own WebAssembly module, loaded
// apart from the main one ('qianming') to keep that one small.

import type { AnswerBody, HttpRequest, U64 } from '../index.js';

// ---------------------------------------------------------------- Weaver e-cology 9 OpenAPI

/** The size of an RSA public key (Base64 DER SubjectPublicKeyInfo). */
export interface EcologyServerKey {
  bits: number;
  /** The longest UTF-8 text, in bytes, one PKCS#1 v1.5 encryption takes. */
  maxPlaintextLen: number;
}

/**
 * 32 random bytes for one encryption; default: fresh ones from `crypto.getRandomValues`.
 * Give them only to reproduce a ciphertext (tests): never reuse a seed.
 */
export type EcologySeed = Uint8Array | null;

export interface EcologyEncryptOptions {
  /** The server's public key (Base64 DER SubjectPublicKeyInfo, white space skipped). */
  spk: string;
  plaintext: string;
  seed?: EcologySeed;
}

export interface EcologyRegistRequestOptions {
  /** The OA's base URL, for example `http://oa.example.com:8080`. */
  baseUrl: string;
  appid: string;
  /** The client's public key (Base64 DER SubjectPublicKeyInfo). */
  cpk: string;
}

export interface EcologyApplytokenRequestOptions {
  baseUrl: string;
  appid: string;
  spk: string;
  /** The registration's `secrit` (sic). */
  secrit: string;
  seed?: EcologySeed;
  /** The token lifetime to ask for, in seconds (the `time` header); default none. */
  timeS?: number | bigint | null;
}

export interface EcologyTokenAnswerOptions {
  /** Default `Date.now()`. */
  receivedAtMs?: number | bigint | null;
  /** Default `ecology.defaultTokenLifetimeS`; give the `timeS` the request asked for. */
  lifetimeS?: number | bigint | null;
}

export interface EcologyCallHeadersOptions {
  appid: string;
  token: string;
  spk: string;
  /** The OA user id (for example `"1"`), sent encrypted. */
  userid: string;
  seed?: EcologySeed;
}

/** A granted registration. */
export interface EcologyRegistration {
  /** `secrit` (sic): encrypt it to `spk` for the token request. */
  secrit: string;
  /** The server's public key. */
  spk: string;
  message: string | null;
}

/** An e-cology access token. */
export interface EcologyToken {
  token: string;
  message: string | null;
  /** `receivedAtMs` + `lifetimeS` seconds. */
  expiresAtMs: U64;
}

export const ecology: {
  /** `invalid_base64`, or `invalid_field` for what is not an RSA SubjectPublicKeyInfo. */
  serverKey(spk: string): EcologyServerKey;
  /** Base64 ciphertext; `input_too_large` beyond `maxPlaintextLen` bytes, `invalid_field` for an empty text or a seed of another length. */
  encrypt(options: EcologyEncryptOptions): string;
  registRequest(options: EcologyRegistRequestOptions): HttpRequest;
  /** `status: false` throws `vendor_error` with `.refusal`. */
  parseRegistAnswer(body: AnswerBody): EcologyRegistration;
  applytokenRequest(options: EcologyApplytokenRequestOptions): HttpRequest;
  /** `status: false` throws `undecryptable`, `sign_mismatch` or `vendor_error`, with `.refusal`. */
  parseTokenAnswer(body: AnswerBody, options?: EcologyTokenAnswerOptions): EcologyToken;
  /** `appid`, `token`, `userid` (encrypted), in order. */
  callHeaders(options: EcologyCallHeadersOptions): Array<[string, string]>;
  /** The core's token lifetime, in seconds. */
  readonly defaultTokenLifetimeS: U64;
};
