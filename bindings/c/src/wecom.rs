//! WXBizMsgCrypt callbacks (WeCom, WeChat official accounts, DingTalk): `msg_signature`,
//! decryption of a received `encrypt`, and encrypted passive replies (docs/spec/wecom.md).
//!
//! As in the core, every text but the EncodingAESKey and the receive id may be up to
//! `QM_MAX_ANSWER_BYTES` long (the `long_text` conversion).

use crate::boundary::ffi_fn;
use crate::output::qm_str;
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::wecom::{self, MsgCrypt};

/// The length of the random prefix `qm_wecom_encrypt_reply` takes, in bytes.
pub const QM_WECOM_RANDOM_LEN: usize = 16;
const _: () = assert!(QM_WECOM_RANDOM_LEN == wecom::RANDOM_LEN);

/// An encrypted passive reply; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_wecom_encrypted_reply {
    /// Base64 of the AES-256-CBC ciphertext: the reply's `Encrypt`.
    pub encrypt: qm_str,
    /// The `msg_signature` over token, timestamp, nonce and `encrypt` (40 lower-case hex
    /// digits): the reply's `MsgSignature`.
    pub signature: qm_str,
}

/// `msg_signature`: the lower-case hex SHA-1 of `token`, `timestamp`, `nonce` and
/// `encrypt`, sorted by bytes and concatenated (docs/spec/wecom.md).
///
/// @param token, token_len          the callback Token.
/// @param timestamp, timestamp_len  the `timestamp` query parameter: decimal digits.
/// @param nonce, nonce_len          the `nonce` query parameter.
/// @param encrypt, encrypt_len      the `Encrypt` text (or a URL check's `echostr`),
///                                  URL-decoded.
/// @param buf, buf_cap, out_len     caller buffer for the 40 hex digits; NULL `buf` allowed
///                                  when `buf_cap` is 0 (size query).
/// @return `QM_STATUS_OK` or why not (`QM_STATUS_INVALID_TIMESTAMP`, …).
///
/// Each text may be up to `QM_MAX_ANSWER_BYTES` long, as in the core.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_wecom_msg_signature(
    token: *const c_char,
    token_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    encrypt: *const c_char,
    encrypt_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        token = long_text(token, token_len),
        timestamp = long_text(timestamp, timestamp_len),
        nonce = long_text(nonce, nonce_len),
        encrypt = long_text(encrypt, encrypt_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&wecom::msg_signature(token, timestamp, nonce, encrypt)?) }
    )
}

/// Checks a received `msg_signature` in constant time: `QM_STATUS_SIGNATURE_MISMATCH` unless
/// it equals `qm_wecom_msg_signature` of the other four texts.
///
/// @param token, timestamp, nonce, encrypt  as for `qm_wecom_msg_signature`.
/// @param signature, signature_len          the received `msg_signature`.
/// @return `QM_STATUS_OK` when it matches, or why not.
///
/// Each text may be up to `QM_MAX_ANSWER_BYTES` long, as in the core.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory.
#[no_mangle]
pub unsafe extern "C" fn qm_wecom_verify_msg_signature(
    token: *const c_char,
    token_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    encrypt: *const c_char,
    encrypt_len: usize,
    signature: *const c_char,
    signature_len: usize,
) -> qm_status {
    ffi_fn!(
        token = long_text(token, token_len),
        timestamp = long_text(timestamp, timestamp_len),
        nonce = long_text(nonce, nonce_len),
        encrypt = long_text(encrypt, encrypt_len),
        signature = long_text(signature, signature_len),
        {
            Ok(wecom::verify_msg_signature(
                token, timestamp, nonce, encrypt, signature,
            )?)
        }
    )
}

/// The message inside a received `encrypt`, checked: strict Base64
/// (`QM_STATUS_INVALID_BASE64`); whole AES blocks, padding, length and UTF-8
/// (`QM_STATUS_UNDECRYPTABLE`, which is also what a wrong key gives); and the receive id at
/// its end (`QM_STATUS_SIGN_MISMATCH` when it was made for another receiver). Check the
/// `msg_signature` first (`qm_wecom_verify_msg_signature`), or use
/// `qm_wecom_verify_and_decrypt`.
///
/// @param encoding_aes_key, encoding_aes_key_len  the 43-character EncodingAESKey
///                                  (`QM_STATUS_INVALID_KEY_LENGTH` otherwise).
/// @param receive_id, receive_id_len  the corp id, app id, suite id or DingTalk key (empty
///                                  for WeCom's personal third-party apps).
/// @param encrypt, encrypt_len      the `Encrypt` text or `echostr`, URL-decoded; up to
///                                  `QM_MAX_ANSWER_BYTES`.
/// @param buf, buf_cap, out_len     caller buffer for the UTF-8 message (usually XML or JSON).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_wecom_decrypt(
    encoding_aes_key: *const c_char,
    encoding_aes_key_len: usize,
    receive_id: *const c_char,
    receive_id_len: usize,
    encrypt: *const c_char,
    encrypt_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        key = text(encoding_aes_key, encoding_aes_key_len),
        receive_id = text(receive_id, receive_id_len),
        encrypt = long_text(encrypt, encrypt_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&MsgCrypt::new(key)?.decrypt(encrypt, receive_id)?) }
    )
}

/// A passive reply: `message` encrypted for `receive_id` with the caller's random prefix, and
/// its `msg_signature` over `token`, `timestamp` and `nonce` (Tencent's `EncryptMsg` without
/// the XML envelope).
///
/// @param encoding_aes_key, encoding_aes_key_len  the 43-character EncodingAESKey.
/// @param receive_id, receive_id_len  the corp id, app id, suite id or DingTalk key.
/// @param message, message_len      the reply to encrypt (UTF-8).
/// @param random, random_len        `QM_WECOM_RANDOM_LEN` (16) bytes from a secure random
///                                  generator, fresh for every reply (`QM_STATUS_INVALID_FIELD`
///                                  for any other length).
/// @param token, token_len          the callback Token.
/// @param timestamp, timestamp_len  seconds since the epoch, as decimal digits.
/// @param nonce, nonce_len          the nonce to send with the reply.
/// @param out_reply                 receives views of `encrypt` and `signature` inside `buf`.
/// @param buf, buf_cap, out_len     caller buffer, as everywhere.
/// @return `QM_STATUS_OK` or why not (`QM_STATUS_INVALID_TIMESTAMP`,
///         `QM_STATUS_INVALID_KEY_LENGTH`, `QM_STATUS_INVALID_BASE64`, …).
///
/// Every text but the EncodingAESKey and the receive id may be up to `QM_MAX_ANSWER_BYTES`
/// long, as in the core.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory not overlapping `buf`; `buf` must
/// have `buf_cap` writable bytes; `out_reply` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_wecom_encrypt_reply(
    encoding_aes_key: *const c_char,
    encoding_aes_key_len: usize,
    receive_id: *const c_char,
    receive_id_len: usize,
    message: *const c_char,
    message_len: usize,
    random: *const u8,
    random_len: usize,
    token: *const c_char,
    token_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    out_reply: *mut qm_wecom_encrypted_reply,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_reply = out(out_reply),
        key = text(encoding_aes_key, encoding_aes_key_len),
        receive_id = text(receive_id, receive_id_len),
        message = long_text(message, message_len),
        random = random_prefix(random, random_len),
        token = long_text(token, token_len),
        timestamp = long_text(timestamp, timestamp_len),
        nonce = long_text(nonce, nonce_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let reply =
                wecom::encrypt_reply(key, receive_id, message, random, token, timestamp, nonce)?;
            let [encrypt, signature] = out.write_parts([&reply.encrypt, &reply.signature])?;
            out_reply.write(qm_wecom_encrypted_reply { encrypt, signature })
        }
    )
}

/// A received callback (`VerifyURL` / `DecryptMsg`): checks `msg_signature` first
/// (`QM_STATUS_SIGNATURE_MISMATCH`), then decrypts as `qm_wecom_decrypt`.
///
/// @param token, token_len          the callback Token.
/// @param encoding_aes_key, encoding_aes_key_len  the 43-character EncodingAESKey.
/// @param receive_id, receive_id_len  the corp id, app id, suite id or DingTalk key.
/// @param timestamp, timestamp_len  the `timestamp` query parameter.
/// @param nonce, nonce_len          the `nonce` query parameter.
/// @param encrypt, encrypt_len      the `Encrypt` text or `echostr`, URL-decoded.
/// @param msg_signature, msg_signature_len  the received `msg_signature`.
/// @param buf, buf_cap, out_len     caller buffer for the UTF-8 message.
/// @return `QM_STATUS_OK` or why not.
///
/// Every text but the EncodingAESKey and the receive id may be up to `QM_MAX_ANSWER_BYTES`
/// long, as in the core.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_wecom_verify_and_decrypt(
    token: *const c_char,
    token_len: usize,
    encoding_aes_key: *const c_char,
    encoding_aes_key_len: usize,
    receive_id: *const c_char,
    receive_id_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    encrypt: *const c_char,
    encrypt_len: usize,
    msg_signature: *const c_char,
    msg_signature_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        token = long_text(token, token_len),
        key = text(encoding_aes_key, encoding_aes_key_len),
        receive_id = text(receive_id, receive_id_len),
        timestamp = long_text(timestamp, timestamp_len),
        nonce = long_text(nonce, nonce_len),
        encrypt = long_text(encrypt, encrypt_len),
        signature = long_text(msg_signature, msg_signature_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let message = wecom::verify_and_decrypt(
                token, key, receive_id, timestamp, nonce, encrypt, signature,
            )?;
            out.write(&message)
        }
    )
}
