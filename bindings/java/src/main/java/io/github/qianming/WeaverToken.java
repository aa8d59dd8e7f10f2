package qianming;

import java.nio.ByteBuffer;

/** Weaver token: the {@code getToken} request and its answer. */
public final class WeaverToken {
  private WeaverToken() {}

  /**
   * A granted Weaver token.
   *
   * @param token {@code token} (secret)
   * @param msg {@code msg}, or null
   * @param batchkey {@code batchkey}, or null
   * @param lifetime received time + 30 min
   */
  public record Token(String token, String msg, String batchkey, TokenLifetime lifetime) {
    @Override
    public String toString() {
      return "Token[token=** redacted **, msg=" + msg + ", batchkey=" + batchkey + ", lifetime="
          + lifetime + "]";
    }
  }

  /** {@code POST <base>/api/cus/token/auth/getToken} with {@code appid} and {@code sign} headers. */
  public static HttpRequest request(String baseUrl, String appid, String sign) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), a = s.text(appid), g = s.text(sign);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_weaver_token_request(x.ptr(b), Scratch.len(b), x.ptr(a),
        Scratch.len(a), x.ptr(g), Scratch.len(g), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /** {@link #request} with a fresh sign made at {@code timestampMs} (a retry needs a new one). */
  public static HttpRequest signedRequest(String appid, String secret, String aesKey, String baseUrl,
      long timestampMs) {
    Scratch s = Scratch.get();
    long a = s.text(appid), sec = s.text(secret), k = s.text(aesKey), b = s.text(baseUrl);
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
   * @throws QianmingException with a {@link QianmingException#refusal()} for {@code status:
   *     false} (kind from the message), or the kind of a malformed answer
   */
  public static Token parseAnswer(byte[] body, long receivedAtMs) {
    Scratch s = Scratch.get();
    long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.answer(s, x -> NativeLib.qm_weaver_parse_token_answer(x.ptr(a), Scratch.len(a),
        receivedAtMs, x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(72);
    return new Token(s.str(out, st, 0), s.optStr(out, st, 16), s.optStr(out, st, 32),
        TokenLifetime.read(st, 48));
  }
}
