//! The Kingdee app-token: the request for `GET /jdyconnector/app_management/kingdee_auth_token`
//! and the parser of its answer (docs/spec/kingdee.md#app-token-request,
//! docs/spec/kingdee.md#app-token-answer).

use super::{explain_app_signature, Request, SignedRequest, Signer};
use crate::error::{Error, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::secret::Secret;
use crate::token::{Answer, Lifetime, Refusal, KINGDEE_TOKEN_LIFETIME_MS};
use crate::ErrorKind;
use alloc::format;
use alloc::string::{String, ToString};

/// The path of the app-token endpoint.
pub const TOKEN_PATH: &str = "/jdyconnector/app_management/kingdee_auth_token";

/// A signed app-token request, with what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenRequest {
    /// The request to send: `GET <base>/jdyconnector/app_management/kingdee_auth_token?app_key=…&app_signature=…[&uid=…]`
    /// with the six `X-Api-*` headers.
    pub http: HttpRequest,
    /// `app_signature` (docs/spec/kingdee.md#app-signature).
    pub app_signature: String,
    /// Every intermediate of the request signature, to debug an HTTP 519.
    pub signing: SignedRequest,
}

/// Builds the signed app-token request.
///
/// `base_url` is the gateway (`https://api.kingdee.com`; a path prefix, percent-encoded as in
/// any URL, is kept on the wire and signed decoded),
/// `signer` holds the client id and secret, `app_key`/`app_secret` make `app_signature`,
/// `uid` is the optional `uid` query parameter, `timestamp` (ms, decimal) and `nonce` as for
/// [`Signer::sign`]. Header values and the URL are checked (no CR/LF can get through).
///
/// ```
/// use qianming::kingdee::{token_request, Signer};
/// let signer = Signer::new("123456", "0123456789abcdef0123456789abcdef")?;
/// let req = token_request(&signer, "https://api.kingdee.com", "abc", "abc123", None, "1700000000000", "1234567890")?;
/// assert!(req.http.url.starts_with(
///     "https://api.kingdee.com/jdyconnector/app_management/kingdee_auth_token?app_key=abc&app_signature=ZDlj"));
/// assert_eq!(req.http.header("X-Api-Signature"), Some(req.signing.signature.as_str()));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_request(
    signer: &Signer,
    base_url: &str,
    app_key: &str,
    app_secret: &str,
    uid: Option<&str>,
    timestamp: &str,
    nonce: &str,
) -> Result<TokenRequest> {
    let base = http::base_url(base_url)?;
    let app_signature = explain_app_signature(app_key, app_secret)?.app_signature;
    let after_scheme = base.find("://").map_or(base, |i| &base[i + 3..]);
    let prefix = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    // The base URL is already in wire form; the gateway signs the decoded path.
    let prefix = crate::encode::percent_decode(prefix).map_err(|e| {
        Error::new(
            ErrorKind::InvalidUrl,
            format!("the base URL's path cannot be decoded: {}", e.detail()),
        )
    })?;
    let path = format!("{prefix}{TOKEN_PATH}");
    let mut query = alloc::vec![
        ("app_key", app_key),
        ("app_signature", app_signature.as_str())
    ];
    if let Some(uid) = uid {
        query.push(("uid", uid));
    }
    let signing = signer.sign(
        &Request::new("GET", &path).with_query(&query),
        timestamp,
        nonce,
    )?;
    let url = format!("{base}{TOKEN_PATH}?{}", signing.wire_query);
    let mut request = HttpRequest::new(Method::Get, url)?;
    for (name, value) in &signing.headers {
        request = request.with_header(name, value)?;
    }
    Ok(TokenRequest {
        http: request,
        app_signature,
        signing,
    })
}

/// A Kingdee app-token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppToken {
    /// `data.app-token`.
    pub app_token: Secret,
    /// `data.uid` as text (the gateway sends a number or a string), if present.
    pub uid: Option<String>,
    /// `description` (`成功` on success), if present.
    pub description: Option<String>,
    /// 24 hours from the time the answer was received.
    pub lifetime: Lifetime,
}

/// Parses the app-token answer `{"errcode", "description", "data": {"uid", "app-token"}}`
/// received at `received_at_ms`.
///
/// `errcode` 0 gives [`Answer::Granted`] (`data.app-token` must be a non-empty string); any
/// other errcode gives [`Answer::Refused`] of kind `vendor_error` carrying errcode and
/// description (`授权密钥校验失败`: a wrong or rotated secret). A malformed body is an error:
/// `invalid_json`, `missing_field`, `invalid_field` or `input_too_large`.
///
/// ```
/// use qianming::kingdee::parse_token_answer;
/// let body = r#"{"errcode":0,"description":"成功","data":{"uid":"7","app-token":"tok"}}"#;
/// let token = parse_token_answer(body.as_bytes(), 1_000)?.into_result()?;
/// assert_eq!((token.app_token.expose(), token.lifetime.expires_at_ms), ("tok", 1_000 + 86_400_000));
/// let refused = parse_token_answer(r#"{"errcode":1001,"description":"授权密钥校验失败"}"#.as_bytes(), 0)?;
/// assert_eq!(refused.refusal().unwrap().code.as_deref(), Some("1001"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_token_answer(body: &[u8], received_at_ms: u64) -> Result<Answer<AppToken>> {
    const WHAT: &str = "the Kingdee token answer";
    let object = json::parse_object(WHAT, body)?;
    let errcode = json::opt_code(&object, WHAT, "errcode")?.ok_or_else(|| {
        crate::Error::new(
            ErrorKind::MissingField,
            "the Kingdee token answer has no field \"errcode\"",
        )
    })?;
    let description = json::opt_str(&object, WHAT, "description")?.map(ToString::to_string);
    if errcode != "0" {
        return Ok(Answer::Refused(
            Refusal::new(ErrorKind::VendorError, description.unwrap_or_default())
                .with_code(Some(errcode)),
        ));
    }
    let data = json::req_object(&object, WHAT, "data")?;
    let app_token = json::req_token(data, "data of the Kingdee token answer", "app-token")?;
    let uid = json::opt_code(data, "data of the Kingdee token answer", "uid")?;
    Ok(Answer::Granted(AppToken {
        app_token: Secret::new(app_token),
        uid,
        description,
        lifetime: Lifetime::from_lifetime(received_at_ms, KINGDEE_TOKEN_LIFETIME_MS),
    }))
}
