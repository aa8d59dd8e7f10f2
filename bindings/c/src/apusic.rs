//! Apusic management sessions: base URL, session request, session answer, later calls' headers.

use crate::boundary::record_detail;
use crate::http::AnswerOut;
use crate::http::{finish_request, qm_http_request};
use crate::output::qm_str;
use crate::output::Items;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::status::qm_status;
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

/// The body of `qm_apusic_base_url_for_host`.
fn base_url_for_host(host: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&apusic::base_url_for_host(host)?)
}

/// The body of `qm_apusic_session_request`.
fn session_request(
    base: &str,
    user: &str,
    password: &str,
    mode: u32,
    remote: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

/// The body of `qm_apusic_parse_session_answer`.
fn parse_session_answer(
    body: &[u8],
    answer_to: AnswerOut<qm_apusic_session_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    answer_to.write(apusic::parse_session_answer(body), out, |token, out| {
        let [token, message] =
            out.write_optional_parts([Some(token.token.expose()), token.message.as_deref()])?;
        Ok(qm_apusic_session_token { token, message })
    })
}

/// The body of `qm_apusic_call_headers`.
fn call_headers(
    token: &str,
    cookie: Option<&str>,
    x_auth_token: bool,
    out_headers: Items,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let cookie = cookie.unwrap_or(apusic::DEFAULT_TOKEN_COOKIE);
    out.write_pairs(
        &apusic::call_headers(token, cookie, x_auth_token)?,
        out_headers,
    )
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/apusic.rs"));
