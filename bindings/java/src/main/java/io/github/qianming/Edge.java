package io.github.qianming;

import java.nio.ByteBuffer;

/** IoT edge gateway: login, refresh, the {@code x-token} header and reading JWT claims. */
public final class Edge {
  private Edge() {}

  /** A granted login or refresh. Its {@link #toString} leaves the tokens out. */
  public static final class Token {
    private final String accessToken;
    private final String refreshToken;
    private final long expire;
    private final Long t;
    private final String code;
    private final TokenLifetime lifetime;

    Token(String accessToken, String refreshToken, long expire, Long t, String code,
        TokenLifetime lifetime) {
      this.accessToken = accessToken;
      this.refreshToken = refreshToken;
      this.expire = expire;
      this.t = t;
      this.code = code;
      this.lifetime = lifetime;
    }

    /** @return {@code result.accessToken}, a JWT (secret) */
    public String accessToken() {
      return accessToken;
    }

    /** @return {@code result.refreshToken} (secret), or null */
    public String refreshToken() {
      return refreshToken;
    }

    /** @return {@code result.expire}, seconds since the epoch */
    public long expire() {
      return expire;
    }

    /** @return {@code t}, the server's time in ms, or null when not sent */
    public Long t() {
      return t;
    }

    /** @return {@code code} as text, or null when not sent */
    public String code() {
      return code;
    }

    /** @return {@code expire} × 1000, and the refresh token's end (its JWT {@code exp}, else
     *     {@code t} + 14 days) */
    public TokenLifetime lifetime() {
      return lifetime;
    }

    @Override
    public String toString() {
      return "Token[accessToken=** redacted **, refreshToken=" + (refreshToken == null ? null : "** redacted **")
          + ", expire=" + expire + ", t=" + t + ", code=" + code + ", lifetime=" + lifetime + "]";
    }
  }

  /** The claims of a JWT payload (no signature check: it is the server's token). */
  public static final class JwtClaims {
    private final Long exp;
    private final Long iat;
    private final Long nbf;
    private final String iss;
    private final String payloadJson;

    JwtClaims(Long exp, Long iat, Long nbf, String iss, String payloadJson) {
      this.exp = exp;
      this.iat = iat;
      this.nbf = nbf;
      this.iss = iss;
      this.payloadJson = payloadJson;
    }

    /** @return {@code exp}, seconds since the epoch, or null */
    public Long exp() {
      return exp;
    }

    /** @return {@code iat}, or null */
    public Long iat() {
      return iat;
    }

    /** @return {@code nbf}, or null */
    public Long nbf() {
      return nbf;
    }

    /** @return {@code iss}, or null */
    public String iss() {
      return iss;
    }

    /** @return the decoded payload JSON */
    public String payloadJson() {
      return payloadJson;
    }

    @Override
    public String toString() {
      return "JwtClaims[exp=" + exp + ", iat=" + iat + ", nbf=" + nbf + ", iss=" + iss + "]";
    }
  }

  /**
   * The login request {@code POST <base>/v1.0/openapi/auth/login} with the JSON body {@code
   * {"username":…,"password":…}}.
   *
   * @param baseUrl the gateway
   * @param username the user name
   * @param password the password
   * @return the request
   * @throws QianmingException e.g. {@code invalid_url}
   */
  public static HttpRequest loginRequest(String baseUrl, String username, String password) {
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long u = s.text(username);
    final long p = s.text(password);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_login_request(x.ptr(b), Scratch.len(b), x.ptr(u),
        Scratch.len(u), x.ptr(p), Scratch.len(p), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /**
   * The refresh request {@code POST <base>/v1.0/openapi/token/<refresh token>} (the token is
   * one percent-encoded path segment).
   *
   * @param baseUrl the gateway
   * @param refreshToken the refresh token
   * @return the request
   * @throws QianmingException e.g. {@code invalid_url}, {@code invalid_field}
   */
  public static HttpRequest refreshRequest(String baseUrl, String refreshToken) {
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long r = s.text(refreshToken);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_refresh_request(x.ptr(b), Scratch.len(b), x.ptr(r),
        Scratch.len(r), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /**
   * The {@code x-token} header of later calls.
   *
   * @param accessToken the access token
   * @return the header's name and value
   * @throws QianmingException e.g. {@code invalid_header_value}
   */
  public static Pair xTokenHeader(String accessToken) {
    Scratch s = Scratch.get();
    final long t = s.text(accessToken);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_x_token_header(x.ptr(t), Scratch.len(t), x.st(0),
        x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new Pair(s.str(out, st, 0), s.str(out, st, 16));
  }

  /**
   * Parses the login or refresh answer ({@code code}, {@code success}, {@code t}, {@code result}).
   *
   * @param body the answer body as received
   * @return the token
   * @throws QianmingException {@code login_failed} with a {@link QianmingException#refusal()}
   *     for {@code success: false}, or the kind of a malformed answer
   */
  public static Token parseTokenAnswer(byte[] body) {
    Scratch s = Scratch.get();
    final long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.answer(s, x -> NativeLib.qm_edge_parse_token_answer(x.ptr(a), Scratch.len(a),
        x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(96);
    return new Token(s.str(out, st, 0), s.optStr(out, st, 16), st.getLong(32), Scratch.optU64(st, 40),
        s.optStr(out, st, 56), TokenLifetime.read(st, 72));
  }

  /**
   * Reads the claims of a JWT payload without checking its signature.
   *
   * @param jwt the JWT (three base64url segments)
   * @return the claims
   * @throws QianmingException {@code invalid_jwt}, …
   */
  public static JwtClaims readJwtClaims(String jwt) {
    Scratch s = Scratch.get();
    final long j = s.text(jwt);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_read_jwt_claims(x.ptr(j), Scratch.len(j), x.st(0),
        x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(80);
    return new JwtClaims(Scratch.optU64(st, 0), Scratch.optU64(st, 16), Scratch.optU64(st, 32),
        s.optStr(out, st, 48), s.str(out, st, 64));
  }
}
