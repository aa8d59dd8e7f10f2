package io.github.qianming;

import java.nio.ByteBuffer;

/** Weaver token: the {@code getToken} request and its answer. */
public final class WeaverToken {
  private WeaverToken() {}

  /** A granted Weaver token. Its {@link #toString} leaves the token out. */
  public static final class Token {
    private final String token;
    private final String msg;
    private final String batchkey;
    private final TokenLifetime lifetime;

    // qm_weaver_token: token, msg, batchkey (qm_str), lifetime at byte 48.
    Token(Scratch s, byte[] out, ByteBuffer st) {
      this.token = s.str(out, st, 0);
      this.msg = s.optStr(out, st, 16);
      this.batchkey = s.optStr(out, st, 32);
      this.lifetime = TokenLifetime.read(st, 48);
    }

    /** @return {@code token} (secret) */
    public String token() {
      return token;
    }

    /** @return {@code msg}, or null */
    public String msg() {
      return msg;
    }

    /** @return {@code batchkey}, or null */
    public String batchkey() {
      return batchkey;
    }

    /** @return received time + 30 min */
    public TokenLifetime lifetime() {
      return lifetime;
    }

    @Override
    public String toString() {
      return Show.of("Token", "token", Show.secret(token), "msg", msg, "batchkey", batchkey, "lifetime",
          lifetime);
    }
  }

  /**
   * {@code POST <base>/api/cus/token/auth/getToken} with headers {@code Content-Type}, {@code
   * appid} and {@code sign}, no body.
   *
   * @param baseUrl the Weaver server, e.g. {@code http://10.0.0.1}
   * @param appid the appid
   * @param sign a sign from {@link Weaver#sign} (each works once)
   * @return the request
   * @throws QianmingException e.g. {@code invalid_url}, {@code invalid_header_value}
   */
  public static HttpRequest tokenRequest(String baseUrl, String appid, String sign) {
    return HttpRequest.build((x, t) -> NativeLib.qm_weaver_token_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.st(0), x.outPtr(), x.outCap(),
        x.outLen), baseUrl, appid, sign);
  }

  /**
   * {@link #tokenRequest} with a fresh sign made at {@code timestampMs} (a retry needs a new one).
   *
   * @param appid the appid
   * @param secret the secret
   * @param aesKey the AES key
   * @param baseUrl the Weaver server
   * @param timestampMs ms since the epoch
   * @return the request
   * @throws QianmingException as {@link Weaver#sign} and {@link #tokenRequest}
   */
  public static HttpRequest signedTokenRequest(String appid, String secret, String aesKey, String baseUrl,
      long timestampMs) {
    return HttpRequest.build((x, t) -> NativeLib.qm_weaver_signed_token_request(x.ptr(t[0]),
        Scratch.len(t[0]), x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]),
        Scratch.len(t[3]), timestampMs, x.st(0), x.outPtr(), x.outCap(), x.outLen), appid, secret, aesKey,
        baseUrl);
  }

  /**
   * Parses the answer {@code {"batchkey", "msg", "status", "token"}}.
   *
   * @param body the answer body as received (need not be UTF-8)
   * @param receivedAtMs when it arrived (the token lives 30 min from then)
   * @return the token
   * @throws QianmingException with a {@link QianmingException#refusal()} for {@code status:
   *     false} (kind from the message: {@code appid_disabled}, {@code sign_mismatch}, …), or the
   *     kind of a malformed answer
   */
  public static Token parseTokenAnswer(byte[] body, long receivedAtMs) {
    return Calls.parse(body, 72, (x, a, n) -> NativeLib.qm_weaver_parse_token_answer(a, n, receivedAtMs,
        x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen), Token::new);
  }

  /**
   * The old name of {@link #tokenRequest}.
   *
   * @param baseUrl the Weaver server
   * @param appid the appid
   * @param sign a sign from {@link Weaver#sign}
   * @return the request
   * @throws QianmingException as {@link #tokenRequest}
   * @deprecated renamed {@link #tokenRequest}, the operation's name in every binding
   */
  @Deprecated
  public static HttpRequest request(String baseUrl, String appid, String sign) {
    return tokenRequest(baseUrl, appid, sign);
  }

  /**
   * The old name of {@link #signedTokenRequest}.
   *
   * @param appid the appid
   * @param secret the secret
   * @param aesKey the AES key
   * @param baseUrl the Weaver server
   * @param timestampMs ms since the epoch
   * @return the request
   * @throws QianmingException as {@link #signedTokenRequest}
   * @deprecated renamed {@link #signedTokenRequest}, the operation's name in every binding
   */
  @Deprecated
  public static HttpRequest signedRequest(String appid, String secret, String aesKey, String baseUrl,
      long timestampMs) {
    return signedTokenRequest(appid, secret, aesKey, baseUrl, timestampMs);
  }

  /**
   * The old name of {@link #parseTokenAnswer}.
   *
   * @param body the answer body as received
   * @param receivedAtMs when it arrived, ms since the epoch
   * @return the token
   * @throws QianmingException as {@link #parseTokenAnswer}
   * @deprecated renamed {@link #parseTokenAnswer}, the operation's name in every binding
   */
  @Deprecated
  public static Token parseAnswer(byte[] body, long receivedAtMs) {
    return parseTokenAnswer(body, receivedAtMs);
  }
}
