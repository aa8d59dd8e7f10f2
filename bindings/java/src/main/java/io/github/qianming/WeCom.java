package io.github.qianming;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The WXBizMsgCrypt callbacks of WeCom (企业微信), WeChat official accounts (微信公众号) and
 * DingTalk (钉钉, its encrypted event callbacks, {@code DingCallbackCrypto}): the {@code
 * msg_signature} check, decrypting a callback's {@code encrypt} text (or a URL check's {@code
 * echostr}) and encrypting a passive reply. The XML or JSON envelope is the caller's: pass the
 * {@code Encrypt} element's text, URL-decoded. Rules: docs/spec/wecom.md. Thread-safe.
 */
public final class WeCom {
  private WeCom() {}

  /** Where {@link #encryptReply} without {@code random} draws its 16 bytes (thread-safe). */
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The length of the random prefix of every encrypted message, in bytes (16): C's {@code
   * QM_WECOM_RANDOM_LEN}, a compile-time constant (ParityTest checks this value against it).
   */
  public static final int RANDOM_LEN = 16;

  /** A passive reply ({@link #encryptReply}): the {@code encrypt} text and its {@code msg_signature}. */
  public static final class EncryptedReply extends Value {
    private final String encrypt;
    private final String signature;

    // qm_wecom_encrypted_reply: encrypt, signature (qm_str).
    EncryptedReply(Scratch s, byte[] out) {
      this.encrypt = s.view(out, 0);
      this.signature = s.view(out, 1);
    }

    /**
     * The encrypted reply.
     *
     * @return Base64 of the AES-256-CBC ciphertext: the reply's {@code Encrypt} element
     */
    public String encrypt() {
      return encrypt;
    }

    /**
     * Its signature.
     *
     * @return {@code msg_signature} over the token, timestamp, nonce and {@link #encrypt()}: the
     *     reply's {@code MsgSignature} element (40 lower-case hex digits)
     */
    public String signature() {
      return signature;
    }
    @Override
    Object[] fields() {
      return new Object[] {"encrypt", encrypt, "signature", signature};
    }
  }

  /**
   * {@code msg_signature}: the lower-case hex SHA-1 of the token, timestamp, nonce and encrypt
   * texts, sorted by their UTF-8 bytes and concatenated.
   *
   * @param token the callback Token configured with the app (secret)
   * @param timestamp the {@code timestamp} query parameter: decimal digits
   * @param nonce the {@code nonce} query parameter
   * @param encrypt the {@code encrypt} text (or the {@code echostr}), URL-decoded
   * @return 40 lower-case hex digits
   * @throws QianmingException {@code invalid_timestamp}, {@code input_too_large}
   */
  public static String msgSignature(String token, String timestamp, String nonce, String encrypt) {
    return Calls.single((x, t) -> NativeLib.qm_wecom_msg_signature(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]),
        x.outPtr(), x.outCap(), x.outLen), token, timestamp, nonce, encrypt);
  }

  /**
   * Checks a received {@code msg_signature} against {@link #msgSignature} of the other four
   * texts (in constant time).
   *
   * @param token the callback Token (secret)
   * @param timestamp the {@code timestamp} query parameter
   * @param nonce the {@code nonce} query parameter
   * @param encrypt the {@code encrypt} text (or the {@code echostr}), URL-decoded
   * @param signature the received {@code msg_signature}
   * @throws QianmingException {@code signature_mismatch}, {@code invalid_timestamp}, …
   */
  public static void verifyMsgSignature(String token, String timestamp, String nonce, String encrypt,
      String signature) {
    Calls.check((x, t) -> NativeLib.qm_wecom_verify_msg_signature(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]),
        x.ptr(t[4]), Scratch.len(t[4])), token, timestamp, nonce, encrypt, signature);
  }

  /**
   * The message inside an {@code encrypt} text (or a URL check's {@code echostr}), checked:
   * its padding, its length and that it was encrypted for {@code receiveId}. Check the {@code
   * msg_signature} first, or use {@link #verifyAndDecrypt}.
   *
   * @param encodingAesKey the app's EncodingAESKey: 43 Base64 characters (secret)
   * @param receiveId the receive id: the corp id (WeCom), app id (official account), suite id
   *     or DingTalk key; empty for WeCom's personal third-party apps
   * @param encrypt the {@code encrypt} text, URL-decoded
   * @return the decrypted message (usually XML, JSON for DingTalk)
   * @throws QianmingException {@code invalid_key_length}, {@code invalid_base64}, {@code
   *     undecryptable} (often a wrong EncodingAESKey), {@code sign_mismatch} (made for another
   *     receive id)
   */
  public static String decrypt(String encodingAesKey, String receiveId, String encrypt) {
    return Calls.single((x, t) -> NativeLib.qm_wecom_decrypt(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.outPtr(), x.outCap(), x.outLen),
        encodingAesKey, receiveId, encrypt);
  }

  /**
   * A passive reply (Tencent's {@code EncryptMsg}, without the XML envelope): {@code message}
   * encrypted for {@code receiveId} with the caller's 16 random bytes, then signed with the
   * token, timestamp and nonce. The same arguments give the same reply.
   *
   * @param encodingAesKey the app's EncodingAESKey: 43 Base64 characters (secret)
   * @param receiveId the receive id (corp id, app id or suite id)
   * @param message the reply to encrypt (usually XML)
   * @param random the 16 random bytes ({@link #RANDOM_LEN}) that open the plaintext, from a secure
   *     generator (see {@link #encryptReply(String, String, String, String, String, String)})
   * @param token the callback Token (secret)
   * @param timestamp the reply's timestamp: decimal digits (seconds)
   * @param nonce the reply's nonce
   * @return the {@code encrypt} text and its {@code msg_signature}
   * @throws QianmingException {@code invalid_key_length}, {@code invalid_base64}, {@code
   *     invalid_timestamp}, {@code invalid_field} (random not 16 bytes), …
   */
  public static EncryptedReply encryptReply(String encodingAesKey, String receiveId, String message,
      byte[] random, String token, String timestamp, String nonce) {
    Objects.requireNonNull(random, "random is null");
    Scratch s = Scratch.get();
    final long[] t = s.texts(encodingAesKey, receiveId, message, token, timestamp, nonce);
    final long r = s.bytes(random);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_wecom_encrypt_reply(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(r), Scratch.len(r),
        x.ptr(t[3]), Scratch.len(t[3]), x.ptr(t[4]), Scratch.len(t[4]), x.ptr(t[5]), Scratch.len(t[5]),
        x.parts, x.outPtr(), x.outCap(), x.outLen));
    return new EncryptedReply(s, out);
  }

  /**
   * {@link #encryptReply(String, String, String, byte[], String, String, String)} with {@link
   * #RANDOM_LEN} fresh bytes from a shared {@link SecureRandom}: each call gives another
   * {@code encrypt} text.
   *
   * @param encodingAesKey the app's EncodingAESKey: 43 Base64 characters (secret)
   * @param receiveId the receive id (corp id, app id or suite id)
   * @param message the reply to encrypt (usually XML)
   * @param token the callback Token (secret)
   * @param timestamp the reply's timestamp: decimal digits (seconds)
   * @param nonce the reply's nonce
   * @return the {@code encrypt} text and its {@code msg_signature}
   * @throws QianmingException as the form with {@code random}
   */
  public static EncryptedReply encryptReply(String encodingAesKey, String receiveId, String message,
      String token, String timestamp, String nonce) {
    byte[] random = new byte[RANDOM_LEN];
    RANDOM.nextBytes(random);
    return encryptReply(encodingAesKey, receiveId, message, random, token, timestamp, nonce);
  }

  /**
   * A received callback (Tencent's {@code VerifyURL} and {@code DecryptMsg}): checks {@code
   * msg_signature} first, then decrypts as {@link #decrypt}.
   *
   * @param token the callback Token (secret)
   * @param encodingAesKey the app's EncodingAESKey (secret)
   * @param receiveId the receive id (corp id, app id, suite id or DingTalk key)
   * @param timestamp the {@code timestamp} query parameter
   * @param nonce the {@code nonce} query parameter
   * @param encrypt the {@code encrypt} text (or the {@code echostr}), URL-decoded
   * @param msgSignature the {@code msg_signature} query parameter
   * @return the decrypted message (for a URL check: the {@code echostr} to answer with)
   * @throws QianmingException {@code signature_mismatch}, then as {@link #decrypt}
   */
  public static String verifyAndDecrypt(String token, String encodingAesKey, String receiveId,
      String timestamp, String nonce, String encrypt, String msgSignature) {
    return Calls.single((x, t) -> NativeLib.qm_wecom_verify_and_decrypt(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]),
        x.ptr(t[4]), Scratch.len(t[4]), x.ptr(t[5]), Scratch.len(t[5]), x.ptr(t[6]), Scratch.len(t[6]),
        x.outPtr(), x.outCap(), x.outLen), token, encodingAesKey, receiveId, timestamp, nonce, encrypt,
        msgSignature);
  }
}
