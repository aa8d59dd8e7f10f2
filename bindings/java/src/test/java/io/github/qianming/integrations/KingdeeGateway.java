package io.github.qianming.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.qianming.Kingdee;
import io.github.qianming.Pair;
import io.github.qianming.QianmingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A Kingdee gateway for the tests, on 127.0.0.1: a real HTTP server (the JDK's) that verifies
 * every request with qianming's verifier (replay guard on), issues app-tokens after checking
 * {@code app_signature}, and accepts a business call only with a token it issued that has not
 * expired. Answers 519 when a request signature does not verify, as the gateway does.
 */
final class KingdeeGateway implements AutoCloseable {
  static final String CLIENT_ID = "205022";
  static final String CLIENT_SECRET = "0123456789abcdef0123456789abcdef";
  static final String APP_KEY = "abc";
  static final String APP_SECRET = "abc123";
  static final String TOKEN_PATH = "/jdyconnector/app_management/kingdee_auth_token";
  static final long TOKEN_LIFETIME_MS = 24L * 60 * 60 * 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LongSupplier nowMs;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final Kingdee.Verifier verifier = new Kingdee.Verifier(CLIENT_SECRET, Kingdee.DEFAULT_WINDOW_MS);
  private final AtomicInteger tokenFetches = new AtomicInteger();
  private final Map<String, Long> issued = new ConcurrentHashMap<>();
  private final List<String> tokensUsed = Collections.synchronizedList(new ArrayList<>());
  private volatile long tokenDelayMs;

  KingdeeGateway(LongSupplier nowMs) throws IOException {
    this.nowMs = nowMs;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int tokenFetches() {
    return tokenFetches.get();
  }

  /** The app-token carried by each accepted business call, in arrival order. */
  List<String> tokensUsed() {
    synchronized (tokensUsed) {
      return new ArrayList<>(tokensUsed);
    }
  }

  /** Holds each app-token answer back this long, so that concurrent callers overlap. */
  void delayTokenAnswers(long ms) {
    tokenDelayMs = ms;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      URI target = exchange.getRequestURI();
      String path = Kingdee.percentDecode(target.getRawPath());
      List<Pair> query = target.getRawQuery() == null ? null : Kingdee.parseQuery(target.getRawQuery());
      List<Pair> headers = new ArrayList<>();
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        for (String value : h.getValue()) {
          headers.add(Pair.of(h.getKey(), value));
        }
      }
      long now = nowMs.getAsLong();
      try {
        verifier.verify(exchange.getRequestMethod(), path, query, headers, now);
      } catch (QianmingException refused) {
        ObjectNode body = JSON.createObjectNode().put("kind", refused.kind()).put("detail", refused.detail());
        answer(exchange, 519, body);
        return;
      }
      if (path.equals(TOKEN_PATH)) {
        issueToken(exchange, query, now);
      } else {
        business(exchange, path, query, now);
      }
    } catch (RuntimeException | InterruptedException e) {
      answer(exchange, 500, JSON.createObjectNode().put("error", e.toString()));
    }
  }

  private void issueToken(HttpExchange exchange, List<Pair> query, long now)
      throws IOException, InterruptedException {
    String appKey = value(query, "app_key");
    String appSignature = value(query, "app_signature");
    if (!APP_KEY.equals(appKey) || !Kingdee.appSignature(APP_KEY, APP_SECRET).equals(appSignature)) {
      answer(exchange, 200, JSON.createObjectNode().put("errcode", 1001).put("description", "授权密钥校验失败"));
      return;
    }
    Thread.sleep(tokenDelayMs);
    String token = "token-" + tokenFetches.incrementAndGet();
    issued.put(token, now + TOKEN_LIFETIME_MS);
    ObjectNode body = JSON.createObjectNode().put("errcode", 0).put("description", "成功");
    body.putObject("data").put("uid", 700123).put("app-token", token);
    answer(exchange, 200, body);
  }

  private void business(HttpExchange exchange, String path, List<Pair> query, long now) throws IOException {
    String token = exchange.getRequestHeaders().getFirst("app-token");
    Long expiresAt = token == null ? null : issued.get(token);
    if (expiresAt == null || now >= expiresAt) {
      answer(exchange, 401, JSON.createObjectNode().put("errcode", 401).put("description", "app-token invalid: " + token));
      return;
    }
    tokensUsed.add(token);
    ObjectNode body = JSON.createObjectNode().put("errcode", 0).put("path", path);
    ObjectNode echoed = body.putObject("query");
    if (query != null) {
      for (Pair p : query) {
        echoed.put(p.name(), p.value());
      }
    }
    answer(exchange, 200, body);
  }

  private static String value(List<Pair> query, String name) {
    if (query != null) {
      for (Pair p : query) {
        if (p.name().equals(name)) {
          return p.value();
        }
      }
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    verifier.close();
  }
}
