package io.github.qianming;

import java.nio.ByteBuffer;

/**
 * Kingdee app-token: the signed {@code kingdee_auth_token} request (built by {@link
 * Kingdee.Signer#tokenRequest}) and its answer ({@link #parseTokenAnswer}).
 */
public final class KingdeeToken {
  private KingdeeToken() {}

  /** A signed app-token request with what it is made of. */
  public static final class Request {
    private final HttpRequest http;
    private final String appSignature;
    private final String stringToSign;

    // qm_http_request, then qm_kingdee_token_request_parts: app_signature, string_to_sign.
    Request(Scratch s, byte[] out, ByteBuffer st) {
      this.http = HttpRequest.read(s, out, st, 0);
      this.appSignature = s.str(out, st, HttpRequest.SIZE);
      this.stringToSign = s.str(out, st, HttpRequest.SIZE + 16);
    }

    /** @return the request to send: URL with {@code app_key}, {@code app_signature} (and {@code
     *     uid}), the six {@code X-Api-*} headers, no body */
    public HttpRequest http() {
      return http;
    }

    /** @return the {@code app_signature} query value */
    public String appSignature() {
      return appSignature;
    }

    /** @return the string to sign of the request signature (to debug an HTTP 519) */
    public String stringToSign() {
      return stringToSign;
    }

    @Override
    public String toString() {
      return Show.of("KingdeeToken.Request", null, http);
    }
  }

  /** A granted app-token. Its {@link #toString} leaves the token out. */
  public static final class AppToken {
    private final String appToken;
    private final String uid;
    private final String description;
    private final TokenLifetime lifetime;

    // qm_kingdee_app_token: app_token, uid, description (qm_str), lifetime at byte 48.
    AppToken(Scratch s, byte[] out, ByteBuffer st) {
      this.appToken = s.str(out, st, 0);
      this.uid = s.optStr(out, st, 16);
      this.description = s.optStr(out, st, 32);
      this.lifetime = TokenLifetime.read(st, 48);
    }

    /** @return {@code data.app-token} (secret) */
    public String appToken() {
      return appToken;
    }

    /** @return {@code data.uid}, or null */
    public String uid() {
      return uid;
    }

    /** @return {@code description}, or null */
    public String description() {
      return description;
    }

    /** @return received time + 24 h */
    public TokenLifetime lifetime() {
      return lifetime;
    }

    @Override
    public String toString() {
      return Show.of("AppToken", "appToken", Show.secret(appToken), "uid", uid, "description", description,
          "lifetime", lifetime);
    }
  }

  /** See {@link Kingdee.Signer#tokenRequest}. */
  static Request request(NativeHandle handle, String baseUrl, String appKey, String appSecret,
      String uid, String timestamp, String nonce) {
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long k = s.text(appKey);
    final long sec = s.text(appSecret);
    final long u = s.optText(uid);
    final long t = s.text(timestamp);
    final long n = s.text(nonce);
    s.commit();
    byte[] out = handle.with(signer -> Calls.run(s, x -> NativeLib.qm_kingdee_token_request(signer, x.ptr(b),
        Scratch.len(b), x.ptr(k), Scratch.len(k), x.ptr(sec), Scratch.len(sec), x.optPtr(u), Scratch.optLen(u),
        x.ptr(t), Scratch.len(t), x.ptr(n), Scratch.len(n), x.st(0), x.outPtr(), x.outCap(), x.outLen)));
    return new Request(s, out, s.structs(HttpRequest.SIZE + 32));
  }

  /**
   * Parses the answer {@code {"errcode", "description", "data": {"uid", "app-token"}}}.
   *
   * @param body the answer body as received (need not be UTF-8)
   * @param receivedAtMs when it arrived, ms since the epoch (the token lives 24 h from then)
   * @return the token
   * @throws QianmingException with a {@link QianmingException#refusal()} when {@code errcode}
   *     is not 0 ({@code vendor_error}), or the kind of a malformed answer ({@code invalid_json},
   *     {@code missing_field}, …)
   */
  public static AppToken parseTokenAnswer(byte[] body, long receivedAtMs) {
    return Calls.parse(body, 72, (x, a, n) -> NativeLib.qm_kingdee_parse_token_answer(a, n, receivedAtMs,
        x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen), AppToken::new);
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
  public static AppToken parseAnswer(byte[] body, long receivedAtMs) {
    return parseTokenAnswer(body, receivedAtMs);
  }
}
