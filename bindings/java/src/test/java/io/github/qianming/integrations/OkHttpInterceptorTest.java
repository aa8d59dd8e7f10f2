package io.github.qianming.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.qianming.KingdeeHttpAuth;
import io.github.qianming.okhttp.KingdeeInterceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@link KingdeeInterceptor} in a real OkHttp 4 client against {@link KingdeeGateway}. */
class OkHttpInterceptorTest extends KingdeeClientContract {
  @Override
  Client client(KingdeeHttpAuth auth, String tamperedQuery) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(new KingdeeInterceptor(auth));
    if (tamperedQuery != null) {
      // A network interceptor runs after the (application) signing interceptor; the app-token
      // request, which also passes it, is left alone.
      builder.addNetworkInterceptor(chain -> chain.request().url().encodedPath().equals(KingdeeGateway.TOKEN_PATH)
          ? chain.proceed(chain.request())
          : chain.proceed(chain.request().newBuilder()
              .url(chain.request().url().newBuilder().encodedQuery(tamperedQuery).build()).build()));
    }
    OkHttpClient http = builder.build();
    return (method, target, jsonBody) -> {
      RequestBody body = jsonBody == null ? null : RequestBody.create(jsonBody, MediaType.get("application/json"));
      Request request = new Request.Builder().url(gateway.baseUrl() + target).method(method, body).build();
      try (Response response = http.newCall(request).execute()) {
        return new Reply(response.code(), response.body().string());
      }
    };
  }

  @Test
  void asANetworkInterceptorItSaysHowToRegisterIt() {
    OkHttpClient http = new OkHttpClient.Builder()
        .addNetworkInterceptor(new KingdeeInterceptor(auth(KingdeeGateway.APP_SECRET))).build();
    Request request = new Request.Builder().url(gateway.baseUrl() + "/jdy/v2/bd/material").build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> http.newCall(request).execute());
    assertEquals(true, e.getMessage().contains("addInterceptor"), e.getMessage());
  }
}
