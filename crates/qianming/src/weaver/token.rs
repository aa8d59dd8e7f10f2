//! The Weaver token: the request for `POST /api/cus/token/auth/getToken` and the parser of its
//! answer `{"batchkey", "msg", "status", "token"}` (docs/spec/weaver.md#token-request,
//! docs/spec/weaver.md#token-answer; seed 002).

use super::Signer;
use crate::error::{ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::secret::Secret;
use crate::token::{Answer, Lifetime, Refusal, WEAVER_TOKEN_LIFETIME_MS};
use alloc::format;
use alloc::string::{String, ToString};

/// The path of the token endpoint.
pub const TOKEN_PATH: &str = "/api/cus/token/auth/getToken";

/// The server's failure messages (seed 002 §5.2–§5.6) and the kinds they map to. A message
/// matches when it contains the text; anything else is `vendor_error`.
pub const FAILURE_MESSAGES: [(&str, ErrorKind); 5] = [
    ("已被禁用", ErrorKind::AppidDisabled),
    ("appid或sign参数值异常", ErrorKind::SignMismatch),
    ("禁用重复签名获取token", ErrorKind::Replayed),
    ("签名解密异常", ErrorKind::Undecryptable),
    ("签名已过期", ErrorKind::Expired),
];

/// `POST <base>/api/cus/token/auth/getToken` with headers `Content-Type: application/json`,
/// `appid` and `sign`, and no body (the seed sends everything in headers). `appid` and `sign`
/// must be able to travel in a header (no CR/LF, no non-ASCII).
///
/// ```
/// let req = qianming::weaver::token_request("http://10.0.0.1", "weaverappid", "48433ec4")?;
/// assert_eq!(req.url, "http://10.0.0.1/api/cus/token/auth/getToken");
/// assert_eq!(req.header("sign"), Some("48433ec4"));
/// assert!(qianming::weaver::token_request("http://10.0.0.1", "a\r\nX: y", "s").is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_request(base_url: &str, appid: &str, sign: &str) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    HttpRequest::new(Method::Post, format!("{base}{TOKEN_PATH}"))?
        .with_header("Content-Type", "application/json")?
        .with_header("appid", appid)?
        .with_header("sign", sign)
}

/// [`token_request`] with a fresh sign made by `signer` at `timestamp_ms` (each sign works
/// once: a retry must build a new request).
pub fn signed_token_request(
    signer: &Signer,
    base_url: &str,
    timestamp_ms: u64,
) -> Result<HttpRequest> {
    token_request(base_url, signer.appid(), &signer.sign(timestamp_ms))
}

/// A Weaver token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WeaverToken {
    /// `token`.
    pub token: Secret,
    /// `msg` (`获取成功!`), if present.
    pub msg: Option<String>,
    /// `batchkey` (the key of the server's log entry), if present.
    pub batchkey: Option<String>,
    /// 30 minutes from the time the answer was received.
    pub lifetime: Lifetime,
}

/// Parses the token answer received at `received_at_ms`.
///
/// `status: true` gives [`Answer::Granted`] (`token` must be a non-empty string);
/// `status: false` gives [`Answer::Refused`] keeping `msg` and `batchkey`, its kind taken from
/// [`FAILURE_MESSAGES`]: `appid_disabled`, `sign_mismatch` (appid或sign参数值异常), `replayed`,
/// `undecryptable`, `expired`, else `vendor_error`. A malformed body is an error.
///
/// ```
/// use qianming::weaver::parse_token_answer;
/// let ok = r#"{"batchkey":"k","msg":"获取成功!","status":true,"token":"fdca51c0"}"#;
/// assert_eq!(parse_token_answer(ok.as_bytes(), 0)?.into_result()?.token.expose(), "fdca51c0");
/// let no = r#"{"batchkey":"k","msg":"签名已过期,请确认!!!","status":false}"#;
/// assert_eq!(parse_token_answer(no.as_bytes(), 0)?.into_result().unwrap_err().kind().name(), "expired");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_token_answer(body: &[u8], received_at_ms: u64) -> Result<Answer<WeaverToken>> {
    const WHAT: &str = "the Weaver token answer";
    let object = json::parse_object(WHAT, body)?;
    let status = json::req_bool(&object, WHAT, "status")?;
    let msg = json::opt_str(&object, WHAT, "msg")?.map(ToString::to_string);
    let batchkey = json::opt_str(&object, WHAT, "batchkey")?.map(ToString::to_string);
    if !status {
        let message = msg.unwrap_or_default();
        let kind = FAILURE_MESSAGES
            .iter()
            .find(|(text, _)| message.contains(text))
            .map_or(ErrorKind::VendorError, |&(_, kind)| kind);
        return Ok(Answer::Refused(
            Refusal::new(kind, message).with_batchkey(batchkey),
        ));
    }
    let token = json::req_token(&object, WHAT, "token")?;
    Ok(Answer::Granted(WeaverToken {
        token: Secret::new(token),
        msg,
        batchkey,
        lifetime: Lifetime::from_lifetime(received_at_ms, WEAVER_TOKEN_LIFETIME_MS),
    }))
}
