//! IoT edge gateway: login and refresh requests, the token answer, `x-token`, JWT claims.

use crate::boundary::ffi_fn;
use crate::http::{finish_request, qm_http_request, qm_lifetime, qm_opt_u64, qm_refusal};
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::edge;

/// An edge gateway token from a granted answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_edge_token {
    /// `result.accessToken` (a JWT). Secret: wipe the buffer when done.
    pub access_token: qm_str,
    /// `result.refreshToken`, or absent (NULL `ptr`).
    pub refresh_token: qm_str,
    /// `result.expire`: seconds since the epoch.
    pub expire: u64,
    /// `t`: the server's time in ms, when sent.
    pub t: qm_opt_u64,
    /// `code` as text, when sent.
    pub code: qm_str,
    /// `expire` × 1000, and the refresh token's end (its JWT `exp`, else `t` + 14 days).
    pub lifetime: qm_lifetime,
}

/// The claims of a JWT payload (no signature check: it is the server's token); views into the
/// caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_edge_jwt_claims {
    /// `exp`, seconds since the epoch.
    pub exp: qm_opt_u64,
    /// `iat`.
    pub iat: qm_opt_u64,
    /// `nbf`.
    pub nbf: qm_opt_u64,
    /// `iss`, or absent (NULL `ptr`).
    pub iss: qm_str,
    /// The decoded payload JSON.
    pub payload_json: qm_str,
}

/// The login request `POST <base>/v1.0/openapi/auth/login` with the JSON body
/// `{"username":…,"password":…}`.
///
/// @param base_url, username, password  (ptr, len) UTF-8 texts.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_edge_login_request(
    base_url: *const c_char,
    base_url_len: usize,
    username: *const c_char,
    username_len: usize,
    password: *const c_char,
    password_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base = text(base_url, base_url_len),
        user = text(username, username_len),
        password = text(password, password_len),
        out = buffer(buf, buf_cap, out_len),
        { finish_request(edge::login_request(base, user, password), out_request, out) }
    )
}

/// The refresh request `POST <base>/v1.0/openapi/token/<refresh token>` (the token is one
/// percent-encoded path segment).
///
/// @param base_url, refresh_token  (ptr, len) UTF-8 texts.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_edge_refresh_request(
    base_url: *const c_char,
    base_url_len: usize,
    refresh_token: *const c_char,
    refresh_token_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base = text(base_url, base_url_len),
        token = text(refresh_token, refresh_token_len),
        out = buffer(buf, buf_cap, out_len),
        { finish_request(edge::refresh_request(base, token), out_request, out) }
    )
}

/// The `x-token` header of later calls.
///
/// @param access_token, access_token_len  the access token.
/// @param out_header            receives the header's name and value, views into `buf`.
/// @param buf, buf_cap, out_len caller buffer for the texts.
/// @return `QM_STATUS_OK` or `QM_STATUS_INVALID_HEADER_VALUE`, …
///
/// # Safety
/// The `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_header` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_edge_x_token_header(
    access_token: *const c_char,
    access_token_len: usize,
    out_header: *mut qm_header,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_header = out(out_header),
        token = text(access_token, access_token_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let (name, value) = edge::x_token_header(token)?;
            let [name, value] = out.write_parts([&name, &value])?;
            out_header.write(qm_header { name, value })
        }
    )
}

/// Parses the login or refresh answer (`code`, `success`, `t`, `result`); `success: false` is
/// a refusal of kind `QM_STATUS_LOGIN_FAILED` (code = `code`, message = `msg`).
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
pub unsafe extern "C" fn qm_edge_parse_token_answer(
    body: *const u8,
    body_len: usize,
    out_token: *mut qm_edge_token,
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
            answer_to.write(edge::parse_token_answer(body), out, |token, out| {
                let [access_token, refresh_token, code] = out.write_optional_parts([
                    Some(token.access_token.expose()),
                    token.refresh_token.as_ref().map(|r| r.expose()),
                    token.code.as_deref(),
                ])?;
                Ok(qm_edge_token {
                    access_token,
                    refresh_token,
                    expire: token.expire,
                    t: token.t.into(),
                    code,
                    lifetime: token.lifetime.into(),
                })
            })
        }
    )
}

/// Reads the claims of a JWT payload without checking its signature.
///
/// @param jwt, jwt_len          the JWT (three base64url segments).
/// @param out_claims            receives the claims on success.
/// @param buf, buf_cap, out_len caller buffer for `iss` and the payload JSON.
/// @return `QM_STATUS_OK` or `QM_STATUS_INVALID_JWT`, …
///
/// # Safety
/// The `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_claims` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_edge_read_jwt_claims(
    jwt: *const c_char,
    jwt_len: usize,
    out_claims: *mut qm_edge_jwt_claims,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_claims = out(out_claims),
        jwt = text(jwt, jwt_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let claims = edge::read_jwt_claims(jwt)?;
            let [iss, payload_json] = out.write_optional_parts([
                claims.iss.as_deref(),
                Some(claims.payload_json.as_str()),
            ])?;
            let parts = qm_edge_jwt_claims {
                exp: claims.exp.into(),
                iat: claims.iat.into(),
                nbf: claims.nbf.into(),
                iss,
                payload_json,
            };
            out_claims.write(parts)
        }
    )
}
