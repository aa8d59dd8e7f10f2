package qianming;

import java.nio.ByteBuffer;
import java.util.List;

/** OAuth 2.0 authorization-code login (with optional PKCE S256) against the identity server. */
public final class OAuth {
  private OAuth() {}

  /**
   * An access token.
   *
   * @param accessToken {@code access_token} (secret)
   * @param expires {@code expires} (or {@code expires_in}) in seconds, or null when not sent
   */
  public record AccessToken(String accessToken, Long expires) {
    @Override
    public String toString() {
      return "AccessToken[accessToken=** redacted **, expires=" + expires + "]";
    }
  }

  /**
   * The user-info answer.
   *
   * @param id the user id
   * @param attributes every attribute (non-string values as their compact JSON text)
   */
  public record UserInfo(String id, List<Pair> attributes) {}

  /**
   * A checked callback.
   *
   * @param code the authorization code
   * @param state the {@code state} the callback carried, or null
   */
  public record Callback(String code, String state) {}

  /** The PKCE S256 challenge of a code verifier (43 to 128 unreserved characters). */
  public static String pkceChallenge(String codeVerifier) {
    Scratch s = Scratch.get();
    long v = s.text(codeVerifier);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_oauth_pkce_challenge(x.ptr(v), Scratch.len(v),
        x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * The authorize URL {@code <base>/oauth2/authorize?client_id=…&redirect_uri=…&response_type=code}
   * with {@code state} and the PKCE challenge when given.
   *
   * @param state the state the caller made, or null; @param codeVerifier a PKCE verifier, or null
   */
  public static String authorizeUrl(String baseUrl, String clientId, String redirectUri, String state,
      String codeVerifier) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), i = s.text(clientId), r = s.text(redirectUri), st = s.optText(state);
    long v = s.optText(codeVerifier);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_oauth_authorize_url(x.ptr(b), Scratch.len(b), x.ptr(i),
        Scratch.len(i), x.ptr(r), Scratch.len(r), x.optPtr(st), Scratch.optLen(st), x.optPtr(v),
        Scratch.optLen(v), x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * The token exchange {@code POST <base>/oauth2/token} (form body).
   *
   * @param codeVerifier the PKCE verifier sent with the authorize URL, or null
   */
  public static HttpRequest tokenRequest(String baseUrl, String clientId, String clientSecret,
      String redirectUri, String code, String codeVerifier) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), i = s.text(clientId), sec = s.text(clientSecret), r = s.text(redirectUri);
    long k = s.text(code), v = s.optText(codeVerifier);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_token_request(x.ptr(b), Scratch.len(b), x.ptr(i),
        Scratch.len(i), x.ptr(sec), Scratch.len(sec), x.ptr(r), Scratch.len(r), x.ptr(k), Scratch.len(k),
        x.optPtr(v), Scratch.optLen(v), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /** Parses the token answer, form-encoded or JSON ({@code error} answers: {@code oauth_error}). */
  public static AccessToken parseTokenAnswer(byte[] body) {
    Scratch s = Scratch.get();
    long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_parse_token_answer(x.ptr(a), Scratch.len(a),
        x.st(0), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new AccessToken(s.str(out, st, 0), Scratch.optU64(st, 16));
  }

  /** The user-info request {@code GET <base>/v1.0/oauth2/userinfo?access_token=…}. */
  public static HttpRequest userinfoRequest(String baseUrl, String accessToken) {
    Scratch s = Scratch.get();
    long b = s.text(baseUrl), t = s.text(accessToken);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_userinfo_request(x.ptr(b), Scratch.len(b), x.ptr(t),
        Scratch.len(t), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /**
   * Parses the user-info answer ({@code expired_accessToken}: {@code token_expired}; an empty
   * body: {@code account_not_bound}).
   */
  public static UserInfo parseUserinfoAnswer(byte[] body) {
    Scratch s = Scratch.get();
    long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.list(s, (x, items, cap, count) -> NativeLib.qm_oauth_parse_userinfo_answer(
        x.ptr(a), Scratch.len(a), x.st(Calls.LIST_ONE), items, cap, count, x.outPtr(), x.outCap(),
        x.outLen));
    String id = s.str(out, s.structs(Calls.LIST_ONE + 16), Calls.LIST_ONE);
    return new UserInfo(id, Calls.items(s, out));
  }

  /**
   * Parses the redirect back (a full URL or its query string) and checks {@code state} in
   * constant time ({@code error=…}: {@code oauth_error}; another state: {@code state_mismatch}).
   *
   * @param expectedState the state sent, or null to skip the check
   */
  public static Callback parseCallback(String callback, String expectedState) {
    Scratch s = Scratch.get();
    long c = s.text(callback), e = s.optText(expectedState);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_parse_callback(x.ptr(c), Scratch.len(c), x.optPtr(e),
        Scratch.optLen(e), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new Callback(s.str(out, st, 0), s.optStr(out, st, 16));
  }
}
