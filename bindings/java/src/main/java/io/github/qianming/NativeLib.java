package io.github.qianming;

import com.sun.jna.Native;

/**
 * JNA direct mapping of every function of {@code include/qianming.h}. Pointers and {@code
 * size_t} travel as Java {@code long} (64-bit platforms only, checked at load): the wrapper
 * passes addresses inside its own reused native buffers, which avoids JNA's per-call
 * marshalling of structures. C {@code bool} arguments are passed as 0 or 1.
 */
final class NativeLib {
  static {
    if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
      throw new UnsupportedOperationException("qianming's Java binding needs a 64-bit JVM");
    }
    Native.register(NativeLib.class, NativeLoader.load());
    NativeLoader.checkVersion(qm_version());
  }

  private NativeLib() {}

  /** Loads libqianming (once); every public class calls this before its first native call. */
  static void init() {}

  // ---- basics ----

  static native String qm_version();

  static native String qm_status_name(int status);

  static native String qm_status_message(int status);

  static native int qm_last_error_message(long buf, long cap, long outLen);

  static native long qm_default_window_ms();

  static native long qm_weaver_default_replay_capacity();

  static native String qm_yonyou_default_token_url();

  static native int qm_percent_decode(long input, long inputLen, long buf, long cap, long outLen);

  // ---- Kingdee ----

  static native int qm_kingdee_app_signature(
      long key, long keyLen, long secret, long secretLen, long buf, long cap, long outLen);

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

  static native int qm_kingdee_verify_explain(
      long secret, long secretLen, long method, long methodLen, long path, long pathLen, long query,
      long queryCount, long headers, long headerCount, long parts, long buf, long cap, long outLen);

  static native int qm_kingdee_verify_explain_revealing_signature(
      long secret, long secretLen, long method, long methodLen, long path, long pathLen, long query,
      long queryCount, long headers, long headerCount, long parts, long buf, long cap, long outLen);

  static native long qm_kingdee_default_replay_capacity();

  /** {@code lenientQuery} is a C bool: pass 0 or 1. */
  static native int qm_kingdee_verifier_new(
      long secret, long secretLen, long windowMs, long replayCapacity, int lenientQuery, long outVerifier);

  static native void qm_kingdee_verifier_free(long verifier);

  static native int qm_kingdee_verifier_verify(
      long verifier, long method, long methodLen, long path, long pathLen, long query, long queryCount,
      long headers, long headerCount, long nowMs, long parts, long buf, long cap, long outLen);

  static native int qm_kingdee_verifier_verify_stateless(
      long verifier, long method, long methodLen, long path, long pathLen, long query, long queryCount,
      long headers, long headerCount, long nowMs, long parts, long ticket, long buf, long cap,
      long outLen);

  static native int qm_kingdee_verifier_remembered(long verifier, long outCount);

  static native int qm_kingdee_verifier_diagnose(
      long verifier, long method, long methodLen, long path, long pathLen, long query, long queryCount,
      long headers, long headerCount, long nowMs, long parts, long buf, long cap, long outLen);

  static native long qm_replay_ttl_ms(long expiresAtMs, long nowMs);

  static native int qm_kingdee_parse_query(
      long raw, long rawLen, long outPairs, long pairCap, long outCount, long buf, long cap,
      long outLen);

  static native int qm_kingdee_parse_request_target(
      long target, long targetLen, long outPath, long outPairs, long pairCap, long outCount,
      long buf, long cap, long outLen);

  static native int qm_kingdee_nonce_from_entropy(long entropy, long buf, long cap, long outLen);

  static native int qm_kingdee_token_request(
      long signer, long baseUrl, long baseUrlLen, long appKey, long appKeyLen, long appSecret,
      long appSecretLen, long uid, long uidLen, long timestamp, long timestampLen, long nonce,
      long nonceLen, long outRequest, long buf, long cap, long outLen);

  static native int qm_kingdee_parse_token_answer(
      long body, long bodyLen, long receivedAtMs, long outToken, long outRefusal, long buf, long cap,
      long outLen);

  // ---- the signature doctor ----

  static native int qm_kingdee_doctor(
      long secret, long secretLen, long method, long methodLen, long path, long pathLen, long query,
      long queryCount, long headers, long headerCount, long verifier, long nowMs, long windowMs,
      long outReport, long buf, long cap, long outLen);

  static native int qm_kingdee_doctor_pasted(
      long secret, long secretLen, long text, long textLen, long format, long formatLen, long verifier,
      long nowMs, long windowMs, long outRequest, long outReport, long buf, long cap, long outLen);

  static native int qm_weaver_doctor(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long sign,
      long signLen, long verifier, long nowMs, long windowMs, long outReport, long buf, long cap,
      long outLen);

  // ---- Weaver ----

  static native int qm_weaver_sign(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long timestampMs,
      long buf, long cap, long outLen);

  static native int qm_weaver_explain(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long timestampMs,
      long parts, long buf, long cap, long outLen);

  static native int qm_weaver_verifier_new(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long windowMs,
      long outVerifier);

  static native int qm_weaver_verifier_new_with_options(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long windowMs,
      long maxFutureMs, long replayCapacity, long outVerifier);

  static native int qm_weaver_verifier_verify(
      long verifier, long sign, long signLen, long nowMs, long outTimestampMs);

  static native void qm_weaver_verifier_free(long verifier);

  static native int qm_weaver_verifier_verify_stateless(
      long verifier, long sign, long signLen, long nowMs, long outTimestampMs, long ticket, long buf,
      long cap, long outLen);

  static native int qm_weaver_verifier_remembered(long verifier, long outCount);

  static native int qm_weaver_token_request(
      long baseUrl, long baseUrlLen, long appid, long appidLen, long sign, long signLen,
      long outRequest, long buf, long cap, long outLen);

  static native int qm_weaver_signed_token_request(
      long appid, long appidLen, long secret, long secretLen, long key, long keyLen, long baseUrl,
      long baseUrlLen, long timestampMs, long outRequest, long buf, long cap, long outLen);

  static native int qm_weaver_parse_token_answer(
      long body, long bodyLen, long receivedAtMs, long outToken, long outRefusal, long buf, long cap,
      long outLen);

  // ---- Basic ----

  static native int qm_basic_credentials(
      long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);

  static native int qm_basic_authorization_header(
      long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);

  static native int qm_basic_authorization_header_raw(
      long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);

  static native int qm_basic_parse_authorization(
      long header, long headerLen, long parts, long buf, long cap, long outLen);

  static native int qm_basic_parse_credentials(
      long credentials, long credentialsLen, long parts, long buf, long cap, long outLen);

  // ---- Apusic ----

  static native int qm_apusic_base_url_for_host(long host, long hostLen, long buf, long cap, long outLen);

  /** {@code mode}: QM_BASIC_MODE_BASIC (0) or QM_BASIC_MODE_RAW (1). */
  static native int qm_apusic_session_request(
      long baseUrl, long baseUrlLen, long user, long userLen, long password, long passwordLen,
      int mode, long remoteHostName, long remoteHostNameLen, long outRequest, long buf, long cap,
      long outLen);

  static native int qm_apusic_parse_session_answer(
      long body, long bodyLen, long outToken, long outRefusal, long buf, long cap, long outLen);

  static native int qm_apusic_call_headers(
      long token, long tokenLen, long cookieName, long cookieNameLen, int xAuthToken, long outHeaders,
      long headerCap, long outCount, long buf, long cap, long outLen);

  // ---- OAuth ----

  static native int qm_oauth_pkce_challenge(long verifier, long verifierLen, long buf, long cap, long outLen);

  static native int qm_oauth_authorize_url(
      long baseUrl, long baseUrlLen, long clientId, long clientIdLen, long redirectUri,
      long redirectUriLen, long state, long stateLen, long codeVerifier, long codeVerifierLen,
      long buf, long cap, long outLen);

  static native int qm_oauth_token_request(
      long baseUrl, long baseUrlLen, long clientId, long clientIdLen, long clientSecret,
      long clientSecretLen, long redirectUri, long redirectUriLen, long code, long codeLen,
      long codeVerifier, long codeVerifierLen, long outRequest, long buf, long cap, long outLen);

  static native int qm_oauth_parse_token_answer(
      long body, long bodyLen, long outToken, long buf, long cap, long outLen);

  static native int qm_oauth_userinfo_request(
      long baseUrl, long baseUrlLen, long accessToken, long accessTokenLen, long outRequest, long buf,
      long cap, long outLen);

  static native int qm_oauth_parse_userinfo_answer(
      long body, long bodyLen, long outId, long outAttributes, long attributeCap, long outCount,
      long buf, long cap, long outLen);

  static native int qm_oauth_parse_callback(
      long callback, long callbackLen, long expectedState, long expectedStateLen, long outCallback,
      long buf, long cap, long outLen);

  // ---- IoT edge gateway ----

  static native int qm_edge_login_request(
      long baseUrl, long baseUrlLen, long username, long usernameLen, long password, long passwordLen,
      long outRequest, long buf, long cap, long outLen);

  static native int qm_edge_refresh_request(
      long baseUrl, long baseUrlLen, long refreshToken, long refreshTokenLen, long outRequest,
      long buf, long cap, long outLen);

  static native int qm_edge_x_token_header(
      long accessToken, long accessTokenLen, long outHeader, long buf, long cap, long outLen);

  static native int qm_edge_parse_token_answer(
      long body, long bodyLen, long outToken, long outRefusal, long buf, long cap, long outLen);

  static native int qm_edge_read_jwt_claims(long jwt, long jwtLen, long outClaims, long buf, long cap, long outLen);

  // ---- WXBizMsgCrypt (WeCom, WeChat, DingTalk callbacks) ----

  static native int qm_wecom_msg_signature(
      long token, long tokenLen, long timestamp, long timestampLen, long nonce, long nonceLen,
      long encrypt, long encryptLen, long buf, long cap, long outLen);

  static native int qm_wecom_verify_msg_signature(
      long token, long tokenLen, long timestamp, long timestampLen, long nonce, long nonceLen,
      long encrypt, long encryptLen, long signature, long signatureLen);

  static native int qm_wecom_decrypt(
      long key, long keyLen, long receiveId, long receiveIdLen, long encrypt, long encryptLen, long buf,
      long cap, long outLen);

  static native int qm_wecom_encrypt_reply(
      long key, long keyLen, long receiveId, long receiveIdLen, long message, long messageLen,
      long random, long randomLen, long token, long tokenLen, long timestamp, long timestampLen,
      long nonce, long nonceLen, long parts, long buf, long cap, long outLen);

  static native int qm_wecom_verify_and_decrypt(
      long token, long tokenLen, long key, long keyLen, long receiveId, long receiveIdLen,
      long timestamp, long timestampLen, long nonce, long nonceLen, long encrypt, long encryptLen,
      long msgSignature, long msgSignatureLen, long buf, long cap, long outLen);

  // ---- DingTalk, Feishu ----

  static native int qm_dingtalk_robot_sign(
      long secret, long secretLen, long timestampMs, long parts, long buf, long cap, long outLen);

  static native int qm_feishu_bot_sign(long secret, long secretLen, long timestamp, long buf, long cap, long outLen);

  static native int qm_feishu_decrypt(
      long key, long keyLen, long encrypt, long encryptLen, long buf, long cap, long outLen);

  static native int qm_feishu_event_signature(
      long timestamp, long timestampLen, long nonce, long nonceLen, long key, long keyLen, long body,
      long bodyLen, long buf, long cap, long outLen);

  static native int qm_feishu_verify_event_signature(
      long timestamp, long timestampLen, long nonce, long nonceLen, long key, long keyLen, long body,
      long bodyLen, long signature, long signatureLen);

  // ---- Yonyou ----

  static native int qm_yonyou_signature(
      long appKey, long appKeyLen, long appSecret, long appSecretLen, long timestampMs, long parts, long buf,
      long cap, long outLen);

  static native int qm_yonyou_token_request(
      long tokenUrl, long tokenUrlLen, long appKey, long appKeyLen, long appSecret, long appSecretLen,
      long timestampMs, long outRequest, long buf, long cap, long outLen);

  static native int qm_yonyou_parse_token_answer(
      long body, long bodyLen, long receivedAtMs, long outToken, long outRefusal, long buf, long cap,
      long outLen);

  // ---- Kingdee K3Cloud ----

  static native int qm_k3cloud_default_lcid();

  static native int qm_k3cloud_gateway_credentials(long appId, long appIdLen, long parts, long buf, long cap, long outLen);

  /** {@code lcid} is a C uint32_t (0 for the default); a NULL {@code orgNum} is {@code "0"}. */
  static native int qm_k3cloud_sign(
      long acctId, long acctIdLen, long userName, long userNameLen, long appId, long appIdLen, long appSecret,
      long appSecretLen, int lcid, long orgNum, long orgNumLen, long url, long urlLen, long unit, long unitLen,
      long timestampMs, long outSigned, long buf, long cap, long outLen);

  static native int qm_k3cloud_request(
      long acctId, long acctIdLen, long userName, long userNameLen, long appId, long appIdLen, long appSecret,
      long appSecretLen, int lcid, long orgNum, long orgNumLen, long url, long urlLen, long body, long bodyLen,
      long unit, long unitLen, long timestampMs, long outRequest, long buf, long cap, long outLen);

  static native int qm_k3cloud_login_sign(
      long acctId, long acctIdLen, long userName, long userNameLen, long appId, long appIdLen, long appSecret,
      long appSecretLen, long timestampS, long hash, long hashLen, long buf, long cap, long outLen);

  static native int qm_k3cloud_login_by_sign_request(
      long serverUrl, long serverUrlLen, long acctId, long acctIdLen, long userName, long userNameLen, long appId,
      long appIdLen, long appSecret, long appSecretLen, int lcid, long timestampS, long hash, long hashLen,
      long outRequest, long buf, long cap, long outLen);

  static native int qm_k3cloud_login_by_app_secret_request(
      long serverUrl, long serverUrlLen, long acctId, long acctIdLen, long userName, long userNameLen, long appId,
      long appIdLen, long appSecret, long appSecretLen, int lcid, long outRequest, long buf, long cap, long outLen);

  static native int qm_k3cloud_parse_login_answer(
      long body, long bodyLen, long outSession, long outRefusal, long buf, long cap, long outLen);

  static native int qm_k3cloud_session_headers(
      long sessionId, long sessionIdLen, long outHeaders, long headerCap, long outCount, long buf, long cap,
      long outLen);

  // ---- Weaver e-cology 9 ----

  static native long qm_ecology_seed_len();

  static native long qm_ecology_default_token_lifetime_s();

  static native int qm_ecology_server_key(long spk, long spkLen, long outKey);

  static native int qm_ecology_encrypt(
      long spk, long spkLen, long plaintext, long plaintextLen, long seed, long seedLen, long buf, long cap,
      long outLen);

  static native int qm_ecology_regist_request(
      long baseUrl, long baseUrlLen, long appid, long appidLen, long cpk, long cpkLen, long outRequest, long buf,
      long cap, long outLen);

  static native int qm_ecology_parse_regist_answer(
      long body, long bodyLen, long outRegistration, long outRefusal, long buf, long cap, long outLen);

  /** {@code timeS} 0: no {@code time} header. */
  static native int qm_ecology_applytoken_request(
      long baseUrl, long baseUrlLen, long appid, long appidLen, long spk, long spkLen, long secrit, long secritLen,
      long seed, long seedLen, long timeS, long outRequest, long buf, long cap, long outLen);

  static native int qm_ecology_parse_token_answer(
      long body, long bodyLen, long receivedAtMs, long lifetimeS, long outToken, long outRefusal, long buf,
      long cap, long outLen);

  static native int qm_ecology_call_headers(
      long appid, long appidLen, long token, long tokenLen, long spk, long spkLen, long userid, long useridLen,
      long seed, long seedLen, long outHeaders, long headerCap, long outCount, long buf, long cap, long outLen);

  // ---- token lifetimes ----

  static native int qm_lifetime_from_duration(long issuedAtMs, long lifetimeMs, long outLifetime);

  static native int qm_lifetime_from_exp_seconds(long expS, long outLifetime);

  static native int qm_lifetime_set_refresh(long lifetime, long refreshExpiresAt, int inSeconds);

  static native int qm_lifetime_action(long lifetime, long nowMs, long skewMs, long outAction);

  static native String qm_token_action_name(int action);
}
