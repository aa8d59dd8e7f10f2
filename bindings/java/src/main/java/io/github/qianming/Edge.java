package qianming;

import java.nio.ByteBuffer;

/** IoT edge gateway: login, refresh, the {@code x-token} header and reading JWT claims. */
public final class Edge {
  private Edge() {}

  /**
   * A granted login or refresh.
   *
   * @param accessToken {@code result.accessToken}, a JWT (secret)
   * @param refreshToken {@code result.refreshToken}, or null (secret)
   * @param expire {@code result.expire}, seconds since the epoch
   * @param t {@code t}, the server's time in ms, or null when not sent
   * @param code {@code code} as text, or null when not sent
   * @param lifetime {@code expire} × 1000, and the refresh token's end (its JWT {@code exp},
   *     else {@code t} + 14 days)
   */
  public record Token(String accessToken, String refreshToken, long expire, Long t, String code,
      TokenLifetime lifetime) {
    @Override
    public String toString() {
      return "Token[accessToken=** redacted **, refreshToken=" + (refreshToken == null ? null : "** redacted **")
          + ", expire=" + expire + ", t=" + t + ", code=" + code + ", lifetime=" + lifetime + "]";
    }
  }

  /**
   * The claims of a JWT payload (no signature check: it is the server's token).
   *
   * @param exp {@code exp} in seconds, or null; @param iat {@code iat}, or null
   * @param nbf {@code nbf}, or null; @param iss {@code iss}, or null
   * @param payloadJson the decoded payload JSON
   */
  public record JwtClaims(Long exp, Long iat, Long nbf, String iss, String payloadJson) {}

  /** {@code POST <base>/v1.0/openapi/auth/login} with {@code {"username":…,"password":…}}. */
  public static HttpRequest loginRequest(String baseUrl, String username, String password) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), u = s.text(username), p = s.text(password);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_login_request(x.ptr(b), Scratch.len(b), x.ptr(u),
        Scratch.len(u), x.ptr(p), Scratch.len(p), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /** {@code GET <base>/v1.0/openapi/token/<refresh token>} (one percent-encoded segment). */
  public static HttpRequest refreshRequest(String baseUrl, String refreshToken) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), r = s.text(refreshToken);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_refresh_request(x.ptr(b), Scratch.len(b), x.ptr(r),
        Scratch.len(r), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /** The {@code x-token} header of later calls. */
  public static Pair xTokenHeader(String accessToken) {
    Scratch s = Scratch.get();
    long t = s.text(accessToken);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_x_token_header(x.ptr(t), Scratch.len(t), x.st(0),
        x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new Pair(s.str(out, st, 0), s.str(out, st, 16));
  }

  /**
   * Parses the login or refresh answer ({@code code}, {@code success}, {@code t}, {@code result}).
   *
   * @throws QianmingException {@code login_failed} with a {@link QianmingException#refusal()}
   *     for {@code success: false}, or the kind of a malformed answer
   */
  public static Token parseTokenAnswer(byte[] body) {
    Scratch s = Scratch.get();
    long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.answer(s, x -> NativeLib.qm_edge_parse_token_answer(x.ptr(a), Scratch.len(a),
        x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(96);
    return new Token(s.str(out, st, 0), s.optStr(out, st, 16), st.getLong(32), Scratch.optU64(st, 40),
        s.optStr(out, st, 56), TokenLifetime.read(st, 72));
  }

  /** Reads the claims of a JWT payload without checking its signature. */
  public static JwtClaims readJwtClaims(String jwt) {
    Scratch s = Scratch.get();
    long j = s.text(jwt);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_edge_read_jwt_claims(x.ptr(j), Scratch.len(j), x.st(0),
        x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(80);
    return new JwtClaims(Scratch.optU64(st, 0), Scratch.optU64(st, 16), Scratch.optU64(st, 32),
        s.optStr(out, st, 48), s.str(out, st, 64));
  }
}
