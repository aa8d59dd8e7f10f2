package io.github.qianming.integrations;

import static io.github.qianming.integrations.KingdeeGateway.APP_KEY;
import static io.github.qianming.integrations.KingdeeGateway.APP_SECRET;
import static io.github.qianming.integrations.KingdeeGateway.CLIENT_ID;
import static io.github.qianming.integrations.KingdeeGateway.CLIENT_SECRET;
import static io.github.qianming.integrations.KingdeeGateway.TOKEN_LIFETIME_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qianming.Kingdee;
import io.github.qianming.KingdeeHttpAuth;
import io.github.qianming.QianmingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP client integration must do, end to end against {@link KingdeeGateway} over
 * real HTTP on 127.0.0.1: sign requests the server's verifier accepts, fetch the app-token once,
 * share it, fetch it again before it expires, and have a tampered request refused. Time is
 * driven through the integration's injectable clock, which the server reads too.
 */
abstract class KingdeeClientContract {
  static final long T0 = 1_700_000_000_000L;
  static final ObjectMapper JSON = new ObjectMapper();

  /** A business call through the integration under test. */
  interface Client {
    /**
     * Sends a request to the gateway.
     *
     * @param method the method
     * @param target the encoded path and query, as it must travel
     * @param jsonBody a JSON body, or null for none
     * @return the status and body
     */
    Reply send(String method, String target, String jsonBody) throws Exception;
  }

  static final class Reply {
    final int status;
    final JsonNode body;

    Reply(int status, String body) throws IOException {
      this.status = status;
      this.body = JSON.readTree(body);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /**
   * A client of the integration under test.
   *
   * @param auth the integration's settings
   * @param tamperedQuery when not null, a step after signing replaces the query with it
   */
  abstract Client client(KingdeeHttpAuth auth, String tamperedQuery);

  final AtomicLong now = new AtomicLong(T0);
  KingdeeGateway gateway;
  Kingdee.Signer signer;

  @BeforeEach
  void start() throws IOException {
    gateway = new KingdeeGateway(now::get);
    signer = new Kingdee.Signer(CLIENT_ID, CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    gateway.close();
    signer.close();
  }

  KingdeeHttpAuth auth(String appSecret) {
    return KingdeeHttpAuth.builder(signer).appToken(gateway.baseUrl(), APP_KEY, appSecret).clock(now::get).build();
  }

  static void assertAccepted(Reply reply) {
    assertEquals(200, reply.status, reply.toString());
  }

  @Test
  void theTokenIsFetchedOnceAndReused() throws Exception {
    Client client = client(auth(APP_SECRET), null);
    for (int i = 0; i < 3; i++) {
      assertAccepted(client.send("GET", "/jdy/v2/bd/material?page=" + i, null));
      now.addAndGet(60_000);
    }
    assertEquals(1, gateway.tokenFetches());
    assertEquals(Arrays.asList("token-1", "token-1", "token-1"), gateway.tokensUsed());
  }

  @Test
  void theTokenIsFetchedAgainBeforeItExpires() throws Exception {
    Client client = client(auth(APP_SECRET), null);
    assertAccepted(client.send("GET", "/jdy/v2/bd/material", null));
    // TokenLifetime.action(now, skew) says REUSE while now + skew < the token's end.
    now.set(T0 + TOKEN_LIFETIME_MS - KingdeeHttpAuth.DEFAULT_REFRESH_SKEW_MS - 1);
    assertAccepted(client.send("GET", "/jdy/v2/bd/material", null));
    assertEquals(1, gateway.tokenFetches());
    now.set(T0 + TOKEN_LIFETIME_MS - KingdeeHttpAuth.DEFAULT_REFRESH_SKEW_MS);
    assertAccepted(client.send("GET", "/jdy/v2/bd/material", null));
    assertEquals(2, gateway.tokenFetches());
    assertEquals(Arrays.asList("token-1", "token-1", "token-2"), gateway.tokensUsed());
  }

  @Test
  void theRequestIsSignedAsItTravels() throws Exception {
    Client client = client(auth(APP_SECRET), null);
    Reply reply = client.send("GET",
        "/jdy/v2/bd/%E7%89%A9%E6%96%99/a%20b+c?search=M6%20bolt&note=100%25&plus=a%2Bb&space=x+y&flag", null);
    assertAccepted(reply);
    assertEquals("/jdy/v2/bd/物料/a b+c", reply.body.get("path").asText());
    JsonNode query = reply.body.get("query");
    assertEquals("M6 bolt", query.get("search").asText());
    assertEquals("100%", query.get("note").asText());
    assertEquals("a+b", query.get("plus").asText());
    assertEquals("x y", query.get("space").asText());
    assertEquals("", query.get("flag").asText());
  }

  @Test
  void aPostWithABodyIsSigned() throws Exception {
    Client client = client(auth(APP_SECRET), null);
    assertAccepted(client.send("POST", "/jdy/v2/arap/ar_receipt?id=4642499368033189868", "{\"amount\":1}"));
  }

  @Test
  void aTamperedRequestIsRefusedByTheServer() throws Exception {
    Client honest = client(auth(APP_SECRET), null);
    assertAccepted(honest.send("GET", "/jdy/v2/bd/material?page=1", null));
    Client tampering = client(auth(APP_SECRET), "page=2");
    Reply refused = tampering.send("GET", "/jdy/v2/bd/material?page=1", null);
    assertEquals(519, refused.status, refused.toString());
    assertEquals("signature_mismatch", refused.body.get("kind").asText());
  }

  @Test
  void concurrentCallsShareOneTokenFetch() throws Exception {
    final Client client = client(auth(APP_SECRET), null);
    gateway.delayTokenAnswers(300); // so that the eight callers all find no token yet
    final int threads = 8;
    final CyclicBarrier together = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        final int n = i;
        replies.add(pool.submit((Callable<Reply>) () -> {
          together.await();
          return client.send("GET", "/jdy/v2/bd/material?caller=" + n, null);
        }));
      }
      for (Future<Reply> reply : replies) {
        assertAccepted(reply.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, gateway.tokenFetches());
    assertEquals(Collections.nCopies(threads, "token-1"), gateway.tokensUsed());
  }

  @Test
  void aWrongAppSecretIsTheVendorsRefusal() throws Exception {
    Client client = client(auth("not-the-secret"), null);
    Exception thrown = assertThrows(Exception.class, () -> client.send("GET", "/jdy/v2/bd/material", null));
    QianmingException refusal = qianmingCause(thrown);
    assertNotNull(refusal, "expected a QianmingException in " + thrown);
    assertEquals("vendor_error", refusal.kind());
    assertEquals("1001", refusal.refusal().code());
    assertEquals("授权密钥校验失败", refusal.refusal().message());
    assertEquals(Collections.emptyList(), gateway.tokensUsed());
  }

  static QianmingException qianmingCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof QianmingException) {
        return (QianmingException) c;
      }
    }
    return null;
  }
}
