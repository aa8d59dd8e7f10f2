package qianming;

/** Weaver (泛微) archive-integration token sign and its server-side verifier. */
public final class Weaver {
  private Weaver() {}

  /** A sign with the values it is made of. */
  public record Explanation(String md5Upper, String plaintext, String sign) {}

  /** The default validity window: five minutes. */
  public static final long DEFAULT_WINDOW_MS = 300_000L;

  /** The sign for {@code timestampMs}. */
  public static String sign(String appid, String secret, String aesKey, long timestampMs) {
    Scratch s = Scratch.get();
    long a = s.text(appid), b = s.text(secret), k = s.text(aesKey);
    s.commit();
    int status;
    while ((status = NativeLib.qm_weaver_sign(s.ptr(a), Scratch.len(a), s.ptr(b), Scratch.len(b),
        s.ptr(k), Scratch.len(k), timestampMs, s.outPtr(), s.outCap(), s.outLen))
        == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    Scratch.check(status);
    return s.single(s.output());
  }

  /** The sign with its MD5 and plaintext. */
  public static Explanation explain(String appid, String secret, String aesKey, long timestampMs) {
    Scratch s = Scratch.get();
    long a = s.text(appid), b = s.text(secret), k = s.text(aesKey);
    s.commit();
    int status;
    while ((status = NativeLib.qm_weaver_explain(s.ptr(a), Scratch.len(a), s.ptr(b), Scratch.len(b),
        s.ptr(k), Scratch.len(k), timestampMs, s.parts, s.outPtr(), s.outCap(), s.outLen))
        == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    Scratch.check(status);
    byte[] out = s.output();
    return new Explanation(s.view(out, 0), s.view(out, 1), s.view(out, 2));
  }

  /**
   * Verifies signs the way the Weaver server does, remembering each accepted sign so it works
   * once. Thread-safe (the native verifier serialises calls). Close it to release it.
   */
  public static final class Verifier implements AutoCloseable {
    private long handle;

    public Verifier(String appid, String secret, String aesKey, long windowMs) {
      Scratch s = Scratch.get();
      long a = s.text(appid), b = s.text(secret), k = s.text(aesKey);
      s.commit();
      Scratch.check(NativeLib.qm_weaver_verifier_new(s.ptr(a), Scratch.len(a), s.ptr(b),
          Scratch.len(b), s.ptr(k), Scratch.len(k), windowMs, s.word));
      handle = s.word();
    }

    /** Verifies {@code sign} at {@code nowMs}; returns the timestamp inside it. */
    public synchronized long verify(String sign, long nowMs) {
      if (handle == 0) {
        throw new IllegalStateException("the verifier is closed");
      }
      Scratch s = Scratch.get();
      long t = s.text(sign);
      s.commit();
      Scratch.check(NativeLib.qm_weaver_verifier_verify(handle, s.ptr(t), Scratch.len(t), nowMs, s.word));
      return s.word();
    }

    @Override
    public synchronized void close() {
      NativeLib.qm_weaver_verifier_free(handle);
      handle = 0;
    }
  }
}
