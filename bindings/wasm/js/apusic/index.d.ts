// Type declarations of 'qianming/apusic' (Apusic management and Apusic OAuth 2.0): its own WebAssembly module, loaded
// apart from the main one ('qianming') to keep that one small.

import type { AnswerBody, HttpRequest, U64 } from '../index.js';

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
