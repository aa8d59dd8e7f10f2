package io.github.qianming;

import java.nio.ByteBuffer;

/**
 * Yonyou (用友) open platform, YonBIP and YonSuite: the self-built app (自建应用) {@code
 * access_token}, {@code GET <token URL>?appKey=…&timestamp=…&signature=…} with {@code signature
 * = Base64(HmacSHA256(appSecret, "appKey" appKey "timestamp" timestampMs))}. Rules:
 * docs/spec/yonyou.md. Thread-safe.
 */
public final class Yonyou {
  private Yonyou() {}

  /**
   * The public cloud's token endpoint ({@code https://open.yonyoucloud.com/…/getAccessToken}),
   * read from libqianming ({@code qm_yonyou_default_token_url}).
   */
  public static final String DEFAULT_TOKEN_URL = NativeLib.qm_yonyou_default_token_url();

  /** A token request signature, bare and URL-encoded. */
  public static final class Signature extends Value {
    private final String signature;
    private final String signatureUrlencoded;

    // qm_yonyou_signature_parts: signature, signature_urlencoded (qm_str).
    Signature(Scratch s, byte[] out) {
      this.signature = s.view(out, 0);
      this.signatureUrlencoded = s.view(out, 1);
    }

    /**
     * The signature.
     *
     * @return Base64 of the HMAC-SHA256 tag (44 characters)
     */
    public String signature() {
      return signature;
    }

    /**
     * The signature as the query carries it.
     *
     * @return {@link #signature()} encoded as {@code java.net.URLEncoder} does ({@code +}, {@code
     *     /} and {@code =} escaped), as the demo's {@code SignHelper.sign} returns it
     */
    public String signatureUrlencoded() {
      return signatureUrlencoded;
    }
    @Override
    Object[] fields() {
      return new Object[] {"signature", signature, "signatureUrlencoded", signatureUrlencoded};
    }
  }

  /** A granted access token. Its {@link #toString} leaves the token out. */
  public static final class Token {
    private final String accessToken;
    private final long expireS;
    private final String message;
    private final TokenLifetime lifetime;

    // qm_yonyou_token: access_token (qm_str), u64 expire_s at 16, message (qm_str) at 24,
    // lifetime at 40.
    Token(Scratch s, byte[] out, ByteBuffer st) {
      this.accessToken = s.str(out, st, 0);
      this.expireS = st.getLong(16);
      this.message = s.optStr(out, st, 24);
      this.lifetime = TokenLifetime.read(st, 40);
    }

    /** @return {@code data.access_token} (secret) */
    public String accessToken() {
      return accessToken;
    }

    /** @return {@code data.expire}: the token's lifetime in seconds (7200 in the demo) */
    public long expireS() {
      return expireS;
    }

    /** @return {@code message}, or null when not sent */
    public String message() {
      return message;
    }

    /** @return the reception time plus {@link #expireS()} */
    public TokenLifetime lifetime() {
      return lifetime;
    }

    @Override
    public String toString() {
      return Show.of("Token", "accessToken", Show.secret(accessToken), "expireS", expireS, "message", message,
          "lifetime", lifetime);
    }
  }

  /**
   * The signature of a token request at {@code timestampMs}.
   *
   * @param appKey the appKey
   * @param appSecret the appSecret (not empty)
   * @param timestampMs milliseconds since the epoch (unsigned)
   * @return the signature, bare and URL-encoded
   * @throws QianmingException {@code empty_secret}, …
   */
  public static Signature signature(String appKey, String appSecret, long timestampMs) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(appKey, appSecret);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_yonyou_signature(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), timestampMs, x.parts, x.outPtr(), x.outCap(), x.outLen));
    return new Signature(s, out);
  }

  /**
   * The token request {@code GET <tokenUrl>?appKey=…&timestamp=…&signature=…} with {@code
   * Accept: application/json}.
   *
   * @param tokenUrl the token endpoint, an {@code http(s)} URL without query: the public
   *     cloud's (docs/spec/yonyou.md), a YonBIP data centre's or a private deployment's
   * @param appKey the appKey (not empty)
   * @param appSecret the appSecret (not empty)
   * @param timestampMs milliseconds since the epoch
   * @return the request
   * @throws QianmingException {@code invalid_url}, {@code invalid_field}, {@code empty_secret}
   */
  public static HttpRequest tokenRequest(String tokenUrl, String appKey, String appSecret, long timestampMs) {
    return HttpRequest.build((x, t) -> NativeLib.qm_yonyou_token_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), timestampMs, x.st(0), x.outPtr(),
        x.outCap(), x.outLen), tokenUrl, appKey, appSecret);
  }

  /**
   * The token request to the public cloud ({@link #DEFAULT_TOKEN_URL}); see {@link
   * #tokenRequest(String, String, String, long)}.
   *
   * @param appKey the appKey (not empty)
   * @param appSecret the appSecret (not empty)
   * @param timestampMs milliseconds since the epoch
   * @return the request
   * @throws QianmingException {@code invalid_field}, {@code empty_secret}
   */
  public static HttpRequest tokenRequest(String appKey, String appSecret, long timestampMs) {
    return tokenRequest(DEFAULT_TOKEN_URL, appKey, appSecret, timestampMs);
  }

  /**
   * Parses the token answer {@code {"code": "00000", "message", "data": {"access_token",
   * "expire"}}}.
   *
   * @param body the answer body as received (need not be UTF-8)
   * @param receivedAtMs when it arrived (the token lives {@code expire} seconds from then)
   * @return the token
   * @throws QianmingException {@code vendor_error} with a {@link QianmingException#refusal()}
   *     (the vendor's code and message) for a code other than {@code 00000}, or the kind of a
   *     malformed answer ({@code invalid_json}, {@code missing_field}, {@code invalid_field})
   */
  public static Token parseTokenAnswer(byte[] body, long receivedAtMs) {
    return Calls.parse(body, 64, (x, a, n) -> NativeLib.qm_yonyou_parse_token_answer(a, n, receivedAtMs,
        x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen), Token::new);
  }
}
