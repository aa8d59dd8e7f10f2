package io.github.qianming.okhttp;

import io.github.qianming.HttpRequest;
import io.github.qianming.KingdeeHttpAuth;
import io.github.qianming.Pair;
import io.github.qianming.QianmingException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An OkHttp 4 application interceptor that signs every request for the Kingdee gateway and
 * attaches the app-token ({@link KingdeeHttpAuth}): OkHttp is an optional dependency, add {@code
 * com.squareup.okhttp3:okhttp} yourself.
 *
 * <pre>{@code
 * KingdeeHttpAuth auth = KingdeeHttpAuth.builder(signer)
 *     .appToken("https://api.kingdee.com", appKey, appSecret).build();
 * OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new KingdeeInterceptor(auth)).build();
 * }</pre>
 *
 * <p>Register it with {@code addInterceptor} (an application interceptor), not {@code
 * addNetworkInterceptor}: when a token is due it sends the app-token request itself through the
 * rest of the chain ({@code chain.proceed}), so that request uses the client's own settings
 * (proxy, TLS, timeouts) and passes the interceptors added after this one. The URL is sent as
 * built; the signature covers its decoded path and query, as the gateway decodes them. Signing
 * and token failures are {@link IOException}s (OkHttp's contract), with the {@link
 * QianmingException} as their cause when libqianming refused.
 */
public final class KingdeeInterceptor implements Interceptor {
  private final KingdeeHttpAuth auth;

  /**
   * An interceptor.
   *
   * @param auth the signer, app-token settings and clock
   */
  public KingdeeInterceptor(KingdeeHttpAuth auth) {
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public Response intercept(final Chain chain) throws IOException {
    if (chain.connection() != null) {
      throw new IllegalStateException("KingdeeInterceptor is an application interceptor: "
          + "register it with OkHttpClient.Builder.addInterceptor, not addNetworkInterceptor");
    }
    final Request request = chain.request();
    List<Pair> headers;
    try {
      headers = auth.headersFor(request.method(), request.url().encodedPath(), request.url().encodedQuery(),
          request::header, tokenRequest -> send(chain, tokenRequest));
    } catch (QianmingException e) {
      throw new IOException("qianming refused the Kingdee request: " + e.getMessage(), e);
    }
    Request.Builder signed = request.newBuilder();
    for (Pair h : headers) {
      signed.header(h.name(), h.value());
    }
    return chain.proceed(signed.build());
  }

  /** Sends the app-token request down the rest of the chain and reads the whole answer. */
  private static KingdeeHttpAuth.TokenAnswer send(Chain chain, HttpRequest tokenRequest) throws IOException {
    Request.Builder b = new Request.Builder().url(tokenRequest.url()).method(tokenRequest.method(), null);
    for (Pair h : tokenRequest.headers()) {
      b.header(h.name(), h.value());
    }
    try (Response response = chain.proceed(b.build())) {
      ResponseBody body = response.body();
      return new KingdeeHttpAuth.TokenAnswer(response.code(), body == null ? new byte[0] : body.bytes());
    }
  }

  @Override
  public String toString() {
    return "KingdeeInterceptor[" + auth + "]";
  }
}
