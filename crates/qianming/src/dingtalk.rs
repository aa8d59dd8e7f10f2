//! DingTalk custom robot sign (docs/spec/dingtalk.md#robot-sign):
//! `sign` = Base64(HmacSHA256(key = secret, message = timestamp_ms + "\n" + secret)), sent in
//! the webhook's query as `java.net.URLEncoder` encodes it.
//!
//! DingTalk's encrypted event callbacks are the WXBizMsgCrypt scheme: see [`crate::wecom`].

use crate::decimal;
use crate::digest::HmacKey;
use crate::encode;
use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use crate::secret::Secret;
use alloc::string::String;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// A robot sign, bare and URL-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RobotSign {
    /// Base64 of the HMAC-SHA256 tag.
    pub sign: String,
    /// `sign` as `java.net.URLEncoder` encodes it (`+` `/` `=` escaped): the `sign` query value.
    pub sign_urlencoded: String,
}

/// The sign of a robot webhook call at `timestamp_ms` (milliseconds; DingTalk refuses one
/// more than an hour away from its clock). The secret (`SEC…`) must not be empty
/// (`empty_secret`).
///
/// ```
/// let s = qianming::dingtalk::robot_sign("this is secret", 1_700_000_000_000)?;
/// assert!(s.sign.ends_with('='));
/// assert!(s.sign_urlencoded.ends_with("%3D"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn robot_sign(secret: &str, timestamp_ms: u64) -> Result<RobotSign> {
    if secret.is_empty() {
        return Err(Error::new(
            ErrorKind::EmptySecret,
            "the robot secret (SEC…) is empty",
        ));
    }
    limits::check_text("the robot secret", secret)?;
    let mut message = String::from(decimal::format_u64(
        timestamp_ms,
        &mut decimal::itoa_buffer(),
    ));
    message.push('\n');
    message.push_str(secret);
    // The message carries the secret: zeroized when dropped.
    let message = Secret::new(message);
    let tag = HmacKey::new(secret.as_bytes()).mac(message.expose_bytes());
    let sign = STANDARD.encode(tag);
    let sign_urlencoded = encode::java_encode(&sign);
    Ok(RobotSign {
        sign,
        sign_urlencoded,
    })
}
