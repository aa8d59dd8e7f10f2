package io.github.qianming;

import java.nio.ByteBuffer;

/**
 * What a replay store shared by several servers (Redis, a database) must remember after a
 * {@code verifyStateless} call accepted a request: {@link #key()} until {@link #expiresAtMs()}.
 * Record it atomically and accept the request only if the key was not there yet (Redis: {@code
 * SET <key> 1 NX PX <ttlMs(now)>}, a nil reply is a replay); when the store cannot be asked,
 * refuse the request (fail closed).
 */
public final class ReplayTicket {
  /** {@code sizeof(qm_replay_ticket)}: the key (a qm_str), then expires_at_ms. */
  static final int SIZE = 24;

  private final String key;
  private final long expiresAtMs;

  ReplayTicket(String key, long expiresAtMs) {
    this.key = key;
    this.expiresAtMs = expiresAtMs;
  }

  static ReplayTicket read(Scratch s, byte[] out, ByteBuffer b, int at) {
    return new ReplayTicket(s.str(out, b, at), b.getLong(at + 16));
  }

  /**
   * The key to record: it names the scheme ({@code kingdee:…}, {@code weaver:…}) and what
   * travelled in the request; nothing secret. One store can serve every verifier.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Until when the key must be kept: past it, the request fails the time window anyway.
   *
   * @return ms since the epoch
   */
  public long expiresAtMs() {
    return expiresAtMs;
  }

  /**
   * How long the store must keep the key, seen at {@code nowMs} ({@code qm_replay_ttl_ms}).
   *
   * @param nowMs the server's time, ms since the epoch
   * @return the time to live in ms, at least 1 (a TTL of 0 means "forever" in most stores)
   */
  public long ttlMs(long nowMs) {
    NativeLib.init();
    return NativeLib.qm_replay_ttl_ms(expiresAtMs, nowMs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplayTicket && key.equals(((ReplayTicket) o).key)
        && expiresAtMs == ((ReplayTicket) o).expiresAtMs;
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Long.hashCode(expiresAtMs);
  }

  @Override
  public String toString() {
    return "ReplayTicket[key=" + key + ", expiresAtMs=" + expiresAtMs + "]";
  }
}
