//! HTTP Basic credentials (Apusic and friends), RFC 7617.

use crate::convert::{js, type_error, JsResult};
use crate::pack::Packer;
use qianming::basic::{self, AuthorizationMode, Credentials};
use wasm_bindgen::prelude::*;

/// `Base64(user ":" password)`.
#[wasm_bindgen(js_name = basicCredentials)]
pub fn credentials(user: &str, password: &str) -> JsResult<String> {
    js(basic::credentials(user, password))
}

/// The `Authorization` header value; `mode` is `basic` (`Basic <credentials>`) or `raw` (the
/// bare credentials), any case.
#[wasm_bindgen(js_name = basicAuthorizationHeader)]
pub fn authorization_header(user: &str, password: &str, mode: &str) -> JsResult<String> {
    let mode = AuthorizationMode::parse(mode)
        .ok_or_else(|| type_error("mode must be 'basic' or 'raw'"))?;
    js(basic::authorization_header(user, password, mode))
}

fn pack(credentials: &Credentials) -> String {
    Packer::with_capacity(64)
        .push(&credentials.user)
        .push(credentials.password.expose())
        .finish()
}

/// Parses a received `Authorization: Basic …` header. Returns, packed: user, password.
#[wasm_bindgen(js_name = basicParseAuthorization)]
pub fn parse_authorization(header: &str) -> JsResult<String> {
    Ok(pack(&js(basic::parse_authorization(header))?))
}

/// Parses bare Basic credentials. Returns, packed: user, password.
#[wasm_bindgen(js_name = basicParseCredentials)]
pub fn parse_credentials(value: &str) -> JsResult<String> {
    Ok(pack(&js(basic::parse_credentials(value))?))
}
