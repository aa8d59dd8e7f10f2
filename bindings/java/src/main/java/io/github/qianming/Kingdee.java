package qianming;

import java.util.List;

/** Kingdee (金蝶) API gateway: app_signature, request signing, server-side verification. */
public final class Kingdee {
  private Kingdee() {}

  /** {@code app_signature} with the HMAC hex it is made of. */
  public record AppSignature(String hmacHex, String appSignature) {}

  /**
   * A signed request: every intermediate and the six {@code X-Api-*} headers, in order. Holds
   * the bytes libqianming wrote and decodes each part when first asked for.
   */
  public static final class SignedRequest {
    private final byte[] bytes;
    private final int[] spans; // offset, length of the 20 views

    SignedRequest(byte[] bytes, int[] spans) {
      this.bytes = bytes;
      this.spans = spans;
    }

    private String part(int i) {
      return new String(bytes, spans[2 * i], spans[2 * i + 1], java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The upper-case method. */
    public String method() { return part(0); }
    /** {@code G(path)}. */
    public String canonicalPath() { return part(1); }
    /** The canonical query (values encoded twice). */
    public String canonicalQuery() { return part(2); }
    /** The signed header names, in signing order. */
    public List<String> signedHeaders() { return List.of(part(3).split(",")); }
    /** The exact text that was MACed. */
    public String stringToSign() { return part(4); }
    /** Lowercase hex of the HMAC. */
    public String hmacHex() { return part(5); }
    /** The value of {@code X-Api-Signature}. */
    public String signature() { return part(6); }
    /** The query string to put on the wire. */
    public String wireQuery() { return part(7); }

    /** The six headers to send, in order (extra signed headers are the caller's to send). */
    public List<Pair> headers() {
      Pair[] out = new Pair[6];
      for (int i = 0; i < 6; i++) {
        out[i] = new Pair(part(8 + 2 * i), part(9 + 2 * i));
      }
      return List.of(out);
    }

    /** The value of one of the six headers, by case-insensitive name, or null. */
    public String header(String name) {
      for (int i = 0; i < 6; i++) {
        if (part(8 + 2 * i).equalsIgnoreCase(name)) {
          return part(9 + 2 * i);
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
    return new Verified(s.view(out, 0), s.view(out, 1), s.words[4]);
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
          s.ptr(id), Scratch.len(id), s.ptr(secret), Scratch.len(secret), s.word));
      handle = s.word();
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
      byte[] out = s.ownedOutput();
      int[] spans = new int[40];
      for (int i = 0; i < 20; i++) {
        spans[2 * i] = s.offset(i);
        spans[2 * i + 1] = s.length(i);
      }
      return new SignedRequest(out, spans);
    }

    /**
     * The signed app-token request {@code GET <base>/jdyconnector/app_management/kingdee_auth_token}.
     *
     * @param uid the optional {@code uid} query parameter, or null
     * @param timestamp decimal milliseconds; @param nonce e.g. {@link Kingdee#nonceFromEntropy}
     */
    public KingdeeToken.Request tokenRequest(String baseUrl, String appKey, String appSecret,
        String uid, String timestamp, String nonce) {
      return KingdeeToken.request(live(), baseUrl, appKey, appSecret, uid, timestamp, nonce);
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
