//! Kingdee (金蝶) API gateway, auth version 2.0: `app_signature`, the request signer and the
//! server-side verifier (docs/spec/kingdee.md), and the app-token request and answer.

mod canonical;
pub mod headers;
mod signer;
mod token;
mod verifier;

pub use canonical::{canonical_path, canonical_query};
pub use signer::{
    path_and_query, Request, SignHeader, SignedRequest, SignedRequestRef, Signer, SigningBuffer,
};
/// The signed request's old name.
#[deprecated(
    since = "0.2.0",
    note = "renamed `SignedRequest`, its name in every binding"
)]
pub type SigningOutput = SignedRequest;
/// The borrowed signed request's old name.
#[deprecated(since = "0.2.0", note = "renamed `SignedRequestRef`")]
pub type Signed<'b> = SignedRequestRef<'b>;
// Kingdee's verifier reads these; they live at neutral addresses and stay importable here.
pub use crate::query::{parse_query, parse_request_target, DecodedTarget};
pub use crate::timestamp::parse as parse_timestamp;
pub use token::{parse_token_answer, token_request, AppToken, TokenRequest, TOKEN_PATH};
pub use verifier::{Diagnosis, ReceivedRequest, Verified, Verifier, VerifyExplanation};

use crate::digest;
use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use alloc::string::String;

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
