//! DingTalk custom robot sign (docs/spec/dingtalk.md). DingTalk's encrypted event callbacks
//! are the WXBizMsgCrypt scheme: the `qm_wecom_*` functions.

use crate::output::qm_str;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::status::qm_status;
use qianming::dingtalk;

/// A robot sign, bare and URL-encoded; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_dingtalk_robot_sign_parts {
    /// Base64 of the HMAC-SHA256 tag.
    pub sign: qm_str,
    /// `sign` as `java.net.URLEncoder` encodes it (`+` `/` `=` escaped): the webhook's `sign`
    /// query value.
    pub sign_urlencoded: qm_str,
}

/// The body of `qm_dingtalk_robot_sign`.
fn robot_sign(
    secret: &str,
    timestamp_ms: u64,
    out_parts: Out<qm_dingtalk_robot_sign_parts>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let signed = dingtalk::robot_sign(secret, timestamp_ms)?;
    let [sign, sign_urlencoded] = out.write_parts([&signed.sign, &signed.sign_urlencoded])?;
    out_parts.write(qm_dingtalk_robot_sign_parts {
        sign,
        sign_urlencoded,
    })
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/dingtalk.rs"));
