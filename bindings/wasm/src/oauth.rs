//! Apusic unified identity, OAuth 2.0 authorization code (with optional PKCE S256).

use crate::convert::{js, JsResult};
use crate::pack::Packer;
use qianming::oauth;
use wasm_bindgen::prelude::*;

/// The PKCE S256 challenge of a code verifier.
#[wasm_bindgen(js_name = oauthPkceChallenge)]
pub fn pkce_challenge(code_verifier: &str) -> JsResult<String> {
    js(oauth::pkce_challenge(code_verifier))
}

/// The URL to send the user's browser to.
#[wasm_bindgen(js_name = oauthAuthorizeUrl)]
pub fn authorize_url(
    base_url: &str,
    client_id: &str,
    redirect_uri: &str,
    state: Option<String>,
    code_verifier: Option<String>,
) -> JsResult<String> {
    js(oauth::authorize_url(
        base_url,
        client_id,
        redirect_uri,
        state.as_deref(),
        code_verifier.as_deref(),
    ))
}

/// Parses the callback URL or query. Returns, packed: code, state (or `null`).
#[wasm_bindgen(js_name = oauthParseCallback)]
pub fn parse_callback(url_or_query: &str, expected_state: &str) -> JsResult<String> {
    let callback = js(oauth::parse_callback(url_or_query, expected_state))?;
    Ok(Packer::with_capacity(url_or_query.len() + 16)
        .push(&callback.code)
        .push_opt(callback.state.as_deref())
        .finish())
}

/// The token exchange request, packed.
#[wasm_bindgen(js_name = oauthTokenRequest)]
pub fn token_request(
    base_url: &str,
    client_id: &str,
    client_secret: &str,
    redirect_uri: &str,
    code: &str,
    code_verifier: Option<String>,
) -> JsResult<String> {
    let request = js(oauth::token_request(
        base_url,
        client_id,
        client_secret,
        redirect_uri,
        code,
        code_verifier.as_deref(),
    ))?;
    Ok(Packer::with_capacity(request.url.len() + 200)
        .push_request(&request)
        .finish())
}

/// Parses the token answer (form-encoded or JSON). Returns, packed: access token, expires
/// (or `null`).
#[wasm_bindgen(js_name = oauthParseTokenAnswer)]
pub fn parse_token_answer(body: &[u8]) -> JsResult<String> {
    let token = js(oauth::parse_token_answer(body))?;
    Ok(Packer::with_capacity(128)
        .push(token.access_token.expose())
        .push_opt_u64(token.expires)
        .finish())
}

/// The user info request, packed.
#[wasm_bindgen(js_name = oauthUserinfoRequest)]
pub fn userinfo_request(base_url: &str, access_token: &str) -> JsResult<String> {
    let request = js(oauth::userinfo_request(base_url, access_token))?;
    Ok(Packer::with_capacity(request.url.len() + 100)
        .push_request(&request)
        .finish())
}

/// Parses the user info answer. Returns, packed: id, then attributes as (name, value).
#[wasm_bindgen(js_name = oauthParseUserinfoAnswer)]
pub fn parse_userinfo_answer(body: &[u8]) -> JsResult<String> {
    let user = js(oauth::parse_userinfo_answer(body))?;
    let mut packer = Packer::with_capacity(body.len() + 16);
    packer.push(&user.id);
    for (name, value) in &user.attributes {
        packer.push(name).push(value);
    }
    Ok(packer.finish())
}
