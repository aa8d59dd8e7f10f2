//! IoT edge gateway (port 58081; docs/spec/edge.md, seed 004): the login and refresh requests,
//! the parser of their answer, the `x-token` header, and a JWT claims reader.

mod jwt;

pub use jwt::{read_jwt_claims, JwtClaims};

use crate::encode;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::limits;
use crate::secret::Secret;
use crate::token::{Answer, Lifetime, Refusal, EDGE_REFRESH_LIFETIME_MS};
use alloc::format;
use alloc::string::{String, ToString};

/// The gateway's port.
pub const DEFAULT_PORT: u16 = 58081;
/// The login path.
pub const LOGIN_PATH: &str = "/v1.0/openapi/auth/login";
/// The refresh path, followed by the refresh token as one path segment.
pub const REFRESH_PATH_PREFIX: &str = "/v1.0/openapi/token/";
/// The header every other call carries the access token in.
pub const TOKEN_HEADER: &str = "x-token";

/// `POST <base>/v1.0/openapi/auth/login` with `Content-Type: application/json` and the body
/// `{"username":…,"password":…}` (compact JSON, strings escaped: `"` `\` and control
/// characters; non-ASCII text as UTF-8).
///
/// ```
/// let req = qianming::edge::login_request("http://127.0.0.1:58081", "admin", "123456")?;
/// assert_eq!(req.url, "http://127.0.0.1:58081/v1.0/openapi/auth/login");
/// assert_eq!(req.body.as_deref(), Some(r#"{"username":"admin","password":"123456"}"#));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn login_request(base_url: &str, username: &str, password: &str) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    limits::check_text("the user name", username)?;
    limits::check_text("the password", password)?;
    let mut body = String::with_capacity(32 + username.len() + password.len());
    body.push_str("{\"username\":");
    json::push_string(&mut body, username);
    body.push_str(",\"password\":");
    json::push_string(&mut body, password);
    body.push('}');
    Ok(
        HttpRequest::new(Method::Post, format!("{base}{LOGIN_PATH}"))?
            .with_header("Content-Type", "application/json")?
            .with_body(body),
    )
}

/// `POST <base>/v1.0/openapi/token/<refresh_token>`, the token percent-encoded as one path
/// segment ([`encode::path_segment_encode`]), so `/`, `?`, `#` or `%` in it cannot change the
/// path; an empty token, `.` or `..` is refused (`invalid_field`).
///
/// ```
/// let req = qianming::edge::refresh_request("http://127.0.0.1:58081", "eyJh.eyJJ.yG6o")?;
/// assert_eq!(req.url, "http://127.0.0.1:58081/v1.0/openapi/token/eyJh.eyJJ.yG6o");
/// let odd = qianming::edge::refresh_request("http://127.0.0.1:58081", "../auth/login?x")?;
/// assert_eq!(odd.url, "http://127.0.0.1:58081/v1.0/openapi/token/..%2Fauth%2Flogin%3Fx");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn refresh_request(base_url: &str, refresh_token: &str) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    limits::check_len(
        "the refresh token",
        refresh_token.len(),
        limits::MAX_JWT_BYTES,
    )?;
    if matches!(refresh_token, "" | "." | "..") {
        return Err(Error::new(
            ErrorKind::InvalidField,
            "the refresh token is empty, '.' or '..', which cannot be a path segment",
        ));
    }
    let segment = encode::path_segment_encode(refresh_token);
    HttpRequest::new(
        Method::Post,
        format!("{base}{REFRESH_PATH_PREFIX}{segment}"),
    )
}

/// The header `x-token: <access_token>` for every other call; the token must travel in a
/// header unchanged (no CR/LF, no non-ASCII, not empty).
///
/// ```
/// assert_eq!(qianming::edge::x_token_header("ABCDEFJ")?, ("x-token".into(), "ABCDEFJ".into()));
/// assert!(qianming::edge::x_token_header("a\r\nx: y").is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn x_token_header(access_token: &str) -> Result<(String, String)> {
    limits::check_len(
        "the access token",
        access_token.len(),
        limits::MAX_JWT_BYTES,
    )?;
    http::check_header_value("the access token", access_token, false)?;
    Ok((TOKEN_HEADER.to_string(), access_token.to_string()))
}

/// Tokens from a login or refresh answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EdgeToken {
    /// `result.access_token` (a JWT).
    pub access_token: Secret,
    /// `result.refresh_token` (a JWT), if sent.
    pub refresh_token: Option<Secret>,
    /// `result.expire`: when the access token expires, seconds since the epoch.
    pub expire: u64,
    /// `t`: the server's clock when it answered, milliseconds, if sent.
    pub t: Option<u64>,
    /// `code`, as text, if sent.
    pub code: Option<String>,
    /// Reuse until `expire`; refresh until the refresh token's JWT `exp` (or, when that
    /// cannot be read, `t` + 14 days); no refresh without a refresh token.
    pub lifetime: Lifetime,
}

/// Parses a login or refresh answer `{"code", "success", "t", "result": {"access_token",
/// "expire", "refresh_token"}}`.
///
/// `success: true` gives [`Answer::Granted`] (`result.access_token` non-empty, `result.expire`
/// a non-negative integer); `success: false` (the gateway answers errors with HTTP 200) gives
/// [`Answer::Refused`] of kind `login_failed` with `code` and `msg` (or `message`). A malformed
/// body is an error (`invalid_json`, `missing_field`, `invalid_field`, `input_too_large`).
///
/// ```
/// let body = br#"{"code":0,"success":true,"t":1686386096216,"result":{"access_token":"a.b.c","expire":1686393296}}"#;
/// let token = qianming::edge::parse_token_answer(body)?.into_result()?;
/// assert_eq!(token.lifetime.expires_at_ms, 1686393296000);
/// let no = qianming::edge::parse_token_answer(br#"{"code":7,"success":false,"msg":"bad password"}"#)?;
/// assert_eq!(no.into_result().unwrap_err().kind().name(), "login_failed");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_token_answer(body: &[u8]) -> Result<Answer<EdgeToken>> {
    const WHAT: &str = "the edge gateway token answer";
    const RESULT: &str = "result of the edge gateway token answer";
    let object = json::parse_object(WHAT, body)?;
    let success = json::req_bool(&object, WHAT, "success")?;
    let code = json::opt_code(&object, WHAT, "code")?;
    let t = json::opt_u64(&object, WHAT, "t")?;
    if !success {
        let message = match json::opt_str(&object, WHAT, "msg")? {
            Some(m) => Some(m),
            None => json::opt_str(&object, WHAT, "message")?,
        };
        return Ok(Answer::Refused(
            Refusal::new(ErrorKind::LoginFailed, message.unwrap_or_default()).with_code(code),
        ));
    }
    let result = json::req_object(&object, WHAT, "result")?;
    let access_token = json::req_token(result, RESULT, "access_token")?;
    let expire = json::req_u64(result, RESULT, "expire")?;
    let refresh_token = match json::opt_str(result, RESULT, "refresh_token")? {
        Some("") => {
            return Err(Error::new(
                ErrorKind::InvalidField,
                "the refresh_token of the edge gateway answer is empty",
            ))
        }
        other => other,
    };
    let mut lifetime = Lifetime::from_exp_seconds(expire);
    if let Some(refresh) = refresh_token {
        match read_jwt_claims(refresh).ok().and_then(|c| c.exp) {
            Some(exp) => lifetime = lifetime.with_refresh_exp_seconds(exp),
            None => {
                if let Some(t) = t {
                    lifetime =
                        lifetime.with_refresh_until(t.saturating_add(EDGE_REFRESH_LIFETIME_MS));
                }
            }
        }
    }
    Ok(Answer::Granted(EdgeToken {
        access_token: Secret::new(access_token),
        refresh_token: refresh_token.map(Secret::new),
        expire,
        t,
        code,
        lifetime,
    }))
}
