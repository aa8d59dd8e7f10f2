//! The CLI supplies what the core never reads itself: the current time and random nonces.

use crate::failure::Failure;
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A fresh nonce in the vendor SDK's form (ten random digits).
pub fn random_nonce() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes)?;
    Ok(qianming::kingdee::nonce_from_entropy(u64::from_le_bytes(
        bytes,
    )))
}

/// A Kingdee request's timestamp and nonce: the ones given, else now and a fresh random nonce.
pub fn timestamp_and_nonce(
    timestamp: Option<String>,
    nonce: Option<String>,
) -> Result<(String, String), Failure> {
    let timestamp = timestamp.unwrap_or_else(|| now_ms().to_string());
    let nonce = match nonce {
        Some(n) => n,
        None => random_nonce().map_err(|e| Failure::Usage(format!("no random nonce: {e}")))?,
    };
    Ok((timestamp, nonce))
}
