//! Weaver (泛微) archive-integration token sign (docs/spec/weaver.md#sign):
//! `hex(AES-ECB-PKCS#7(aes_key, timestamp_ms "_" HEX_UPPER(MD5(appid ":" secret))))`.

pub(crate) mod cipher;
mod token;
mod verifier;

/// The replay guard moved to [`crate::replay`], shared by every verifier.
pub use crate::replay::ReplayGuard;
pub use token::{
    parse_token_answer, signed_token_request, token_request, WeaverToken, FAILURE_MESSAGES,
    TOKEN_PATH,
};
pub use verifier::{Inspection, Verified, Verifier};

use crate::decimal::{format_u64, itoa_buffer};
use crate::error::Result;
use crate::limits;
use alloc::string::String;
use cipher::AesEcb;
use core::fmt;
use md5::{Digest as _, Md5};

/// Length of the upper-case MD5 hex.
const MD5_HEX_LEN: usize = 32;
/// Longest plaintext: 20 digits, `_`, 32 hex.
const MAX_PLAIN_LEN: usize = 20 + 1 + MD5_HEX_LEN;

/// A sign with the values it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// `HEX_UPPER(MD5(appid ":" secret))`.
    pub md5_upper: String,
    /// `timestamp_ms "_" md5_upper`: what is encrypted.
    pub plaintext: String,
    /// Lowercase hex of the AES-ECB-PKCS#7 ciphertext: the `sign` header.
    pub sign: String,
}

/// `HEX_UPPER(MD5(appid ":" secret))` into a fixed buffer.
pub(crate) fn md5_upper_bytes(appid: &str, secret: &str) -> [u8; MD5_HEX_LEN] {
    let mut md5 = Md5::new();
    md5.update(appid.as_bytes());
    md5.update(b":");
    md5.update(secret.as_bytes());
    let mut hex = [0u8; MD5_HEX_LEN];
    let _ = hex::encode_to_slice(md5.finalize(), &mut hex);
    hex.make_ascii_uppercase();
    hex
}

/// `HEX_UPPER(MD5(appid ":" secret))`.
///
/// ```
/// assert_eq!(qianming::weaver::md5_upper("weaverappid", "weaversecret"), "9A4F96168413AFA4C5BE4E60A859DEA0");
/// ```
pub fn md5_upper(appid: &str, secret: &str) -> String {
    String::from_utf8_lossy(&md5_upper_bytes(appid, secret)).into_owned()
}

/// Makes Weaver signs for one appid. The MD5 and the AES key schedule are computed once.
///
/// ```
/// let signer = qianming::weaver::Signer::new("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")?;
/// assert_eq!(
///     signer.sign(1742369234096),
///     "48433ec4195d3d4f2c9a922eeb887ee99efc8b34155b2bd4e147370de8d80954b04dbe29a019802759029ab51c8bc6a1"
/// );
/// # Ok::<(), qianming::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    appid: String,
    md5_upper: [u8; MD5_HEX_LEN],
    cipher: AesEcb,
}

impl Drop for Signer {
    /// The MD5 of `appid:secret` is what the server checks, so it is as secret as the secret.
    /// (The AES key schedule zeroizes itself: the `aes` crate's `zeroize` feature.)
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.md5_upper);
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("appid", &self.appid)
            .field("secret", &"** redacted **")
            .field("aes_key", &"** redacted **")
            .finish()
    }
}

impl Signer {
    /// A signer for `appid`, `secret` and `aes_key` (16, 24 or 32 UTF-8 bytes).
    pub fn new(appid: &str, secret: &str, aes_key: &str) -> Result<Self> {
        limits::check_text("the appid", appid)?;
        limits::check_text("the secret", secret)?;
        Ok(Signer {
            appid: String::from(appid),
            md5_upper: md5_upper_bytes(appid, secret),
            cipher: AesEcb::new(aes_key.as_bytes())?,
        })
    }

    /// The appid this signer signs for.
    pub fn appid(&self) -> &str {
        &self.appid
    }

    /// The sign for `timestamp_ms`.
    pub fn sign(&self, timestamp_ms: u64) -> String {
        sign_with(&self.md5_upper, &self.cipher, timestamp_ms)
    }

    /// The sign for `timestamp_ms` with its MD5 and plaintext.
    pub fn explain(&self, timestamp_ms: u64) -> Explanation {
        let mut plain = [0u8; MAX_PLAIN_LEN];
        let plain = self.plaintext_into(timestamp_ms, &mut plain);
        Explanation {
            md5_upper: String::from_utf8_lossy(&self.md5_upper).into_owned(),
            plaintext: String::from_utf8_lossy(plain).into_owned(),
            sign: lower_hex(&self.cipher.encrypt_vec(plain)),
        }
    }

    fn plaintext_into<'b>(
        &self,
        timestamp_ms: u64,
        buffer: &'b mut [u8; MAX_PLAIN_LEN],
    ) -> &'b [u8] {
        plaintext_into(&self.md5_upper, timestamp_ms, buffer)
    }
}

/// The sign for `appid`, `secret`, `aes_key` at `timestamp_ms`.
///
/// ```
/// let sign = qianming::weaver::sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)?;
/// assert!(sign.starts_with("48433ec4"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn sign(appid: &str, secret: &str, aes_key: &str, timestamp_ms: u64) -> Result<String> {
    limits::check_text("the appid", appid)?;
    limits::check_text("the secret", secret)?;
    // One call needs no Signer (and none of its allocations): key, MD5, encrypt, forget.
    let cipher = AesEcb::new(aes_key.as_bytes())?;
    let mut md5 = md5_upper_bytes(appid, secret);
    let sign = sign_with(&md5, &cipher, timestamp_ms);
    zeroize::Zeroize::zeroize(&mut md5);
    Ok(sign)
}

/// `timestamp_ms "_" md5_upper` into `buffer`.
fn plaintext_into<'b>(
    md5_upper: &[u8; MD5_HEX_LEN],
    timestamp_ms: u64,
    buffer: &'b mut [u8; MAX_PLAIN_LEN],
) -> &'b [u8] {
    let mut digits = itoa_buffer();
    let digits = format_u64(timestamp_ms, &mut digits).as_bytes();
    let len = digits.len() + 1 + MD5_HEX_LEN;
    buffer[..digits.len()].copy_from_slice(digits);
    buffer[digits.len()] = b'_';
    buffer[digits.len() + 1..len].copy_from_slice(md5_upper);
    &buffer[..len]
}

/// The hex of the encrypted plaintext.
fn sign_with(md5_upper: &[u8; MD5_HEX_LEN], cipher: &AesEcb, timestamp_ms: u64) -> String {
    let mut plain = [0u8; MAX_PLAIN_LEN];
    let plain = plaintext_into(md5_upper, timestamp_ms, &mut plain);
    let mut out = [0u8; MAX_PLAIN_LEN + 16];
    let encrypted = cipher.encrypt(plain, &mut out).unwrap_or_default();
    lower_hex(encrypted)
}

/// Lowercase hex of `bytes` (at most one padded plaintext), through a stack buffer:
/// `hex::encode` collects characters one by one and costs more than the AES itself.
fn lower_hex(bytes: &[u8]) -> String {
    let mut text = [0u8; 2 * (MAX_PLAIN_LEN + 16)];
    let text = text.get_mut(..2 * bytes.len()).unwrap_or_default();
    match hex::encode_to_slice(bytes, text) {
        Ok(()) => core::str::from_utf8(text)
            .map(String::from)
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The sign with its MD5 and plaintext.
pub fn explain(appid: &str, secret: &str, aes_key: &str, timestamp_ms: u64) -> Result<Explanation> {
    Ok(Signer::new(appid, secret, aes_key)?.explain(timestamp_ms))
}
