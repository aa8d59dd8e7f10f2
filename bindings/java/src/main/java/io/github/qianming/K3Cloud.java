package io.github.qianming;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Kingdee K3Cloud (金蝶云星空) WebAPI, as Kingdee's Java WebAPI SDK signs it: the gateway
 * headers of every call ({@code X-Api-Signature}, {@code X-Kd-Appdata}, {@code X-Kd-Signature},
 * …), the {@code LoginBySign} sign, the login requests and the session answer. Stateless: the
 * identity (account id, user name, AppID, AppSecret, locale, organisation) goes with each call.
 * Rules: docs/spec/k3cloud.md. Thread-safe.
 */
public final class K3Cloud {
  private K3Cloud() {}

  /**
   * The locale of the SDKs' examples (2052, simplified Chinese), read from libqianming ({@code
   * qm_k3cloud_default_lcid}): what the overloads without {@code lcid} send.
   */
  public static final int DEFAULT_LCID = NativeLib.qm_k3cloud_default_lcid();

  /** What an AppID carries for the API gateway: the client id and the unmasked secret. */
  public static final class GatewayCredentials extends Value {
    private final String clientId;
    private final String gatewaySecret;

    // qm_k3cloud_gateway_credentials_parts: client_id, gateway_secret (qm_str).
    GatewayCredentials(Scratch s, byte[] out) {
      this.clientId = s.view(out, 0);
      this.gatewaySecret = s.view(out, 1);
    }

    /**
     * The client id.
     *
     * @return the part of the AppID before {@code _}: {@code X-Api-ClientID}
     */
    public String clientId() {
      return clientId;
    }

    /**
     * The gateway secret.
     *
     * @return the HMAC key of {@code X-Api-Signature}, as Base64 text (secret)
     */
    public String gatewaySecret() {
      return gatewaySecret;
    }
    @Override
    Object[] fields() {
      return new Object[] {"clientId", clientId, "gatewaySecret", secret(gatewaySecret)};
    }
  }

  /** The signed headers of a WebAPI call and the texts they were made from. */
  public static final class SignedHeaders extends Value {
    private final String timestamp;
    private final String stringToSign;
    private final String apiSignature;
    private final String appData;
    private final String kdSignature;
    private final List<Pair> headers;

    // qm_k3cloud_signed_headers: timestamp, string_to_sign, api_signature, app_data,
    // kd_signature (qm_str), then QM_K3CLOUD_SIGNED_HEADER_COUNT qm_header.
    SignedHeaders(Scratch s, byte[] out, ByteBuffer st) {
      this.timestamp = s.str(out, st, 0);
      this.stringToSign = s.str(out, st, 16);
      this.apiSignature = s.str(out, st, 32);
      this.appData = s.str(out, st, 48);
      this.kdSignature = s.str(out, st, 64);
      Pair[] items = new Pair[SIGNED_HEADER_COUNT];
      for (int i = 0; i < items.length; i++) {
        items[i] = new Pair(s.str(out, st, 80 + 32 * i), s.str(out, st, 96 + 32 * i));
      }
      this.headers = Calls.unmodifiable(items);
    }

    /**
     * The timestamp.
     *
     * @return the timestamp (and nonce) as sent, in the unit asked for
     */
    public String timestamp() {
      return timestamp;
    }

    /**
     * The string to sign.
     *
     * @return {@code POST}, the URL-encoded path and query, an empty line, {@code x-api-nonce}
     *     and {@code x-api-timestamp}, each line ending in {@code \n}
     */
    public String stringToSign() {
      return stringToSign;
    }

    /**
     * The gateway signature.
     *
     * @return {@code X-Api-Signature}: Base64 of the hex HMAC-SHA256 of {@link #stringToSign()}
     */
    public String apiSignature() {
      return apiSignature;
    }

    /**
     * The app data before Base64.
     *
     * @return {@code acctID,user,lcid,orgNum}
     */
    public String appData() {
      return appData;
    }

    /**
     * The app signature.
     *
     * @return {@code X-Kd-Signature}: Base64 of the hex HMAC-SHA256 (AppSecret) of the AppID and
     *     the app data
     */
    public String kdSignature() {
      return kdSignature;
    }

    /**
     * The headers to send.
     *
     * @return {@code X-Api-ClientID}, {@code X-Api-Auth-Version}, {@code x-api-timestamp},
     *     {@code x-api-nonce}, {@code x-api-signheaders}, {@code X-Api-Signature}, {@code
     *     X-Kd-Appkey}, {@code X-Kd-Appdata} and {@code X-Kd-Signature}, in that order
     *     (unmodifiable)
     */
    public List<Pair> headers() {
      return headers;
    }

    @Override
    Object[] fields() {
      return new Object[] {"timestamp", timestamp, "stringToSign", stringToSign, "apiSignature", apiSignature,
          "appData", appData, "kdSignature", kdSignature, "headers", headers};
    }

    @Override
    public String toString() {
      StringBuilder names = new StringBuilder();
      for (Pair h : headers) {
        names.append(names.length() == 0 ? "" : ", ").append(h.name());
      }
      return Show.of("SignedHeaders", "timestamp", timestamp, "appData", appData, "headers", "[" + names + "]");
    }
  }

  /** A granted login. Its {@link #toString} leaves the session id out. */
  public static final class Session {
    private final String sessionId;
    private final String message;
    private final Boolean isSuccessByApi;

    // qm_k3cloud_session: session_id, message (qm_str, NULL when absent), then
    // is_success_by_api as a qm_opt_bool (bool present, bool value).
    Session(Scratch s, byte[] out, ByteBuffer st) {
      this.sessionId = s.str(out, st, 0);
      this.message = s.optStr(out, st, 16);
      this.isSuccessByApi = st.get(32) != 0 ? Boolean.valueOf(st.get(33) != 0) : null;
    }

    /**
     * The session.
     *
     * @return {@code KDSVCSessionId}: send it with {@link #sessionHeaders} (secret)
     */
    public String sessionId() {
      return sessionId;
    }

    /**
     * The server's message.
     *
     * @return {@code Message}, or null when absent or JSON null
     */
    public String message() {
      return message;
    }

    /**
     * The server's API flag.
     *
     * @return {@code IsSuccessByAPI}, or null when absent
     */
    public Boolean isSuccessByApi() {
      return isSuccessByApi;
    }

    @Override
    public String toString() {
      return Show.of("Session", "sessionId", Show.secret(sessionId), "message", message,
          "isSuccessByApi", isSuccessByApi);
    }
  }

  /**
   * The client id and the gateway secret of an AppID ({@code <client id>_<masked secret>}): a
   * masked part of 32 characters is unmasked as the Java SDK does, another length is used as is.
   *
   * @param appId the AppID
   * @return the client id and the gateway secret
   * @throws QianmingException {@code invalid_field} (not exactly one {@code _} between two
   *     non-empty parts), {@code invalid_base64}
   */
  public static GatewayCredentials gatewayCredentials(String appId) {
    Scratch s = Scratch.get();
    final long a = s.text(appId);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_k3cloud_gateway_credentials(x.ptr(a), Scratch.len(a), x.parts,
        x.outPtr(), x.outCap(), x.outLen));
    return new GatewayCredentials(s, out);
  }

  /**
   * The signed headers of a {@code POST} to {@code url} at {@code timestampMs}.
   *
   * @param acctId the account (data centre) id: not empty, no {@code ,}
   * @param userName the integration user: not empty, no {@code ,}
   * @param appId the AppID ({@link #gatewayCredentials})
   * @param appSecret the AppSecret (not empty)
   * @param lcid the locale id, unsigned (2052 simplified Chinese, 3076 traditional, 1033
   *     English); 0 sends {@link #DEFAULT_LCID}, as the C ABI does
   * @param orgNum the organisation number ({@code X-KDApi-OrgNum}, no {@code ,}), or null for
   *     {@code "0"}
   * @param url the full URL ({@code …/<service>.common.kdsvc}), {@code http(s)}, no fragment
   * @param timestampUnit {@code "ms"} (the Java SDK) or {@code "s"} (the Python, PHP, Node and
   *     Go SDKs), as libqianming parses it
   * @param timestampMs the moment, in milliseconds since the epoch (unsigned)
   * @return the texts and the nine headers
   * @throws QianmingException {@code invalid_field}, {@code empty_secret}, {@code invalid_url},
   *     {@code invalid_base64}, {@code invalid_header_value}, …
   */
  public static SignedHeaders sign(String acctId, String userName, String appId, String appSecret, int lcid,
      String orgNum, String url, String timestampUnit, long timestampMs) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(acctId, userName, appId, appSecret);
    final long org = s.optText(orgNum);
    final long[] u = s.texts(url, timestampUnit);
    s.commit();
    return Calls.struct(s, SIGNED_HEADERS_SIZE, x -> NativeLib.qm_k3cloud_sign(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]), lcid,
        x.optPtr(org), Scratch.optLen(org), x.ptr(u[0]), Scratch.len(u[0]), x.ptr(u[1]), Scratch.len(u[1]),
        timestampMs, x.st(0), x.outPtr(), x.outCap(), x.outLen), SignedHeaders::new);
  }

  /** {@code QM_K3CLOUD_SIGNED_HEADER_COUNT}, checked against qianming.h by ParityTest. */
  static final int SIGNED_HEADER_COUNT = 9;
  /** {@code sizeof(qm_k3cloud_signed_headers)}: five qm_str, then the qm_header array. */
  static final int SIGNED_HEADERS_SIZE = 80 + 32 * SIGNED_HEADER_COUNT;

  /**
   * {@link #sign(String, String, String, String, int, String, String, String, long)} with
   * {@link #DEFAULT_LCID} and organisation {@code "0"}.
   *
   * @param acctId the account (data centre) id
   * @param userName the integration user
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @param url the full URL
   * @param timestampUnit {@code "ms"} or {@code "s"}
   * @param timestampMs milliseconds since the epoch
   * @return the texts and the nine headers
   * @throws QianmingException as the full form
   */
  public static SignedHeaders sign(String acctId, String userName, String appId, String appSecret, String url,
      String timestampUnit, long timestampMs) {
    return sign(acctId, userName, appId, appSecret, DEFAULT_LCID, null, url, timestampUnit, timestampMs);
  }

  /**
   * The signed {@code POST} of {@code body} to {@code url}: the headers of {@link #sign} then
   * {@code Content-Type: application/json}.
   *
   * @param acctId the account (data centre) id: not empty, no {@code ,}
   * @param userName the integration user: not empty, no {@code ,}
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @param lcid the locale id, unsigned; 0 sends {@link #DEFAULT_LCID}
   * @param orgNum the organisation number, or null for {@code "0"}
   * @param url the full URL ({@code …/<service>.common.kdsvc})
   * @param body the JSON body, e.g. {@code {"formid":…,"data":…}}
   * @param timestampUnit {@code "ms"} or {@code "s"}
   * @param timestampMs milliseconds since the epoch (unsigned)
   * @return the request
   * @throws QianmingException as {@link #sign}
   */
  public static HttpRequest request(String acctId, String userName, String appId, String appSecret, int lcid,
      String orgNum, String url, String body, String timestampUnit, long timestampMs) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(acctId, userName, appId, appSecret);
    final long org = s.optText(orgNum);
    final long[] u = s.texts(url, body, timestampUnit);
    s.commit();
    return HttpRequest.build(s, x -> NativeLib.qm_k3cloud_request(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]), lcid, x.optPtr(org),
        Scratch.optLen(org), x.ptr(u[0]), Scratch.len(u[0]), x.ptr(u[1]), Scratch.len(u[1]), x.ptr(u[2]),
        Scratch.len(u[2]), timestampMs, x.st(0), x.outPtr(), x.outCap(), x.outLen));
  }

  /**
   * {@link #request(String, String, String, String, int, String, String, String, String, long)}
   * with {@link #DEFAULT_LCID} and organisation {@code "0"}.
   *
   * @param acctId the account (data centre) id
   * @param userName the integration user
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @param url the full URL
   * @param body the JSON body
   * @param timestampUnit {@code "ms"} or {@code "s"}
   * @param timestampMs milliseconds since the epoch
   * @return the request
   * @throws QianmingException as the full form
   */
  public static HttpRequest request(String acctId, String userName, String appId, String appSecret, String url,
      String body, String timestampUnit, long timestampMs) {
    return request(acctId, userName, appId, appSecret, DEFAULT_LCID, null, url, body, timestampUnit, timestampMs);
  }

  /**
   * The {@code LoginBySign} sign: the hex digest of the account id, user name, AppID, AppSecret
   * and timestamp, sorted by UTF-16 code units and concatenated. Any texts are accepted.
   *
   * @param acctId the account (data centre) id
   * @param userName the user name
   * @param appId the AppID
   * @param appSecret the AppSecret (secret)
   * @param timestampS seconds since the epoch (unsigned)
   * @param hash {@code "sha256"} (current servers) or {@code "sha1"} (before PT-146911)
   * @return 64 (SHA-256) or 40 (SHA-1) lower-case hex digits
   * @throws QianmingException {@code invalid_field} (another hash), {@code input_too_large}
   */
  public static String loginSign(String acctId, String userName, String appId, String appSecret, long timestampS,
      String hash) {
    return Calls.single((x, t) -> NativeLib.qm_k3cloud_login_sign(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]), timestampS, x.ptr(t[4]),
        Scratch.len(t[4]), x.outPtr(), x.outCap(), x.outLen), acctId, userName, appId, appSecret, hash);
  }

  /**
   * {@code POST <server>/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign.common.kdsvc}
   * with body {@code {"parameters":[acctID, user, AppID, timestamp, sign, lcid]}}.
   *
   * @param serverUrl the server URL, e.g. {@code https://erp.example.com/k3cloud/} ({@code
   *     http(s)}, no query)
   * @param acctId the account (data centre) id: not empty, no {@code ,}
   * @param userName the integration user: not empty, no {@code ,}
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @param lcid the locale id, unsigned; 0 sends {@link #DEFAULT_LCID}
   * @param timestampS seconds since the epoch (unsigned)
   * @param hash {@code "sha256"} or {@code "sha1"}
   * @return the request
   * @throws QianmingException {@code invalid_url}, {@code invalid_field}, {@code empty_secret}, …
   */
  public static HttpRequest loginBySignRequest(String serverUrl, String acctId, String userName, String appId,
      String appSecret, int lcid, long timestampS, String hash) {
    return HttpRequest.build((x, t) -> NativeLib.qm_k3cloud_login_by_sign_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]), x.ptr(t[4]),
        Scratch.len(t[4]), lcid, timestampS, x.ptr(t[5]), Scratch.len(t[5]), x.st(0), x.outPtr(), x.outCap(),
        x.outLen), serverUrl, acctId, userName, appId, appSecret, hash);
  }

  /**
   * {@link #loginBySignRequest(String, String, String, String, String, int, long, String)} with
   * {@link #DEFAULT_LCID}.
   *
   * @param serverUrl the server URL
   * @param acctId the account (data centre) id
   * @param userName the integration user
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @param timestampS seconds since the epoch
   * @param hash {@code "sha256"} or {@code "sha1"}
   * @return the request
   * @throws QianmingException as the full form
   */
  public static HttpRequest loginBySignRequest(String serverUrl, String acctId, String userName, String appId,
      String appSecret, long timestampS, String hash) {
    return loginBySignRequest(serverUrl, acctId, userName, appId, appSecret, DEFAULT_LCID, timestampS, hash);
  }

  /**
   * {@code POST <server>/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret.common.kdsvc}
   * with body {@code {"parameters":[acctID, user, AppID, AppSecret, lcid]}}: the AppSecret
   * travels in the body, which is why Kingdee asks integrations to use {@link
   * #loginBySignRequest} instead.
   *
   * @param serverUrl the server URL ({@code http(s)}, no query)
   * @param acctId the account (data centre) id: not empty, no {@code ,}
   * @param userName the integration user: not empty, no {@code ,}
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @param lcid the locale id, unsigned; 0 sends {@link #DEFAULT_LCID}
   * @return the request (its body carries the AppSecret)
   * @throws QianmingException {@code invalid_url}, {@code invalid_field}, {@code empty_secret}, …
   */
  public static HttpRequest loginByAppSecretRequest(String serverUrl, String acctId, String userName, String appId,
      String appSecret, int lcid) {
    return HttpRequest.build((x, t) -> NativeLib.qm_k3cloud_login_by_app_secret_request(x.ptr(t[0]),
        Scratch.len(t[0]), x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]),
        Scratch.len(t[3]), x.ptr(t[4]), Scratch.len(t[4]), lcid, x.st(0), x.outPtr(), x.outCap(), x.outLen),
        serverUrl, acctId, userName, appId, appSecret);
  }

  /**
   * {@link #loginByAppSecretRequest(String, String, String, String, String, int)} with {@link
   * #DEFAULT_LCID}.
   *
   * @param serverUrl the server URL
   * @param acctId the account (data centre) id
   * @param userName the integration user
   * @param appId the AppID
   * @param appSecret the AppSecret (not empty)
   * @return the request (its body carries the AppSecret)
   * @throws QianmingException as the full form
   */
  public static HttpRequest loginByAppSecretRequest(String serverUrl, String acctId, String userName, String appId,
      String appSecret) {
    return loginByAppSecretRequest(serverUrl, acctId, userName, appId, appSecret, DEFAULT_LCID);
  }

  /**
   * Parses the answer of {@code LoginBySign}, {@code LoginByAppSecret} or {@code ValidateUser}.
   *
   * @param body the answer body as received
   * @return the session
   * @throws QianmingException {@code login_failed} with a {@link QianmingException#refusal()}
   *     ({@code LoginResultType} as the code, {@code Message}) for a refused login, or the kind
   *     of a malformed answer ({@code invalid_json}, {@code missing_field}, {@code invalid_field})
   */
  public static Session parseLoginAnswer(byte[] body) {
    return Calls.parse(body, 40, (x, a, n) -> NativeLib.qm_k3cloud_parse_login_answer(a, n, x.st(0),
        x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen), Session::new);
  }

  /**
   * The headers of calls in a session: {@code kdservice-sessionid} and the {@code Cookie} that
   * carries it.
   *
   * @param sessionId {@link Session#sessionId()}
   * @return the headers in order (unmodifiable)
   * @throws QianmingException {@code invalid_field}, {@code invalid_header_value}
   */
  public static List<Pair> sessionHeaders(String sessionId) {
    return Calls.items((x, t, items, cap, count) -> NativeLib.qm_k3cloud_session_headers(x.ptr(t[0]),
        Scratch.len(t[0]), items, cap, count, x.outPtr(), x.outCap(), x.outLen), sessionId);
  }
}
