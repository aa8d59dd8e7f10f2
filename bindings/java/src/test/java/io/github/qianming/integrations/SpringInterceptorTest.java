package io.github.qianming.integrations;

import io.github.qianming.KingdeeHttpAuth;
import io.github.qianming.spring.KingdeeClientHttpRequestInterceptor;
import java.net.URI;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * {@link KingdeeClientHttpRequestInterceptor} in a real {@link RestTemplate} (HttpURLConnection
 * underneath) against {@link KingdeeGateway}.
 */
class SpringInterceptorTest extends KingdeeClientContract {
  @Override
  Client client(KingdeeHttpAuth auth, final String tamperedQuery) {
    RestTemplate rest = new RestTemplate(new SimpleClientHttpRequestFactory());
    rest.setErrorHandler(new DefaultResponseErrorHandler() {
      @Override
      public boolean hasError(ClientHttpResponse response) {
        return false; // the tests read every status themselves
      }
    });
    rest.getInterceptors().add(new KingdeeClientHttpRequestInterceptor(auth));
    if (tamperedQuery != null) {
      // An interceptor after the signing one sends another query under the same headers.
      rest.getInterceptors().add((request, body, execution) -> execution.execute(new HttpRequestWrapper(request) {
        @Override
        public URI getURI() {
          String uri = request.getURI().toString();
          return URI.create(uri.substring(0, uri.indexOf('?') + 1) + tamperedQuery);
        }
      }, body));
    }
    return (method, target, jsonBody) -> {
      HttpHeaders headers = new HttpHeaders();
      if (jsonBody != null) {
        headers.setContentType(MediaType.APPLICATION_JSON);
      }
      ResponseEntity<String> response = rest.exchange(URI.create(gateway.baseUrl() + target),
          HttpMethod.valueOf(method), new HttpEntity<>(jsonBody, headers), String.class);
      return new Reply(statusOf(response), response.getBody());
    };
  }

  @SuppressWarnings("deprecation")
  private static int statusOf(ResponseEntity<String> response) {
    return response.getStatusCodeValue(); // in Spring 5.3 and 6 alike
  }
}
