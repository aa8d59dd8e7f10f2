//! Weaver e-cology 9 (泛微 E9) OpenAPI token authentication: the server key, RSA encryption
//! with the caller's seed, registration, token and call headers.

use crate::convert::{answer, js, js_error, seconds_from_text, u64_from_text, JsResult};
use crate::pack::Packer;
use qianming::ecology::{self, ServerKey, SEED_LEN};
use qianming::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

/// How many seed bytes one encryption takes (what the wrapper draws when none are given).
#[wasm_bindgen(js_name = ecologySeedLen)]
pub fn seed_len() -> u32 {
    SEED_LEN as u32
}

/// The core's token lifetime in seconds (`DEFAULT_TOKEN_LIFETIME_S`, the wrapper's default).
#[wasm_bindgen(js_name = ecologyDefaultTokenLifetimeS)]
pub fn default_token_lifetime_s() -> String {
    ecology::DEFAULT_TOKEN_LIFETIME_S.to_string()
}

/// The caller's seed as the core's 32-byte array (`invalid_field` for another length).
fn seed_of(seed: &[u8]) -> JsResult<&[u8; SEED_LEN]> {
    <&[u8; SEED_LEN]>::try_from(seed).map_err(|_| {
        js_error(Error::new(
            ErrorKind::InvalidField,
            format!("the seed must be {SEED_LEN} bytes, not {}", seed.len()),
        ))
    })
}

/// An optional count of seconds given as decimal text.
fn optional_seconds(text: Option<String>) -> JsResult<Option<u64>> {
    text.map(|t| js(seconds_from_text(&t))).transpose()
}

/// The size of a server key. Returns, packed: bits, the longest plaintext in bytes.
#[wasm_bindgen(js_name = ecologyServerKey)]
pub fn server_key(spk: &str) -> JsResult<String> {
    let key = js(ServerKey::from_spk(spk))?;
    Ok(Packer::with_capacity(8)
        .push_u64(key.bits() as u64)
        .push_u64(key.max_plaintext_len() as u64)
        .finish())
}

/// Base64(RSA PKCS#1 v1.5 encrypt(`spk`, `plaintext`)), the padding drawn from `seed`.
#[wasm_bindgen(js_name = ecologyEncrypt)]
pub fn encrypt(spk: &str, plaintext: &str, seed: &[u8]) -> JsResult<String> {
    let seed = seed_of(seed)?;
    js(ServerKey::from_spk(spk).and_then(|key| key.encrypt(plaintext, seed)))
}

/// `POST <base>/api/ec/dev/auth/regist`, packed as a request.
#[wasm_bindgen(js_name = ecologyRegistRequest)]
pub fn regist_request(base_url: &str, appid: &str, cpk: &str) -> JsResult<String> {
    let request = js(ecology::regist_request(base_url, appid, cpk))?;
    Ok(Packer::with_capacity(request.url.len() + 512)
        .push_request(&request)
        .finish())
}

/// Parses the registration answer. Returns, packed: secrit, spk, message (or `null`).
#[wasm_bindgen(js_name = ecologyParseRegistAnswer)]
pub fn parse_regist_answer(body: &[u8]) -> JsResult<String> {
    let registration = answer(ecology::parse_regist_answer(body))?;
    Ok(Packer::with_capacity(registration.spk.len() + 96)
        .push(registration.secrit.expose())
        .push(&registration.spk)
        .push_opt(registration.message.as_deref())
        .finish())
}

/// `POST <base>/api/ec/dev/auth/applytoken` with the secrit encrypted from `seed` and, when
/// given, `time` (`time_s`, decimal text), packed as a request.
#[wasm_bindgen(js_name = ecologyApplytokenRequest)]
pub fn applytoken_request(
    base_url: &str,
    appid: &str,
    spk: &str,
    secrit: &str,
    seed: &[u8],
    time_s: Option<String>,
) -> JsResult<String> {
    let seed = seed_of(seed)?;
    let time_s = optional_seconds(time_s)?;
    let request = js(ecology::applytoken_request(
        base_url, appid, spk, secrit, seed, time_s,
    ))?;
    Ok(Packer::with_capacity(request.url.len() + 800)
        .push_request(&request)
        .finish())
}

/// Parses the token answer received at `received_at` (decimal ms) for a token of
/// `lifetime_s` seconds (decimal text; the core's default when `None`). Returns, packed:
/// token, message (or `null`), expires at (ms).
#[wasm_bindgen(js_name = ecologyParseTokenAnswer)]
pub fn parse_token_answer(
    body: &[u8],
    received_at: &str,
    lifetime_s: Option<String>,
) -> JsResult<String> {
    let at = js(u64_from_text(received_at))?;
    let lifetime_s = optional_seconds(lifetime_s)?.unwrap_or(ecology::DEFAULT_TOKEN_LIFETIME_S);
    let token = answer(ecology::parse_token_answer(body, at, lifetime_s))?;
    Ok(Packer::with_capacity(96)
        .push(token.token.expose())
        .push_opt(token.message.as_deref())
        .push_u64(token.lifetime.expires_at_ms)
        .finish())
}

/// The headers of a call with a token (`userid` encrypted from `seed`): packed (name, value)
/// pairs.
#[wasm_bindgen(js_name = ecologyCallHeaders)]
pub fn call_headers(
    appid: &str,
    token: &str,
    spk: &str,
    userid: &str,
    seed: &[u8],
) -> JsResult<String> {
    let seed = seed_of(seed)?;
    let headers = js(ecology::call_headers(appid, token, spk, userid, seed))?;
    let mut out = Packer::with_capacity(appid.len() + token.len() + 720);
    for (name, value) in &headers {
        out.push(name).push(value);
    }
    Ok(out.finish())
}
