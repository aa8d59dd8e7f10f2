// Type declarations of the npm package `qianming` (Node 20.19+/22.12+ and browsers, ESM).

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

export interface ApusicSessionRequestOptions {
  /** The server's host (base URL `https://<host>:6848`), or give `baseUrl`. */
  host?: string;
  baseUrl?: string;
  user: string;
  password: string;
  /** `basic` (default): `Basic <credentials>`; `raw`: the bare credentials. */
  mode?: 'basic' | 'raw';
  /** The caller's address (header `remoteHostName`). */
  remoteHostName: string;
}

export const apusic: {
  baseUrlForHost(host: string): string;
  sessionRequest(options: ApusicSessionRequestOptions): HttpRequest;
  /** Exit code ≠ `SUCCESS` throws `login_failed` with `.refusal`. */
  parseSessionAnswer(body: AnswerBody): { token: string; message: string | null };
  callHeaders(token: string, options?: { cookieName?: string | null; xAuthToken?: boolean }): Array<[string, string]>;
};

export const oauth: {
  pkceChallenge(codeVerifier: string): string;
  authorizeUrl(options: {
    baseUrl: string;
    clientId: string;
    redirectUri: string;
    state?: string | null;
    codeVerifier?: string | null;
  }): string;
  /** Checks `state` against `expectedState`, which is required and not empty (`state_mismatch`, `invalid_field`). */
  parseCallback(urlOrQuery: string, expectedState: string): { code: string; state: string | null };
  tokenRequest(options: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    code: string;
    codeVerifier?: string | null;
  }): HttpRequest;
  parseTokenAnswer(body: AnswerBody): { accessToken: string; expires: U64 | null };
  userinfoRequest(baseUrl: string, accessToken: string): HttpRequest;
  /** Empty body: `account_not_bound`; `expired_accessToken`: `token_expired`. */
  parseUserinfoAnswer(body: AnswerBody): { id: string; attributes: Array<[string, string]> };
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

// ---------------------------------------------------------------- WXBizMsgCrypt (WeCom, WeChat, DingTalk callbacks)

/** What `msg_signature` covers: the callback's query parameters and its encrypt text. */
export interface WeComSignedText {
  /** The callback Token. */
  token: string;
  /** The `timestamp` query parameter (seconds): decimal digits, as text, a number or a bigint. */
  timestamp: string | number | bigint;
  nonce: string;
  /** The `Encrypt` text (or a URL check's `echostr`), URL-decoded. */
  encrypt: string;
}

export interface WeComDecryptOptions {
  /** The 43-character EncodingAESKey. */
  encodingAesKey: string;
  /** The corp id, app id, suite id or DingTalk key (empty for personal third-party apps). */
  receiveId: string;
  encrypt: string;
}

export interface WeComReplyOptions {
  encodingAesKey: string;
  receiveId: string;
  /** The reply (usually XML) to encrypt. */
  message: string;
  /** The 16 bytes that open the plaintext; default: fresh ones from `crypto.getRandomValues`. */
  random?: Uint8Array | null;
  token: string;
  /** The reply's timestamp (seconds). */
  timestamp: string | number | bigint;
  nonce: string;
}

/** A passive reply: the `Encrypt` text and its `MsgSignature`. */
export interface WeComEncryptedReply {
  encrypt: string;
  signature: string;
}

/** A received callback (`VerifyURL` / `DecryptMsg`). */
export interface WeComCallback {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  timestamp: string | number | bigint;
  nonce: string;
  encrypt: string;
  /** The `msg_signature` query parameter. */
  msgSignature: string;
}

export const wecom: {
  /** Lower-case hex SHA-1 of the four texts, sorted and concatenated. */
  msgSignature(options: WeComSignedText): string;
  /** Constant-time check; throws `signature_mismatch`. */
  verifyMsgSignature(options: WeComSignedText & { signature: string }): void;
  /** `sign_mismatch`: made for another receive id; `undecryptable`: a wrong key. */
  decrypt(options: WeComDecryptOptions): string;
  encryptReply(options: WeComReplyOptions): WeComEncryptedReply;
  /** The signature checked first, then the message decrypted. */
  verifyAndDecrypt(options: WeComCallback): string;
};

// ---------------------------------------------------------------- DingTalk, Feishu

/** A DingTalk robot webhook sign. */
export interface DingTalkRobotSign {
  /** Base64 of the HMAC-SHA256 tag. */
  sign: string;
  /** `sign` as `java.net.URLEncoder` encodes it: the `sign` query value. */
  signUrlencoded: string;
}

export const dingtalk: {
  /** The sign for `timestampMs` (milliseconds: send the same value as `timestamp`). */
  robotSign(secret: string, timestampMs: number | bigint): DingTalkRobotSign;
};

/** A received Feishu event: the `X-Lark-Request-*` header values and the raw body. */
export interface FeishuEvent {
  timestamp: string;
  nonce: string;
  encryptKey: string;
  /** The raw request body, bytes or text. */
  body: AnswerBody;
}

export const feishu: {
  /** The custom bot sign for `timestamp` in **seconds**. */
  botSign(secret: string, timestamp: number | bigint): string;
  /** `invalid_base64`, `undecryptable` (a wrong Encrypt Key), `empty_secret`. */
  decrypt(encryptKey: string, encrypt: string): string;
  /** `X-Lark-Signature`: hex SHA-256 of timestamp, nonce, Encrypt Key and body. */
  eventSignature(options: FeishuEvent): string;
  /** Constant-time check; throws `signature_mismatch`. */
  verifyEventSignature(options: FeishuEvent & { signature: string }): void;
};

// ---------------------------------------------------------------- Yonyou YonBIP

export interface YonyouSignature {
  /** Base64 of the HMAC-SHA256 tag. */
  signature: string;
  /** `signature` as `java.net.URLEncoder` encodes it: the query value. */
  signatureUrlencoded: string;
}

export interface YonyouTokenRequestOptions {
  /** Default `yonyou.defaultTokenUrl` (the public cloud); data centres have their own. */
  tokenUrl?: string | null;
  appKey: string;
  appSecret: string;
  /** Default `Date.now()`. */
  timestampMs?: number | bigint | null;
}

export interface YonyouToken {
  accessToken: string;
  /** `data.expire`, seconds. */
  expireS: U64;
  message: string | null;
  /** `receivedAtMs` + `expireS` seconds. */
  expiresAtMs: U64;
}

export const yonyou: {
  signature(appKey: string, appSecret: string, timestampMs: number | bigint): YonyouSignature;
  tokenRequest(options: YonyouTokenRequestOptions): HttpRequest;
  /** A code other than `00000` throws `vendor_error` with `.refusal`. */
  parseTokenAnswer(body: AnswerBody, receivedAtMs?: number | bigint): YonyouToken;
  /** The core's public-cloud token URL. */
  readonly defaultTokenUrl: string;
};

// ---------------------------------------------------------------- Kingdee K3Cloud WebAPI

/** The third-party login authorisation (第三方系统登录授权). */
export interface K3CloudAuthorisation {
  /** The account (data centre) id, `X-KDApi-AcctID`. */
  acctId: string;
  /** The integration user name. */
  userName: string;
  /** `<client id>_<masked gateway secret>`. */
  appId: string;
  appSecret: string;
}

/** Who calls, with the locale that goes into `X-Kd-Appdata` and the login bodies. */
export interface K3CloudIdentity extends K3CloudAuthorisation {
  /** The locale id; default `k3cloud.defaultLcid` (2052, simplified Chinese). */
  lcid?: number | null;
}

export interface K3CloudSignOptions extends K3CloudIdentity {
  /** The organisation number, `X-Kd-Appdata`'s last field; default `"0"`. */
  orgNum?: string | null;
  /** The full URL to POST to (`…/<service>.common.kdsvc`). */
  url: string;
  /** `"ms"` (the Java SDK, the core's default) or `"s"` (the Python, PHP, Node and Go SDKs). */
  timestampUnit?: string | null;
  /** Default `Date.now()`. */
  timestampMs?: number | bigint | null;
}

export interface K3CloudRequestOptions extends K3CloudSignOptions {
  /** The JSON body. */
  body: string;
}

export interface K3CloudLoginSignOptions extends K3CloudAuthorisation {
  /** Seconds since the epoch; default now. */
  timestampS?: number | bigint | null;
  /** `"sha256"` (current servers, the core's default) or `"sha1"` (before PT-146911). */
  hash?: string | null;
}

export interface K3CloudLoginRequestOptions extends K3CloudIdentity {
  /** The server URL, for example `https://erp.example.com/k3cloud/`. */
  serverUrl: string;
  timestampS?: number | bigint | null;
  hash?: string | null;
}

export interface K3CloudAppSecretLoginOptions extends K3CloudIdentity {
  serverUrl: string;
}

/** What an AppID carries for the API gateway. */
export interface K3CloudGatewayCredentials {
  /** `X-Api-ClientID`. */
  clientId: string;
  /** The HMAC key of `X-Api-Signature` (Base64 text; its bytes are the key). */
  gatewaySecret: string;
}

/** The signed headers of a K3Cloud call and the texts behind them. */
export interface K3CloudSignedHeaders {
  /** `x-api-timestamp` (and `x-api-nonce`) in the unit asked for. */
  timestamp: string;
  stringToSign: string;
  /** `X-Api-Signature`. */
  apiSignature: string;
  /** `acctId,userName,lcid,orgNum` before Base64 (`X-Kd-Appdata`). */
  appData: string;
  /** `X-Kd-Signature`. */
  kdSignature: string;
  /** The nine headers, in order. */
  headers: Array<[string, string]>;
}

/** A K3Cloud session: what a granted login answer carries. */
export interface K3CloudSession {
  /** `KDSVCSessionId`: send it with `k3cloud.sessionHeaders`. */
  sessionId: string;
  message: string | null;
  /** `IsSuccessByAPI`, when the answer has it. */
  isSuccessByApi: boolean | null;
}

export const k3cloud: {
  /** `invalid_field`: not `<client id>_<part>`; `invalid_base64`: a 32-character part that is not Base64. */
  gatewayCredentials(appId: string): K3CloudGatewayCredentials;
  sign(options: K3CloudSignOptions): K3CloudSignedHeaders;
  /** The signed POST: `sign`'s headers, then `Content-Type: application/json`. */
  request(options: K3CloudRequestOptions): HttpRequest;
  /** Hex of the `LoginBySign` digest; any texts are accepted. */
  loginSign(options: K3CloudLoginSignOptions): string;
  loginBySignRequest(options: K3CloudLoginRequestOptions): HttpRequest;
  /** Deprecated by Kingdee: prefer `loginBySignRequest`. */
  loginByAppSecretRequest(options: K3CloudAppSecretLoginOptions): HttpRequest;
  /** `LoginResultType` other than 1 throws `login_failed` with `.refusal`. */
  parseLoginAnswer(body: AnswerBody): K3CloudSession;
  /** `kdservice-sessionid` and `Cookie`, for every call in the session. */
  sessionHeaders(sessionId: string): Array<[string, string]>;
  /** The core's default locale id. */
  readonly defaultLcid: number;
};

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

// ---------------------------------------------------------------- the signature doctor

/**
 * The doctor's verdicts (stable names, a contract like error kinds; docs/spec/doctor.md).
 * New verdicts may be added, so the type also admits any string.
 */
export type DoctorVerdict =
  | 'valid'
  | 'unexplained'
  | 'expired'
  | 'from_the_future'
  | 'timestamp_in_seconds'
  | 'replayed'
  | 'query_encoded_once'
  | 'path_not_encoded'
  | 'space_as_percent20'
  | 'query_unsorted'
  | 'hex_uppercase'
  | 'base64_of_raw_hmac'
  | 'header_names_not_lowercased'
  | 'missing_final_newline'
  | 'encoded_path_signed'
  | 'query_sorted_by_raw_name'
  | 'signed_headers_unsorted'
  | 'hex_not_base64'
  | 'query_left_out'
  | 'md5_lowercase'
  | 'secret_appid_swapped'
  | 'base64_instead_of_hex'
  | 'wrong_aes_key'
  | 'md5_without_colon'
  | 'cbc_instead_of_ecb'
  | 'zero_padding'
  | (string & {});

/** What every doctor report starts with. */
export interface DoctorFinding {
  /** The verdict's stable numeric code. */
  verdictCode: number;
  /** `valid`, the (first) mistake, or `unexplained`. */
  verdict: DoctorVerdict;
  /** What the verdict means and what to do, in English. */
  explanation: string;
  /** The same in Chinese. */
  explanationZh: string;
  /** Every mistake found, the verdict's first. */
  mistakes: DoctorVerdict[];
}

export interface DoctorOptions<V> {
  /** The time to judge at (default `Date.now()`). */
  nowMs?: number;
  /** The window either way (default: the verifier's, else five minutes). */
  windowMs?: number;
  /** A verifier whose replay guard is read (never changed): a request it accepted is `replayed`. */
  verifier?: V | null;
}

export interface KingdeePastedOptions extends DoctorOptions<KingdeeVerifier> {
  /** How the text is read: `detect` (default), `curl`, `http` or `har`. */
  format?: 'detect' | 'curl' | 'http' | 'har';
}

/** What the Kingdee doctor found; never the signature or HMAC the request should carry. */
export interface KingdeeDoctorReport extends DoctorFinding {
  clientId: string;
  nonce: string;
  timestampMs: U64;
  nowMs: U64;
  windowMs: U64;
  /** `nowMs − timestampMs` (positive: in the past); for `timestamp_in_seconds`, `nowMs − timestamp × 1000`. */
  timeDifferenceMs: U64;
  canonicalPath: string;
  canonicalQuery: string;
  signedHeaders: string[];
  /** The string to sign the gateway builds (no secret in it). */
  stringToSign: string;
  /** The string to sign the client used, when reproduced; `null` when `unexplained`. */
  clientStringToSign: string | null;
}

/** A request read from pasted text, and the doctor's report on it. */
export interface KingdeePastedRequest {
  method: string;
  /** The request target as it travels (path and query, percent-encoded). */
  target: string;
  /** The path, decoded as the gateway decodes it. */
  path: string;
  query: [string, string][];
  headers: [string, string][];
  body: string | null;
  report: KingdeeDoctorReport;
}

/** What the Weaver doctor found; never the MD5 the sign should carry. */
export interface WeaverDoctorReport extends DoctorFinding {
  nowMs: U64;
  windowMs: U64;
  /** The timestamp inside the sign; `null` when it did not decrypt to `<digits>_<32 hex>`. */
  timestampMs: U64 | null;
  timeDifferenceMs: U64 | null;
  /** The shape of the decrypted sign without its digits; `null` when it did not decrypt. */
  plaintextLayout: string | null;
  /** How the client made the sign, as a formula of names; `null` when not reproduced. */
  clientRecipe: string | null;
}

/** Where a client's string to sign first differs from the gateway's. */
export interface StringToSignComparison {
  identical: boolean;
  /** From 1; 0 when identical. */
  line: number;
  /** In characters, from 1; 0 when identical. */
  column: number;
  part: 'method' | 'canonical_path' | 'canonical_query' | 'header_line' | '';
  expectedExcerpt: string;
  pastedExcerpt: string;
  mistake: DoctorVerdict | null;
  explanation: string | null;
  explanationZh: string | null;
}

export const doctor: {
  /** The Kingdee doctor on a received request (path and query decoded). */
  kingdee(clientSecret: string, request: KingdeeReceivedRequest, options?: DoctorOptions<KingdeeVerifier>): KingdeeDoctorReport;
  /** A pasted `curl` command, raw HTTP request or HAR entry, read and diagnosed. */
  kingdeePasted(clientSecret: string, pasted: string, options?: KingdeePastedOptions): KingdeePastedRequest;
  /** The Weaver doctor on a received sign. */
  weaver(appid: string, secret: string, aesKey: string, sign: string, options?: DoctorOptions<WeaverVerifier>): WeaverDoctorReport;
  /** Where a client's own string to sign first differs from `expected`. */
  compareStringToSign(expected: string, pasted: string): StringToSignComparison;
};
