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

    Token(String token, String msg, String batchkey, TokenLifetime lifetime) {
      this.token = token;
      this.msg = msg;
      this.batchkey = batchkey;
      this.lifetime = lifetime;
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
      return "Token[token=** redacted **, msg=" + msg + ", batchkey=" + batchkey + ", lifetime="
          + lifetime + "]";
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
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long a = s.text(appid);
    final long g = s.text(sign);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_weaver_token_request(x.ptr(b), Scratch.len(b), x.ptr(a),
        Scratch.len(a), x.ptr(g), Scratch.len(g), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
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
    Scratch s = Scratch.get();
    final long a = s.text(appid);
    final long sec = s.text(secret);
    final long k = s.text(aesKey);
    final long b = s.text(baseUrl);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_weaver_signed_token_request(x.ptr(a), Scratch.len(a),
        x.ptr(sec), Scratch.len(sec), x.ptr(k), Scratch.len(k), x.ptr(b), Scratch.len(b), timestampMs,
        x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
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
    Scratch s = Scratch.get();
    final long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.answer(s, x -> NativeLib.qm_weaver_parse_token_answer(x.ptr(a), Scratch.len(a),
        receivedAtMs, x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(72);
    return new Token(s.str(out, st, 0), s.optStr(out, st, 16), s.optStr(out, st, 32),
        TokenLifetime.read(st, 48));
  }

  /**
   * The old name of {@link #tokenRequest}.
   *
   * @deprecated renamed {@link #tokenRequest}, the operation's name in every binding
   */
  @Deprecated
  public static HttpRequest request(String baseUrl, String appid, String sign) {
    return tokenRequest(baseUrl, appid, sign);
  }

  /**
   * The old name of {@link #signedTokenRequest}.
   *
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
   * @deprecated renamed {@link #parseTokenAnswer}, the operation's name in every binding
   */
  @Deprecated
  public static Token parseAnswer(byte[] body, long receivedAtMs) {
    return parseTokenAnswer(body, receivedAtMs);
  }
}
