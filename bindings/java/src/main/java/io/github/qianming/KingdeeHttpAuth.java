package io.github.qianming;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What an HTTP client needs to call the Kingdee gateway, independent of the client: the six
 * {@code X-Api-*} headers of each request, and the account set's app-token, fetched once,
 * cached, and fetched again before it expires. The HTTP client integrations use it ({@code
 * io.github.qianming.okhttp.KingdeeInterceptor}, {@code
 * io.github.qianming.spring.KingdeeClientHttpRequestInterceptor}); one instance may serve
 * several clients. Thread-safe: concurrent calls that find no valid token share one fetch.
 *
 * <p>A request is signed as it will travel: its encoded path is decoded with {@link
 * Kingdee#percentDecode} and its encoded query with {@link Kingdee#parseQuery}, as the gateway
 * decodes them, so the URL is sent exactly as the caller built it.
 *
 * <p>The app-token travels on every business call in the request header {@code app-token}
 * ({@link #APP_TOKEN_HEADER}), beside the {@code X-Api-*} headers: the header tables of the
 * 金蝶云星辰 open platform's API pages (open.jdy.com, e.g. {@code GET /jdy/v2/bd/store_detail})
 * list {@code app-token} as a required header, "产品账套级别的token", obtained from {@code
 * kingdee_auth_token}. The seed document of that request (shared/seeds/001) says only that the
 * token is "用于调用星辰2.0接口" and lives 24 hours; it is not part of the signature.
 */
public final class KingdeeHttpAuth {
  /** The request header that carries the app-token on business calls. */
  public static final String APP_TOKEN_HEADER = "app-token";

  /** How long before its end a token is fetched again by default (five minutes), in ms. */
  public static final long DEFAULT_REFRESH_SKEW_MS = 5 * 60_000L;

  /** What an HTTP client answered to the app-token request. */
  public static final class TokenAnswer {
    private final int status;
    private final byte[] body;

    /**
     * An answer.
     *
     * @param status the HTTP status code
     * @param body the body as received (empty when there was none)
     */
    public TokenAnswer(int status, byte[] body) {
      this.status = status;
      this.body = Objects.requireNonNull(body, "body");
    }

    /** @return the HTTP status code */
    public int status() {
      return status;
    }

    /** @return the body as received */
    public byte[] body() {
      return body;
    }
  }

  /** Sends the app-token request with an integration's HTTP client. */
  public interface TokenTransport {
    /**
     * Sends {@code request} (a {@code GET} without a body) and reads the whole answer.
     *
     * @param request the signed app-token request
     * @return the status and body
     * @throws IOException when the request could not be sent or read
     */
    TokenAnswer send(HttpRequest request) throws IOException;
  }

  private final Kingdee.Signer signer;
  private final List<String> signHeaders;
  private final LongSupplier nowMs;
  private final TokenSource tokens;

  private KingdeeHttpAuth(Builder b) {
    this.signer = b.signer;
    this.signHeaders = Collections.unmodifiableList(new ArrayList<String>(b.signHeaders));
    this.nowMs = b.nowMs;
    this.tokens = b.baseUrl == null ? null
        : new TokenSource(b.signer, b.baseUrl, b.appKey, b.appSecret, b.uid, b.refreshSkewMs, b.nowMs);
  }

  /**
   * A builder for requests signed by {@code signer}.
   *
   * @param signer the client's signer (its client id and secret); the caller closes it
   * @return the builder
   */
  public static Builder builder(Kingdee.Signer signer) {
    return new Builder(signer);
  }

  /** Settings of a {@link KingdeeHttpAuth}. */
  public static final class Builder {
    private final Kingdee.Signer signer;
    private String baseUrl;
    private String appKey;
    private String appSecret;
    private String uid;
    private long refreshSkewMs = DEFAULT_REFRESH_SKEW_MS;
    private List<String> signHeaders = Collections.emptyList();
    private LongSupplier nowMs = System::currentTimeMillis;

    private Builder(Kingdee.Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Attach an app-token to every request, fetched with {@code GET
     * <baseUrl>/jdyconnector/app_management/kingdee_auth_token} ({@link
     * Kingdee.Signer#tokenRequest}). Without this, requests are only signed.
     *
     * @param baseUrl the gateway, e.g. {@code https://api.kingdee.com}
     * @param appKey the app key
     * @param appSecret the app secret (makes {@code app_signature})
     * @return this builder
     */
    public Builder appToken(String baseUrl, String appKey, String appSecret) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.appKey = Objects.requireNonNull(appKey, "appKey");
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return this;
    }

    /**
     * Ask for the token of one cloud-account user ({@code uid}) instead of the administrator
     * who created the app key.
     *
     * @param uid the user id, or null (the default)
     * @return this builder
     */
    public Builder uid(String uid) {
      this.uid = uid;
      return this;
    }

    /**
     * How long before the token's end it is fetched again ({@link TokenLifetime#action}).
     *
     * @param refreshSkewMs ms, {@link #DEFAULT_REFRESH_SKEW_MS} by default
     * @return this builder
     */
    public Builder refreshSkewMs(long refreshSkewMs) {
      if (refreshSkewMs < 0) {
        throw new IllegalArgumentException("refreshSkewMs must not be negative");
      }
      this.refreshSkewMs = refreshSkewMs;
      return this;
    }

    /**
     * Request headers to sign besides {@code X-Api-Nonce} and {@code X-Api-TimeStamp} when the
     * request carries them (e.g. {@code X-GW-Router-Addr}); a named header the request does
     * not carry is not signed.
     *
     * @param names header names
     * @return this builder
     */
    public Builder signHeaders(String... names) {
      this.signHeaders = Arrays.asList(names.clone());
      return this;
    }

    /**
     * The clock of the signatures' timestamps and of the token's lifetime ({@link
     * System#currentTimeMillis} by default).
     *
     * @param nowMs ms since the epoch
     * @return this builder
     */
    public Builder clock(LongSupplier nowMs) {
      this.nowMs = Objects.requireNonNull(nowMs, "nowMs");
      return this;
    }

    /** @return the configured instance */
    public KingdeeHttpAuth build() {
      return new KingdeeHttpAuth(this);
    }
  }

  /**
   * The headers to add to one request: the six {@code X-Api-*} headers and, when configured,
   * {@code app-token} (fetched through {@code transport} first if no valid one is cached).
   *
   * @param method the request's method
   * @param encodedPath the path as it travels (percent-encoded); empty for {@code /}
   * @param encodedQuery the query string as it travels, without {@code ?}; null for none
   * @param header the request's header of a name, or null (for {@link Builder#signHeaders})
   * @param transport sends the app-token request when one is needed
   * @return the headers to set, in order
   * @throws IOException when the app-token request could not be sent or was answered with an
   *     HTTP error
   * @throws QianmingException when the request cannot be signed (e.g. {@code
   *     duplicate_query_name}, {@code invalid_percent_encoding}) or the app-token answer says no
   *     ({@code vendor_error} with its {@link QianmingException#refusal()}) or is malformed
   */
  public List<Pair> headersFor(String method, String encodedPath, String encodedQuery,
      Function<String, String> header, TokenTransport transport) throws IOException {
    String token = tokens == null ? null : tokens.current(transport);
    String path = Kingdee.percentDecode(encodedPath.isEmpty() ? "/" : encodedPath);
    List<Pair> query = encodedQuery == null ? null : Kingdee.parseQuery(encodedQuery);
    List<Pair> extra = new ArrayList<Pair>();
    for (String name : signHeaders) {
      String value = header.apply(name);
      if (value != null) {
        extra.add(Pair.of(name, value));
      }
    }
    Kingdee.SignedRequest signed = signer.sign(method, path, query, extra,
        Long.toString(nowMs.getAsLong()), Kingdee.newNonce());
    List<Pair> out = new ArrayList<Pair>(signed.headers());
    if (token != null) {
      out.add(Pair.of(APP_TOKEN_HEADER, token));
    }
    return out;
  }

  /**
   * The current app-token, fetched through {@code transport} when none is cached or the cached
   * one is due for renewal.
   *
   * @param transport sends the app-token request when one is needed
   * @return the token
   * @throws IOException as {@link #headersFor}
   * @throws IllegalStateException when no app-token was configured ({@link Builder#appToken})
   */
  public String appToken(TokenTransport transport) throws IOException {
    if (tokens == null) {
      throw new IllegalStateException("no app-token configured: call Builder.appToken(…)");
    }
    return tokens.current(transport);
  }

  /**
   * Forgets the cached app-token if it is still {@code staleToken}, so the next request
   * fetches a new one: for a caller whose business call was refused because the gateway no
   * longer accepts the token (e.g. the app secret was rotated). A token fetched meanwhile by
   * another thread is kept.
   *
   * @param staleToken the token the refused call carried
   */
  public void invalidateAppToken(String staleToken) {
    if (tokens != null) {
      tokens.invalidate(staleToken);
    }
  }

  @Override
  public String toString() {
    return "KingdeeHttpAuth[clientId=" + signer.clientId() + ", appToken=" + (tokens != null) + "]";
  }
}
