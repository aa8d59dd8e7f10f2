//! IoT edge gateway: login and refresh requests, the token answer, `x-token`, JWT claims.

use crate::http::AnswerOut;
use crate::http::{finish_request, qm_http_request, qm_lifetime, qm_opt_u64};
use crate::output::Out;
use crate::output::OutBuffer;
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
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

/// The body of `qm_edge_login_request`.
fn login_request(
    base: &str,
    user: &str,
    password: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    finish_request(edge::login_request(base, user, password), out_request, out)
}

/// The body of `qm_edge_refresh_request`.
fn refresh_request(
    base: &str,
    token: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    finish_request(edge::refresh_request(base, token), out_request, out)
}

/// The body of `qm_edge_x_token_header`.
fn x_token_header(
    token: &str,
    out_header: Out<qm_header>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let (name, value) = edge::x_token_header(token)?;
    let [name, value] = out.write_parts([&name, &value])?;
    out_header.write(qm_header { name, value })
}

/// The body of `qm_edge_parse_token_answer`.
fn parse_token_answer(
    body: &[u8],
    answer_to: AnswerOut<qm_edge_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

/// The body of `qm_edge_read_jwt_claims`.
fn read_jwt_claims(
    jwt: &str,
    out_claims: Out<qm_edge_jwt_claims>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let claims = edge::read_jwt_claims(jwt)?;
    let [iss, payload_json] =
        out.write_optional_parts([claims.iss.as_deref(), Some(claims.payload_json.as_str())])?;
    let parts = qm_edge_jwt_claims {
        exp: claims.exp.into(),
        iat: claims.iat.into(),
        nbf: claims.nbf.into(),
        iss,
        payload_json,
    };
    out_claims.write(parts)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/edge.rs"));
