package io.github.qianming;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * When a token (and optionally its refresh token) stops being good, in milliseconds since the
 * epoch: the token is good strictly before {@link #expiresAtMs()}. The values are unsigned
 * 64-bit numbers; the core's arithmetic saturates. Immutable.
 */
public final class TokenLifetime {
  /** {@code sizeof(qm_lifetime)}: expires_at_ms, then a qm_opt_u64. */
  static final int SIZE = 24;

  private final long expiresAtMs;
  private final Long refreshExpiresAtMs;

  /**
   * A lifetime.
   *
   * @param expiresAtMs the access token is good strictly before this instant (ms, unsigned)
   * @param refreshExpiresAtMs the refresh token's end (ms), or null without a refresh token
   */
  public TokenLifetime(long expiresAtMs, Long refreshExpiresAtMs) {
    this.expiresAtMs = expiresAtMs;
    this.refreshExpiresAtMs = refreshExpiresAtMs;
  }

  /** What to do with a token now. */
  public enum Action {
    /** Keep using the token. */
    REUSE("reuse"),
    /** Use the refresh token. */
    REFRESH("refresh"),
    /** Log in again. */
    LOGIN_AGAIN("login_again");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    /**
     * The stable name shared by every binding.
     *
     * @return {@code "reuse"}, {@code "refresh"} or {@code "login_again"}
     */
    public String label() {
      return label;
    }
  }

  /**
   * The access token's end.
   *
   * @return ms since the epoch (unsigned); the token is good strictly before it
   */
  public long expiresAtMs() {
    return expiresAtMs;
  }

  /**
   * The refresh token's end.
   *
   * @return ms since the epoch, or null without a refresh token
   */
  public Long refreshExpiresAtMs() {
    return refreshExpiresAtMs;
  }

  static TokenLifetime read(ByteBuffer b, int at) {
    return new TokenLifetime(b.getLong(at), Scratch.optU64(b, at + 8));
  }

  private void write(Scratch s) {
    s.stClear(0, SIZE);
    s.stPutLong(0, expiresAtMs);
    if (refreshExpiresAtMs != null) {
      s.stPutByte(8, (byte) 1);
      s.stPutLong(16, refreshExpiresAtMs);
    }
  }

  /**
   * A token issued (or received) at {@code issuedAtMs} that lives {@code lifetimeMs}, with no
   * refresh token.
   *
   * @param issuedAtMs when the token was issued, ms since the epoch
   * @param lifetimeMs how long it lives, e.g. 86400000 for a Kingdee app-token
   * @return the lifetime
   */
  public static TokenLifetime fromDuration(long issuedAtMs, long lifetimeMs) {
    Scratch s = Scratch.get();
    s.check(NativeLib.qm_lifetime_from_duration(issuedAtMs, lifetimeMs, s.st(0)));
    return read(s.structs(SIZE), 0);
  }

  /**
   * A token whose JWT {@code exp} claim is {@code expSeconds}, with no refresh token.
   *
   * @param expSeconds the {@code exp} claim, seconds since the epoch
   * @return the lifetime
   */
  public static TokenLifetime fromExpSeconds(long expSeconds) {
    Scratch s = Scratch.get();
    s.check(NativeLib.qm_lifetime_from_exp_seconds(expSeconds, s.st(0)));
    return read(s.structs(SIZE), 0);
  }

  /**
   * This lifetime with a refresh token.
   *
   * @param refreshExpiresAt the refresh token's end: ms since the epoch, or, with {@code
   *     inSeconds}, a JWT {@code exp} claim in seconds
   * @param inSeconds whether {@code refreshExpiresAt} is a JWT {@code exp} in seconds
   * @return a new lifetime
   */
  public TokenLifetime withRefresh(long refreshExpiresAt, boolean inSeconds) {
    Scratch s = Scratch.get();
    write(s);
    s.check(NativeLib.qm_lifetime_set_refresh(s.st(0), refreshExpiresAt, inSeconds ? 1 : 0));
    return read(s.structs(SIZE), 0);
  }

  /**
   * Whether to reuse the token, refresh it or log in again (the core's {@code Lifetime::action}).
   *
   * @param nowMs the current time, ms since the epoch
   * @param skewMs how early to renew, e.g. 60000
   * @return the action
   */
  public Action action(long nowMs, long skewMs) {
    Scratch s = Scratch.get();
    write(s);
    s.stClear(SIZE, 8);
    s.check(NativeLib.qm_lifetime_action(s.st(0), nowMs, skewMs, s.st(SIZE)));
    String name = NativeLib.qm_token_action_name(s.structs(SIZE + 4).getInt(SIZE));
    for (Action a : Action.values()) {
      if (a.label.equals(name)) {
        return a;
      }
    }
    throw new IllegalStateException("libqianming returned the token action " + name);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TokenLifetime)) {
      return false;
    }
    TokenLifetime t = (TokenLifetime) o;
    return expiresAtMs == t.expiresAtMs && Objects.equals(refreshExpiresAtMs, t.refreshExpiresAtMs);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(expiresAtMs) + Objects.hashCode(refreshExpiresAtMs);
  }

  @Override
  public String toString() {
    return "TokenLifetime[expiresAtMs=" + Long.toUnsignedString(expiresAtMs) + ", refreshExpiresAtMs="
        + (refreshExpiresAtMs == null ? null : Long.toUnsignedString(refreshExpiresAtMs)) + "]";
  }
}
