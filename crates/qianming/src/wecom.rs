//! The WXBizMsgCrypt family (docs/spec/wecom.md): WeCom, WeChat official account and DingTalk
//! callbacks.
//!
//! - `msg_signature` = lower-case hex SHA-1 of the four texts token, timestamp, nonce and
//!   encrypt, sorted and concatenated;
//! - `encrypt` = Base64(AES-256-CBC(key, iv, pad32(random16 ‖ u32_be(len(msg)) ‖ msg ‖
//!   receive_id))) with key = Base64(EncodingAESKey + "="), iv = the key's first 16 bytes and
//!   `pad32` PKCS#7 to a multiple of 32 bytes.

use crate::error::{Error, ErrorKind, Result};
use crate::limits::{self, MAX_ANSWER_BYTES};
use crate::secret::constant_time_eq;
use crate::timestamp;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::Engine;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use core::fmt;
use sha1::{Digest, Sha1};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Length of an EncodingAESKey: 43 Base64 characters (32 bytes without the final `=`).
pub const ENCODING_AES_KEY_LEN: usize = 43;
/// The padding block of the scheme: PKCS#7 to a multiple of 32 bytes (not AES's 16).
pub const PAD_BLOCK: usize = 32;
/// Length of the random prefix of every plaintext.
pub const RANDOM_LEN: usize = 16;

/// Tencent's SDKs decode the key leniently: its 43rd character carries 2 bits past the 32
/// bytes, which need not be zero (the sample key ends in `C`, whose low bits are `10`).
const KEY_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

type Encryptor = cbc::Encryptor<aes::Aes256>;
type Decryptor = cbc::Decryptor<aes::Aes256>;

/// `msg_signature`: the lower-case hex SHA-1 of token, timestamp, nonce and encrypt, sorted
/// (by UTF-8 bytes, which is code point order) and concatenated.
///
/// The timestamp must be decimal digits (`invalid_timestamp`); every text is at most
/// [`MAX_ANSWER_BYTES`] long (`input_too_large`).
///
/// ```
/// let signature = qianming::wecom::msg_signature(
///     "QDG6eK",
///     "1409659589",
///     "263014780",
///     "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
/// )?;
/// assert_eq!(signature, "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn msg_signature(token: &str, timestamp: &str, nonce: &str, encrypt: &str) -> Result<String> {
    timestamp::check_text_in(timestamp, "seconds")?;
    let mut parts = [token, timestamp, nonce, encrypt];
    for part in parts {
        limits::check_len("a msg_signature input", part.len(), MAX_ANSWER_BYTES)?;
    }
    crate::sort::sort_unstable_by(&mut parts, |a, b| a.as_bytes().cmp(b.as_bytes()));
    let mut sha = Sha1::new();
    for part in parts {
        sha.update(part.as_bytes());
    }
    Ok(hex::encode(sha.finalize()))
}

/// Checks a received `msg_signature` (constant-time): `signature_mismatch` unless it equals
/// [`msg_signature`] of the other four texts (lower-case hex, as every SDK sends it).
///
/// ```
/// use qianming::wecom::verify_msg_signature;
/// let encrypt = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
/// let good = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
/// assert!(verify_msg_signature("QDG6eK", "1409659589", "263014780", encrypt, good).is_ok());
/// assert!(verify_msg_signature("QDG6eK", "1409659590", "263014780", encrypt, good).is_err());
/// ```
pub fn verify_msg_signature(
    token: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    signature: &str,
) -> Result<()> {
    let expected = msg_signature(token, timestamp, nonce, encrypt)?;
    if constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::SignatureMismatch,
            "the msg_signature does not match the token, timestamp, nonce and encrypt",
        ))
    }
}

/// The 16 random bytes of [`MsgCrypt::encrypt`] from 32 hex digits (`invalid_field`
/// otherwise), for callers that carry randomness as text.
///
/// ```
/// let random = qianming::wecom::random_from_hex("00112233445566778899aabbccddeeff")?;
/// assert_eq!(random[15], 0xff);
/// assert!(qianming::wecom::random_from_hex("0011").is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn random_from_hex(random_hex: &str) -> Result<[u8; RANDOM_LEN]> {
    let mut random = [0u8; RANDOM_LEN];
    hex::decode_to_slice(random_hex, &mut random).map_err(|_| {
        Error::new(
            ErrorKind::InvalidField,
            "the random prefix must be 32 hex digits (16 bytes)",
        )
    })?;
    Ok(random)
}

/// A message cipher for one EncodingAESKey: the 32-byte AES key (zeroized on drop; `Debug`
/// is redacted).
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct MsgCrypt {
    key: [u8; 32],
}

impl fmt::Debug for MsgCrypt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MsgCrypt(** redacted **)")
    }
}

impl MsgCrypt {
    /// The cipher of an EncodingAESKey: exactly 43 Base64 characters (`invalid_key_length`
    /// otherwise; `invalid_base64` when they are not Base64).
    ///
    /// ```
    /// use qianming::wecom::MsgCrypt;
    /// assert!(MsgCrypt::new("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C").is_ok());
    /// assert!(MsgCrypt::new("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2").is_err());
    /// ```
    pub fn new(encoding_aes_key: &str) -> Result<Self> {
        if encoding_aes_key.len() != ENCODING_AES_KEY_LEN {
            return Err(Error::new(
                ErrorKind::InvalidKeyLength,
                format!(
                    "the EncodingAESKey is {} bytes long; it must be {ENCODING_AES_KEY_LEN} Base64 characters",
                    encoding_aes_key.len()
                ),
            ));
        }
        let mut padded = [0u8; ENCODING_AES_KEY_LEN + 1];
        padded[..ENCODING_AES_KEY_LEN].copy_from_slice(encoding_aes_key.as_bytes());
        padded[ENCODING_AES_KEY_LEN] = b'=';
        let mut key = [0u8; 32];
        let decoded = KEY_BASE64.decode_slice(padded, &mut key);
        padded.zeroize();
        match decoded {
            Ok(32) => Ok(MsgCrypt { key }),
            _ => {
                key.zeroize();
                Err(Error::new(
                    ErrorKind::InvalidBase64,
                    "the EncodingAESKey is not Base64 (A–Z a–z 0–9 + /)",
                ))
            }
        }
    }

    fn iv(&self) -> &[u8] {
        &self.key[..16]
    }

    /// `encrypt` for `message` addressed to `receive_id` (the corp id, app id, suite id or
    /// DingTalk key; empty for WeCom's personal third-party apps), with the caller's 16 random
    /// bytes (sans-IO: draw them from a secure generator).
    ///
    /// ```
    /// use qianming::wecom::MsgCrypt;
    /// let crypt = MsgCrypt::new("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C")?;
    /// let encrypt = crypt.encrypt("hello", "wx5823bf96d3bd56c7", &[7; 16])?;
    /// assert_eq!(crypt.decrypt(&encrypt, "wx5823bf96d3bd56c7")?, "hello");
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn encrypt(
        &self,
        message: &str,
        receive_id: &str,
        random: &[u8; RANDOM_LEN],
    ) -> Result<String> {
        limits::check_len("the message", message.len(), MAX_ANSWER_BYTES)?;
        limits::check_text("the receive id", receive_id)?;
        let length = u32::try_from(message.len()).map_err(|_| {
            Error::new(ErrorKind::InputTooLarge, "the message is longer than 4 GiB")
        })?;
        let unpadded = RANDOM_LEN + 4 + message.len() + receive_id.len();
        let pad = PAD_BLOCK - unpadded % PAD_BLOCK;
        let mut plain = Vec::with_capacity(unpadded + pad);
        plain.extend_from_slice(random);
        plain.extend_from_slice(&length.to_be_bytes());
        plain.extend_from_slice(message.as_bytes());
        plain.extend_from_slice(receive_id.as_bytes());
        // `pad` is 1 to 32, so it fits a byte.
        plain.resize(unpadded + pad, pad as u8);
        let sealed = Encryptor::new_from_slices(&self.key, self.iv())
            .map_err(|_| Error::from(ErrorKind::InvalidKeyLength))?
            .encrypt_padded_vec_mut::<NoPadding>(&plain);
        plain.zeroize();
        Ok(STANDARD.encode(sealed))
    }

    /// The message inside `encrypt`, checked: strict Base64 (`invalid_base64`); whole AES
    /// blocks, PKCS#7 padding of 1 to 32 bytes, a length that fits and UTF-8 text
    /// (`undecryptable`: a wrong key shows up here); and the trailing receive id equal to
    /// `receive_id` (`sign_mismatch`: the message was made for another receiver).
    ///
    /// ```
    /// use qianming::wecom::MsgCrypt;
    /// let crypt = MsgCrypt::new("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C")?;
    /// let echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    /// assert_eq!(crypt.decrypt(echostr, "wx5823bf96d3bd56c7")?, "1616140317555161061");
    /// assert!(crypt.decrypt(echostr, "wx0000000000000000").is_err());
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn decrypt(&self, encrypt: &str, receive_id: &str) -> Result<String> {
        limits::check_len("the encrypt text", encrypt.len(), MAX_ANSWER_BYTES)?;
        let mut data = STANDARD.decode(encrypt).map_err(|_| {
            Error::new(
                ErrorKind::InvalidBase64,
                "the encrypt text is not strict, padded, standard Base64",
            )
        })?;
        if data.is_empty() || data.len() % 16 != 0 {
            return Err(undecryptable(format!(
                "the ciphertext is {} bytes, not a whole number of AES blocks",
                data.len()
            )));
        }
        let plain = Decryptor::new_from_slices(&self.key, self.iv())
            .map_err(|_| Error::from(ErrorKind::InvalidKeyLength))?
            .decrypt_padded_mut::<NoPadding>(&mut data)
            .map_err(|_| undecryptable("the ciphertext is not whole AES blocks"))?;
        let outcome = open(plain, receive_id);
        data.zeroize();
        outcome
    }
}

/// Unpads and splits a decrypted plaintext, checking each part.
fn open(plain: &[u8], receive_id: &str) -> Result<String> {
    let pad = usize::from(plain.last().copied().unwrap_or(0));
    if pad == 0 || pad > PAD_BLOCK || pad > plain.len() {
        return Err(undecryptable(
            "the PKCS#7 padding is not 1 to 32 bytes (a wrong EncodingAESKey?)",
        ));
    }
    let (body, padding) = plain.split_at(plain.len() - pad);
    if !padding.iter().all(|&b| usize::from(b) == pad) {
        return Err(undecryptable(
            "the PKCS#7 padding bytes differ (a wrong EncodingAESKey?)",
        ));
    }
    let Some((length, rest)) = body
        .get(RANDOM_LEN..RANDOM_LEN + 4)
        .zip(body.get(RANDOM_LEN + 4..))
    else {
        return Err(undecryptable(
            "the plaintext is shorter than its random prefix and length",
        ));
    };
    let mut be = [0u8; 4];
    be.copy_from_slice(length);
    let length = usize::try_from(u32::from_be_bytes(be)).unwrap_or(usize::MAX);
    if length > rest.len() {
        return Err(undecryptable(format!(
            "the message length {length} exceeds the {} bytes that follow it",
            rest.len()
        )));
    }
    let (message, received_id) = rest.split_at(length);
    if received_id != receive_id.as_bytes() {
        return Err(Error::new(
            ErrorKind::SignMismatch,
            "the message was encrypted for another receive id (corp id, app id or suite id)",
        ));
    }
    let message = core::str::from_utf8(message)
        .map_err(|_| undecryptable("the message is not UTF-8 text"))?;
    Ok(String::from(message))
}

fn undecryptable(detail: impl Into<alloc::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::Undecryptable, detail)
}

/// What [`encrypt_reply`] makes: the `encrypt` text and its `msg_signature`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EncryptedReply {
    /// Base64 of the ciphertext.
    pub encrypt: String,
    /// `msg_signature` over token, timestamp, nonce and `encrypt`.
    pub signature: String,
}

/// A passive reply: `message` encrypted for `receive_id` and signed with `token`, `timestamp`
/// and `nonce` (Tencent's `EncryptMsg`, without the XML envelope).
///
/// ```
/// use qianming::wecom::{encrypt_reply, verify_msg_signature};
/// let key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
/// let reply = encrypt_reply(key, "wx5823bf96d3bd56c7", "<xml/>", &[1; 16], "QDG6eK", "1409659589", "n1")?;
/// assert!(verify_msg_signature("QDG6eK", "1409659589", "n1", &reply.encrypt, &reply.signature).is_ok());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn encrypt_reply(
    encoding_aes_key: &str,
    receive_id: &str,
    message: &str,
    random: &[u8; RANDOM_LEN],
    token: &str,
    timestamp: &str,
    nonce: &str,
) -> Result<EncryptedReply> {
    timestamp::check_text_in(timestamp, "seconds")?;
    let encrypt = MsgCrypt::new(encoding_aes_key)?.encrypt(message, receive_id, random)?;
    let signature = msg_signature(token, timestamp, nonce, &encrypt)?;
    Ok(EncryptedReply { encrypt, signature })
}

/// A received callback (`VerifyURL` / `DecryptMsg`): checks `msg_signature` first
/// ([`verify_msg_signature`]), then decrypts ([`MsgCrypt::decrypt`]).
///
/// ```
/// let message = qianming::wecom::verify_and_decrypt(
///     "QDG6eK",
///     "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
///     "wx5823bf96d3bd56c7",
///     "1409659589",
///     "263014780",
///     "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
///     "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
/// )?;
/// assert_eq!(message, "1616140317555161061");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn verify_and_decrypt(
    token: &str,
    encoding_aes_key: &str,
    receive_id: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    msg_signature: &str,
) -> Result<String> {
    let crypt = MsgCrypt::new(encoding_aes_key)?;
    verify_msg_signature(token, timestamp, nonce, encrypt, msg_signature)?;
    crypt.decrypt(encrypt, receive_id)
}
