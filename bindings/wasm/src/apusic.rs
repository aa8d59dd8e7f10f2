//! Apusic (金蝶天燕) management token: the session request, its answer, later call headers.

use crate::convert::{answer, js, type_error, JsResult};
use crate::pack::Packer;
use qianming::apusic;
use qianming::basic::AuthorizationMode;
use wasm_bindgen::prelude::*;

/// `https://<host>:6848` for a host name, IPv4 or bracketed IPv6 address.
#[wasm_bindgen(js_name = apusicBaseUrlForHost)]
pub fn base_url_for_host(host: &str) -> JsResult<String> {
    js(apusic::base_url_for_host(host))
}

/// The default cookie that carries the token.
#[wasm_bindgen(js_name = apusicDefaultTokenCookie)]
pub fn default_token_cookie() -> String {
    apusic::DEFAULT_TOKEN_COOKIE.to_owned()
}

/// `POST <base>/management/sessions`. Returns a packed request.
#[wasm_bindgen(js_name = apusicSessionRequest)]
pub fn session_request(
    base_url: &str,
    user: &str,
    password: &str,
    mode: &str,
    remote_host_name: &str,
) -> JsResult<String> {
    let mode = AuthorizationMode::parse(mode)
        .ok_or_else(|| type_error("mode must be 'basic' or 'raw'"))?;
    let request = js(apusic::session_request(
        base_url,
        user,
        password,
        mode,
        remote_host_name,
    ))?;
    Ok(Packer::with_capacity(400).push_request(&request).finish())
}

/// Parses the session answer. Returns, packed: token, message (or `null`).
#[wasm_bindgen(js_name = apusicParseSessionAnswer)]
pub fn parse_session_answer(body: &[u8]) -> JsResult<String> {
    let token = answer(apusic::parse_session_answer(body))?;
    Ok(Packer::with_capacity(128)
        .push(token.token.expose())
        .push_opt(token.message.as_deref())
        .finish())
}

/// The headers of a later management call, packed as (name, value) pairs.
#[wasm_bindgen(js_name = apusicCallHeaders)]
pub fn call_headers(token: &str, cookie_name: &str, x_auth_token: bool) -> JsResult<String> {
    let headers = js(apusic::call_headers(token, cookie_name, x_auth_token))?;
    let mut packer = Packer::with_capacity(3 * token.len() + 80);
    for (name, value) in &headers {
        packer.push(name).push(value);
    }
    Ok(packer.finish())
}
