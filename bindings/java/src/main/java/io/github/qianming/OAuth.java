package io.github.qianming;

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
      return Show.of("AccessToken", "accessToken", Show.secret(accessToken), "expires", expires);
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
      return Show.of("UserInfo", "id", id, "attributes", attributes);
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
      return Show.of("Callback", "code", code, "state", state);
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
    final long[] t = s.texts(baseUrl, clientId, redirectUri);
    final long st = s.optText(state);
    final long v = s.optText(codeVerifier);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_oauth_authorize_url(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.optPtr(st), Scratch.optLen(st), x.optPtr(v),
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
    final long[] t = s.texts(baseUrl, clientId, clientSecret, redirectUri, code);
    final long v = s.optText(codeVerifier);
    s.commit();
    return HttpRequest.build(s, x -> NativeLib.qm_oauth_token_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]),
        x.ptr(t[4]), Scratch.len(t[4]), x.optPtr(v), Scratch.optLen(v), x.st(0), x.outPtr(), x.outCap(),
        x.outLen));
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
    return Calls.parse(body, 32, (x, a, n) -> NativeLib.qm_oauth_parse_token_answer(a, n, x.st(0), x.outPtr(),
        x.outCap(), x.outLen),
        (x, out, st) -> new AccessToken(x.str(out, st, 0), Scratch.optU64(st, 16))); // qm_oauth_access_token
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
    return HttpRequest.build((x, t) -> NativeLib.qm_oauth_userinfo_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.st(0), x.outPtr(), x.outCap(), x.outLen), baseUrl, accessToken);
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
    final long[] t = s.texts(callback, expectedState);
    s.commit();
    return Calls.struct(s, 32, x -> NativeLib.qm_oauth_parse_callback(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.st(0), x.outPtr(), x.outCap(), x.outLen),
        (x, out, st) -> new Callback(x.str(out, st, 0), x.optStr(out, st, 16))); // qm_oauth_callback
  }
}
