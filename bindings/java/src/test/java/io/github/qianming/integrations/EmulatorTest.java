package io.github.qianming.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qianming.Doctor;
import io.github.qianming.HttpRequest;
import io.github.qianming.Kingdee;
import io.github.qianming.KingdeeHttpAuth;
import io.github.qianming.Pair;
import io.github.qianming.QianmingException;
import io.github.qianming.WeaverToken;
import io.github.qianming.okhttp.KingdeeInterceptor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java integrations against {@code qianming emulate} (docs/spec/emulator.md), the offline
 * emulator of the vendors' token endpoints, started here on 127.0.0.1 as a separate process: the
 * OkHttp interceptor logs in and signs business calls, the Weaver token request is sent and its
 * answer read, and broken clients get the vendor's refusal with the doctor's verdict, which
 * Java's own {@link Doctor} agrees with.
 */
class EmulatorTest {
  static final String CLIENT_ID = "205022";
  static final String CLIENT_SECRET = "0123456789abcdef0123456789abcdef";
  static final String APP_KEY = "abc";
  static final String APP_SECRET = "abc123";
  static final String APPID = "weaverappid";
  static final String WEAVER_SECRET = "weaversecret";
  static final String AES_KEY = "8fy6K39X6PIEEeOq";
  static final String VERDICT = "X-Qianming-Verdict";
  static final ObjectMapper JSON = new ObjectMapper();

  static Process emulator;
  static String baseUrl;
  static final OkHttpClient HTTP = new OkHttpClient();

  @BeforeAll
  static void start() throws IOException {
    Path cli = cli();
    File log = File.createTempFile("qianming-emulator", ".log");
    log.deleteOnExit();
    List<String> command = new ArrayList<>();
    Collections.addAll(command, cli.toString(), "emulate", "--listen", "127.0.0.1:0",
        "--kingdee-client", CLIENT_ID + ":" + CLIENT_SECRET, "--kingdee-app", APP_KEY + ":" + APP_SECRET,
        "--weaver", APPID + ":" + WEAVER_SECRET + ":" + AES_KEY);
    emulator = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log)).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null || !first.startsWith("listening on http://")) {
      throw new IllegalStateException("the emulator did not start (" + first + "); its log: "
          + new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8));
    }
    baseUrl = first.substring("listening on ".length()).trim();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (emulator != null) {
      emulator.destroy();
      emulator.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The CLI that `bindings/java/test.sh` builds: {@code -Dqianming.cli}, else the repository's debug build. */
  static Path cli() {
    String given = System.getProperty("qianming.cli");
    String repo = System.getProperty("qianming.repo");
    Path cli = given != null ? Paths.get(given) : Paths.get(repo == null ? "../.." : repo, "target", "debug", "qianming");
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException("no qianming command at " + cli + ": run `cargo build -p qianming-cli` "
          + "(bindings/java/test.sh does) or pass -Dqianming.cli=/path/to/qianming");
    }
    return cli;
  }

  @Test
  void theOkHttpInterceptorLogsInAndItsCallsAreAccepted() throws Exception {
    try (Kingdee.Signer signer = new Kingdee.Signer(CLIENT_ID, CLIENT_SECRET)) {
      KingdeeHttpAuth auth = KingdeeHttpAuth.builder(signer).appToken(baseUrl, APP_KEY, APP_SECRET).build();
      OkHttpClient http = HTTP.newBuilder().addInterceptor(new KingdeeInterceptor(auth)).build();
      for (String target : new String[] {"/jdy/v2/bd/material?page=1", "/jdy/v2/bd/物料/a%20b?q=x+y&k=%3D"}) {
        Request request = new Request.Builder().url(baseUrl + target)
            .post(RequestBody.create("{\"a\":1}", MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
          String body = response.body().string();
          assertEquals(200, response.code(), body);
          assertEquals(0, JSON.readTree(body).get("errcode").asInt(), body);
          assertEquals(null, response.header(VERDICT), body);
        }
      }
    }
  }

  @Test
  void aWrongAppSecretIsRefusedAtTheTokenEndpoint() throws Exception {
    try (Kingdee.Signer signer = new Kingdee.Signer(CLIENT_ID, CLIENT_SECRET)) {
      KingdeeHttpAuth auth = KingdeeHttpAuth.builder(signer).appToken(baseUrl, APP_KEY, "not-the-secret").build();
      OkHttpClient http = HTTP.newBuilder().addInterceptor(new KingdeeInterceptor(auth)).build();
      Request request = new Request.Builder().url(baseUrl + "/jdy/v2/bd/material").build();
      // OkHttp lets an interceptor throw IOExceptions only: the interceptor wraps the refusal.
      IOException thrown = assertThrows(IOException.class, () -> http.newCall(request).execute().close());
      QianmingException e = (QianmingException) thrown.getCause();
      assertEquals("vendor_error", e.kind(), e.getMessage());
      assertNotNull(e.refusal());
      assertEquals("1003", e.refusal().code(), e.getMessage());
    }
  }

  @Test
  void aTimestampInSecondsGetsTheGatewaysRefusalAndTheDoctorsVerdict() throws Exception {
    String path = "/jdy/v2/bd/material";
    List<Pair> query = Collections.singletonList(Pair.of("page", "1"));
    long nowMs = System.currentTimeMillis();
    try (Kingdee.Signer signer = new Kingdee.Signer(CLIENT_ID, CLIENT_SECRET)) {
      // The mistake: seconds where the gateway wants milliseconds, signed consistently.
      Kingdee.SignedRequest signed = signer.sign("GET", path, query, null, String.valueOf(nowMs / 1000), "1234567890");
      Request.Builder builder = new Request.Builder().url(baseUrl + path + "?" + signed.wireQuery());
      for (Pair header : signed.headers()) {
        builder.header(header.name(), header.value());
      }
      try (Response response = http(builder.build())) {
        String body = response.body().string();
        assertEquals(519, response.code(), body);
        JsonNode answer = JSON.readTree(body);
        assertEquals(1002, answer.get("errcode").asInt(), body);
        assertEquals("timestamp_in_seconds", response.header(VERDICT), body);
        Doctor.KingdeeReport report = Doctor.kingdee(CLIENT_SECRET, "GET", path, query, signed.headers(), nowMs);
        assertEquals(response.header(VERDICT), report.verdict());
      }
    }
  }

  @Test
  void theWeaverTokenRequestIsAnsweredOnceAndTheReplayIsRefused() throws Exception {
    HttpRequest request = WeaverToken.signedTokenRequest(APPID, WEAVER_SECRET, AES_KEY, baseUrl,
        System.currentTimeMillis());
    try (Response response = http(okhttp(request))) {
      assertEquals(200, response.code());
      WeaverToken.Token token = WeaverToken.parseTokenAnswer(response.body().bytes(), System.currentTimeMillis());
      assertFalse(token.token().isEmpty());
      assertTrue(token.lifetime().expiresAtMs() > System.currentTimeMillis());
    }
    try (Response replay = http(okhttp(request))) {
      assertEquals("replayed", replay.header(VERDICT));
      byte[] body = replay.body().bytes();
      QianmingException e = assertThrows(QianmingException.class,
          () -> WeaverToken.parseTokenAnswer(body, System.currentTimeMillis()));
      assertNotNull(e.refusal(), e.getMessage());
    }
  }

  static Response http(Request request) throws IOException {
    return HTTP.newCall(request).execute();
  }

  /** The core's request as OkHttp sends it: method, URL, headers in order, body. */
  static Request okhttp(HttpRequest request) {
    RequestBody body = request.body() == null
        ? ("POST".equals(request.method()) ? RequestBody.create(new byte[0], null) : null)
        : RequestBody.create(request.body().getBytes(StandardCharsets.UTF_8), null);
    Request.Builder builder = new Request.Builder().url(request.url()).method(request.method(), body);
    for (Pair header : request.headers()) {
      builder.addHeader(header.name(), header.value());
    }
    return builder.build();
  }
}
