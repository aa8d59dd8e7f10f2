//! DingTalk custom robot sign (DingTalk's encrypted callbacks are WXBizMsgCrypt: `wecom.rs`).

use crate::convert::{js, u64_from_text, JsResult};
use crate::pack::Packer;
use qianming::dingtalk;
use wasm_bindgen::prelude::*;

/// The robot webhook sign for `timestamp_ms` (decimal text). Returns, packed: sign, sign
/// URL-encoded.
#[wasm_bindgen(js_name = dingtalkRobotSign)]
pub fn robot_sign(secret: &str, timestamp_ms: &str) -> JsResult<String> {
    let ms = js(u64_from_text(timestamp_ms))?;
    let sign = js(dingtalk::robot_sign(secret, ms))?;
    Ok(Packer::with_capacity(112)
        .push(&sign.sign)
        .push(&sign.sign_urlencoded)
        .finish())
}
