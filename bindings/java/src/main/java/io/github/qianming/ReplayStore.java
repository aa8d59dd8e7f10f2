package io.github.qianming;

/**
 * Where the replay decisions of several servers meet: a store shared by every instance behind a
 * load balancer (Redis, a database), so a request accepted by one instance is refused as a
 * replay by the next. The decision itself stays libqianming's: a verifier's {@code
 * verifyStateless} checks the request and returns the {@link ReplayTicket} (what to record and
 * for how long); the store only records it atomically. Used by {@link
 * Kingdee.Verifier#verifyWith} and {@link Weaver.Verifier#verifyWith}; {@code
 * io.github.qianming.redis.RedisReplayStore} is the Redis one.
 *
 * <p>Implementations must be thread-safe and must fail closed: when the store cannot be asked,
 * throw {@link QianmingException#replayStoreUnavailable}, never return normally.
 */
public interface ReplayStore {
  /**
   * Records the ticket's key until {@link ReplayTicket#expiresAtMs()}, atomically, or refuses
   * it because it is already there.
   *
   * @param ticket what {@code verifyStateless} returned
   * @param nowMs the server's time the request was verified at, ms since the epoch (the key's
   *     time to live is {@link ReplayTicket#ttlMs(long) ticket.ttlMs(nowMs)})
   * @throws QianmingException kind {@code replayed} when the key is already recorded ({@link
   *     QianmingException#replayed}); kind {@code replay_store_unavailable} when the store
   *     cannot be asked ({@link QianmingException#replayStoreUnavailable})
   */
  void record(ReplayTicket ticket, long nowMs);
}
