//! Feishu / Lark: the custom bot sign, event decryption and `X-Lark-Signature`
//! (docs/spec/feishu.md).

use crate::boundary::ffi_fn;
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::feishu;

/// The sign of a custom bot webhook call at `timestamp` (**seconds**):
/// `Base64(HmacSHA256(key = timestamp "\n" secret, message = empty))`. Send it with the
/// timestamp in the JSON body; Feishu refuses one more than an hour away.
///
/// @param secret, secret_len    the bot secret; empty is `QM_STATUS_EMPTY_SECRET`.
/// @param timestamp             seconds since the epoch (supplied by the caller).
/// @param buf, buf_cap, out_len caller buffer for the 44-character sign; NULL `buf` allowed
///                              when `buf_cap` is 0 (size query).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// `(secret, secret_len)` must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_feishu_bot_sign(
    secret: *const c_char,
    secret_len: usize,
    timestamp: u64,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        secret = text(secret, secret_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&feishu::bot_sign(secret, timestamp)?) }
    )
}

/// The plaintext of an encrypted event (`{"encrypt": "…"}`) for the app's Encrypt Key:
/// AES-256-CBC with key SHA-256(Encrypt Key) and the IV in front. Strict Base64
/// (`QM_STATUS_INVALID_BASE64`); an IV and whole blocks, padding and UTF-8
/// (`QM_STATUS_UNDECRYPTABLE`, also what a wrong Encrypt Key gives).
///
/// @param encrypt_key, encrypt_key_len  the app's Encrypt Key; empty is
///                              `QM_STATUS_EMPTY_SECRET`.
/// @param encrypt, encrypt_len  the event's `encrypt` value; up to `QM_MAX_ANSWER_BYTES`.
/// @param buf, buf_cap, out_len caller buffer for the UTF-8 plaintext (the event's JSON).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_feishu_decrypt(
    encrypt_key: *const c_char,
    encrypt_key_len: usize,
    encrypt: *const c_char,
    encrypt_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        key = text(encrypt_key, encrypt_key_len),
        encrypt = long_text(encrypt, encrypt_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&feishu::decrypt(key, encrypt)?) }
    )
}

/// `X-Lark-Signature`: the lower-case hex SHA-256 of the `X-Lark-Request-Timestamp` and
/// `X-Lark-Request-Nonce` header values, the Encrypt Key and the raw request body, in that
/// order.
///
/// @param timestamp, timestamp_len      the `X-Lark-Request-Timestamp` header value.
/// @param nonce, nonce_len              the `X-Lark-Request-Nonce` header value.
/// @param encrypt_key, encrypt_key_len  the app's Encrypt Key; empty is
///                                      `QM_STATUS_EMPTY_SECRET`.
/// @param body, body_len                the request body exactly as received (bytes; need
///                                      not be UTF-8); up to `QM_MAX_ANSWER_BYTES`.
/// @param buf, buf_cap, out_len         caller buffer for the 64 hex digits.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_feishu_event_signature(
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    encrypt_key: *const c_char,
    encrypt_key_len: usize,
    body: *const u8,
    body_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        timestamp = text(timestamp, timestamp_len),
        nonce = text(nonce, nonce_len),
        key = text(encrypt_key, encrypt_key_len),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&feishu::event_signature(timestamp, nonce, key, body)?) }
    )
}

/// Checks a received `X-Lark-Signature` in constant time: `QM_STATUS_SIGNATURE_MISMATCH`
/// unless it equals `qm_feishu_event_signature` of the other arguments.
///
/// @param timestamp, nonce, encrypt_key, body  as for `qm_feishu_event_signature`.
/// @param signature, signature_len  the received `X-Lark-Signature` header value.
/// @return `QM_STATUS_OK` when it matches, or why not (`QM_STATUS_EMPTY_SECRET`, …).
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory.
#[no_mangle]
pub unsafe extern "C" fn qm_feishu_verify_event_signature(
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    encrypt_key: *const c_char,
    encrypt_key_len: usize,
    body: *const u8,
    body_len: usize,
    signature: *const c_char,
    signature_len: usize,
) -> qm_status {
    ffi_fn!(
        timestamp = text(timestamp, timestamp_len),
        nonce = text(nonce, nonce_len),
        key = text(encrypt_key, encrypt_key_len),
        body = bytes(body, body_len),
        signature = text(signature, signature_len),
        {
            feishu::verify_event_signature(timestamp, nonce, key, body, signature)?;
            Ok(())
        }
    )
}
