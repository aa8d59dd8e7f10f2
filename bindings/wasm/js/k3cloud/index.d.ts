// Type declarations of 'qianming/k3cloud' (Kingdee K3Cloud WebAPI): its own WebAssembly module, loaded
// apart from the main one ('qianming') to keep that one small.

import type { AnswerBody, HttpRequest } from '../index.js';

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
