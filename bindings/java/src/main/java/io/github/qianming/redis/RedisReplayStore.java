package io.github.qianming.redis;

import io.github.qianming.QianmingException;
import io.github.qianming.ReplayStore;
import io.github.qianming.ReplayTicket;
import java.util.Objects;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ReplayStore} in Redis, through Jedis (an optional dependency: add {@code
 * redis.clients:jedis} yourself; compiled against 5.2). Each ticket becomes {@code SET
 * <prefix><key> 1 NX PX <ticket.ttlMs(now)>}: Redis records the key only if it is absent, in one
 * atomic step, and forgets it when the request's window has closed. A nil reply is a replay
 * ({@code replayed}); a connection failure, a timeout or any other reply is {@code
 * replay_store_unavailable}, so the request is refused (fail closed). Thread-safe as the Jedis
 * client given is ({@link UnifiedJedis} and {@link JedisPool} are).
 *
 * <pre>{@code
 * ReplayStore store = new RedisReplayStore(new JedisPooled("redis.internal", 6379));
 * Kingdee.Verified v = verifier.verifyWith(store, method, path, query, headers, System.currentTimeMillis());
 * }</pre>
 */
public final class RedisReplayStore implements ReplayStore {
  /** The prefix put before every ticket key unless another is given. */
  public static final String DEFAULT_PREFIX = "qianming:replay:";

  private interface SetCommand {
    String set(String key, String value, SetParams params);
  }

  private final SetCommand redis;
  private final String prefix;

  /**
   * A store over a {@link UnifiedJedis}: {@code JedisPooled}, {@code JedisCluster}, … (Jedis 4
   * and later), with {@link #DEFAULT_PREFIX}.
   *
   * @param jedis the client, shared by every verifier of the process
   */
  public RedisReplayStore(UnifiedJedis jedis) {
    this(jedis, DEFAULT_PREFIX);
  }

  /**
   * A store over a {@link UnifiedJedis} whose keys start with {@code prefix}.
   *
   * @param jedis the client
   * @param prefix put before every ticket key, e.g. {@code "myapp:replay:"}
   */
  public RedisReplayStore(UnifiedJedis jedis, String prefix) {
    Objects.requireNonNull(jedis, "jedis");
    this.redis = jedis::set;
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * A store over a {@link JedisPool} (every Jedis version), with {@link #DEFAULT_PREFIX}; each
   * record borrows a connection and returns it.
   *
   * @param pool the pool
   */
  public RedisReplayStore(JedisPool pool) {
    this(pool, DEFAULT_PREFIX);
  }

  /**
   * A store over a {@link JedisPool} whose keys start with {@code prefix}.
   *
   * @param pool the pool
   * @param prefix put before every ticket key
   */
  public RedisReplayStore(final JedisPool pool, String prefix) {
    Objects.requireNonNull(pool, "pool");
    this.redis = (key, value, params) -> {
      try (Jedis jedis = pool.getResource()) {
        return jedis.set(key, value, params);
      }
    };
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public void record(ReplayTicket ticket, long nowMs) {
    String key = prefix + ticket.key();
    String reply;
    try {
      reply = redis.set(key, "1", SetParams.setParams().nx().px(ticket.ttlMs(nowMs)));
    } catch (RuntimeException e) {
      throw QianmingException.replayStoreUnavailable(
          "Redis could not record the replay ticket (" + e.getClass().getSimpleName() + ": " + e.getMessage()
              + "); the request is refused", e);
    }
    if (reply == null) {
      throw QianmingException.replayed("the shared replay store (Redis) already holds this request; "
          + "each signed request works once, so a retry must sign again");
    }
    if (!"OK".equals(reply)) {
      throw QianmingException.replayStoreUnavailable(
          "Redis answered SET … NX PX with " + reply + " instead of OK or nil; the request is refused", null);
    }
  }

  @Override
  public String toString() {
    return "RedisReplayStore[prefix=" + prefix + "]";
  }
}
