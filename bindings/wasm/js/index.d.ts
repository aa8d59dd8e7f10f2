// Type declarations of the npm package `qianming` (Node 20.19+/22.12+ and browsers, ESM): the
// main module's API. The subpaths ('qianming/apusic', 'qianming/doctor', 'qianming/messaging',
// 'qianming/k3cloud', 'qianming/ecology') declare theirs in js/<subpath>/index.d.ts, with the
// shared types (errors, HttpRequest, U64, …) imported from here.

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
  | 'invalid_json'
  | 'missing_field'
  | 'invalid_field'
  | 'vendor_error'
  | 'appid_disabled'
  | 'token_expired'
  | 'account_not_bound'
  | 'state_mismatch'
  | 'oauth_error'
  | 'login_failed'
  | 'invalid_url'
  | 'invalid_jwt'
  | 'invalid_code_verifier'
  | 'replay_store_unavailable'
  | 'unsigned_query_data'
  // Kinds are added, never renamed: accept names newer than these declarations.
  | (string & {});

/** What every refusal throws: an `Error` named `QianmingError` with a stable kind. */
export interface QianmingError extends Error {
  name: 'QianmingError';
  /** The stable snake_case name of the refusal. */
  kind: ErrorKind;
  /** The stable numeric code of the refusal (the C status value). */
  code: number;
  /**
   * Present when a vendor refused in a well-formed answer (a token parser's `Refused`):
   * what it said. `code`: Kingdee `errcode`, Apusic `exit_code`, edge gateway `code`;
   * `message`: Kingdee `description`, Weaver `msg`, Apusic `message`; `batchkey`: Weaver's.
   */
  refusal?: Refusal;
}

/** What a vendor said when it refused. */
export interface Refusal {
  code: string | null;
  message: string;
  batchkey: string | null;
}

/**
 * A `u64` from the core: a number when exact as one (up to 2^53 − 1, every real timestamp),
 * else a bigint (only saturated or hostile values).
 */
export type U64 = number | bigint;

/** A body (an answer, a received event): the bytes received, or text (sent as UTF-8). */
export type AnswerBody = Uint8Array | ArrayBufferView | ArrayBuffer | string;

/** A request for any HTTP client to send (qianming never does IO). */
export interface HttpRequest {
  method: string;
  /** Absolute, percent-encoded, visible ASCII. */
  url: string;
  /** In order, names as spelled. */
  headers: Array<[string, string]>;
  /** JSON or form text, or `null`. */
  body: string | null;
}

/** The stable names of every error kind, in code order. */
export function errorKinds(): readonly string[];

/** A request to render: any `HttpRequest`, or one built by hand (no body: `body` left out). */
export interface CurlRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string | null;
}

export const http: {
  /** The request as a POSIX-shell `curl` command, rendered by the core (what `--format curl` prints). */
  toCurl(request: CurlRequest): string;
};

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

/** A signed Kingdee request: every intermediate and the six `X-Api-*` headers. */
export interface KingdeeSignedRequest {
  /** The upper-case method. */
  method: string;
  /** `G(path)`. */
  canonicalPath: string;
  /** The canonical query (values encoded twice). */
  canonicalQuery: string;
  /** The signed header names in signing order (as in `X-Api-SignHeaders`). */
  signedHeaders: string[];
  /** The exact text that was MACed; every line ends with `\n`. */
  stringToSign: string;
  /** Lower-case hex of HMAC-SHA256(client secret, string to sign). */
  hmacHex: string;
  /** `Base64(hmacHex)`: the value of `X-Api-Signature`. */
  signature: string;
  /** The query string to put on the wire. */
  wireQuery: string;
  /** The six `X-Api-*` headers to send (the extra signed headers are the caller's to send). */
  headers: Record<string, string>;
  /** `path?wireQuery`, or the bare path when there is no query. */
  pathAndQuery: string;
}

/** @deprecated renamed `KingdeeSignedRequest`, its name in every binding. */
export type KingdeeSigningResult = KingdeeSignedRequest;

export interface KingdeeTokenRequestOptions {
  /** `https://api.kingdee.com` (a path prefix is kept). */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  uid?: string | null;
  /** Default `Date.now()`. */
  timestamp?: Timestamp;
  /** Default: ten random digits. */
  nonce?: string;
}

export interface KingdeeTokenRequest extends HttpRequest {
  appSignature: string;
  stringToSign: string;
  signature: string;
}

export interface KingdeeAppToken {
  appToken: string;
  uid: string | null;
  description: string | null;
  /** `receivedAtMs` + 24 h. */
  expiresAtMs: U64;
}

export class KingdeeSigner {
  constructor(clientId: string, clientSecret: string);
  readonly clientId: string;
  /** The parts are read lazily from one result; `toJSON()` gives a plain object. */
  sign(request: KingdeeRequest): Readonly<KingdeeSignedRequest> & { toJSON(): KingdeeSignedRequest };
  /** The signed `GET …/jdyconnector/app_management/kingdee_auth_token` request. */
  tokenRequest(options: KingdeeTokenRequestOptions): KingdeeTokenRequest;
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
  nonce: string;
  timestampMs: number;
}

/**
 * What a replay store records: `replayKey` (printable ASCII, nothing secret) until
 * `replayExpiresAtMs`. Every `verifyStateless` result is one.
 */
export interface ReplayTicket {
  replayKey: string;
  replayExpiresAtMs: number;
  /** How long to keep the key, seen at the `nowMs` of the verification (the core's, ≥ 1). */
  replayTtlMs?: number;
}

/** A replay store shared by several servers (Redis: `RedisReplayStore` from 'qianming/redis'). */
export interface ReplayStore {
  /**
   * Records `ticket.replayKey` for `replay.ttlMs(ticket, nowMs)` atomically, or rejects with a
   * `QianmingError` of kind `replayed` (already held) or `replay_store_unavailable` (cannot
   * answer: never resolve without recording).
   */
  record(ticket: ReplayTicket, nowMs: number): Promise<void> | void;
}

export interface KingdeeStatelessVerified extends KingdeeVerified, ReplayTicket {
  replayTtlMs: number;
}

/**
 * **Reveals the expected signature**: for debugging your own client only, never to be sent
 * back to a client (it lets anyone forge requests).
 */
export interface KingdeeVerifyExplanation {
  canonicalPath: string;
  canonicalQuery: string;
  signedHeaders: string[];
  stringToSign: string;
  hmacHex: string;
  expectedSignature: string;
  receivedSignature: string;
}

/** What can safely be said about a received request: never the expected signature. */
export interface KingdeeDiagnosis {
  /** `G(path)` of the received path. */
  canonicalPath: string;
  /** The canonical query of the received pairs. */
  canonicalQuery: string;
  /** The signed header names, in signing order. */
  signedHeaders: string[];
  /** The string to sign rebuilt from the request alone. */
  stringToSign: string;
  /** Whether `verifyStateless` would accept it (replays aside). */
  ok: boolean;
  /** Why it would be refused, or `null`. */
  error: QianmingError | null;
  /** The signed timestamp when accepted, else `null`. */
  timestampMs: number | null;
}

export interface KingdeeVerifierOptions {
  /** How far a timestamp may lie from now, either way (default 300000). */
  windowMs?: number;
  /** Most live requests the replay guard remembers (default 65536). */
  replayCapacity?: number;
  /**
   * Accept query pairs with an empty name (`?=x&k=v`), which the signature does not cover, as
   * the vendor gateway does. Default `false`: `unsigned_query_data`.
   */
  lenientQuery?: boolean;
}

export class KingdeeVerifier {
  constructor(clientSecret: string, options?: KingdeeVerifierOptions);
  readonly windowMs: number;
  /** How many requests the replay guard remembers. */
  readonly remembered: number;
  /**
   * Verifies at `nowMs` (default `Date.now()`) and remembers the client id and nonce: a second
   * use is refused with kind `replayed`. Expiry is judged by the latest `nowMs` seen.
   */
  verify(request: KingdeeReceivedRequest, nowMs?: number): KingdeeVerified;
  /** Verifies without replay state: record the ticket in a shared store (or use `verifyWith`). */
  verifyStateless(request: KingdeeReceivedRequest, nowMs?: number): KingdeeStatelessVerified;
  /** `verifyStateless`, then `store.record`; a failing store is `replay_store_unavailable`. */
  verifyWith(store: ReplayStore, request: KingdeeReceivedRequest, nowMs?: number): Promise<KingdeeVerified>;
  /** Why a request would be refused: safe to log or to answer the client. */
  diagnose(request: KingdeeReceivedRequest, nowMs?: number): KingdeeDiagnosis;
  /** **Reveals the expected signature**: debugging only, never to be sent to a client. */
  explainRevealingSignature(request: KingdeeReceivedRequest): KingdeeVerifyExplanation;
  /**
   * @deprecated Reveals the expected signature: servers use `diagnose`; to debug a client,
   * `explainRevealingSignature`.
   */
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
  /** Decodes a request target (`/path?query`, as it travels) as the gateway does, for the verifier. */
  parseRequestTarget(target: string): { path: string; query: Array<[string, string]> };
  /** Decodes a path as it arrives on the request line (`%XX` a byte, `+` kept). */
  percentDecode(encoded: string): string;
  /** One-shot signing; keep a `Signer` to sign many requests. */
  sign(clientId: string, clientSecret: string, request: KingdeeRequest): Readonly<KingdeeSignedRequest>;
  /** One-shot token request. */
  tokenRequest(options: KingdeeTokenRequestOptions & { clientId: string; clientSecret: string }): KingdeeTokenRequest;
  /** Parses the token answer; `errcode` ≠ 0 throws `vendor_error` with `.refusal`. */
  parseTokenAnswer(body: AnswerBody, receivedAtMs?: number | bigint): KingdeeAppToken;
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

/** What a verified sign established (never the decrypted plaintext: its MD5 part is as secret as the secret). */
export interface WeaverVerified {
  /** The signed timestamp (exact below 2^53). */
  timestampMs: number;
}

export interface WeaverStatelessVerified extends WeaverVerified, ReplayTicket {
  replayTtlMs: number;
}

export class WeaverSigner {
  constructor(appid: string, secret: string, aesKey: string);
  readonly appid: string;
  /** The sign for `timestampMs` (default `Date.now()`). */
  sign(timestampMs?: Timestamp): string;
  explain(timestampMs?: Timestamp): WeaverExplanation;
  /** `POST <baseUrl>/api/cus/token/auth/getToken` with a fresh sign. */
  tokenRequest(baseUrl: string, timestampMs?: Timestamp): HttpRequest;
  free(): void;
}

/**
 * What a received sign holds, and what the server would say about it. For debugging: the
 * plaintext and its MD5 are as secret as the secret (never log them or send them to a client).
 */
export interface WeaverInspection {
  /** The decrypted plaintext (normally `<timestamp>_<MD5>`). */
  plaintext: string;
  /** The timestamp before `_`, if it is one. */
  timestampMs: U64 | null;
  /** `now − timestamp` (negative: in the future). */
  ageMs: U64 | null;
  /** The MD5 after `_`, if any. */
  md5Upper: string | null;
  /** Whether it is the MD5 of the verifier's appid and secret. */
  md5Matches: boolean;
  /** Whether the server would accept the sign (replays aside). */
  ok: boolean;
  /** Why the server would refuse it, or `null`. */
  error: QianmingError | null;
}

export interface WeaverToken {
  token: string;
  msg: string | null;
  batchkey: string | null;
  /** `receivedAtMs` + 30 min. */
  expiresAtMs: U64;
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
  /**
   * Verifies and remembers `sign`; a second use is refused with kind `replayed`. Expiry is
   * judged by the latest `nowMs` seen.
   */
  verify(sign: string, nowMs?: number): WeaverVerified;
  /** Verifies without replay state: record the ticket in a shared store (or use `verifyWith`). */
  verifyStateless(sign: string, nowMs?: number): WeaverStatelessVerified;
  /** `verifyStateless`, then `store.record`; a failing store is `replay_store_unavailable`. */
  verifyWith(store: ReplayStore, sign: string, nowMs?: number): Promise<WeaverVerified>;
  /** Decrypts and explains without remembering; throws only when it cannot decrypt. */
  inspect(sign: string, nowMs?: number): WeaverInspection;
  readonly remembered: number;
  readonly windowMs: number;
  free(): void;
}

export const weaver: {
  sign(appid: string, secret: string, aesKey: string, timestampMs?: Timestamp): string;
  explain(appid: string, secret: string, aesKey: string, timestampMs?: Timestamp): WeaverExplanation;
  md5Upper(appid: string, secret: string): string;
  tokenRequest(baseUrl: string, appid: string, sign: string): HttpRequest;
  signedTokenRequest(baseUrl: string, appid: string, secret: string, aesKey: string, timestampMs?: Timestamp): HttpRequest;
  /** `status: false` throws the kind its `msg` maps to, with `.refusal`. */
  parseTokenAnswer(body: AnswerBody, receivedAtMs?: number | bigint): WeaverToken;
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

export interface EdgeToken {
  accessToken: string;
  refreshToken: string | null;
  /** `result.expire`, seconds. */
  expire: U64;
  /** The server's clock, ms. */
  t: U64 | null;
  code: string | null;
  expiresAtMs: U64;
  refreshExpiresAtMs: U64 | null;
}

export interface JwtClaims {
  exp: U64 | null;
  iat: U64 | null;
  nbf: U64 | null;
  iss: string | null;
  /** The decoded payload JSON. */
  payloadJson: string;
}

export const edge: {
  loginRequest(baseUrl: string, username: string, password: string): HttpRequest;
  refreshRequest(baseUrl: string, refreshToken: string): HttpRequest;
  xTokenHeader(accessToken: string): [string, string];
  /** `success: false` throws `login_failed` with `.refusal`. */
  parseTokenAnswer(body: AnswerBody): EdgeToken;
  /** The signature is NOT checked: use the claims to schedule a refresh only. */
  readJwtClaims(jwt: string): JwtClaims;
};


/** What replay stores need from the core. */
export const replay: {
  /** How long to keep `ticket` seen at `nowMs` (default `Date.now()`): the core's, at least 1. */
  ttlMs(ticket: Pick<ReplayTicket, 'replayExpiresAtMs'>, nowMs?: number): U64;
  /** A `QianmingError` of kind `replayed`, for a store that already holds the key. */
  replayedError(message: string): QianmingError;
  /** A `QianmingError` of kind `replay_store_unavailable` (fail closed); `cause` becomes `.cause`. */
  storeUnavailableError(message: string, cause?: unknown): QianmingError;
};

export type TokenAction = 'reuse' | 'refresh' | 'login_again';

export type TokenLifetimeOptions = (
  | { expS: number | bigint; issuedAtMs?: undefined; lifetimeMs?: undefined }
  | { issuedAtMs: number | bigint; lifetimeMs: number | bigint; expS?: undefined }
) & {
  refreshExpiresAtMs?: number | bigint | null;
  refreshExpS?: number | bigint | null;
  /** Default `Date.now()`. */
  nowMs?: number | bigint;
  /** Default `token.lifetimes.defaultSkewMs` (one minute). */
  skewMs?: number | bigint;
};

export const token: {
  action(options: TokenLifetimeOptions): { action: TokenAction; expiresAtMs: U64; refreshExpiresAtMs: U64 | null };
  readonly lifetimes: {
    readonly kingdeeLifetimeMs: number;
    readonly weaverLifetimeMs: number;
    readonly edgeAccessLifetimeMs: number;
    readonly edgeRefreshLifetimeMs: number;
    readonly defaultSkewMs: number;
  };
};
