package qianming;

import java.util.List;

/** Kingdee (金蝶) API gateway: app_signature, request signing, server-side verification. */
public final class Kingdee {
  private Kingdee() {}

  /** {@code app_signature} with the HMAC hex it is made of. */
  public record AppSignature(String hmacHex, String appSignature) {}

  /** A signed request: every intermediate and the six {@code X-Api-*} headers, in order. */
  public record SignedRequest(
      String method,
      String canonicalPath,
      String canonicalQuery,
      List<String> signedHeaders,
      String stringToSign,
      String hmacHex,
      String signature,
      String wireQuery,
      List<Pair> headers) {
    /** The value of one of the six headers, by case-insensitive name, or null. */
    public String header(String name) {
      for (Pair h : headers) {
        if (h.name().equalsIgnoreCase(name)) {
          return h.value();
        }
      }
      return null;
    }
  }

  /** What a successful verification established. */
  public record Verified(String clientId, String nonce, long timestampMs) {}

  /** The default verification window: five minutes. */
  public static final long DEFAULT_WINDOW_MS = 300_000L;

  /** {@code Base64(hex(HMAC-SHA256(appSecret, appKey)))}. */
  public static String appSignature(String appKey, String appSecret) {
    return explainAppSignature(appKey, appSecret).appSignature();
  }

  /** {@link #appSignature} with its HMAC hex. */
  public static AppSignature explainAppSignature(String appKey, String appSecret) {
    Scratch s = Scratch.get();
    long key = s.text(appKey), secret = s.text(appSecret);
    s.commit();
    int status;
    while ((status = NativeLib.qm_kingdee_explain_app_signature(s.ptr(key), Scratch.len(key),
        s.ptr(secret), Scratch.len(secret), s.parts, s.outPtr(), s.outCap(), s.outLen))
        == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    Scratch.check(status);
    byte[] out = s.output();
    return new AppSignature(s.view(out, 0), s.view(out, 1));
  }

  /** A ten-digit nonce made from 64 random bits the caller supplies (e.g. SecureRandom). */
  public static String nonceFromEntropy(long entropy) {
    Scratch s = Scratch.get();
    Scratch.check(NativeLib.qm_kingdee_nonce_from_entropy(entropy, s.outPtr(), s.outCap(), s.outLen));
    return s.single(s.output());
  }

  /**
   * Verifies a received request (server side).
   *
   * @param query decoded query pairs; @param headers received headers, any case
   */
  public static Verified verify(String clientSecret, long windowMs, String method, String path,
      List<Pair> query, List<Pair> headers, long nowMs) {
    Scratch s = Scratch.get();
    long secret = s.text(clientSecret), m = s.text(method), p = s.text(path);
    int q = s.pairs(query, false), h = s.pairs(headers, false);
    s.commit();
    int status;
    while ((status = NativeLib.qm_kingdee_verify(s.ptr(secret), Scratch.len(secret), windowMs,
        s.ptr(m), Scratch.len(m), s.ptr(p), Scratch.len(p), s.ptrAt(q), query.size(), s.ptrAt(h),
        headers.size(), nowMs, s.parts, s.outPtr(), s.outCap(), s.outLen))
        == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    Scratch.check(status);
    byte[] out = s.output();
    return new Verified(s.view(out, 0), s.view(out, 1), s.parts[4]);
  }

  /**
   * Signs requests for one client; the HMAC is keyed once. Thread-safe. Close it (or use
   * try-with-resources) to release the native signer.
   */
  public static final class Signer implements AutoCloseable {
    private long handle;

    public Signer(String clientId, String clientSecret) {
      Scratch s = Scratch.get();
      long id = s.text(clientId), secret = s.text(clientSecret);
      s.commit();
      Scratch.check(NativeLib.qm_kingdee_signer_new(
          s.ptr(id), Scratch.len(id), s.ptr(secret), Scratch.len(secret), s.handle));
      handle = s.handle[0];
    }

    /** Signs a request at {@code timestamp} (decimal milliseconds) with {@code nonce}. */
    public SignedRequest sign(String method, String path, List<Pair> query, List<Pair> signHeaders,
        String timestamp, String nonce) {
      long signer = live();
      Scratch s = Scratch.get();
      long m = s.text(method), p = s.text(path), t = s.text(timestamp), n = s.text(nonce);
      int q = s.pairs(query, false), h = s.pairs(signHeaders, true);
      s.commit();
      int status;
      while ((status = NativeLib.qm_kingdee_signer_sign(signer, s.ptr(m), Scratch.len(m), s.ptr(p),
          Scratch.len(p), s.ptrAt(q), query.size(), s.ptrAt(h), signHeaders.size(), s.ptr(t),
          Scratch.len(t), s.ptr(n), Scratch.len(n), s.parts, s.outPtr(), s.outCap(), s.outLen))
          == Scratch.INSUFFICIENT_SIZE) {
        s.grow();
      }
      Scratch.check(status);
      byte[] out = s.output();
      Pair[] headers = new Pair[6];
      for (int i = 0; i < 6; i++) {
        headers[i] = new Pair(s.view(out, 8 + 2 * i), s.view(out, 9 + 2 * i));
      }
      String signed = s.view(out, 3);
      return new SignedRequest(s.view(out, 0), s.view(out, 1), s.view(out, 2),
          List.of(signed.split(",")), s.view(out, 4), s.view(out, 5), s.view(out, 6),
          s.view(out, 7), List.of(headers));
    }

    private synchronized long live() {
      if (handle == 0) {
        throw new IllegalStateException("the signer is closed");
      }
      return handle;
    }

    @Override
    public synchronized void close() {
      NativeLib.qm_kingdee_signer_free(handle);
      handle = 0;
    }
  }
}
