package io.github.qianming;

import java.util.List;

/** Apusic management API: the session login ({@code POST /management/sessions}) and later calls. */
public final class Apusic {
  private Apusic() {}

  /** How the {@code Authorization} header carries the Basic credentials. */
  public enum Mode {
    /** {@code Authorization: Basic <credentials>} (RFC 7617). */
    BASIC(0),
    /** {@code Authorization: <credentials>}, the bare Base64, as the Apusic document writes it. */
    RAW(1);

    final int code; // QM_BASIC_MODE_*, checked against qianming.h by ParityTest

    Mode(int code) {
      this.code = code;
    }
  }

  /** A granted session. Its {@link #toString} leaves the token out. */
  public static final class SessionToken {
    private final String token;
    private final String message;

    SessionToken(String token, String message) {
      this.token = token;
      this.message = message;
    }

    /** @return {@code extraProperties.token} (secret) */
    public String token() {
      return token;
    }

    /** @return {@code message}, or null */
    public String message() {
      return message;
    }

    @Override
    public String toString() {
      return Show.of("SessionToken", "token", Show.secret(token), "message", message);
    }
  }

  /**
   * {@code https://<host>:6848}: the management base URL of a host.
   *
   * @param host a host name, IPv4 address or bracketed IPv6 address
   * @return the base URL
   * @throws QianmingException {@code invalid_url}, …
   */
  public static String baseUrlForHost(String host) {
    Scratch s = Scratch.get();
    final long h = s.text(host);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_apusic_base_url_for_host(x.ptr(h), Scratch.len(h),
        x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * {@code POST <base>/management/sessions} (body {@code {}}) with the headers {@code
   * Content-Type}, {@code Accept}, {@code X-Requested-By}, {@code Cache-Control}, {@code
   * Authorization} and {@code remoteHostName}.
   *
   * @param baseUrl e.g. from {@link #baseUrlForHost}
   * @param user the administrator (no {@code :})
   * @param password the password
   * @param mode how {@code Authorization} carries the credentials
   * @param remoteHostName the {@code remoteHostName} header value
   * @return the request
   * @throws QianmingException e.g. {@code invalid_url}, {@code invalid_user_name}
   */
  public static HttpRequest sessionRequest(String baseUrl, String user, String password, final Mode mode,
      String remoteHostName) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(baseUrl, user, password, remoteHostName);
    final int code = mode.code;
    s.commit();
    return HttpRequest.build(s, x -> NativeLib.qm_apusic_session_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), code, x.ptr(t[3]), Scratch.len(t[3]),
        x.st(0), x.outPtr(), x.outCap(), x.outLen));
  }

  /**
   * Parses the session answer {@code {"message", "exit_code", "extraProperties": {"token"}}}.
   *
   * @param body the answer body as received
   * @return the session token
   * @throws QianmingException {@code login_failed} with a {@link QianmingException#refusal()}
   *     when {@code exit_code} is not {@code SUCCESS}, or the kind of a malformed answer
   */
  public static SessionToken parseSessionAnswer(byte[] body) {
    return Calls.parse(body, 32, (x, a, n) -> NativeLib.qm_apusic_parse_session_answer(a, n, x.st(0),
        x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen),
        (x, out, st) -> new SessionToken(x.str(out, st, 0), x.optStr(out, st, 16))); // qm_apusic_session_token
  }

  /**
   * The headers of later management calls: {@code Cookie: <cookieName>=<token>}, optionally
   * {@code X-Auth-Token}, and {@code X-Requested-By: Apusic}, in that order.
   *
   * @param token the session token
   * @param cookieName the cookie name, or null for the default {@code gfrestdtoken}
   * @param xAuthToken whether to add {@code X-Auth-Token}
   * @return the headers (unmodifiable)
   * @throws QianmingException e.g. {@code invalid_header_value}
   */
  public static List<Pair> callHeaders(String token, String cookieName, boolean xAuthToken) {
    Scratch s = Scratch.get();
    final long t = s.text(token);
    final long n = s.optText(cookieName);
    final int flag = xAuthToken ? 1 : 0;
    s.commit();
    byte[] out = Calls.list(s, (x, items, cap, count) -> NativeLib.qm_apusic_call_headers(x.ptr(t),
        Scratch.len(t), x.optPtr(n), Scratch.optLen(n), flag, items, cap, count, x.outPtr(),
        x.outCap(), x.outLen));
    return Calls.items(s, out);
  }
}
