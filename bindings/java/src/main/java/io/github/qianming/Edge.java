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

    // qm_edge_token: access_token, refresh_token (qm_str), u64 expire, qm_opt_u64 t at 40, code
    // (qm_str) at 56, lifetime at 72.
    Token(Scratch s, byte[] out, ByteBuffer st) {
      this.accessToken = s.str(out, st, 0);
      this.refreshToken = s.optStr(out, st, 16);
      this.expire = st.getLong(32);
      this.t = Scratch.optU64(st, 40);
      this.code = s.optStr(out, st, 56);
      this.lifetime = TokenLifetime.read(st, 72);
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
      return Show.of("Token", "accessToken", Show.secret(accessToken), "refreshToken", Show.secret(refreshToken),
          "expire", expire, "t", t, "code", code, "lifetime", lifetime);
    }
  }

  /** The claims of a JWT payload (no signature check: it is the server's token). */
  public static final class JwtClaims {
    private final Long exp;
    private final Long iat;
    private final Long nbf;
    private final String iss;
    private final String payloadJson;

    // qm_edge_jwt_claims: exp, iat, nbf (qm_opt_u64), iss, payload_json (qm_str).
    JwtClaims(Scratch s, byte[] out, ByteBuffer st) {
      this.exp = Scratch.optU64(st, 0);
      this.iat = Scratch.optU64(st, 16);
      this.nbf = Scratch.optU64(st, 32);
      this.iss = s.optStr(out, st, 48);
      this.payloadJson = s.str(out, st, 64);
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
      return Show.of("JwtClaims", "exp", exp, "iat", iat, "nbf", nbf, "iss", iss);
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
    return HttpRequest.build((x, t) -> NativeLib.qm_edge_login_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.st(0), x.outPtr(), x.outCap(),
        x.outLen), baseUrl, username, password);
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
    return HttpRequest.build((x, t) -> NativeLib.qm_edge_refresh_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.st(0), x.outPtr(), x.outCap(), x.outLen), baseUrl, refreshToken);
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
    return Calls.parse(body, 96, (x, a, n) -> NativeLib.qm_edge_parse_token_answer(a, n, x.st(0),
        x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen), Token::new);
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
    return Calls.struct(s, 80, x -> NativeLib.qm_edge_read_jwt_claims(x.ptr(j), Scratch.len(j), x.st(0),
        x.outPtr(), x.outCap(), x.outLen), JwtClaims::new);
  }
}
