//! Yonyou open platform (YonBIP / YonSuite) self-built app token (docs/spec/yonyou.md):
//! `signature` = Base64(HmacSHA256(appSecret, "appKey" + appKey + "timestamp" + timestamp_ms)),
//! sent URL-encoded as `java.net.URLEncoder` does, in
//! `GET <token URL>?appKey=…&timestamp=…&signature=…`; the answer
//! `{"code": "00000", "message", "data": {"access_token", "expire"}}`.

use crate::decimal;
use crate::digest::HmacKey;
use crate::encode;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::limits;
use crate::secret::Secret;
use crate::token::{Answer, Lifetime, Refusal};
use alloc::string::{String, ToString};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The token endpoint of the public cloud in Yonyou's self-built app demo. YonBIP data
/// centres and private deployments serve the same request at their own URL.
pub const DEFAULT_TOKEN_URL: &str =
    "https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken";
/// The `code` of a granted answer.
pub const SUCCESS_CODE: &str = "00000";

/// A token request signature, bare and URL-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signature {
    /// Base64 of the HMAC-SHA256 tag.
    pub signature: String,
    /// `signature` as `java.net.URLEncoder` encodes it (`+` `/` `=` escaped): the query value.
    pub signature_urlencoded: String,
}

/// The signature of a token request at `timestamp_ms` (milliseconds). The app secret must
/// not be empty (`empty_secret`).
///
/// ```
/// let s = qianming::yonyou::signature("fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7", "secret", 1_547_192_727_928)?;
/// assert_eq!(s.signature.len(), 44);
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn signature(app_key: &str, app_secret: &str, timestamp_ms: u64) -> Result<Signature> {
    if app_secret.is_empty() {
        return Err(Error::new(ErrorKind::EmptySecret, "the appSecret is empty"));
    }
    limits::check_text("the appKey", app_key)?;
    limits::check_text("the appSecret", app_secret)?;
    // The parameters sorted by name (`appKey` < `timestamp`), each name then its value.
    let mut message = String::with_capacity(app_key.len() + 32);
    message.push_str("appKey");
    message.push_str(app_key);
    message.push_str("timestamp");
    message.push_str(decimal::format_u64(
        timestamp_ms,
        &mut decimal::itoa_buffer(),
    ));
    let tag = HmacKey::new(app_secret.as_bytes()).mac(message.as_bytes());
    let signature = STANDARD.encode(tag);
    let signature_urlencoded = encode::java_encode(&signature);
    Ok(Signature {
        signature,
        signature_urlencoded,
    })
}

/// `GET <token_url>?appKey=…&timestamp=…&signature=…` ([`DEFAULT_TOKEN_URL`] for the public
/// cloud). The token URL is an `http(s)` URL without query (`invalid_url`); the app key must
/// not be empty (`invalid_field`).
///
/// ```
/// use qianming::yonyou::{token_request, DEFAULT_TOKEN_URL};
/// let req = token_request(DEFAULT_TOKEN_URL, "k1", "secret", 1_547_192_727_928)?;
/// assert!(req.url.starts_with("https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken?appKey=k1&timestamp=1547192727928&signature="));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_request(
    token_url: &str,
    app_key: &str,
    app_secret: &str,
    timestamp_ms: u64,
) -> Result<HttpRequest> {
    let base = http::base_url(token_url)?;
    if app_key.is_empty() {
        return Err(Error::new(ErrorKind::InvalidField, "the appKey is empty"));
    }
    let signed = signature(app_key, app_secret, timestamp_ms)?;
    let mut url = String::from(base);
    let mut digits = decimal::itoa_buffer();
    let timestamp = decimal::format_u64(timestamp_ms, &mut digits);
    http::push_query(
        &mut url,
        &[
            ("appKey", app_key),
            ("timestamp", timestamp),
            ("signature", &signed.signature),
        ],
    )?;
    HttpRequest::new(Method::Get, url)?.with_header("Accept", "application/json")
}

/// A Yonyou access token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct YonyouToken {
    /// `data.access_token`.
    pub access_token: Secret,
    /// `data.expire`: the lifetime in seconds (7200 in the demo).
    pub expire_s: u64,
    /// `message`, if present.
    pub message: Option<String>,
    /// Reception time plus `expire`.
    pub lifetime: Lifetime,
}

/// Parses the token answer received at `received_at_ms`. `code` `"00000"` gives
/// [`Answer::Granted`] (`data.access_token` a non-empty string, `data.expire` whole seconds);
/// any other code gives [`Answer::Refused`] of kind `vendor_error` with the code and
/// `message`. A body that is not such a JSON object is an error (`invalid_json`,
/// `missing_field`, `invalid_field`).
///
/// ```
/// let body = r#"{"code":"00000","message":"成功！","data":{"access_token":"2215d3c7","expire":7200}}"#;
/// let token = qianming::yonyou::parse_token_answer(body.as_bytes(), 1_000)?.into_result()?;
/// assert_eq!(token.access_token.expose(), "2215d3c7");
/// assert_eq!(token.lifetime.expires_at_ms, 7_201_000);
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_token_answer(body: &[u8], received_at_ms: u64) -> Result<Answer<YonyouToken>> {
    const WHAT: &str = "the Yonyou token answer";
    let object = json::parse_object(WHAT, body)?;
    let code = json::opt_code(&object, WHAT, "code")?.ok_or_else(|| {
        Error::new(
            ErrorKind::MissingField,
            "the Yonyou token answer has no code",
        )
    })?;
    let message = json::opt_str(&object, WHAT, "message")?.map(ToString::to_string);
    if code != SUCCESS_CODE {
        return Ok(Answer::Refused(
            Refusal::new(ErrorKind::VendorError, message.unwrap_or_default()).with_code(Some(code)),
        ));
    }
    const DATA: &str = "data of the Yonyou token answer";
    let data = json::req_object(&object, WHAT, "data")?;
    let access_token = json::req_token(data, DATA, "access_token")?;
    let expire_s = json::req_u64(data, DATA, "expire")?;
    let lifetime_ms = expire_s.checked_mul(1000).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidField,
            "data.expire is too large to be seconds",
        )
    })?;
    Ok(Answer::Granted(YonyouToken {
        access_token: Secret::new(access_token),
        expire_s,
        message,
        lifetime: Lifetime::from_lifetime(received_at_ms, lifetime_ms),
    }))
}
