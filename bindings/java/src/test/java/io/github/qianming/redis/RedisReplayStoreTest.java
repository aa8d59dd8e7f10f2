package io.github.qianming.redis;

import static io.github.qianming.redis.ReplayPeer.KINGDEE_SECRET;
import static io.github.qianming.redis.ReplayPeer.WEAVER_APPID;
import static io.github.qianming.redis.ReplayPeer.WEAVER_KEY;
import static io.github.qianming.redis.ReplayPeer.WEAVER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.qianming.Kingdee;
import io.github.qianming.Pair;
import io.github.qianming.QianmingException;
import io.github.qianming.ReplayStore;
import io.github.qianming.Weaver;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPooled;

/**
 * {@link RedisReplayStore} against a real redis-server on 127.0.0.1: two verifiers in two JVMs
 * (this one and a {@link ReplayPeer} process) share one Redis, so a request accepted by one is a
 * replay for the other; with Redis stopped, verification fails closed.
 */
class RedisReplayStoreTest {
  static final long T0 = 1_700_000_000_000L;
  static final ObjectMapper JSON = new ObjectMapper();

  static RedisServer redis;
  static JedisPooled jedis;
  static Process peer;
  static Writer toPeer;
  static BufferedReader fromPeer;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
    jedis = new JedisPooled("127.0.0.1", redis.port());
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--enable-native-access")) {
        command.add(arg); // the second JDK's run
      }
    }
    command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), ReplayPeer.class.getName(),
        Integer.toString(redis.port())));
    peer = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    toPeer = new OutputStreamWriter(peer.getOutputStream(), StandardCharsets.UTF_8);
    fromPeer = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("ready", fromPeer.readLine(), "the peer process did not start");
  }

  @AfterAll
  static void stop() throws Exception {
    if (toPeer != null) {
      toPeer.close(); // the peer ends at the end of its input
      assertEquals(0, peer.waitFor());
    }
    if (jedis != null) {
      jedis.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** What the peer process answers for one request: "ok" or the refusal's kind. */
  static String peerVerifies(ObjectNode request) throws IOException {
    toPeer.write(JSON.writeValueAsString(request) + "\n");
    toPeer.flush();
    String answer = fromPeer.readLine();
    if (answer == null) {
      throw new IllegalStateException("the peer process ended");
    }
    return answer;
  }

  static final List<Pair> QUERY = Arrays.asList(Pair.of("page", "1"));

  /** A Kingdee request signed at T0 with {@code nonce}, as received: the six headers. */
  static List<Pair> kingdeeHeaders(String nonce) {
    try (Kingdee.Signer signer = new Kingdee.Signer("205022", KINGDEE_SECRET)) {
      return signer.sign("GET", "/jdy/v2/bd/material", QUERY, null, Long.toString(T0), nonce).headers();
    }
  }

  static ObjectNode kingdeeRequest(List<Pair> headers, long nowMs) {
    ObjectNode c = JSON.createObjectNode().put("scheme", "kingdee").put("method", "GET")
        .put("path", "/jdy/v2/bd/material").put("now_ms", nowMs);
    c.set("query", array(QUERY));
    c.set("headers", array(headers));
    return c;
  }

  static ArrayNode array(List<Pair> pairs) {
    ArrayNode out = JSON.createArrayNode();
    for (Pair p : pairs) {
      out.addArray().add(p.name()).add(p.value());
    }
    return out;
  }

  static String kind(Runnable call) {
    return assertThrows(QianmingException.class, call::run).kind();
  }

  @Test
  void aKingdeeRequestAcceptedHereIsAReplayInTheOtherProcess() throws Exception {
    ReplayStore store = new RedisReplayStore(jedis);
    try (Kingdee.Verifier verifier = new Kingdee.Verifier(KINGDEE_SECRET, Kingdee.DEFAULT_WINDOW_MS)) {
      List<Pair> first = kingdeeHeaders("1000000001");
      Kingdee.Verified v = verifier.verifyWith(store, "GET", "/jdy/v2/bd/material", QUERY, first, T0 + 10);
      assertEquals("1000000001", v.nonce());
      assertEquals("replayed", peerVerifies(kingdeeRequest(first, T0 + 20)));
      // And the other way round: first accepted there, then a replay here.
      List<Pair> second = kingdeeHeaders("1000000002");
      assertEquals("ok", peerVerifies(kingdeeRequest(second, T0 + 30)));
      assertEquals("replayed", kind(() -> verifier.verifyWith(store, "GET", "/jdy/v2/bd/material", QUERY, second,
          T0 + 40)));
      // Its own replay guard took no part.
      assertEquals(0, verifier.remembered());
    }
  }

  @Test
  void aWeaverSignAcceptedThereIsAReplayHere() throws Exception {
    ReplayStore store = new RedisReplayStore(jedis);
    String sign = Weaver.sign(WEAVER_APPID, WEAVER_SECRET, WEAVER_KEY, T0);
    ObjectNode request = JSON.createObjectNode().put("scheme", "weaver").put("sign", sign).put("now_ms", T0 + 5);
    assertEquals("ok", peerVerifies(request));
    try (Weaver.Verifier verifier = new Weaver.Verifier(WEAVER_APPID, WEAVER_SECRET, WEAVER_KEY,
        Weaver.DEFAULT_WINDOW_MS)) {
      assertEquals("replayed", kind(() -> verifier.verifyWith(store, sign, T0 + 10)));
      String next = Weaver.sign(WEAVER_APPID, WEAVER_SECRET, WEAVER_KEY, T0 + 1);
      assertEquals(T0 + 1, verifier.verifyWith(store, next, T0 + 10));
      assertEquals("replayed", peerVerifies(request.put("sign", next)));
    }
  }

  @Test
  void theKeyIsKeptForTheTicketsTimeToLive() {
    try (Kingdee.Verifier verifier = new Kingdee.Verifier(KINGDEE_SECRET, Kingdee.DEFAULT_WINDOW_MS)) {
      List<Pair> headers = kingdeeHeaders("1000000003");
      long now = T0 + 1_000;
      Kingdee.StatelessVerified accepted = verifier.verifyStateless("GET", "/jdy/v2/bd/material", QUERY, headers, now);
      new RedisReplayStore(jedis, "test:").record(accepted.ticket(), now);
      long pttl = jedis.pttl("test:" + accepted.ticket().key());
      assertTrue(pttl > 0 && pttl <= accepted.ticket().ttlMs(now), "PTTL " + pttl);
      assertEquals("1", jedis.get("test:" + accepted.ticket().key()));
      assertFalse(jedis.exists(RedisReplayStore.DEFAULT_PREFIX + accepted.ticket().key()));
    }
  }

  @Test
  void aRefusedRequestRecordsNothing() {
    try (Kingdee.Verifier verifier = new Kingdee.Verifier(KINGDEE_SECRET, Kingdee.DEFAULT_WINDOW_MS)) {
      List<Pair> headers = new ArrayList<>(kingdeeHeaders("1000000004"));
      List<Pair> otherQuery = Arrays.asList(Pair.of("page", "2"));
      long keys = jedis.dbSize();
      assertEquals("signature_mismatch", kind(() -> verifier.verifyWith(new RedisReplayStore(jedis), "GET",
          "/jdy/v2/bd/material", otherQuery, headers, T0)));
      assertEquals(keys, jedis.dbSize());
    }
  }

  @Test
  void aJedisPoolServesAsWell() {
    try (JedisPool pool = new JedisPool("127.0.0.1", redis.port());
        Kingdee.Verifier verifier = new Kingdee.Verifier(KINGDEE_SECRET, Kingdee.DEFAULT_WINDOW_MS)) {
      ReplayStore store = new RedisReplayStore(pool);
      List<Pair> headers = kingdeeHeaders("1000000005");
      verifier.verifyWith(store, "GET", "/jdy/v2/bd/material", QUERY, headers, T0);
      assertEquals("replayed", kind(() -> verifier.verifyWith(store, "GET", "/jdy/v2/bd/material", QUERY, headers,
          T0 + 1)));
    }
  }

  @Test
  void withRedisStoppedVerificationFailsClosed() throws Exception {
    try (RedisServer own = RedisServer.start();
        JedisPooled client = new JedisPooled("127.0.0.1", own.port());
        Kingdee.Verifier kingdee = new Kingdee.Verifier(KINGDEE_SECRET, Kingdee.DEFAULT_WINDOW_MS);
        Weaver.Verifier weaver = new Weaver.Verifier(WEAVER_APPID, WEAVER_SECRET, WEAVER_KEY,
            Weaver.DEFAULT_WINDOW_MS)) {
      ReplayStore store = new RedisReplayStore(client);
      kingdee.verifyWith(store, "GET", "/jdy/v2/bd/material", QUERY, kingdeeHeaders("1000000006"), T0);
      own.stop();
      List<Pair> fresh = kingdeeHeaders("1000000007");
      QianmingException down = assertThrows(QianmingException.class,
          () -> kingdee.verifyWith(store, "GET", "/jdy/v2/bd/material", QUERY, fresh, T0 + 1));
      assertEquals("replay_store_unavailable", down.kind());
      assertTrue(down.getCause() != null, "the Jedis exception is kept as the cause");
      String sign = Weaver.sign(WEAVER_APPID, WEAVER_SECRET, WEAVER_KEY, T0);
      assertEquals("replay_store_unavailable", kind(() -> weaver.verifyWith(store, sign, T0 + 1)));
      // A request that does not verify is still refused for what it is.
      assertEquals("signature_mismatch", kind(() -> kingdee.verifyWith(store, "GET", "/jdy/v2/bd/material",
          Arrays.asList(Pair.of("page", "9")), fresh, T0 + 1)));
    }
  }
}
