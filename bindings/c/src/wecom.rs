//! WXBizMsgCrypt callbacks (WeCom, WeChat official accounts, DingTalk): `msg_signature`,
//! decryption of a received `encrypt`, and encrypted passive replies (docs/spec/wecom.md).
//!
//! As in the core, every text but the EncodingAESKey and the receive id may be up to
//! `QM_MAX_ANSWER_BYTES` long (the `long_text` conversion).

use crate::output::qm_str;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::status::qm_status;
use qianming::wecom::RANDOM_LEN;
use qianming::wecom::{self, MsgCrypt};

/// The length of the random prefix `qm_wecom_encrypt_reply` takes, in bytes.
pub const QM_WECOM_RANDOM_LEN: usize = 16;
const _: () = assert!(QM_WECOM_RANDOM_LEN == wecom::RANDOM_LEN);

/// An encrypted passive reply; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_wecom_encrypted_reply {
    /// Base64 of the AES-256-CBC ciphertext: the reply's `Encrypt`.
    pub encrypt: qm_str,
    /// The `msg_signature` over token, timestamp, nonce and `encrypt` (40 lower-case hex
    /// digits): the reply's `MsgSignature`.
    pub signature: qm_str,
}

/// The body of `qm_wecom_msg_signature`.
fn msg_signature(
    token: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    out: OutBuffer,
) -> Result<(), qm_status> {
    out.write(&wecom::msg_signature(token, timestamp, nonce, encrypt)?)
}

/// The body of `qm_wecom_verify_msg_signature`.
fn verify_msg_signature(
    token: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    signature: &str,
) -> Result<(), qm_status> {
    Ok(wecom::verify_msg_signature(
        token, timestamp, nonce, encrypt, signature,
    )?)
}

/// The body of `qm_wecom_decrypt`.
fn decrypt(key: &str, receive_id: &str, encrypt: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&MsgCrypt::new(key)?.decrypt(encrypt, receive_id)?)
}

/// The body of `qm_wecom_encrypt_reply`.
fn encrypt_reply(
    key: &str,
    receive_id: &str,
    message: &str,
    random: &[u8; RANDOM_LEN],
    [token, timestamp, nonce]: [&str; 3],
    out_reply: Out<qm_wecom_encrypted_reply>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let reply = wecom::encrypt_reply(key, receive_id, message, random, token, timestamp, nonce)?;
    let [encrypt, signature] = out.write_parts([&reply.encrypt, &reply.signature])?;
    out_reply.write(qm_wecom_encrypted_reply { encrypt, signature })
}

/// The body of `qm_wecom_verify_and_decrypt`.
fn verify_and_decrypt(
    token: &str,
    key: &str,
    receive_id: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    signature: &str,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let message =
        wecom::verify_and_decrypt(token, key, receive_id, timestamp, nonce, encrypt, signature)?;
    out.write(&message)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/wecom.rs"));
