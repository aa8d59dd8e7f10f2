// Type declarations of 'qianming/messaging' (WeCom, WeChat and DingTalk callbacks, DingTalk, Feishu, Yonyou YonBIP): its own WebAssembly module, loaded
// apart from the main one ('qianming') to keep that one small.

import type { AnswerBody, HttpRequest, U64 } from '../index.js';

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
