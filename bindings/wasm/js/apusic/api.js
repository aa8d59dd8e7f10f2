// The public JavaScript API of 'qianming/apusic' (Apusic management and Apusic OAuth 2.0): camelCase namespaces over the
// wasm-bindgen exports of its own WebAssembly module, converting types only as the main
// module's API does (../api.js says what the wrapper does and does not do).

import { wasm } from './handle.js';
import { bytes, objectArg, optionalText, pairsFrom, requestOf, text, textFields, u64, unpack } from '../convert.js';

// ---------------------------------------------------------------- Apusic management

export const apusic = Object.freeze({
  /** `https://<host>:6848` for a host name, an IPv4 or a bracketed IPv6 address. */
  baseUrlForHost(host) {
    return wasm.core.apusicBaseUrlForHost(text(host, 'the host'));
  },
  /**
   * `POST https://<host>:6848/management/sessions`: give `host` or `baseUrl`, `user`,
   * `password`, `remoteHostName`, and optionally `mode` (`basic`, the default, or `raw`).
   */
  sessionRequest(options) {
    objectArg(options, 'the session request options');
    const base =
      options.host !== undefined && options.host !== null
        ? apusic.baseUrlForHost(options.host)
        : text(options.baseUrl, 'baseUrl');
    return requestOf(
      wasm.core.apusicSessionRequest(
        base,
        text(options.user, 'the user name'),
        text(options.password, 'the password'),
        text(options.mode ?? 'basic', 'the mode'),
        text(options.remoteHostName, 'remoteHostName'),
      ),
    );
  },
  /**
   * Parses `{"message","exit_code","extraProperties":{"token"}}`: `{token, message}`. An exit
   * code other than `SUCCESS` throws kind `login_failed` with `.refusal`.
   */
  parseSessionAnswer(body) {
    const f = unpack(wasm.core.apusicParseSessionAnswer(bytes(body)));
    return { token: f[0], message: f[1] };
  },
  /**
   * The headers of later calls, as `[name, value]` pairs: the token cookie (`cookieName`,
   * default `gfrestdtoken`), `X-Auth-Token` when `xAuthToken`, `X-Requested-By: Apusic`.
   */
  callHeaders(token, options) {
    const cookieName = options?.cookieName ?? wasm.core.apusicDefaultTokenCookie();
    const xAuthToken = options?.xAuthToken ?? false;
    if (typeof xAuthToken !== 'boolean') throw new TypeError('xAuthToken must be a boolean');
    return pairsFrom(unpack(wasm.core.apusicCallHeaders(text(token, 'the token'), text(cookieName, 'cookieName'), xAuthToken)), 0);
  },
});

// ---------------------------------------------------------------- Apusic OAuth 2.0

export const oauth = Object.freeze({
  /** The PKCE S256 challenge of a code verifier (43–128 characters of A–Z a–z 0–9 - . _ ~). */
  pkceChallenge(codeVerifier) {
    return wasm.core.oauthPkceChallenge(text(codeVerifier, 'the code verifier'));
  },
  /** The authorize URL: `{baseUrl, clientId, redirectUri, state?, codeVerifier?}`. */
  authorizeUrl(options) {
    objectArg(options, 'the authorize URL options');
    return wasm.core.oauthAuthorizeUrl(
      ...textFields(options, 'baseUrl', 'clientId', 'redirectUri'),
      optionalText(options.state, 'state'),
      optionalText(options.codeVerifier, 'the code verifier'),
    );
  },
  /** Parses the callback URL or query string: `{code, state}`; `expectedState` (required, not empty) must match. */
  parseCallback(urlOrQuery, expectedState) {
    const f = unpack(wasm.core.oauthParseCallback(text(urlOrQuery, 'the callback'), text(expectedState, 'the expected state')));
    return { code: f[0], state: f[1] };
  },
  /** The token exchange: `{baseUrl, clientId, clientSecret, redirectUri, code, codeVerifier?}`. */
  tokenRequest(options) {
    objectArg(options, 'the token request options');
    const fields = textFields(options, 'baseUrl', 'clientId', 'clientSecret', 'redirectUri', 'code');
    return requestOf(wasm.core.oauthTokenRequest(...fields, optionalText(options.codeVerifier, 'the code verifier')));
  },
  /** Parses the token answer (form-encoded or JSON): `{accessToken, expires}`. */
  parseTokenAnswer(body) {
    const f = unpack(wasm.core.oauthParseTokenAnswer(bytes(body)));
    return { accessToken: f[0], expires: u64(f[1]) };
  },
  /** The user info request for an access token. */
  userinfoRequest(baseUrl, accessToken) {
    return requestOf(wasm.core.oauthUserinfoRequest(text(baseUrl, 'baseUrl'), text(accessToken, 'the access token')));
  },
  /**
   * Parses the user info answer: `{id, attributes}` (`[name, value]` pairs). An empty body
   * throws `account_not_bound`; `expired_accessToken` throws `token_expired`.
   */
  parseUserinfoAnswer(body) {
    const f = unpack(wasm.core.oauthParseUserinfoAnswer(bytes(body)));
    return { id: f[0], attributes: pairsFrom(f, 1) };
  },
});
