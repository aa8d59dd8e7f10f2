package qianming;

import java.nio.ByteBuffer;

/** Kingdee app-token: the signed {@code kingdee_auth_token} request and its answer. */
public final class KingdeeToken {
  private KingdeeToken() {}

  /**
   * A signed app-token request with what it is made of.
   *
   * @param http the request to send (the six {@code X-Api-*} headers, no body)
   * @param appSignature the {@code app_signature} query value
   * @param stringToSign the string to sign of the request signature (to debug an HTTP 519)
   */
  public record Request(HttpRequest http, String appSignature, String stringToSign) {}

  /**
   * A granted app-token.
   *
   * @param appToken {@code data.app-token} (secret)
   * @param uid {@code data.uid}, or null
   * @param description {@code description}, or null
   * @param lifetime received time + 24 h
   */
  public record AppToken(String appToken, String uid, String description, TokenLifetime lifetime) {
    @Override
    public String toString() {
      return "AppToken[appToken=** redacted **, uid=" + uid + ", description=" + description
          + ", lifetime=" + lifetime + "]";
    }
  }

  /** See {@link Kingdee.Signer#tokenRequest}. */
  static Request request(long signer, String baseUrl, String appKey, String appSecret, String uid,
      String timestamp, String nonce) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), k = s.text(appKey), sec = s.text(appSecret), u = s.optText(uid);
    long t = s.text(timestamp), n = s.text(nonce);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_kingdee_token_request(signer, x.ptr(b), Scratch.len(b),
        x.ptr(k), Scratch.len(k), x.ptr(sec), Scratch.len(sec), x.optPtr(u), Scratch.optLen(u), x.ptr(t),
        Scratch.len(t), x.ptr(n), Scratch.len(n), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(HttpRequest.SIZE + 32);
    return new Request(HttpRequest.read(s, out, st, 0), s.str(out, st, HttpRequest.SIZE),
        s.str(out, st, HttpRequest.SIZE + 16));
  }

  /**
   * Parses the answer {@code {"errcode", "description", "data": {"uid", "app-token"}}}.
   *
   * @param body the answer body as received (need not be UTF-8)
   * @param receivedAtMs when it arrived, ms since the epoch (the token lives 24 h from then)
   * @throws QianmingException with a {@link QianmingException#refusal()} when errcode ≠ 0
   *     ({@code vendor_error}), or the kind of a malformed answer
   */
  public static AppToken parseAnswer(byte[] body, long receivedAtMs) {
    Scratch s = Scratch.get();
    long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.answer(s, x -> NativeLib.qm_kingdee_parse_token_answer(x.ptr(a), Scratch.len(a),
        receivedAtMs, x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(72);
    return new AppToken(s.str(out, st, 0), s.optStr(out, st, 16), s.optStr(out, st, 32),
        TokenLifetime.read(st, 48));
  }
}
