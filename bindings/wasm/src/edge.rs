//! IoT edge gateway: login and refresh requests, their answer, the `x-token` header, JWT claims.

use crate::convert::{answer, js, JsResult};
use crate::pack::Packer;
use qianming::edge;
use wasm_bindgen::prelude::*;

/// The login request, packed.
#[wasm_bindgen(js_name = edgeLoginRequest)]
pub fn login_request(base_url: &str, username: &str, password: &str) -> JsResult<String> {
    let request = js(edge::login_request(base_url, username, password))?;
    Ok(Packer::with_capacity(200).push_request(&request).finish())
}

/// The refresh request, packed.
#[wasm_bindgen(js_name = edgeRefreshRequest)]
pub fn refresh_request(base_url: &str, refresh_token: &str) -> JsResult<String> {
    let request = js(edge::refresh_request(base_url, refresh_token))?;
    Ok(Packer::with_capacity(request.url.len() + 64)
        .push_request(&request)
        .finish())
}

/// The `x-token` header, packed: name, value.
#[wasm_bindgen(js_name = edgeXTokenHeader)]
pub fn x_token_header(access_token: &str) -> JsResult<String> {
    let (name, value) = js(edge::x_token_header(access_token))?;
    Ok(Packer::with_capacity(value.len() + 16)
        .push(&name)
        .push(&value)
        .finish())
}

/// Parses a login or refresh answer. Returns, packed: access token, refresh token, expire,
/// t, code, expires at (ms), refresh expires at (ms); missing values as `null`.
#[wasm_bindgen(js_name = edgeParseTokenAnswer)]
pub fn parse_token_answer(body: &[u8]) -> JsResult<String> {
    let token = answer(edge::parse_token_answer(body))?;
    Ok(Packer::with_capacity(body.len() + 64)
        .push(token.access_token.expose())
        .push_opt(token.refresh_token.as_ref().map(|t| t.expose()))
        .push_u64(token.expire)
        .push_opt_u64(token.t)
        .push_opt(token.code.as_deref())
        .push_u64(token.lifetime.expires_at_ms)
        .push_opt_u64(token.lifetime.refresh_expires_at_ms)
        .finish())
}

/// Reads a JWT's claims without checking its signature. Returns, packed: exp, iat, nbf, iss
/// (each or `null`), payload JSON.
#[wasm_bindgen(js_name = edgeReadJwtClaims)]
pub fn read_jwt_claims(jwt: &str) -> JsResult<String> {
    let claims = js(edge::read_jwt_claims(jwt))?;
    Ok(Packer::with_capacity(claims.payload_json.len() + 64)
        .push_opt_u64(claims.exp)
        .push_opt_u64(claims.iat)
        .push_opt_u64(claims.nbf)
        .push_opt(claims.iss.as_deref())
        .push(&claims.payload_json)
        .finish())
}
