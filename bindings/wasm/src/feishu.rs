//! Feishu / Lark: the custom bot sign, encrypted events and `X-Lark-Signature`.

use crate::convert::{js, u64_from_text, JsResult};
use qianming::feishu;
use wasm_bindgen::prelude::*;

/// The custom bot sign for `timestamp` (decimal text, seconds).
#[wasm_bindgen(js_name = feishuBotSign)]
pub fn bot_sign(secret: &str, timestamp: &str) -> JsResult<String> {
    js(feishu::bot_sign(secret, js(u64_from_text(timestamp))?))
}

/// The plaintext of an encrypted event.
#[wasm_bindgen(js_name = feishuDecrypt)]
pub fn decrypt(encrypt_key: &str, encrypt: &str) -> JsResult<String> {
    js(feishu::decrypt(encrypt_key, encrypt))
}

/// `X-Lark-Signature` of a received event: hex SHA-256 of timestamp, nonce, key and raw body.
#[wasm_bindgen(js_name = feishuEventSignature)]
pub fn event_signature(
    timestamp: &str,
    nonce: &str,
    encrypt_key: &str,
    body: &[u8],
) -> JsResult<String> {
    js(feishu::event_signature(timestamp, nonce, encrypt_key, body))
}

/// Checks a received `X-Lark-Signature` (constant-time); throws `signature_mismatch`.
#[wasm_bindgen(js_name = feishuVerifyEventSignature)]
pub fn verify_event_signature(
    timestamp: &str,
    nonce: &str,
    encrypt_key: &str,
    body: &[u8],
    signature: &str,
) -> JsResult<()> {
    js(feishu::verify_event_signature(
        timestamp,
        nonce,
        encrypt_key,
        body,
        signature,
    ))
}
