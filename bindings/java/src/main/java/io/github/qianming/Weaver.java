package io.github.qianming;

import java.util.Objects;

/** Weaver (泛微) archive-integration token sign, and its server-side verifier ({@link Verifier}). */
public final class Weaver {
  private Weaver() {}

  /** The Weaver server's validity window, in milliseconds (five minutes), read from libqianming. */
  public static final long DEFAULT_WINDOW_MS = NativeLib.qm_default_window_ms();

  /** How many live signs the replay guard holds by default, read from libqianming. */
  public static final long DEFAULT_REPLAY_CAPACITY = NativeLib.qm_weaver_default_replay_capacity();

  /** A sign with the values it is made of. */
  public static final class Explanation {
    private final String md5Upper;
    private final String plaintext;
    private final String sign;

    // qm_weaver_explanation: md5_upper, plaintext, sign.
    Explanation(Scratch s, byte[] out) {
      this.md5Upper = s.view(out, 0);
      this.plaintext = s.view(out, 1);
      this.sign = s.view(out, 2);
    }

    /** @return {@code HEX_UPPER(MD5(appid ":" secret))}: 32 characters */
    public String md5Upper() {
      return md5Upper;
    }

    /** @return {@code timestamp_ms "_" md5Upper}: what is encrypted */
    public String plaintext() {
      return plaintext;
    }

    /** @return lowercase hex of the AES-ECB-PKCS#7 ciphertext: the {@code sign} header */
    public String sign() {
      return sign;
    }

    @Override
    public String toString() {
      return Show.of("Explanation", "plaintext", plaintext, "sign", sign);
    }
  }

  /**
   * The sign for {@code timestampMs}:
   * {@code hex(AES-ECB-PKCS#7(aesKey, timestampMs "_" HEX_UPPER(MD5(appid ":" secret))))}.
   *
   * @param appid the appid
   * @param secret the secret (not empty)
   * @param aesKey the AES key: 16, 24 or 32 UTF-8 bytes
   * @param timestampMs ms since the epoch
   * @return the hex sign
   * @throws QianmingException e.g. {@code invalid_key_length}, {@code empty_secret}
   */
  public static String sign(String appid, String secret, String aesKey, long timestampMs) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(appid, secret, aesKey);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_weaver_sign(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), timestampMs, x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * The sign with its MD5 and plaintext.
   *
   * @param appid the appid
   * @param secret the secret (not empty)
   * @param aesKey the AES key: 16, 24 or 32 UTF-8 bytes
   * @param timestampMs ms since the epoch
   * @return the sign and what it is made of
   * @throws QianmingException as {@link #sign}
   */
  public static Explanation explain(String appid, String secret, String aesKey, long timestampMs) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(appid, secret, aesKey);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_weaver_explain(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), timestampMs, x.parts, x.outPtr(), x.outCap(),
        x.outLen));
    return new Explanation(s, out);
  }

  /** A sign a {@link Verifier#verifyStateless} accepted, and the ticket to record. */
  public static final class StatelessVerified {
    private final long timestampMs;
    private final ReplayTicket ticket;

    StatelessVerified(long timestampMs, ReplayTicket ticket) {
      this.timestampMs = timestampMs;
      this.ticket = ticket;
    }

    /** @return the timestamp inside the sign, ms since the epoch */
    public long timestampMs() {
      return timestampMs;
    }

    /** @return what the shared replay store must record before the sign is accepted */
    public ReplayTicket ticket() {
      return ticket;
    }

    @Override
    public String toString() {
      return Show.of("StatelessVerified", "timestampMs", timestampMs, null, ticket);
    }
  }

  /**
   * Verifies signs the way the Weaver server does, remembering each accepted sign so it works
   * once. Thread-safe: share one verifier (the native verifier serialises calls, so two threads
   * verifying the same sign get one success and one {@code replayed}). {@link #close} waits for
   * calls in flight and releases it; later calls throw {@link IllegalStateException}.
   */
  public static final class Verifier implements AutoCloseable {
    /** Package-private: {@link Doctor} reads the replay guard through it. */
    final NativeHandle handle;

    /**
     * A verifier whose signs may lie {@code windowMs} in the past or the future, with the
     * default replay guard.
     *
     * @param appid the appid
     * @param secret the secret
     * @param aesKey the AES key: 16, 24 or 32 UTF-8 bytes
     * @param windowMs the window ({@link Weaver#DEFAULT_WINDOW_MS} for the server's five minutes)
     * @throws QianmingException e.g. {@code invalid_key_length}
     */
    public Verifier(String appid, String secret, String aesKey, long windowMs) {
      this(appid, secret, aesKey, windowMs, null, null);
    }

    /**
     * A verifier with every option of the core's verifier.
     *
     * @param appid the appid
     * @param secret the secret
     * @param aesKey the AES key: 16, 24 or 32 UTF-8 bytes
     * @param windowMs how old a sign may be ({@link Weaver#DEFAULT_WINDOW_MS})
     * @param maxFutureMs how far in the future its timestamp may lie (clock skew allowance)
     * @param replayCapacity the most live signs the replay guard holds ({@link
     *     Weaver#DEFAULT_REPLAY_CAPACITY}); when full, a new sign is {@code replay_cache_full}
     * @throws QianmingException e.g. {@code invalid_key_length}
     */
    public Verifier(String appid, String secret, String aesKey, long windowMs, long maxFutureMs,
        long replayCapacity) {
      this(appid, secret, aesKey, windowMs, Long.valueOf(maxFutureMs), Long.valueOf(replayCapacity));
    }

    private Verifier(String appid, String secret, String aesKey, long windowMs, Long maxFutureMs,
        Long replayCapacity) {
      Scratch s = Scratch.get();
      final long[] t = s.texts(appid, secret, aesKey);
      s.commit();
      s.check(maxFutureMs == null
          ? NativeLib.qm_weaver_verifier_new(s.ptr(t[0]), Scratch.len(t[0]), s.ptr(t[1]), Scratch.len(t[1]),
              s.ptr(t[2]), Scratch.len(t[2]), windowMs, s.word)
          : NativeLib.qm_weaver_verifier_new_with_options(s.ptr(t[0]), Scratch.len(t[0]), s.ptr(t[1]),
              Scratch.len(t[1]), s.ptr(t[2]), Scratch.len(t[2]), windowMs, maxFutureMs, replayCapacity, s.word));
      this.handle = new NativeHandle("verifier", s.word(), NativeLib::qm_weaver_verifier_free);
    }

    /**
     * Verifies {@code sign} at {@code nowMs} and, when it passes, remembers it. Time only moves
     * forward for the guard: a sign whose window closed before the latest {@code nowMs} seen is
     * {@code expired}.
     *
     * @param sign the received {@code sign} header
     * @param nowMs the server's time, ms since the epoch
     * @return the timestamp inside the sign
     * @throws QianmingException e.g. {@code replayed}, {@code expired}, {@code sign_mismatch}
     * @throws IllegalStateException after {@link #close}
     */
    public long verify(String sign, long nowMs) {
      Scratch s = Scratch.get();
      long t = s.text(sign);
      s.commit();
      return handle.word(s, (v, word) -> NativeLib.qm_weaver_verifier_verify(v, s.ptr(t), Scratch.len(t), nowMs,
          word));
    }

    /**
     * Verifies {@code sign} at {@code nowMs} <b>without the replay guard</b> and returns the
     * ticket a replay store shared by several servers must record: accept the sign only if the
     * store did not hold the ticket's key yet. Alone, this accepts a replay for the whole window.
     *
     * @param sign the received {@code sign} header
     * @param nowMs the server's time, ms since the epoch
     * @return the timestamp inside the sign, and the ticket
     * @throws QianmingException e.g. {@code expired}, {@code sign_mismatch}
     * @throws IllegalStateException after {@link #close}
     */
    public StatelessVerified verifyStateless(String sign, final long nowMs) {
      Scratch s = Scratch.get();
      final long t = s.text(sign);
      s.commit();
      byte[] out = handle.with(v -> Calls.run(s, x -> NativeLib.qm_weaver_verifier_verify_stateless(v,
          x.ptr(t), Scratch.len(t), nowMs, x.word, x.st(0), x.outPtr(), x.outCap(), x.outLen)));
      return new StatelessVerified(s.word(), ReplayTicket.read(s, out, s.structs(ReplayTicket.SIZE), 0));
    }

    /**
     * Verifies {@code sign} with the replay state kept in {@code store}, shared by several
     * servers: {@link #verifyStateless}, then {@code store.record(ticket, nowMs)}. The sign is
     * accepted only when both pass; this verifier's own replay guard is not used.
     *
     * @param store the shared replay store, e.g. {@code io.github.qianming.redis.RedisReplayStore}
     * @param sign the received {@code sign} header
     * @param nowMs the server's time, ms since the epoch
     * @return the timestamp inside the sign
     * @throws QianmingException as {@link #verifyStateless}; {@code replayed} when the store
     *     already holds the sign; {@code replay_store_unavailable} when the store cannot be
     *     asked (the sign is refused: fail closed)
     * @throws IllegalStateException after {@link #close}
     */
    public long verifyWith(ReplayStore store, String sign, long nowMs) {
      Objects.requireNonNull(store, "store");
      StatelessVerified accepted = verifyStateless(sign, nowMs);
      store.record(accepted.ticket(), nowMs);
      return accepted.timestampMs();
    }

    /**
     * How many signs the replay guard remembers now.
     *
     * @return the number
     * @throws IllegalStateException after {@link #close}
     */
    public long remembered() {
      return handle.word(Scratch.get(), NativeLib::qm_weaver_verifier_remembered);
    }

    /** Waits for calls in flight, then releases the verifier and its replay guard. Idempotent. */
    @Override
    public void close() {
      handle.close();
    }
  }
}
