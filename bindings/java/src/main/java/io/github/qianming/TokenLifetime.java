package qianming;

import java.nio.ByteBuffer;

/**
 * When a token (and optionally its refresh token) stops being good, in milliseconds since the
 * epoch: the token is good strictly before {@code expiresAtMs}. Arithmetic saturates (u64).
 *
 * @param expiresAtMs the access token's end (an unsigned 64-bit value)
 * @param refreshExpiresAtMs the refresh token's end, or null without a refresh token
 */
public record TokenLifetime(long expiresAtMs, Long refreshExpiresAtMs) {
  /** {@code sizeof(qm_lifetime)}: expires_at_ms, then a qm_opt_u64. */
  static final int SIZE = 24;

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

    /** The stable name shared by every binding, e.g. {@code "login_again"}. */
    public String label() {
      return label;
    }
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

  /** A token issued (or received) at {@code issuedAtMs} that lives {@code lifetimeMs}. */
  public static TokenLifetime fromDuration(long issuedAtMs, long lifetimeMs) {
    Scratch s = Scratch.get();
    Scratch.check(NativeLib.qm_lifetime_from_duration(issuedAtMs, lifetimeMs, s.st(0)));
    return read(s.structs(SIZE), 0);
  }

  /** A token whose JWT {@code exp} claim is {@code expSeconds} seconds since the epoch. */
  public static TokenLifetime fromExpSeconds(long expSeconds) {
    Scratch s = Scratch.get();
    Scratch.check(NativeLib.qm_lifetime_from_exp_seconds(expSeconds, s.st(0)));
    return read(s.structs(SIZE), 0);
  }

  /**
   * This lifetime with a refresh token good strictly before {@code refreshExpiresAt}: ms, or,
   * with {@code inSeconds}, a JWT {@code exp} claim in seconds.
   */
  public TokenLifetime withRefresh(long refreshExpiresAt, boolean inSeconds) {
    Scratch s = Scratch.get();
    write(s);
    Scratch.check(NativeLib.qm_lifetime_set_refresh(s.st(0), refreshExpiresAt, inSeconds ? 1 : 0));
    return read(s.structs(SIZE), 0);
  }

  /** Whether to reuse the token, refresh it or log in again at {@code nowMs}, {@code skewMs} early. */
  public Action action(long nowMs, long skewMs) {
    Scratch s = Scratch.get();
    write(s);
    s.stClear(SIZE, 8);
    Scratch.check(NativeLib.qm_lifetime_action(s.st(0), nowMs, skewMs, s.st(SIZE)));
    String name = NativeLib.qm_token_action_name(s.structs(SIZE + 4).getInt(SIZE));
    for (Action a : Action.values()) {
      if (a.label.equals(name)) {
        return a;
      }
    }
    throw new IllegalStateException("libqianming returned the token action " + name);
  }
}
