//! Yonyou open platform (YonBIP / YonSuite) self-built app token: signature, request, answer.

use crate::convert::{answer, js, u64_from_text, JsResult};
use crate::pack::Packer;
use qianming::yonyou;
use wasm_bindgen::prelude::*;

/// The core's public-cloud token URL (the wrapper's default).
#[wasm_bindgen(js_name = yonyouDefaultTokenUrl)]
pub fn default_token_url() -> String {
    yonyou::DEFAULT_TOKEN_URL.to_owned()
}

/// The token request signature for `timestamp_ms` (decimal text). Returns, packed:
/// signature, signature URL-encoded.
#[wasm_bindgen(js_name = yonyouSignature)]
pub fn signature(app_key: &str, app_secret: &str, timestamp_ms: &str) -> JsResult<String> {
    let ms = js(u64_from_text(timestamp_ms))?;
    let signed = js(yonyou::signature(app_key, app_secret, ms))?;
    Ok(Packer::with_capacity(112)
        .push(&signed.signature)
        .push(&signed.signature_urlencoded)
        .finish())
}

/// `GET <token_url>?appKey=…&timestamp=…&signature=…`, packed.
#[wasm_bindgen(js_name = yonyouTokenRequest)]
pub fn token_request(
    token_url: &str,
    app_key: &str,
    app_secret: &str,
    timestamp_ms: &str,
) -> JsResult<String> {
    let ms = js(u64_from_text(timestamp_ms))?;
    let request = js(yonyou::token_request(token_url, app_key, app_secret, ms))?;
    Ok(Packer::with_capacity(request.url.len() + 64)
        .push_request(&request)
        .finish())
}

/// Parses the token answer received at `received_at` (decimal ms). Returns, packed: access
/// token, expire (s), message (or `null`), expires at (ms).
#[wasm_bindgen(js_name = yonyouParseTokenAnswer)]
pub fn parse_token_answer(body: &[u8], received_at: &str) -> JsResult<String> {
    let at = js(u64_from_text(received_at))?;
    let token = answer(yonyou::parse_token_answer(body, at))?;
    Ok(Packer::with_capacity(160)
        .push(token.access_token.expose())
        .push_u64(token.expire_s)
        .push_opt(token.message.as_deref())
        .push_u64(token.lifetime.expires_at_ms)
        .finish())
}
