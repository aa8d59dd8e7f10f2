//! Apusic management sessions: base URL, session request, session answer, later calls' headers.

use crate::boundary::{ffi_fn, record_detail};
use crate::http::{finish_request, qm_http_request, qm_refusal};
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::apusic;
use qianming::basic::AuthorizationMode;

/// `Authorization: Basic <credentials>` (`qm_apusic_session_request`'s `mode`).
pub const QM_BASIC_MODE_BASIC: u32 = 0;
/// `Authorization: <credentials>`, the bare Base64 (raw mode).
pub const QM_BASIC_MODE_RAW: u32 = 1;

/// An Apusic session token from a granted answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_apusic_session_token {
    /// `extraProperties.token`. Secret: wipe the buffer when done.
    pub token: qm_str,
    /// `message`, or absent (NULL `ptr`).
    pub message: qm_str,
}

/// `https://<host>:6848`, the management base URL of an Apusic host.
///
/// @param host, host_len        a host name, IPv4 address or bracketed IPv6 address.
/// @param buf, buf_cap, out_len caller buffer for the URL.
/// @return `QM_STATUS_OK` or `QM_STATUS_INVALID_URL`, …
///
/// # Safety
/// `(host, host_len)` must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_apusic_base_url_for_host(
    host: *const c_char,
    host_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        host = text(host, host_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&apusic::base_url_for_host(host)?) }
    )
}

/// Builds `POST <base>/management/sessions` (body `{}`) with the headers of
/// docs/spec/apusic.md#management-session-request:
/// `Content-Type`, `Accept`, `X-Requested-By: Apusic`, `Cache-Control`, `Authorization`
/// (Basic or raw) and `remoteHostName`.
///
/// @param base_url, base_url_len  e.g. from `qm_apusic_base_url_for_host`.
/// @param user, user_len          the administrator (no `:`).
/// @param password, password_len  the password.
/// @param mode                    `QM_BASIC_MODE_BASIC` or `QM_BASIC_MODE_RAW` (anything else
///                                is `QM_STATUS_INVALID_FIELD`).
/// @param remote_host_name, remote_host_name_len  the `remoteHostName` header value.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_request` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_apusic_session_request(
    base_url: *const c_char,
    base_url_len: usize,
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
    mode: u32,
    remote_host_name: *const c_char,
    remote_host_name_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base = text(base_url, base_url_len),
        user = text(user, user_len),
        password = text(password, password_len),
        remote = text(remote_host_name, remote_host_name_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let mode = match mode {
                QM_BASIC_MODE_BASIC => AuthorizationMode::Basic,
                QM_BASIC_MODE_RAW => AuthorizationMode::Raw,
                _ => {
                    record_detail("mode must be QM_BASIC_MODE_BASIC or QM_BASIC_MODE_RAW");
                    return Err(qm_status::InvalidField);
                }
            };
            let built = apusic::session_request(base, user, password, mode, remote);
            finish_request(built, out_request, out)
        }
    )
}

/// Parses the session answer `{"message", "exit_code", "extraProperties": {"token"}}`; an
/// `exit_code` other than `SUCCESS` is a refusal of kind `QM_STATUS_LOGIN_FAILED` (code =
/// the exit code, message = `message`).
///
/// @param body, body_len   the answer body as received (bytes).
/// @param out_token        receives the token on `QM_STATUS_OK`.
/// @param out_refusal      NULL, or the refusal, as for `qm_kingdee_parse_token_answer`.
/// @param buf, buf_cap, out_len  caller buffer for the texts.
/// @return `QM_STATUS_OK`, `QM_STATUS_LOGIN_FAILED`, or why the answer is malformed.
///
/// # Safety
/// As for `qm_kingdee_parse_token_answer`.
#[no_mangle]
pub unsafe extern "C" fn qm_apusic_parse_session_answer(
    body: *const u8,
    body_len: usize,
    out_token: *mut qm_apusic_session_token,
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
            answer_to.write(apusic::parse_session_answer(body), out, |token, out| {
                let [token, message] = out
                    .write_optional_parts([Some(token.token.expose()), token.message.as_deref()])?;
                Ok(qm_apusic_session_token { token, message })
            })
        }
    )
}

/// The headers of later management calls: `Cookie: <cookie_name>=<token>`, optionally
/// `X-Auth-Token: <token>`, and `X-Requested-By: Apusic`, in that order.
///
/// @param token, token_len      the session token.
/// @param cookie_name, cookie_name_len  the cookie name; NULL for the default `gfrestdtoken`.
/// @param x_auth_token          whether to add `X-Auth-Token`.
/// @param out_headers           caller array of `header_cap` elements (3 always suffice).
/// @param header_cap            its capacity.
/// @param out_count             receives the number of headers (or needed).
/// @param buf, buf_cap, out_len caller buffer for the texts.
/// @return `QM_STATUS_OK` or why not (e.g. `QM_STATUS_INVALID_HEADER_VALUE`).
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `out_headers` must have
/// `header_cap` writable elements; `buf` `buf_cap` writable bytes; `out_count`, `out_len`
/// writable.
#[no_mangle]
pub unsafe extern "C" fn qm_apusic_call_headers(
    token: *const c_char,
    token_len: usize,
    cookie_name: *const c_char,
    cookie_name_len: usize,
    x_auth_token: bool,
    out_headers: *mut qm_header,
    header_cap: usize,
    out_count: *mut usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_headers = items(out_headers, header_cap, out_count),
        token = text(token, token_len),
        cookie = optional_text(cookie_name, cookie_name_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let cookie = cookie.unwrap_or(apusic::DEFAULT_TOKEN_COOKIE);
            out.write_pairs(
                &apusic::call_headers(token, cookie, x_auth_token)?,
                out_headers,
            )
        }
    )
}
