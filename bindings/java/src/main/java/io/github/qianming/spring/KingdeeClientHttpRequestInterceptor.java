package io.github.qianming.spring;

import io.github.qianming.KingdeeHttpAuth;
import io.github.qianming.Pair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * A Spring {@link ClientHttpRequestInterceptor} (for {@code RestTemplate}, or {@code RestClient}
 * on Spring 6) that signs every request for the Kingdee gateway and attaches the app-token
 * ({@link KingdeeHttpAuth}). Compiled against Spring Framework 5.3 ({@code spring-web}, an
 * optional dependency: add it yourself) and using only what Spring 6 kept.
 *
 * <pre>{@code
 * KingdeeHttpAuth auth = KingdeeHttpAuth.builder(signer)
 *     .appToken("https://api.kingdee.com", appKey, appSecret).build();
 * RestTemplate rest = new RestTemplate();
 * rest.getInterceptors().add(new KingdeeClientHttpRequestInterceptor(auth));
 * }</pre>
 *
 * <p>The app-token request is sent with its own {@link ClientHttpRequestFactory} (give the one
 * of your {@code RestTemplate} to share its proxy, TLS and timeouts), not through the
 * interceptor chain. The URL is sent as built; the signature covers its decoded path and query,
 * as the gateway decodes them. A refusal of libqianming is a {@code QianmingException}.
 */
public final class KingdeeClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {
  private final KingdeeHttpAuth auth;
  private final ClientHttpRequestFactory tokenRequests;

  /**
   * An interceptor that fetches app-tokens with a {@link SimpleClientHttpRequestFactory}.
   *
   * @param auth the signer, app-token settings and clock
   */
  public KingdeeClientHttpRequestInterceptor(KingdeeHttpAuth auth) {
    this(auth, new SimpleClientHttpRequestFactory());
  }

  /**
   * An interceptor that fetches app-tokens with {@code tokenRequests}.
   *
   * @param auth the signer, app-token settings and clock
   * @param tokenRequests makes the app-token requests
   */
  public KingdeeClientHttpRequestInterceptor(KingdeeHttpAuth auth, ClientHttpRequestFactory tokenRequests) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.tokenRequests = Objects.requireNonNull(tokenRequests, "tokenRequests");
  }

  @Override
  public ClientHttpResponse intercept(final HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    URI uri = request.getURI();
    List<Pair> headers = auth.headersFor(request.getMethod().name(), nullToEmpty(uri.getRawPath()),
        uri.getRawQuery(), name -> request.getHeaders().getFirst(name), this::send);
    for (Pair h : headers) {
      request.getHeaders().set(h.name(), h.value());
    }
    return execution.execute(request, body);
  }

  private KingdeeHttpAuth.TokenAnswer send(io.github.qianming.HttpRequest tokenRequest) throws IOException {
    ClientHttpRequest request = tokenRequests.createRequest(URI.create(tokenRequest.url()),
        HttpMethod.valueOf(tokenRequest.method()));
    for (Pair h : tokenRequest.headers()) {
      request.getHeaders().set(h.name(), h.value());
    }
    try (ClientHttpResponse response = request.execute()) {
      return new KingdeeHttpAuth.TokenAnswer(statusOf(response), readAll(response));
    }
  }

  /** The status code: {@code getRawStatusCode} exists in Spring 5.3 and 6 alike. */
  @SuppressWarnings("deprecation")
  private static int statusOf(ClientHttpResponse response) throws IOException {
    return response.getRawStatusCode();
  }

  private static byte[] readAll(ClientHttpResponse response) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in;
    try {
      in = response.getBody();
    } catch (IOException e) {
      // HttpURLConnection throws for an error status without a body; the status tells enough.
      return new byte[0];
    }
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) != -1; ) {
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    return "KingdeeClientHttpRequestInterceptor[" + auth + "]";
  }
}
