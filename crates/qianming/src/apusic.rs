//! Apusic (金蝶天燕) application server management token (docs/spec/apusic.md, seed 000): the
//! request for `POST https://<host>:6848/management/sessions`, the parser of its answer and the
//! headers that carry the token on later calls.

use crate::basic::{self, AuthorizationMode};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::secret::Secret;
use crate::token::{Answer, Refusal};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// The management port.
pub const DEFAULT_PORT: u16 = 6848;
/// The path of the token endpoint.
pub const SESSIONS_PATH: &str = "/management/sessions";
/// The cookie that carries the token, as the seed names it (stock GlassFish: `gfresttoken`).
pub const DEFAULT_TOKEN_COOKIE: &str = "gfrestdtoken";
/// The value of `X-Requested-By`, required on every non-GET call.
pub const REQUESTED_BY: &str = "Apusic";

/// `https://<host>:6848` for a host name, an IPv4 address or a bracketed IPv6 address.
///
/// ```
/// assert_eq!(qianming::apusic::base_url_for_host("172.20.140.17")?, "https://172.20.140.17:6848");
/// assert_eq!(qianming::apusic::base_url_for_host("[::1]")?, "https://[::1]:6848");
/// assert!(qianming::apusic::base_url_for_host("h/evil").is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn base_url_for_host(host: &str) -> Result<String> {
    let name_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let ipv6_ok = host.len() > 2
        && host.starts_with('[')
        && host.ends_with(']')
        && host[1..host.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    if !(name_ok || ipv6_ok) || host.len() > 255 {
        return Err(Error::new(
            ErrorKind::InvalidUrl,
            format!("{host:?} is not a host name, an IPv4 address or a bracketed IPv6 address"),
        ));
    }
    Ok(format!("https://{host}:{DEFAULT_PORT}"))
}

/// `POST <base>/management/sessions` with the headers of
/// docs/spec/apusic.md#management-session-request, in this order:
/// `Content-Type: application/json`, `Accept: application/json`, `X-Requested-By: Apusic`,
/// `Cache-Control: no-cache`, `Authorization` (`Basic <credentials>`, or the bare credentials
/// in [`AuthorizationMode::Raw`]) and `remoteHostName` (the caller's address); body `{}`.
///
/// ```
/// use qianming::apusic::{base_url_for_host, session_request};
/// use qianming::basic::AuthorizationMode;
/// let base = base_url_for_host("172.20.140.17")?;
/// let req = session_request(&base, "admin", "admin123", AuthorizationMode::Basic, "10.0.0.8")?;
/// assert_eq!(req.url, "https://172.20.140.17:6848/management/sessions");
/// assert_eq!(req.header("Authorization"), Some("Basic YWRtaW46YWRtaW4xMjM="));
/// assert_eq!(req.header("remoteHostName"), Some("10.0.0.8"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn session_request(
    base_url: &str,
    user: &str,
    password: &str,
    mode: AuthorizationMode,
    remote_host_name: &str,
) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    let authorization = Secret::new(basic::authorization_header(user, password, mode)?);
    Ok(
        HttpRequest::new(Method::Post, format!("{base}{SESSIONS_PATH}"))?
            .with_header("Content-Type", "application/json")?
            .with_header("Accept", "application/json")?
            .with_header("X-Requested-By", REQUESTED_BY)?
            .with_header("Cache-Control", "no-cache")?
            .with_header("Authorization", authorization.expose())?
            .with_header("remoteHostName", remote_host_name)?
            .with_body("{}"),
    )
}

/// An Apusic management token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionToken {
    /// `extraProperties.token`.
    pub token: Secret,
    /// `message`, if present.
    pub message: Option<String>,
}

/// Parses `{"message", "exit_code", "extraProperties": {"token"}}`.
///
/// `exit_code` `SUCCESS` gives [`Answer::Granted`] (`extraProperties.token` must be a
/// non-empty string); any other exit code (`FAILURE`, the seed's `FALSE`) gives
/// [`Answer::Refused`] of kind `login_failed` with the exit code and the message. A
/// malformed body (an HTML 401 page, for instance) is an error.
///
/// ```
/// let body = br#"{"message":"","exit_code":"SUCCESS","extraProperties":{"token":"2d8085c8"}}"#;
/// let token = qianming::apusic::parse_session_answer(body)?.into_result()?;
/// assert_eq!(token.token.expose(), "2d8085c8");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_session_answer(body: &[u8]) -> Result<Answer<SessionToken>> {
    const WHAT: &str = "the Apusic session answer";
    let object = json::parse_object(WHAT, body)?;
    let exit_code = json::req_str(&object, WHAT, "exit_code")?;
    let message = json::opt_str(&object, WHAT, "message")?.map(ToString::to_string);
    if exit_code != "SUCCESS" {
        return Ok(Answer::Refused(
            Refusal::new(ErrorKind::LoginFailed, message.unwrap_or_default())
                .with_code(Some(exit_code.to_string())),
        ));
    }
    let extra = json::req_object(&object, WHAT, "extraProperties")?;
    let token = json::req_token(
        extra,
        "extraProperties of the Apusic session answer",
        "token",
    )?;
    Ok(Answer::Granted(SessionToken {
        token: Secret::new(token),
        message,
    }))
}

/// The headers of a later management call: `Cookie: <cookie_name>=<token>`, then
/// `X-Auth-Token: <token>` when `x_auth_token` is set (stock GlassFish accepts it), then
/// `X-Requested-By: Apusic`.
///
/// `cookie_name` must be an HTTP token ([`DEFAULT_TOKEN_COOKIE`] for the seed's server); the
/// token must be a cookie value: visible ASCII without `"` `,` `;` `\` or white space, so it
/// can neither inject a header nor another cookie.
///
/// ```
/// use qianming::apusic::{call_headers, DEFAULT_TOKEN_COOKIE};
/// let headers = call_headers("2d8085c851a23e6eba4dda394086e4f2e", DEFAULT_TOKEN_COOKIE, false)?;
/// assert_eq!(headers[0], ("Cookie".into(), "gfrestdtoken=2d8085c851a23e6eba4dda394086e4f2e".into()));
/// assert_eq!(headers[1], ("X-Requested-By".into(), "Apusic".into()));
/// assert!(call_headers("a;admin=1", DEFAULT_TOKEN_COOKIE, false).is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn call_headers(
    token: &str,
    cookie_name: &str,
    x_auth_token: bool,
) -> Result<Vec<(String, String)>> {
    http::check_header_name(cookie_name)?;
    http::check_header_value("the token", token, false)?;
    if token
        .bytes()
        .any(|b| matches!(b, b'"' | b',' | b';' | b'\\' | b' ' | b'\t'))
    {
        return Err(Error::new(
            ErrorKind::InvalidHeaderValue,
            "the token contains a character a cookie value cannot carry (\" , ; \\ or white space)",
        ));
    }
    let mut headers = Vec::with_capacity(3);
    headers.push(("Cookie".to_string(), format!("{cookie_name}={token}")));
    if x_auth_token {
        headers.push(("X-Auth-Token".to_string(), token.to_string()));
    }
    headers.push(("X-Requested-By".to_string(), REQUESTED_BY.to_string()));
    Ok(headers)
}
