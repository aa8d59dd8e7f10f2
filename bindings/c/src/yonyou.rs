//! Yonyou open platform (YonBIP / YonSuite) self-built app token: the signature, the token
//! request and its answer (docs/spec/yonyou.md).

use crate::http::AnswerOut;
use crate::http::{finish_request, qm_http_request, qm_lifetime};
use crate::output::qm_str;
use crate::output::Out;
use crate::output::OutBuffer;
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

/// The body of `qm_yonyou_default_token_url`.
fn default_token_url() -> *const c_char {
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

/// The body of `qm_yonyou_signature`.
fn signature(
    app_key: &str,
    app_secret: &str,
    timestamp_ms: u64,
    out_parts: Out<qm_yonyou_signature_parts>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let signed = yonyou::signature(app_key, app_secret, timestamp_ms)?;
    let [signature, signature_urlencoded] =
        out.write_parts([&signed.signature, &signed.signature_urlencoded])?;
    out_parts.write(qm_yonyou_signature_parts {
        signature,
        signature_urlencoded,
    })
}

/// The body of `qm_yonyou_token_request`.
fn token_request(
    token_url: &str,
    app_key: &str,
    app_secret: &str,
    timestamp_ms: u64,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let built = yonyou::token_request(token_url, app_key, app_secret, timestamp_ms);
    finish_request(built, out_request, out)
}

/// The body of `qm_yonyou_parse_token_answer`.
fn parse_token_answer(
    body: &[u8],
    received_at_ms: u64,
    answer_to: AnswerOut<qm_yonyou_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/yonyou.rs"));
