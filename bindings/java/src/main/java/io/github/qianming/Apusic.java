package qianming;

import java.nio.ByteBuffer;
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

    private final int code; // QM_BASIC_MODE_*

    Mode(int code) {
      this.code = code;
    }
  }

  /**
   * A granted session.
   *
   * @param token {@code extraProperties.token} (secret)
   * @param message {@code message}, or null
   */
  public record SessionToken(String token, String message) {
    @Override
    public String toString() {
      return "SessionToken[token=** redacted **, message=" + message + "]";
    }
  }

  /** {@code https://<host>:6848}: the management base URL of a host (name, IPv4 or [IPv6]). */
  public static String baseUrlForHost(String host) {
    Scratch s = Scratch.get();
    long h = s.text(host);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_apusic_base_url_for_host(x.ptr(h), Scratch.len(h),
        x.outPtr(), x.outCap(), x.outLen));
    return s.single(out);
  }

  /** {@code POST <base>/management/sessions} (body {@code {}}) with the session headers. */
  public static HttpRequest sessionRequest(String baseUrl, String user, String password, Mode mode,
      String remoteHostName) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), u = s.text(user), p = s.text(password), r = s.text(remoteHostName);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_apusic_session_request(x.ptr(b), Scratch.len(b), x.ptr(u),
        Scratch.len(u), x.ptr(p), Scratch.len(p), mode.code, x.ptr(r), Scratch.len(r), x.st(0),
        x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /**
   * Parses the answer {@code {"message", "exit_code", "extraProperties": {"token"}}}.
   *
   * @throws QianmingException {@code login_failed} with a {@link QianmingException#refusal()}
   *     when {@code exit_code} is not {@code SUCCESS}, or the kind of a malformed answer
   */
  public static SessionToken parseSessionAnswer(byte[] body) {
    Scratch s = Scratch.get();
    long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.answer(s, x -> NativeLib.qm_apusic_parse_session_answer(x.ptr(a), Scratch.len(a),
        x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new SessionToken(s.str(out, st, 0), s.optStr(out, st, 16));
  }

  /**
   * The headers of later management calls: {@code Cookie}, optionally {@code X-Auth-Token},
   * and {@code X-Requested-By}, in that order.
   *
   * @param cookieName the cookie name, or null for the default {@code gfrestdtoken}
   */
  public static List<Pair> callHeaders(String token, String cookieName, boolean xAuthToken) {
    Scratch s = Scratch.get();
    long t = s.text(token), n = s.optText(cookieName);
    s.commit();
    byte[] out = Calls.list(s, (x, items, cap, count) -> NativeLib.qm_apusic_call_headers(x.ptr(t),
        Scratch.len(t), x.optPtr(n), Scratch.optLen(n), xAuthToken ? 1 : 0, items, cap, count, x.outPtr(),
        x.outCap(), x.outLen));
    return Calls.items(s, out);
  }
}
