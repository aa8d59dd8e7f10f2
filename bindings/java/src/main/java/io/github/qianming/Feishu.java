package io.github.qianming;

/**
 * Feishu (飞书) / Lark: the custom bot sign (签名校验), decrypting an encrypted event and its
 * {@code X-Lark-Signature}. Rules: docs/spec/feishu.md. Thread-safe.
 */
public final class Feishu {
  private Feishu() {}

  /**
   * The sign of a custom bot webhook call at {@code timestamp} (seconds): {@code
   * Base64(HmacSHA256(key = timestamp "\n" secret, message = empty))}. It goes in the JSON body
   * beside the message: {@code {"timestamp": "<seconds>", "sign": "<sign>", …}}. Feishu refuses
   * a timestamp more than one hour away.
   *
   * @param secret the bot's secret (not empty)
   * @param timestamp <b>seconds</b> since the epoch (unsigned)
   * @return the 44-character sign
   * @throws QianmingException {@code empty_secret}, …
   */
  public static String botSign(String secret, long timestamp) {
    Scratch s = Scratch.get();
    final long k = s.text(secret);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_feishu_bot_sign(x.ptr(k), Scratch.len(k), timestamp,
        x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * The plaintext of an encrypted event ({@code {"encrypt": "…"}}) for the app's Encrypt Key
   * (AES-256-CBC, key SHA-256 of the Encrypt Key, the IV in front of the ciphertext).
   *
   * @param encryptKey the app's Encrypt Key (secret; not empty)
   * @param encrypt the {@code encrypt} field of the event body
   * @return the event's JSON text
   * @throws QianmingException {@code empty_secret}, {@code invalid_base64}, {@code
   *     undecryptable} (often a wrong Encrypt Key)
   */
  public static String decrypt(String encryptKey, String encrypt) {
    return Calls.single((x, t) -> NativeLib.qm_feishu_decrypt(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.outPtr(), x.outCap(), x.outLen), encryptKey, encrypt);
  }

  /**
   * {@code X-Lark-Signature}: the lower-case hex SHA-256 of the {@code X-Lark-Request-Timestamp}
   * and {@code X-Lark-Request-Nonce} header values, the Encrypt Key and the raw request body.
   *
   * @param timestamp the {@code X-Lark-Request-Timestamp} header value
   * @param nonce the {@code X-Lark-Request-Nonce} header value
   * @param encryptKey the app's Encrypt Key (secret; not empty)
   * @param body the request body exactly as received
   * @return 64 lower-case hex digits
   * @throws QianmingException {@code empty_secret}, {@code input_too_large}, …
   */
  public static String eventSignature(String timestamp, String nonce, String encryptKey, byte[] body) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(timestamp, nonce, encryptKey);
    final long b = s.bytes(body);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_feishu_event_signature(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(b), Scratch.len(b), x.outPtr(),
        x.outCap(), x.outLen)));
  }

  /**
   * Checks a received {@code X-Lark-Signature} against {@link #eventSignature} (in constant
   * time).
   *
   * @param timestamp the {@code X-Lark-Request-Timestamp} header value
   * @param nonce the {@code X-Lark-Request-Nonce} header value
   * @param encryptKey the app's Encrypt Key (secret; not empty)
   * @param body the request body exactly as received
   * @param signature the {@code X-Lark-Signature} header value
   * @throws QianmingException {@code signature_mismatch}, {@code empty_secret}, …
   */
  public static void verifyEventSignature(String timestamp, String nonce, String encryptKey, byte[] body,
      String signature) {
    Scratch s = Scratch.get();
    final long[] t = s.texts(timestamp, nonce, encryptKey, signature);
    final long b = s.bytes(body);
    s.commit();
    s.check(NativeLib.qm_feishu_verify_event_signature(s.ptr(t[0]), Scratch.len(t[0]), s.ptr(t[1]),
        Scratch.len(t[1]), s.ptr(t[2]), Scratch.len(t[2]), s.ptr(b), Scratch.len(b), s.ptr(t[3]),
        Scratch.len(t[3])));
  }
}
