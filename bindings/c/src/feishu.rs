//! Feishu / Lark: the custom bot sign, event decryption and `X-Lark-Signature`
//! (docs/spec/feishu.md).

use crate::output::OutBuffer;
use crate::status::qm_status;
use qianming::feishu;

/// The body of `qm_feishu_bot_sign`.
fn bot_sign(secret: &str, timestamp: u64, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&feishu::bot_sign(secret, timestamp)?)
}

/// The body of `qm_feishu_decrypt`.
fn decrypt(key: &str, encrypt: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&feishu::decrypt(key, encrypt)?)
}

/// The body of `qm_feishu_event_signature`.
fn event_signature(
    timestamp: &str,
    nonce: &str,
    key: &str,
    body: &[u8],
    out: OutBuffer,
) -> Result<(), qm_status> {
    out.write(&feishu::event_signature(timestamp, nonce, key, body)?)
}

/// The body of `qm_feishu_verify_event_signature`.
fn verify_event_signature(
    timestamp: &str,
    nonce: &str,
    key: &str,
    body: &[u8],
    signature: &str,
) -> Result<(), qm_status> {
    feishu::verify_event_signature(timestamp, nonce, key, body, signature)?;
    Ok(())
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/feishu.rs"));
