package qianming;

import com.sun.jna.Native;

/**
 * JNA direct mapping of libqianming. Pointers and {@code size_t} travel as Java {@code long}
 * (64-bit platforms only, checked at load): the wrapper passes addresses inside its own reused
 * native buffers, which avoids JNA's per-call marshalling of structures.
 */
final class NativeLib {
  static {
    if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
      throw new UnsupportedOperationException("qianming's Java binding needs a 64-bit JVM");
    }
    Native.register(NativeLib.class, "qianming");
  }

  private NativeLib() {}

  static native String qm_status_name(int status);

  static native String qm_status_message(int status);

  static native String qm_version();

  static native int qm_kingdee_explain_app_signature(
      long key, long keyLen, long secret, long secretLen, long parts, long buf, long cap, long outLen);

  static native int qm_kingdee_signer_new(
      long id, long idLen, long secret, long secretLen, long outSigner);

  static native void qm_kingdee_signer_free(long signer);

  static native int qm_kingdee_signer_sign(
      long signer, long method, long methodLen, long path, long pathLen, long query, long queryCount,
      long signHeaders, long signHeaderCount, long timestamp, long timestampLen, long nonce,
      long nonceLen, long parts, long buf, long cap, long outLen);

  static native int qm_kingdee_verify(
      long secret, long secretLen, long windowMs, long method, long methodLen, long path,
      long pathLen, long query, long queryCount, long headers, long headerCount, long nowMs,
      long parts, long buf, long cap, long outLen);

  static native int qm_kingdee_nonce_from_entropy(long entropy, long buf, long cap, long outLen);

  static native int qm_weaver_explain(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long timestampMs,
      long parts, long buf, long cap, long outLen);

  static native int qm_weaver_sign(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long timestampMs,
      long buf, long cap, long outLen);

  static native int qm_weaver_verifier_new(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long windowMs,
      long outVerifier);

  static native int qm_weaver_verifier_verify(
      long verifier, long sign, long signLen, long nowMs, long outTimestampMs);

  static native void qm_weaver_verifier_free(long verifier);

  static native int qm_basic_credentials(
      long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);

  static native int qm_basic_authorization_header(
      long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);

  static native int qm_basic_authorization_header_raw(
      long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);

  static native int qm_basic_parse_authorization(
      long header, long headerLen, long parts, long buf, long cap, long outLen);
}
