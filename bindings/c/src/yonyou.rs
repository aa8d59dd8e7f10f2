//! Yonyou open platform (YonBIP / YonSuite) self-built app token: the signature, the token
//! request and its answer (docs/spec/yonyou.md).

use crate::boundary::ffi_fn;
use crate::http::{finish_request, qm_http_request, qm_lifetime, qm_refusal};
use crate::output::qm_str;
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::yonyou;

/// The core's `yonyou::DEFAULT_TOKEN_URL` with a NUL after it.
static DEFAULT_TOKEN_URL: [u8; yonyou::DEFAULT_TOKEN_URL.len() + 1] = {
    let url = yonyou::DEFAULT_TOKEN_URL.as_bytes();
    let mut out = [0u8; yonyou::DEFAULT_TOKEN_URL.len() + 1];
    let mut i = 0;
    while i < url.len() {
        out[i] = url[i];
        i += 1;
    }
    out
};

/// The public cloud's token URL (`https://open.yonyoucloud.com/…/getAccessToken`), a static
/// NUL-terminated string: the `token_url` to pass to `qm_yonyou_token_request` unless the
/// tenant runs its own gateway.
#[no_mangle]
pub extern "C" fn qm_yonyou_default_token_url() -> *const c_char {
    DEFAULT_TOKEN_URL.as_ptr().cast()
}

/// A token request signature, bare and URL-encoded; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_yonyou_signature_parts {
    /// Base64 of the HMAC-SHA256 tag.
    pub signature: qm_str,
    /// `signature` as `java.net.URLEncoder` encodes it (`+` `/` `=` escaped): the query value.
    pub signature_urlencoded: qm_str,
}

/// A Yonyou access token from a granted answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_yonyou_token {
    /// `data.access_token`. Secret: wipe the buffer when done.
    pub access_token: qm_str,
    /// `data.expire`: the lifetime in seconds.
    pub expire_s: u64,
    /// `message`, or absent (NULL `ptr`).
    pub message: qm_str,
    /// Received time + `expire_s` seconds.
    pub lifetime: qm_lifetime,
}

/// The signature of a token request at `timestamp_ms`:
/// `Base64(HmacSHA256(app_secret, "appKey" app_key "timestamp" timestamp_ms))`, bare and
/// URL-encoded.
///
/// @param app_key, app_key_len        the appKey.
/// @param app_secret, app_secret_len  the appSecret; empty is `QM_STATUS_EMPTY_SECRET`.
/// @param timestamp_ms                milliseconds since the epoch (supplied by the caller).
/// @param out_parts                   receives views of `signature` and
///                                    `signature_urlencoded` inside `buf`.
/// @param buf, buf_cap, out_len       caller buffer; NULL `buf` allowed when `buf_cap` is 0
///                                    (size query).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_parts` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_yonyou_signature(
    app_key: *const c_char,
    app_key_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    timestamp_ms: u64,
    out_parts: *mut qm_yonyou_signature_parts,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        app_key = text(app_key, app_key_len),
        app_secret = text(app_secret, app_secret_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let signed = yonyou::signature(app_key, app_secret, timestamp_ms)?;
            let [signature, signature_urlencoded] =
                out.write_parts([&signed.signature, &signed.signature_urlencoded])?;
            out_parts.write(qm_yonyou_signature_parts {
                signature,
                signature_urlencoded,
            })
        }
    )
}

/// Builds `GET <token_url>?appKey=…&timestamp=…&signature=…` with an `Accept` header and no
/// body.
///
/// @param token_url, token_url_len    the token endpoint: the public cloud's
///                                    `…/open-auth/selfAppAuth/getAccessToken` (see
///                                    docs/spec/yonyou.md) or a data centre's or private
///                                    deployment's; `http(s)`, no query
///                                    (`QM_STATUS_INVALID_URL`).
/// @param app_key, app_key_len        the appKey; empty is `QM_STATUS_INVALID_FIELD`.
/// @param app_secret, app_secret_len  the appSecret; empty is `QM_STATUS_EMPTY_SECRET`.
/// @param timestamp_ms                milliseconds since the epoch (supplied by the caller).
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_yonyou_token_request(
    token_url: *const c_char,
    token_url_len: usize,
    app_key: *const c_char,
    app_key_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    timestamp_ms: u64,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        token_url = text(token_url, token_url_len),
        app_key = text(app_key, app_key_len),
        app_secret = text(app_secret, app_secret_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let built = yonyou::token_request(token_url, app_key, app_secret, timestamp_ms);
            finish_request(built, out_request, out)
        }
    )
}

/// Parses the token answer `{"code", "message", "data": {"access_token", "expire"}}`. A
/// `code` other than `"00000"` is a refusal (`QM_STATUS_VENDOR_ERROR`, with the code and
/// message in `out_refusal`).
///
/// @param body, body_len   the answer body as received (bytes; need not be UTF-8).
/// @param received_at_ms   when the answer arrived (the token lives `expire` seconds from
///                         then).
/// @param out_token        receives the token on `QM_STATUS_OK`.
/// @param out_refusal      NULL, or the refusal (code, message) as for
///                         `qm_kingdee_parse_token_answer`.
/// @param buf, buf_cap, out_len  caller buffer for the texts.
/// @return `QM_STATUS_OK`, the refusal's kind, or why the answer is malformed
///         (`QM_STATUS_INVALID_JSON`, `QM_STATUS_MISSING_FIELD`, `QM_STATUS_INVALID_FIELD`).
///
/// # Safety
/// As for `qm_kingdee_parse_token_answer`.
#[no_mangle]
pub unsafe extern "C" fn qm_yonyou_parse_token_answer(
    body: *const u8,
    body_len: usize,
    received_at_ms: u64,
    out_token: *mut qm_yonyou_token,
    out_refusal: *mut qm_refusal,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        answer_to = answer_out(out_token, out_refusal),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        {
            answer_to.write(
                yonyou::parse_token_answer(body, received_at_ms),
                out,
                |token, out| {
                    let [access_token, message] = out.write_optional_parts([
                        Some(token.access_token.expose()),
                        token.message.as_deref(),
                    ])?;
                    Ok(qm_yonyou_token {
                        access_token,
                        expire_s: token.expire_s,
                        message,
                        lifetime: token.lifetime.into(),
                    })
                },
            )
        }
    )
}
