// The public JavaScript API of 'qianming/k3cloud' (Kingdee K3Cloud WebAPI): camelCase namespaces over the
// wasm-bindgen exports of its own WebAssembly module, converting types only as the main
// module's API does (../api.js says what the wrapper does and does not do).

import { wasm } from './handle.js';
import {
  bytes, number, objectArg, optionalText, pairsFrom, requestOf, text, textFields, u64Text, unpack,
} from '../convert.js';

// ---------------------------------------------------------------- Kingdee K3Cloud WebAPI

/** An optional locale id (a number; the core checks it), `undefined` for the core's default. */
function lcidOf(value) {
  return value === undefined || value === null ? undefined : number(value, 'lcid');
}

/** acctId, userName, appId and appSecret of `options`, in the core's order. */
function k3cloudAuthorisation(options) {
  return textFields(options, 'acctId', 'userName', 'appId', 'appSecret');
}

/** The authorisation, then the locale (and the organisation when `withOrg`). */
function k3cloudIdentity(options, withOrg) {
  const id = [...k3cloudAuthorisation(options), lcidOf(options.lcid)];
  if (withOrg) id.push(optionalText(options.orgNum, 'the orgNum'));
  return id;
}

/** Milliseconds as decimal text (default now). */
function nowMsText(value, what) {
  return value === undefined || value === null ? String(Date.now()) : u64Text(value, what);
}

/** Seconds as decimal text (default now, in whole seconds). */
function nowSText(value, what) {
  return value === undefined || value === null ? String(Math.floor(Date.now() / 1000)) : u64Text(value, what);
}

let k3cloudLcid;

export const k3cloud = Object.freeze({
  /**
   * What an AppID carries for the API gateway: `{clientId, gatewaySecret}` (the part before
   * `_`, and the part after it unmasked as the Java SDK does).
   */
  gatewayCredentials(appId) {
    const f = unpack(wasm.core.k3cloudGatewayCredentials(text(appId, 'the appId')));
    return { clientId: f[0], gatewaySecret: f[1] };
  },
  /**
   * The Java SDK's `X-Api-*` and `X-Kd-*` headers for a POST to `url`: `{timestamp,
   * stringToSign, apiSignature, appData, kdSignature, headers}`. Options: the identity
   * (`acctId`, `userName`, `appId`, `appSecret`, `lcid?`, `orgNum?`), `url`, `timestampUnit?`
   * (`"ms"` or `"s"`, default the core's: ms) and `timestampMs?` (default now).
   */
  sign(options) {
    objectArg(options, 'the K3Cloud sign options');
    const f = unpack(
      wasm.core.k3cloudSign(
        ...k3cloudIdentity(options, true),
        text(options.url, 'the url'),
        optionalText(options.timestampUnit, 'the timestampUnit'),
        nowMsText(options.timestampMs, 'timestampMs'),
      ),
    );
    return {
      timestamp: f[0],
      stringToSign: f[1],
      apiSignature: f[2],
      appData: f[3],
      kdSignature: f[4],
      headers: pairsFrom(f, 5),
    };
  },
  /** The signed POST of `body` (JSON text) to `url`: `sign`'s options and `body`. */
  request(options) {
    objectArg(options, 'the K3Cloud request options');
    return requestOf(
      wasm.core.k3cloudRequest(
        ...k3cloudIdentity(options, true),
        text(options.url, 'the url'),
        text(options.body, 'the body'),
        optionalText(options.timestampUnit, 'the timestampUnit'),
        nowMsText(options.timestampMs, 'timestampMs'),
      ),
    );
  },
  /**
   * The `LoginBySign` sign: hex SHA-256 (`hash: "sha1"` for old servers) of `acctId`,
   * `userName`, `appId`, `appSecret` and `timestampS` (default now) sorted and concatenated.
   */
  loginSign(options) {
    objectArg(options, 'the K3Cloud login sign options');
    return wasm.core.k3cloudLoginSign(
      ...k3cloudAuthorisation(options),
      nowSText(options.timestampS, 'timestampS'),
      optionalText(options.hash, 'the hash'),
    );
  },
  /** `POST <serverUrl>/…AuthService.LoginBySign.common.kdsvc` with the sign in the body. */
  loginBySignRequest(options) {
    objectArg(options, 'the K3Cloud login options');
    return requestOf(
      wasm.core.k3cloudLoginBySignRequest(
        text(options.serverUrl, 'the serverUrl'),
        ...k3cloudIdentity(options, false),
        nowSText(options.timestampS, 'timestampS'),
        optionalText(options.hash, 'the hash'),
      ),
    );
  },
  /** `POST <serverUrl>/…AuthService.LoginByAppSecret.common.kdsvc` (deprecated by Kingdee). */
  loginByAppSecretRequest(options) {
    objectArg(options, 'the K3Cloud login options');
    return requestOf(wasm.core.k3cloudLoginByAppSecretRequest(text(options.serverUrl, 'the serverUrl'), ...k3cloudIdentity(options, false)));
  },
  /**
   * Parses a login answer: `{sessionId, message, isSuccessByApi}`. `LoginResultType` other
   * than 1 throws `login_failed` with `.refusal`.
   */
  parseLoginAnswer(body) {
    const f = unpack(wasm.core.k3cloudParseLoginAnswer(bytes(body)));
    return { sessionId: f[0], message: f[1], isSuccessByApi: f[2] === null ? null : f[2] === 'true' };
  },
  /** The headers of a call in a session: `kdservice-sessionid` and its `Cookie`. */
  sessionHeaders(sessionId) {
    return pairsFrom(unpack(wasm.core.k3cloudSessionHeaders(text(sessionId, 'the sessionId'))), 0);
  },
  /** The core's default locale id (simplified Chinese). */
  get defaultLcid() {
    k3cloudLcid ??= wasm.core.k3cloudDefaultLcid();
    return k3cloudLcid;
  },
});
