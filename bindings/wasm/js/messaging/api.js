// The public JavaScript API of 'qianming/messaging' (WeCom, WeChat and DingTalk callbacks, DingTalk, Feishu, Yonyou YonBIP): camelCase namespaces over the
// wasm-bindgen exports of its own WebAssembly module, converting types only as the main
// module's API does (../api.js says what the wrapper does and does not do).

import { wasm } from './handle.js';
import {
  bytes, describe, objectArg, receivedAt, requestOf, text, textFields, u64, u64Text, unpack,
} from '../convert.js';

// ---------------------------------------------------------------- WXBizMsgCrypt (WeCom, WeChat, DingTalk callbacks)

/** A decimal text argument that may also be given as a number or bigint (the core checks the digits). */
function digitsText(value, what) {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return text(value, what);
}

/** token, timestamp and nonce of `options`, in the core's order (what a signature covers besides the text). */
function signedParts(options) {
  return [text(options.token, 'the token'), digitsText(options.timestamp, 'the timestamp'), text(options.nonce, 'the nonce')];
}

/** token, timestamp, nonce and encrypt of `options`, in the core's order. */
function signedText(options) {
  return [...signedParts(options), text(options.encrypt, 'the encrypt')];
}

let randomLength;
/** The random prefix of a reply: the caller's Uint8Array, or `null` to draw one. */
function callerRandom(random) {
  if (random === undefined || random === null) return null;
  if (!(random instanceof Uint8Array)) {
    throw new TypeError(`random must be a Uint8Array, not ${describe(random)}`);
  }
  return random;
}

export const wecom = Object.freeze({
  /**
   * `msg_signature`: lower-case hex SHA-1 of `{token, timestamp, nonce, encrypt}` sorted and
   * concatenated (the timestamp decimal digits, as a string, number or bigint).
   */
  msgSignature(options) {
    objectArg(options, 'the msg_signature inputs');
    return wasm.core.wecomMsgSignature(...signedText(options));
  },
  /**
   * Checks a received `signature` against `{token, timestamp, nonce, encrypt}` in constant
   * time: returns nothing, throws `signature_mismatch`.
   */
  verifyMsgSignature(options) {
    objectArg(options, 'the msg_signature inputs');
    wasm.core.wecomVerifyMsgSignature(...signedText(options), text(options.signature, 'the signature'));
  },
  /**
   * The message inside `encrypt` (a callback's `Encrypt` or a URL check's `echostr`) for
   * `{encodingAesKey, receiveId, encrypt}`; a message made for another receive id throws
   * `sign_mismatch`, a wrong key `undecryptable`. Check the signature first (`verifyAndDecrypt`).
   */
  decrypt(options) {
    objectArg(options, 'the decrypt options');
    return wasm.core.wecomDecrypt(...textFields(options, 'encodingAesKey', 'receiveId', 'encrypt'));
  },
  /**
   * A passive reply: `message` encrypted for `receiveId` and signed with `token`, `timestamp`
   * and `nonce`: `{encrypt, signature}`. `random`: the 16 bytes that open the plaintext
   * (default: fresh ones from crypto.getRandomValues).
   */
  encryptReply(options) {
    objectArg(options, 'the reply options');
    const given = callerRandom(options.random);
    let random = given;
    if (random === null) {
      randomLength ??= wasm.core.wecomRandomLen();
      random = globalThis.crypto.getRandomValues(new Uint8Array(randomLength));
    }
    try {
      const message = textFields(options, 'encodingAesKey', 'receiveId', 'message');
      const f = unpack(wasm.core.wecomEncryptReply(...message, random, ...signedParts(options)));
      return { encrypt: f[0], signature: f[1] };
    } finally {
      if (given === null) random.fill(0);
    }
  },
  /**
   * A received callback (`VerifyURL` / `DecryptMsg`): `msgSignature` checked first
   * (`signature_mismatch`), then the message decrypted and returned.
   */
  verifyAndDecrypt(options) {
    objectArg(options, 'the callback');
    const [token, timestamp, nonce] = signedParts(options);
    const key = textFields(options, 'encodingAesKey', 'receiveId');
    return wasm.core.wecomVerifyAndDecrypt(token, ...key, timestamp, nonce, ...textFields(options, 'encrypt', 'msgSignature'));
  },
});

// ---------------------------------------------------------------- DingTalk, Feishu

export const dingtalk = Object.freeze({
  /**
   * The custom robot's sign for `timestampMs` (milliseconds, the `timestamp` the webhook URL
   * carries): `{sign, signUrlencoded}` (the latter is the `sign` query value).
   */
  robotSign(secret, timestampMs) {
    const f = unpack(wasm.core.dingtalkRobotSign(text(secret, 'the robot secret'), u64Text(timestampMs, 'timestampMs')));
    return { sign: f[0], signUrlencoded: f[1] };
  },
});

/** The fields of a received Feishu event, in the core's order. */
function feishuEvent(options) {
  objectArg(options, 'the event');
  return [
    text(options.timestamp, 'the X-Lark-Request-Timestamp'),
    text(options.nonce, 'the X-Lark-Request-Nonce'),
    text(options.encryptKey, 'the Encrypt Key'),
    bytes(options.body, 'the body'),
  ];
}

export const feishu = Object.freeze({
  /** The custom bot's sign for `timestamp` (**seconds**, sent beside it in the webhook body). */
  botSign(secret, timestamp) {
    return wasm.core.feishuBotSign(text(secret, 'the bot secret'), u64Text(timestamp, 'the timestamp'));
  },
  /** The plaintext of an encrypted event (`{"encrypt": "…"}`) for the app's Encrypt Key. */
  decrypt(encryptKey, encrypt) {
    return wasm.core.feishuDecrypt(text(encryptKey, 'the Encrypt Key'), text(encrypt, 'the encrypt text'));
  },
  /**
   * `X-Lark-Signature` of `{timestamp, nonce, encryptKey, body}` (the two `X-Lark-Request-*`
   * header values and the raw body, bytes or text).
   */
  eventSignature(options) {
    return wasm.core.feishuEventSignature(...feishuEvent(options));
  },
  /** Checks a received `signature` in constant time: returns nothing, throws `signature_mismatch`. */
  verifyEventSignature(options) {
    const event = feishuEvent(options);
    wasm.core.feishuVerifyEventSignature(...event, text(options.signature, 'the signature'));
  },
});

// ---------------------------------------------------------------- Yonyou YonBIP

let yonyouTokenUrl;

export const yonyou = Object.freeze({
  /**
   * The token request's signature for `timestampMs`: `{signature, signatureUrlencoded}` (the
   * latter is the `signature` query value).
   */
  signature(appKey, appSecret, timestampMs) {
    const f = unpack(
      wasm.core.yonyouSignature(text(appKey, 'the appKey'), text(appSecret, 'the appSecret'), u64Text(timestampMs, 'timestampMs')),
    );
    return { signature: f[0], signatureUrlencoded: f[1] };
  },
  /**
   * `GET <tokenUrl>?appKey=…&timestamp=…&signature=…`: `{tokenUrl?, appKey, appSecret,
   * timestampMs?}`, the URL by default `yonyou.defaultTokenUrl`, the time now.
   */
  tokenRequest(options) {
    objectArg(options, 'the token request options');
    const url = options.tokenUrl === undefined || options.tokenUrl === null ? yonyou.defaultTokenUrl : options.tokenUrl;
    return requestOf(
      wasm.core.yonyouTokenRequest(
        text(url, 'tokenUrl'),
        text(options.appKey, 'the appKey'),
        text(options.appSecret, 'the appSecret'),
        options.timestampMs === undefined || options.timestampMs === null
          ? String(Date.now())
          : u64Text(options.timestampMs, 'timestampMs'),
      ),
    );
  },
  /**
   * Parses `{"code","message","data":{"access_token","expire"}}`: `{accessToken, expireS,
   * message, expiresAtMs}` (`expire` seconds after `receivedAtMs`, default now). A code other
   * than `00000` throws kind `vendor_error` with `.refusal`.
   */
  parseTokenAnswer(body, receivedAtMs) {
    const f = unpack(wasm.core.yonyouParseTokenAnswer(bytes(body), receivedAt(receivedAtMs)));
    return { accessToken: f[0], expireS: u64(f[1]), message: f[2], expiresAtMs: u64(f[3]) };
  },
  /** The public cloud's token URL (the core's `DEFAULT_TOKEN_URL`). */
  get defaultTokenUrl() {
    yonyouTokenUrl ??= wasm.core.yonyouDefaultTokenUrl();
    return yonyouTokenUrl;
  },
});
