package io.github.qianming;

import java.nio.ByteBuffer;
import java.util.List;

/** OAuth 2.0 authorization-code login (with optional PKCE S256) against the Apusic identity server. */
public final class OAuth {
  private OAuth() {}

  /** An access token. Its {@link #toString} leaves the token out. */
  public static final class AccessToken {
    private final String accessToken;
    private final Long expires;

    AccessToken(String accessToken, Long expires) {
      this.accessToken = accessToken;
      this.expires = expires;
    }

    /** @return {@code access_token} (secret) */
    public String accessToken() {
      return accessToken;
    }

    /** @return {@code expires} (or {@code expires_in}) in seconds, or null when not sent */
    public Long expires() {
      return expires;
    }

    @Override
    public String toString() {
      return "AccessToken[accessToken=** redacted **, expires=" + expires + "]";
    }
  }

  /** The user-info answer. */
  public static final class UserInfo {
    private final String id;
    private final List<Pair> attributes;

    UserInfo(String id, List<Pair> attributes) {
      this.id = id;
      this.attributes = attributes;
    }

    /** @return the user id */
    public String id() {
      return id;
    }

    /** @return every attribute, non-string values as their compact JSON text (unmodifiable) */
    public List<Pair> attributes() {
      return attributes;
    }

    @Override
    public String toString() {
      return "UserInfo[id=" + id + ", attributes=" + attributes + "]";
    }
  }

  /** A checked callback. */
  public static final class Callback {
    private final String code;
    private final String state;

    Callback(String code, String state) {
      this.code = code;
      this.state = state;
    }

    /** @return the authorization code */
    public String code() {
      return code;
    }

    /** @return the {@code state} the callback carried, or null */
    public String state() {
      return state;
    }

    @Override
    public String toString() {
      return "Callback[code=" + code + ", state=" + state + "]";
    }
  }

  /**
   * The PKCE S256 challenge of a code verifier: {@code BASE64URL(SHA256(verifier))}.
   *
   * @param codeVerifier 43 to 128 characters of {@code A-Z a-z 0-9 - . _ ~}
   * @return the 43-character challenge
   * @throws QianmingException {@code invalid_code_verifier}, …
   */
  public static String pkceChallenge(String codeVerifier) {
    Scratch s = Scratch.get();
    final long v = s.text(codeVerifier);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_oauth_pkce_challenge(x.ptr(v), Scratch.len(v),
        x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * The authorize URL {@code <base>/oauth2/authorize?client_id=…&redirect_uri=…&response_type=code},
   * with {@code state} and the PKCE challenge when given (values form-encoded).
   *
   * @param baseUrl the identity server (with any path prefix)
   * @param clientId the client id
   * @param redirectUri the redirect URI, unencoded
   * @param state the state the caller made, or null
   * @param codeVerifier a PKCE verifier, or null for no PKCE
   * @return the URL
   * @throws QianmingException e.g. {@code invalid_url}, {@code invalid_code_verifier}
   */
  public static String authorizeUrl(String baseUrl, String clientId, String redirectUri, String state,
      String codeVerifier) {
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long i = s.text(clientId);
    final long r = s.text(redirectUri);
    final long st = s.optText(state);
    final long v = s.optText(codeVerifier);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_oauth_authorize_url(x.ptr(b), Scratch.len(b), x.ptr(i),
        Scratch.len(i), x.ptr(r), Scratch.len(r), x.optPtr(st), Scratch.optLen(st), x.optPtr(v),
        Scratch.optLen(v), x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * The token exchange {@code POST <base>/oauth2/token} (form body with the code, and the PKCE
   * verifier when given).
   *
   * @param baseUrl the identity server
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param redirectUri the redirect URI
   * @param code the authorization code
   * @param codeVerifier the PKCE verifier sent with the authorize URL, or null
   * @return the request
   * @throws QianmingException e.g. {@code invalid_url}
   */
  public static HttpRequest tokenRequest(String baseUrl, String clientId, String clientSecret,
      String redirectUri, String code, String codeVerifier) {
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long i = s.text(clientId);
    final long sec = s.text(clientSecret);
    final long r = s.text(redirectUri);
    final long k = s.text(code);
    final long v = s.optText(codeVerifier);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_token_request(x.ptr(b), Scratch.len(b), x.ptr(i),
        Scratch.len(i), x.ptr(sec), Scratch.len(sec), x.ptr(r), Scratch.len(r), x.ptr(k), Scratch.len(k),
        x.optPtr(v), Scratch.optLen(v), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /**
   * Parses the token answer, form-encoded ({@code access_token=…&expires=…}) or JSON.
   *
   * @param body the answer body as received
   * @return the access token
   * @throws QianmingException {@code oauth_error} for an {@code error} answer (the detail
   *     carries {@code error} and {@code error_description}), or the kind of a malformed answer
   */
  public static AccessToken parseTokenAnswer(byte[] body) {
    Scratch s = Scratch.get();
    final long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_parse_token_answer(x.ptr(a), Scratch.len(a),
        x.st(0), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new AccessToken(s.str(out, st, 0), Scratch.optU64(st, 16));
  }

  /**
   * The user-info request {@code GET <base>/v1.0/oauth2/userinfo?access_token=…}.
   *
   * @param baseUrl the identity server
   * @param accessToken the access token (it travels in the URL)
   * @return the request
   * @throws QianmingException e.g. {@code invalid_url}
   */
  public static HttpRequest userinfoRequest(String baseUrl, String accessToken) {
    Scratch s = Scratch.get();
    final long b = s.text(baseUrl);
    final long t = s.text(accessToken);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_userinfo_request(x.ptr(b), Scratch.len(b), x.ptr(t),
        Scratch.len(t), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    return HttpRequest.read(s, out, s.structs(HttpRequest.SIZE), 0);
  }

  /**
   * Parses the user-info answer: the user id and every attribute.
   *
   * @param body the answer body as received
   * @return the user info
   * @throws QianmingException {@code token_expired} for {@code expired_accessToken}, {@code
   *     account_not_bound} for an empty body, or the kind of a malformed answer
   */
  public static UserInfo parseUserinfoAnswer(byte[] body) {
    Scratch s = Scratch.get();
    final long a = s.bytes(body);
    s.commit();
    byte[] out = Calls.list(s, (x, items, cap, count) -> NativeLib.qm_oauth_parse_userinfo_answer(
        x.ptr(a), Scratch.len(a), x.st(Calls.LIST_ONE), items, cap, count, x.outPtr(), x.outCap(),
        x.outLen));
    String id = s.str(out, s.structs(Calls.LIST_ONE + 16), Calls.LIST_ONE);
    return new UserInfo(id, Calls.items(s, out));
  }

  /**
   * Parses the redirect back from the identity server and checks {@code state} in constant time.
   *
   * @param callback the callback URL or its query string
   * @param expectedState the state sent with the authorize URL (required: empty is {@code
   *     invalid_field})
   * @return the code and state
   * @throws QianmingException {@code oauth_error} for {@code error=…}, {@code state_mismatch}
   *     for a missing or different state
   */
  public static Callback parseCallback(String callback, String expectedState) {
    Scratch s = Scratch.get();
    final long c = s.text(callback);
    final long e = s.text(expectedState);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_oauth_parse_callback(x.ptr(c), Scratch.len(c), x.ptr(e),
        Scratch.len(e), x.st(0), x.outPtr(), x.outCap(), x.outLen));
    ByteBuffer st = s.structs(32);
    return new Callback(s.str(out, st, 0), s.optStr(out, st, 16));
  }
}
