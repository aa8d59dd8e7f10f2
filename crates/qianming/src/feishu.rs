//! Feishu / Lark (docs/spec/feishu.md):
//! - custom bot sign = Base64(HmacSHA256(key = timestamp_s + "\n" + secret, message = empty)),
//!   the inverse of DingTalk's (whose key is the secret);
//! - event decrypt: AES-256-CBC with key = SHA-256(Encrypt Key), IV = the first 16 bytes of the
//!   Base64-decoded `encrypt`, PKCS#7 (16-byte blocks);
//! - `X-Lark-Signature` = hex SHA-256(timestamp + nonce + Encrypt Key + raw body).

use crate::decimal;
use crate::digest::HmacKey;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{self, MAX_ANSWER_BYTES};
use crate::secret::{constant_time_eq, Secret};
use alloc::format;
use alloc::string::String;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

type Decryptor = cbc::Decryptor<aes::Aes256>;

/// The sign of a custom bot webhook call at `timestamp` (**seconds**; Feishu refuses one more
/// than an hour away). The secret must not be empty (`empty_secret`).
///
/// ```
/// let sign = qianming::feishu::bot_sign("secret", 1_599_360_473)?;
/// assert_eq!(sign.len(), 44);
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn bot_sign(secret: &str, timestamp: u64) -> Result<String> {
    if secret.is_empty() {
        return Err(Error::new(
            ErrorKind::EmptySecret,
            "the bot secret is empty",
        ));
    }
    limits::check_text("the bot secret", secret)?;
    let mut key = String::from(decimal::format_u64(timestamp, &mut decimal::itoa_buffer()));
    key.push('\n');
    key.push_str(secret);
    // The key carries the secret: zeroized when dropped.
    let key = Secret::new(key);
    Ok(STANDARD.encode(HmacKey::new(key.expose_bytes()).mac(b"")))
}

/// The plaintext of an encrypted event (`{"encrypt": "…"}`) for the app's Encrypt Key:
/// strict Base64 (`invalid_base64`); an IV and at least one whole AES block, PKCS#7 padding
/// and UTF-8 text (`undecryptable`: a wrong Encrypt Key shows up here). An empty Encrypt Key
/// is `empty_secret`.
///
/// ```
/// let plain = qianming::feishu::decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")?;
/// assert_eq!(plain, "hello world");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn decrypt(encrypt_key: &str, encrypt: &str) -> Result<String> {
    if encrypt_key.is_empty() {
        return Err(Error::new(
            ErrorKind::EmptySecret,
            "the Encrypt Key is empty",
        ));
    }
    limits::check_text("the Encrypt Key", encrypt_key)?;
    limits::check_len("the encrypt text", encrypt.len(), MAX_ANSWER_BYTES)?;
    let mut data = STANDARD.decode(encrypt).map_err(|_| {
        Error::new(
            ErrorKind::InvalidBase64,
            "the encrypt text is not strict, padded, standard Base64",
        )
    })?;
    if data.len() < 32 || data.len() % 16 != 0 {
        return Err(Error::new(
            ErrorKind::Undecryptable,
            format!(
                "the decoded encrypt is {} bytes, not a 16-byte IV and whole AES blocks",
                data.len()
            ),
        ));
    }
    let mut key: [u8; 32] = Sha256::digest(encrypt_key.as_bytes()).into();
    let (iv, sealed) = data.split_at_mut(16);
    let decryptor = Decryptor::new_from_slices(&key, iv);
    key.zeroize();
    let plain = decryptor
        .map_err(|_| Error::from(ErrorKind::InvalidKeyLength))?
        .decrypt_padded_mut::<Pkcs7>(sealed)
        .map_err(|_| {
            Error::new(
                ErrorKind::Undecryptable,
                "the PKCS#7 padding is wrong (a wrong Encrypt Key?)",
            )
        })
        .and_then(|plain| {
            core::str::from_utf8(plain).map(String::from).map_err(|_| {
                Error::new(ErrorKind::Undecryptable, "the plaintext is not UTF-8 text")
            })
        });
    data.zeroize();
    plain
}

/// `X-Lark-Signature`: lower-case hex SHA-256 of the `X-Lark-Request-Timestamp` and
/// `X-Lark-Request-Nonce` header values, the Encrypt Key and the raw request body, in that
/// order. An empty Encrypt Key is `empty_secret` (without one Feishu sends no signature, and
/// anyone could compute it).
///
/// ```
/// let s = qianming::feishu::event_signature("1700000000", "n1", "ek_secret", br#"{"type":"event"}"#)?;
/// assert_eq!(s.len(), 64);
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn event_signature(
    timestamp: &str,
    nonce: &str,
    encrypt_key: &str,
    body: &[u8],
) -> Result<String> {
    if encrypt_key.is_empty() {
        return Err(Error::new(
            ErrorKind::EmptySecret,
            "the Encrypt Key is empty",
        ));
    }
    limits::check_text("the X-Lark-Request-Timestamp", timestamp)?;
    limits::check_text("the X-Lark-Request-Nonce", nonce)?;
    limits::check_text("the Encrypt Key", encrypt_key)?;
    limits::check_len("the request body", body.len(), MAX_ANSWER_BYTES)?;
    let mut sha = Sha256::new();
    sha.update(timestamp.as_bytes());
    sha.update(nonce.as_bytes());
    sha.update(encrypt_key.as_bytes());
    sha.update(body);
    Ok(hex::encode(sha.finalize()))
}

/// Checks a received `X-Lark-Signature` (constant-time): `signature_mismatch` unless it
/// equals [`event_signature`] (`empty_secret` for an empty Encrypt Key).
///
/// ```
/// use qianming::feishu::{event_signature, verify_event_signature};
/// let body = br#"{"encrypt":"..."}"#;
/// let s = event_signature("1700000000", "n1", "key", body)?;
/// assert!(verify_event_signature("1700000000", "n1", "key", body, &s).is_ok());
/// assert!(verify_event_signature("1700000001", "n1", "key", body, &s).is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn verify_event_signature(
    timestamp: &str,
    nonce: &str,
    encrypt_key: &str,
    body: &[u8],
    signature: &str,
) -> Result<()> {
    let expected = event_signature(timestamp, nonce, encrypt_key, body)?;
    if constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::SignatureMismatch,
            "the X-Lark-Signature does not match the timestamp, nonce, Encrypt Key and body",
        ))
    }
}
