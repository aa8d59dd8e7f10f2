package io.github.qianming.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.qianming.Kingdee;
import io.github.qianming.Pair;
import io.github.qianming.QianmingException;
import io.github.qianming.Weaver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;

/**
 * The second server of {@link RedisReplayStoreTest}, run as its own JVM: its own verifiers and
 * its own Redis client, sharing only the Redis server. Reads one request per line on stdin
 * (JSON: {@code scheme} kingdee or weaver, the request, {@code now_ms}) and answers {@code ok}
 * or the refusal's kind, one line each.
 */
public final class ReplayPeer {
  private ReplayPeer() {}

  static final String KINGDEE_SECRET = "0123456789abcdef0123456789abcdef";
  static final String WEAVER_APPID = "appid";
  static final String WEAVER_SECRET = "secret";
  static final String WEAVER_KEY = "8fy6K39X6PIEEeOq";

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (JedisPooled jedis = new JedisPooled("127.0.0.1", Integer.parseInt(args[0]));
        Kingdee.Verifier kingdee = new Kingdee.Verifier(KINGDEE_SECRET, Kingdee.DEFAULT_WINDOW_MS);
        Weaver.Verifier weaver = new Weaver.Verifier(WEAVER_APPID, WEAVER_SECRET, WEAVER_KEY, Weaver.DEFAULT_WINDOW_MS)) {
      RedisReplayStore store = new RedisReplayStore(jedis);
      out.println("ready");
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode c = json.readTree(line);
        long now = c.get("now_ms").asLong();
        try {
          if (c.get("scheme").asText().equals("kingdee")) {
            kingdee.verifyWith(store, c.get("method").asText(), c.get("path").asText(), pairs(c.get("query")),
                pairs(c.get("headers")), now);
          } else {
            weaver.verifyWith(store, c.get("sign").asText(), now);
          }
          out.println("ok");
        } catch (QianmingException refused) {
          out.println(refused.kind());
        }
      }
    }
  }

  static List<Pair> pairs(JsonNode array) {
    List<Pair> out = new ArrayList<>();
    for (JsonNode p : array) {
      out.add(Pair.of(p.get(0).asText(), p.get(1).asText()));
    }
    return out;
  }
}
