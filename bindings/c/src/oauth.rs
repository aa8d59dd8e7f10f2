//! Apusic unified identity (OAuth 2.0 authorization code): authorize URL, PKCE, token
//! exchange, user info, callback.

use crate::boundary::ffi_fn;
use crate::http::{finish_request, qm_http_request, qm_opt_u64};
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::oauth;

/// An OAuth access token; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_oauth_access_token {
    /// `access_token`. Secret: wipe the buffer when done.
    pub access_token: qm_str,
    /// `expires` (or `expires_in`) in seconds, when the server sent it.
    pub expires: qm_opt_u64,
}

/// A checked OAuth callback; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_oauth_callback {
    /// The authorization code.
    pub code: qm_str,
    /// The `state` the callback carried, or absent (NULL `ptr`).
    pub state: qm_str,
}

/// The PKCE S256 challenge of a code verifier: `BASE64URL(SHA256(verifier))` (RFC 7636).
///
/// @param code_verifier, code_verifier_len  43 to 128 characters of `A–Z a–z 0–9 - . _ ~`.
/// @param buf, buf_cap, out_len  caller buffer for the 43-byte challenge.
/// @return `QM_STATUS_OK` or `QM_STATUS_INVALID_CODE_VERIFIER`, …
///
/// # Safety
/// The `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_pkce_challenge(
    code_verifier: *const c_char,
    code_verifier_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        verifier = text(code_verifier, code_verifier_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&oauth::pkce_challenge(verifier)?) }
    )
}

/// The authorize URL `<base>/oauth2/authorize?client_id=…&redirect_uri=…&response_type=code`
/// `[&state=…][&code_challenge=…&code_challenge_method=S256]` (values form-encoded).
///
/// @param base_url, base_url_len          the identity server (with any path prefix).
/// @param client_id, client_id_len        the client id.
/// @param redirect_uri, redirect_uri_len  the redirect URI, unencoded.
/// @param state, state_len                the state the caller made; NULL for none.
/// @param code_verifier, code_verifier_len  a PKCE verifier; NULL for no PKCE.
/// @param buf, buf_cap, out_len           caller buffer for the URL.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every non-NULL `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap`
/// writable bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_authorize_url(
    base_url: *const c_char,
    base_url_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
    redirect_uri: *const c_char,
    redirect_uri_len: usize,
    state: *const c_char,
    state_len: usize,
    code_verifier: *const c_char,
    code_verifier_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        base = text(base_url, base_url_len),
        id = text(client_id, client_id_len),
        redirect = text(redirect_uri, redirect_uri_len),
        state = optional_text(state, state_len),
        verifier = optional_text(code_verifier, code_verifier_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&oauth::authorize_url(base, id, redirect, state, verifier)?) }
    )
}

/// The token-exchange request `POST <base>/oauth2/token` (form body with the code, and the
/// PKCE verifier when given).
///
/// @param base_url, client_id, client_secret, redirect_uri, code  (ptr, len) UTF-8 texts.
/// @param code_verifier, code_verifier_len  the PKCE verifier sent with the authorize URL;
///                                  NULL for none.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every non-NULL `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap`
/// writable bytes; `out_request` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_token_request(
    base_url: *const c_char,
    base_url_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
    client_secret: *const c_char,
    client_secret_len: usize,
    redirect_uri: *const c_char,
    redirect_uri_len: usize,
    code: *const c_char,
    code_len: usize,
    code_verifier: *const c_char,
    code_verifier_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base = text(base_url, base_url_len),
        id = text(client_id, client_id_len),
        secret = text(client_secret, client_secret_len),
        redirect = text(redirect_uri, redirect_uri_len),
        code = text(code, code_len),
        verifier = optional_text(code_verifier, code_verifier_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let built = oauth::token_request(base, id, secret, redirect, code, verifier);
            finish_request(built, out_request, out)
        }
    )
}

/// Parses the token answer, form-encoded (`access_token=…&expires=…`) or JSON. An `error`
/// answer is `QM_STATUS_OAUTH_ERROR` (details in `qm_last_error_message`).
///
/// @param body, body_len    the answer body as received (bytes).
/// @param out_token         receives the token on `QM_STATUS_OK`.
/// @param buf, buf_cap, out_len  caller buffer for the token.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// `(body, body_len)` must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_token` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_parse_token_answer(
    body: *const u8,
    body_len: usize,
    out_token: *mut qm_oauth_access_token,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_token = out(out_token),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let token = oauth::parse_token_answer(body)?;
            let [access_token] = out.write_parts([token.access_token.expose()])?;
            out_token.write(qm_oauth_access_token {
                access_token,
                expires: token.expires.into(),
            })
        }
    )
}

/// The user-info request `GET <base>/v1.0/oauth2/userinfo?access_token=…`.
///
/// @param base_url, access_token  (ptr, len) UTF-8 texts.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_userinfo_request(
    base_url: *const c_char,
    base_url_len: usize,
    access_token: *const c_char,
    access_token_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base = text(base_url, base_url_len),
        token = text(access_token, access_token_len),
        out = buffer(buf, buf_cap, out_len),
        { finish_request(oauth::userinfo_request(base, token), out_request, out) }
    )
}

/// Parses the user-info answer: the user id and every attribute (non-string values as their
/// compact JSON text). `expired_accessToken` is `QM_STATUS_TOKEN_EXPIRED`; an empty body
/// `QM_STATUS_ACCOUNT_NOT_BOUND`.
///
/// @param body, body_len        the answer body as received (bytes).
/// @param out_id                receives the user id on success.
/// @param out_attributes        caller array of `attribute_cap` name/value views (NULL
///                              allowed when `attribute_cap` is 0).
/// @param attribute_cap         its capacity (the core accepts at most 256 attributes).
/// @param out_attribute_count   receives the number of attributes, or the number needed on
///                              `QM_STATUS_INSUFFICIENT_SIZE`.
/// @param buf, buf_cap, out_len caller buffer for every text.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// `(body, body_len)` must describe readable memory; `out_attributes` must have
/// `attribute_cap` writable elements; `buf` `buf_cap` writable bytes; the other outputs writable.
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_parse_userinfo_answer(
    body: *const u8,
    body_len: usize,
    out_id: *mut qm_str,
    out_attributes: *mut qm_header,
    attribute_cap: usize,
    out_attribute_count: *mut usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_id = out(out_id),
        attributes = items(out_attributes, attribute_cap, out_attribute_count),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let user = oauth::parse_userinfo_answer(body)?;
            let mut id = [qm_str::EMPTY];
            let list = Some((&user.attributes[..], attributes));
            out.write_list(&[Some(user.id.as_str())], &mut id, list)?;
            out_id.write(id[0])
        }
    )
}

/// Parses the redirect back from the identity server (a full URL or its query string) and
/// checks `state` in constant time. `error=…` is `QM_STATUS_OAUTH_ERROR`; a missing or
/// different state `QM_STATUS_STATE_MISMATCH`.
///
/// @param callback, callback_len          the callback URL or query string.
/// @param expected_state, expected_state_len  the state sent with the authorize URL
///                                        (required: empty is `QM_STATUS_INVALID_FIELD`).
/// @param out_callback                    receives code and state on success.
/// @param buf, buf_cap, out_len           caller buffer for the texts.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every non-NULL `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap`
/// writable bytes; `out_callback` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_oauth_parse_callback(
    callback: *const c_char,
    callback_len: usize,
    expected_state: *const c_char,
    expected_state_len: usize,
    out_callback: *mut qm_oauth_callback,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_callback = out(out_callback),
        callback = text(callback, callback_len),
        expected = text(expected_state, expected_state_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let parsed = oauth::parse_callback(callback, expected)?;
            let [code, state] =
                out.write_optional_parts([Some(parsed.code.as_str()), parsed.state.as_deref()])?;
            out_callback.write(qm_oauth_callback { code, state })
        }
    )
}
