package io.github.qianming.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server for the tests (Debian's {@code redis-server}; bindings/java/test.sh
 * installs it): started on 127.0.0.1 on a free port, without persistence, and stopped by the
 * test.
 */
final class RedisServer implements AutoCloseable {
  private final Path dir;
  private final Path log;
  private final int port;
  private Process process;

  private RedisServer(Path dir, int port) {
    this.dir = dir;
    this.log = dir.resolve("redis.log");
    this.port = port;
  }

  /** Starts a server and waits until it answers PING. */
  static RedisServer start() throws IOException, InterruptedException {
    RedisServer server = new RedisServer(Files.createTempDirectory("qianming-redis"), freePort());
    server.run();
    return server;
  }

  int port() {
    return port;
  }

  private void run() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(executable(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    process = builder.start();
    for (int attempt = 0; ; attempt++) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited (" + process.exitValue() + "): " + logText());
      }
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        if ("PONG".equals(jedis.ping())) {
          return;
        }
      } catch (RuntimeException notYet) {
        if (attempt >= 200) {
          throw new IllegalStateException("redis-server did not answer on port " + port + ": " + logText(), notYet);
        }
      }
      Thread.sleep(50);
    }
  }

  /** Stops the server (SIGTERM) and waits for it to exit. */
  void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    Files.deleteIfExists(log);
    Files.deleteIfExists(dir);
  }

  private String logText() throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  private static String executable() {
    for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
      File candidate = new File(folder, "redis-server");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new IllegalStateException("redis-server is not installed: apt-get install redis-server "
        + "(bindings/java/test.sh installs it)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
