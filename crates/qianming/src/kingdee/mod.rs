//! Kingdee (金蝶) API gateway, auth version 2.0: `app_signature`, the request signer and the
//! server-side verifier (docs/spec/kingdee.md), and the app-token request and answer.

mod canonical;
pub mod headers;
mod signer;
mod token;
mod verifier;

pub use canonical::{canonical_path, canonical_query};
pub use signer::{
    check_timestamp as parse_timestamp, path_and_query, Request, SignHeader, Signed, Signer,
    SigningBuffer, SigningOutput,
};
pub use token::{parse_token_answer, token_request, AppToken, TokenRequest, TOKEN_PATH};
pub use verifier::{Diagnosis, ReceivedRequest, Verified, Verifier, VerifyExplanation};

use crate::digest;
use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use alloc::string::String;
use alloc::vec::Vec;

/// `app_signature` with its intermediate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppSignature {
    /// Lowercase hex of HMAC-SHA256(app secret, app key).
    pub hmac_hex: String,
    /// `Base64(hmac_hex)`: always 88 characters.
    pub app_signature: String,
}

/// `app_signature = Base64(hex(HMAC-SHA256(key = app_secret, message = app_key)))`.
///
/// ```
/// assert_eq!(
///     qianming::kingdee::app_signature("abc", "abc123").unwrap(),
///     "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=="
/// );
/// ```
pub fn app_signature(app_key: &str, app_secret: &str) -> Result<String> {
    app_signature_text(app_key, app_secret).map(|text| String::from(text.as_str()))
}

/// [`app_signature`] without allocating: the 88 characters on the stack. For callers that
/// copy the text somewhere else anyway (a C buffer, a Python or JavaScript string).
///
/// ```
/// let text = qianming::kingdee::app_signature_text("abc", "abc123").unwrap();
/// assert_eq!(text.as_str(), qianming::kingdee::app_signature("abc", "abc123").unwrap());
/// ```
pub fn app_signature_text(app_key: &str, app_secret: &str) -> Result<SignatureText> {
    app_digest(app_key, app_secret).map(|digest| SignatureText {
        bytes: digest.signature_array(),
    })
}

/// A Kingdee signature (`Base64` of the 64-character HMAC hex), always 88 ASCII characters,
/// held on the stack. Returned by [`app_signature_text`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SignatureText {
    bytes: [u8; digest::SIGNATURE_LEN],
}

impl SignatureText {
    /// The signature as text.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.bytes).unwrap_or_default()
    }
}

impl core::ops::Deref for SignatureText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl core::fmt::Debug for SignatureText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl core::fmt::Display for SignatureText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Checks the inputs and computes the app signature's digest on the stack.
fn app_digest(app_key: &str, app_secret: &str) -> Result<digest::Digest> {
    if app_secret.is_empty() {
        return Err(Error::new(
            ErrorKind::EmptySecret,
            "the app secret is empty",
        ));
    }
    limits::check_text("the app key", app_key)?;
    limits::check_text("the app secret", app_secret)?;
    Ok(digest::Digest::compute(
        &digest::HmacKey::new(app_secret.as_bytes()),
        app_key.as_bytes(),
    ))
}

/// [`app_signature`] with the HMAC hex it is made of.
pub fn explain_app_signature(app_key: &str, app_secret: &str) -> Result<AppSignature> {
    let digest = app_digest(app_key, app_secret)?;
    Ok(AppSignature {
        hmac_hex: String::from(digest.hex()),
        app_signature: String::from(digest.signature()),
    })
}

/// A nonce in the vendor SDK's form, ten decimal digits, made from caller-supplied random
/// bits (the core has no RNG: bindings pass 64 bits from the operating system).
///
/// ```
/// assert_eq!(qianming::kingdee::nonce_from_entropy(42), "0000000042");
/// assert_eq!(qianming::kingdee::nonce_from_entropy(u64::MAX).len(), 10);
/// ```
pub fn nonce_from_entropy(entropy: u64) -> String {
    alloc::format!("{:010}", entropy % 10_000_000_000)
}

/// Parses a query string as it arrives on the wire (`a=1&b=x%3Dy`) into decoded pairs, for
/// a verifier. `+` is a space; a part without `=` has an empty value; empty parts are skipped.
///
/// ```
/// let pairs = qianming::kingdee::parse_query("app_key=abc&sig=ab%3D%3D&flag").unwrap();
/// assert_eq!(pairs, vec![("app_key".into(), "abc".into()), ("sig".into(), "ab==".into()), ("flag".into(), String::new())]);
/// ```
pub fn parse_query(raw: &str) -> Result<Vec<(String, String)>> {
    let raw = raw.strip_prefix('?').unwrap_or(raw);
    limits::check_text("the query string", raw)?;
    let mut pairs = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        limits::check_len(
            "the number of query parameters",
            pairs.len() + 1,
            limits::MAX_QUERY_PAIRS,
        )?;
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((
            crate::encode::form_decode(name)?,
            crate::encode::form_decode(value)?,
        ));
    }
    limits::check_text("the query string", raw)?;
    Ok(pairs)
}

/// A request target (`/path?query`, as on the request line) decoded as the gateway decodes it
/// before re-canonicalising: the path and the query pairs that were signed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodedTarget {
    /// The path, percent-decoded (`%XX` only: `+` stays `+`).
    pub path: String,
    /// The query pairs, form-decoded as [`parse_query`] does.
    pub query: Vec<(String, String)>,
}

/// Decodes a request target as it travels (the inverse of [`path_and_query`]): the part before
/// the first `?` by [`crate::encode::percent_decode`], the rest by [`parse_query`]. What a
/// server (or a client plugin holding an encoded URL) passes to the verifier (or the signer).
///
/// ```
/// let t = qianming::kingdee::parse_request_target("/jdy/%E7%89%A9%E6%96%99/a%20b+c?k=v+w").unwrap();
/// assert_eq!(t.path, "/jdy/物料/a b+c");
/// assert_eq!(t.query, vec![("k".into(), "v w".into())]);
/// ```
pub fn parse_request_target(target: &str) -> Result<DecodedTarget> {
    limits::check_text("the request target", target)?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(DecodedTarget {
        path: crate::encode::percent_decode(path)?,
        query: parse_query(query)?,
    })
}
