//! Apusic unified identity (OAuth 2.0 authorization code): authorize URL, PKCE, token
//! exchange, user info, callback.

use crate::http::{finish_request, qm_http_request, qm_opt_u64};
use crate::output::qm_str;
use crate::output::Items;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::status::qm_status;
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

/// The body of `qm_oauth_pkce_challenge`.
fn pkce_challenge(verifier: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&oauth::pkce_challenge(verifier)?)
}

/// The body of `qm_oauth_authorize_url`.
fn authorize_url(
    base: &str,
    id: &str,
    redirect: &str,
    state: Option<&str>,
    verifier: Option<&str>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    out.write(&oauth::authorize_url(base, id, redirect, state, verifier)?)
}

/// The body of `qm_oauth_token_request`.
fn token_request(
    base: &str,
    id: &str,
    secret: &str,
    redirect: &str,
    code: &str,
    verifier: Option<&str>,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let built = oauth::token_request(base, id, secret, redirect, code, verifier);
    finish_request(built, out_request, out)
}

/// The body of `qm_oauth_parse_token_answer`.
fn parse_token_answer(
    body: &[u8],
    out_token: Out<qm_oauth_access_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let token = oauth::parse_token_answer(body)?;
    let [access_token] = out.write_parts([token.access_token.expose()])?;
    out_token.write(qm_oauth_access_token {
        access_token,
        expires: token.expires.into(),
    })
}

/// The body of `qm_oauth_userinfo_request`.
fn userinfo_request(
    base: &str,
    token: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    finish_request(oauth::userinfo_request(base, token), out_request, out)
}

/// The body of `qm_oauth_parse_userinfo_answer`.
fn parse_userinfo_answer(
    body: &[u8],
    out_id: Out<qm_str>,
    attributes: Items,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let user = oauth::parse_userinfo_answer(body)?;
    let mut id = [qm_str::EMPTY];
    let list = Some((&user.attributes[..], attributes));
    out.write_list(&[Some(user.id.as_str())], &mut id, list)?;
    out_id.write(id[0])
}

/// The body of `qm_oauth_parse_callback`.
fn parse_callback(
    callback: &str,
    expected: &str,
    out_callback: Out<qm_oauth_callback>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let parsed = oauth::parse_callback(callback, expected)?;
    let [code, state] =
        out.write_optional_parts([Some(parsed.code.as_str()), parsed.state.as_deref()])?;
    out_callback.write(qm_oauth_callback { code, state })
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/oauth.rs"));
