//! The digest shape both Kingdee signatures share: `Base64(hex(HMAC-SHA256(key, message)))`.

use alloc::string::String;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// HMAC-SHA256, keyed.
pub(crate) type HmacSha256 = Hmac<Sha256>;

/// Length of the lowercase hex of a SHA-256 MAC.
pub(crate) const HEX_LEN: usize = 64;
/// Length of the Base64 of that hex: always 88 characters.
pub(crate) const SIGNATURE_LEN: usize = 88;

/// Keys HMAC-SHA256 with `key` (HMAC takes keys of any length).
pub(crate) fn keyed(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC accepts every key length, so this arm is never taken.
        Err(_) => unreachable_key_length(),
    }
}

#[cold]
fn unreachable_key_length() -> HmacSha256 {
    // An HMAC key of length zero is always accepted; use it rather than panic.
    <HmacSha256 as Mac>::new(&Default::default())
}

/// The hex and Base64 forms of one MAC, on the stack.
pub(crate) struct Digest {
    hex: [u8; HEX_LEN],
    base64: [u8; SIGNATURE_LEN],
}

impl Digest {
    /// Finishes `mac` over `message`.
    pub(crate) fn compute(mut mac: HmacSha256, message: &[u8]) -> Digest {
        mac.update(message);
        let tag = mac.finalize().into_bytes();
        let mut hex = [0u8; HEX_LEN];
        // The buffer is exactly twice the tag length, so encoding cannot fail.
        let _ = hex::encode_to_slice(tag, &mut hex);
        let mut base64 = [0u8; SIGNATURE_LEN];
        let _ = STANDARD.encode_slice(hex, &mut base64);
        Digest { hex, base64 }
    }

    /// The lowercase hex of the MAC.
    pub(crate) fn hex(&self) -> &str {
        core::str::from_utf8(&self.hex).unwrap_or_default()
    }

    /// The Base64 of the hex (the signature).
    pub(crate) fn signature(&self) -> &str {
        core::str::from_utf8(&self.base64).unwrap_or_default()
    }

    /// The signature bytes, for constant-time comparison.
    pub(crate) fn signature_bytes(&self) -> &[u8] {
        &self.base64
    }
}

/// Convenience: the owned `(hex, signature)` strings.
pub(crate) fn hex_and_signature(mac: HmacSha256, message: &[u8]) -> (String, String) {
    let digest = Digest::compute(mac, message);
    (String::from(digest.hex()), String::from(digest.signature()))
}
