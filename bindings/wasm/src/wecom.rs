//! WXBizMsgCrypt (WeCom, WeChat official accounts, DingTalk callbacks): `msg_signature`, the
//! message cipher and passive replies.

use crate::convert::{js, js_error, JsResult};
use crate::pack::Packer;
use qianming::wecom::{self, MsgCrypt, RANDOM_LEN};
use qianming::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

/// `msg_signature`: hex SHA-1 of the sorted token, timestamp, nonce and encrypt.
#[wasm_bindgen(js_name = wecomMsgSignature)]
pub fn msg_signature(token: &str, timestamp: &str, nonce: &str, encrypt: &str) -> JsResult<String> {
    js(wecom::msg_signature(token, timestamp, nonce, encrypt))
}

/// Checks a received `msg_signature` (constant-time); throws `signature_mismatch`.
#[wasm_bindgen(js_name = wecomVerifyMsgSignature)]
pub fn verify_msg_signature(
    token: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    signature: &str,
) -> JsResult<()> {
    js(wecom::verify_msg_signature(
        token, timestamp, nonce, encrypt, signature,
    ))
}

/// The message inside `encrypt`, checked against `receive_id`.
#[wasm_bindgen(js_name = wecomDecrypt)]
pub fn decrypt(encoding_aes_key: &str, receive_id: &str, encrypt: &str) -> JsResult<String> {
    js(MsgCrypt::new(encoding_aes_key).and_then(|crypt| crypt.decrypt(encrypt, receive_id)))
}

/// How many random bytes open every plaintext (what the wrapper draws when none are given).
#[wasm_bindgen(js_name = wecomRandomLen)]
pub fn random_len() -> u32 {
    RANDOM_LEN as u32
}

/// A passive reply encrypted with the caller's `random` bytes and signed. Returns, packed:
/// encrypt, signature.
#[wasm_bindgen(js_name = wecomEncryptReply)]
pub fn encrypt_reply(
    encoding_aes_key: &str,
    receive_id: &str,
    message: &str,
    random: &[u8],
    token: &str,
    timestamp: &str,
    nonce: &str,
) -> JsResult<String> {
    let random = <&[u8; RANDOM_LEN]>::try_from(random).map_err(|_| {
        js_error(Error::new(
            ErrorKind::InvalidField,
            format!(
                "the random prefix must be {RANDOM_LEN} bytes, not {}",
                random.len()
            ),
        ))
    })?;
    let reply = js(wecom::encrypt_reply(
        encoding_aes_key,
        receive_id,
        message,
        random,
        token,
        timestamp,
        nonce,
    ))?;
    Ok(Packer::with_capacity(reply.encrypt.len() + 48)
        .push(&reply.encrypt)
        .push(&reply.signature)
        .finish())
}

/// A received callback: `msg_signature` checked first, then the message decrypted.
#[wasm_bindgen(js_name = wecomVerifyAndDecrypt)]
pub fn verify_and_decrypt(
    token: &str,
    encoding_aes_key: &str,
    receive_id: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    msg_signature: &str,
) -> JsResult<String> {
    js(wecom::verify_and_decrypt(
        token,
        encoding_aes_key,
        receive_id,
        timestamp,
        nonce,
        encrypt,
        msg_signature,
    ))
}
