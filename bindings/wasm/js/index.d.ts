// Type declarations of the npm package `qianming` (Node 20+ and browsers, ESM).

/** The stable snake_case name of a refusal: `Error.kind` (shared with every binding). */
export type ErrorKind =
  | 'empty_secret'
  | 'invalid_timestamp'
  | 'invalid_header_value'
  | 'invalid_header_name'
  | 'missing_header_value'
  | 'reserved_header'
  | 'duplicate_header'
  | 'duplicate_query_name'
  | 'unsupported_method'
  | 'invalid_unicode'
  | 'input_too_large'
  | 'invalid_key_length'
  | 'undecryptable'
  | 'malformed_sign'
  | 'sign_mismatch'
  | 'expired'
  | 'future_timestamp'
  | 'replayed'
  | 'replay_cache_full'
  | 'signature_mismatch'
  | 'missing_header'
  | 'unsupported_auth_version'
  | 'invalid_percent_encoding'
  | 'invalid_user_name'
  | 'invalid_scheme'
  | 'invalid_base64'
  | 'missing_separator'
  | 'invalid_signed_headers'
  // Kinds are added, never renamed: accept names newer than these declarations.
  | (string & {});

/** What every refusal throws: an `Error` named `QianmingError` with a stable kind. */
export interface QianmingError extends Error {
  name: 'QianmingError';
  /** The stable snake_case name of the refusal. */
  kind: ErrorKind;
  /** The stable numeric code of the refusal (the C status value). */
  code: number;
}

/** The stable names of every error kind, in code order. */
export function errorKinds(): readonly string[];

/** `[name, value]` pairs, an object, or any iterable of pairs (URLSearchParams, Map, Headers). */
export type Pairs<V = string> =
  | ReadonlyArray<readonly [string, V]>
  | Iterable<readonly [string, V]>
  | { readonly [name: string]: V };

/** Milliseconds since the epoch. Kingdee also accepts decimal text. */
export type Timestamp = number | bigint | string;

export interface KingdeeRequest {
  /** GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS, any case. */
  method: string;
  /** The path as sent, unencoded. */
  path: string;
  /** Query parameters, unencoded, in any order. */
  query?: Pairs;
  /** Extra headers to sign besides the nonce and the timestamp (`null`: named without value). */
  signHeaders?: Pairs<string | null>;
  /** Milliseconds since the epoch; default `Date.now()`. */
  timestamp?: Timestamp;
  /** Default: ten random digits from `crypto.getRandomValues`. */
  nonce?: string;
}

export interface KingdeeSigningResult {
  /** The six `X-Api-*` headers to send (the extra signed headers are the caller's to send). */
  headers: Record<string, string>;
  /** The exact text that was MACed; every line ends with `\n`. */
  stringToSign: string;
  /** The canonical query (values encoded twice). */
  canonicalQuery: string;
  /** `G(path)`. */
  canonicalPath: string;
  /** The signed header names in signing order (as in `X-Api-SignHeaders`). */
  signedHeaders: string[];
  /** Lower-case hex of HMAC-SHA256(client secret, string to sign). */
  hmacHex: string;
  /** `Base64(hmacHex)`: the value of `X-Api-Signature`. */
  signature: string;
  /** The query string to put on the wire. */
  wireQuery: string;
  /** `path?wireQuery`, or the bare path when there is no query. */
  pathAndQuery: string;
  /** The upper-case method. */
  method: string;
}

export class KingdeeSigner {
  constructor(clientId: string, clientSecret: string);
  readonly clientId: string;
  sign(request: KingdeeRequest): KingdeeSigningResult;
  free(): void;
}

export interface KingdeeReceivedRequest {
  method: string;
  /** The decoded path. */
  path: string;
  /** The decoded query pairs (see `kingdee.parseQuery`). */
  query?: Pairs;
  /** Every received header, names in any case. */
  headers: Pairs;
}

export interface KingdeeVerified {
  clientId: string;
  timestampMs: number;
  nonce: string;
}

export interface KingdeeVerifyExplanation {
  canonicalPath: string;
  canonicalQuery: string;
  stringToSign: string;
  hmacHex: string;
  expectedSignature: string;
  receivedSignature: string;
  signedHeaders: string[];
}

export class KingdeeVerifier {
  constructor(clientSecret: string, options?: { windowMs?: number });
  readonly windowMs: number;
  /** Verifies at `nowMs` (default `Date.now()`). */
  verify(request: KingdeeReceivedRequest, nowMs?: number): KingdeeVerified;
  explain(request: KingdeeReceivedRequest): KingdeeVerifyExplanation;
  free(): void;
}

export interface AppSignatureExplanation {
  hmacHex: string;
  appSignature: string;
}

export const kingdee: {
  appSignature(appKey: string, appSecret: string): string;
  explainAppSignature(appKey: string, appSecret: string): AppSignatureExplanation;
  /** Ten random digits, the vendor SDK's form. */
  nonce(): string;
  /** Decodes a query string as it arrives on the wire. */
  parseQuery(raw: string): Array<[string, string]>;
  /** One-shot signing; keep a `Signer` to sign many requests. */
  sign(clientId: string, clientSecret: string, request: KingdeeRequest): KingdeeSigningResult;
  Signer: typeof KingdeeSigner;
  Verifier: typeof KingdeeVerifier;
};

export interface WeaverExplanation {
  /** Upper-case hex MD5 of `appid:secret`. */
  md5Upper: string;
  /** `<timestamp>_<md5Upper>`. */
  plaintext: string;
  /** Lower-case hex of AES/ECB/PKCS#7 of the plaintext. */
  sign: string;
}

export interface WeaverVerified {
  /** The signed timestamp (exact below 2^53; `plaintext` has the digits). */
  timestampMs: number;
  plaintext: string;
}

export class WeaverSigner {
  constructor(appid: string, secret: string, aesKey: string);
  readonly appid: string;
  /** The sign for `timestampMs` (default `Date.now()`). */
  sign(timestampMs?: Timestamp): string;
  explain(timestampMs?: Timestamp): WeaverExplanation;
  free(): void;
}

export interface WeaverVerifierOptions {
  /** Validity window, default 300000; also the limit into the future unless `maxFutureMs`. */
  windowMs?: number;
  maxFutureMs?: number;
  /** Most live signs the replay guard remembers (default 65536). */
  replayCapacity?: number;
}

export class WeaverVerifier {
  constructor(appid: string, secret: string, aesKey: string, options?: WeaverVerifierOptions);
  /** Verifies and remembers `sign`; a second use is refused with kind `replayed`. */
  verify(sign: string, nowMs?: number): WeaverVerified;
  /** Verifies without remembering. */
  verifyStateless(sign: string, nowMs?: number): WeaverVerified;
  readonly remembered: number;
  readonly windowMs: number;
  free(): void;
}

export const weaver: {
  sign(appid: string, secret: string, aesKey: string, timestampMs?: Timestamp): string;
  explain(appid: string, secret: string, aesKey: string, timestampMs?: Timestamp): WeaverExplanation;
  md5Upper(appid: string, secret: string): string;
  Signer: typeof WeaverSigner;
  Verifier: typeof WeaverVerifier;
  WeaverVerifier: typeof WeaverVerifier;
};

export interface BasicCredentials {
  user: string;
  password: string;
}

export const basic: {
  credentials(user: string, password: string): string;
  authorizationHeader(user: string, password: string, mode?: 'basic' | 'raw'): string;
  parseAuthorization(header: string): BasicCredentials;
  parseCredentials(value: string): BasicCredentials;
};
