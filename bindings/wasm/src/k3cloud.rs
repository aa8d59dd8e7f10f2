//! Kingdee K3Cloud (金蝶云星空) WebAPI: the gateway credentials of an AppID, the Java SDK's
//! signed headers, the logins and the session answer. Stateless: the identity comes with
//! every call, as the operations table says.

use crate::convert::{answer, js, js_error, seconds_from_text, u64_from_text, JsResult};
use crate::pack::Packer;
use qianming::http::HttpRequest;
use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};
use qianming::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

/// The core's locale id (`DEFAULT_LCID`, the wrapper's default).
#[wasm_bindgen(js_name = k3cloudDefaultLcid)]
pub fn default_lcid() -> u32 {
    k3cloud::DEFAULT_LCID
}

/// A JavaScript number as a locale id: whole, from 0 to 2^32 − 1 (`invalid_field` otherwise).
fn lcid_of(value: f64) -> JsResult<u32> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
        // Lossless: whole and within range (checked above).
        Ok(value as u32)
    } else {
        Err(js_error(Error::new(
            ErrorKind::InvalidField,
            "the lcid must be a whole number from 0 to 2^32 - 1",
        )))
    }
}

/// The identity of a call: the core's checks, its default locale and organisation unless
/// `lcid` / `org_num` are given.
fn identity(
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    lcid: Option<f64>,
    org_num: Option<String>,
) -> JsResult<Identity> {
    let mut id = js(Identity::new(acct_id, user_name, app_id, app_secret))?;
    if let Some(lcid) = lcid {
        id = id.with_lcid(lcid_of(lcid)?);
    }
    if let Some(org_num) = org_num {
        id = js(id.with_org_num(&org_num))?;
    }
    Ok(id)
}

/// The core's unit for its name (`"ms"`, `"s"`), its default when none is given.
fn unit(name: Option<String>) -> JsResult<TimestampUnit> {
    name.map_or(Ok(TimestampUnit::default()), |n| {
        js(TimestampUnit::parse(&n))
    })
}

/// The core's digest for its name (`"sha256"`, `"sha1"`), its default when none is given.
fn hash(name: Option<String>) -> JsResult<LoginHash> {
    name.map_or(Ok(LoginHash::default()), |n| js(LoginHash::parse(&n)))
}

fn packed_request(request: &HttpRequest) -> String {
    Packer::with_capacity(request.url.len() + request.body.as_ref().map_or(0, String::len) + 160)
        .push_request(request)
        .finish()
}

fn packed_pairs(pairs: &[(String, String)]) -> String {
    let mut out = Packer::with_capacity(pairs.iter().map(|(n, v)| n.len() + v.len()).sum());
    for (name, value) in pairs {
        out.push(name).push(value);
    }
    out.finish()
}

/// The client id and the unmasked gateway secret of an AppID. Returns, packed: client id,
/// gateway secret.
#[wasm_bindgen(js_name = k3cloudGatewayCredentials)]
pub fn gateway_credentials(app_id: &str) -> JsResult<String> {
    let c = js(k3cloud::gateway_credentials(app_id))?;
    Ok(Packer::with_capacity(64)
        .push(&c.client_id)
        .push(c.gateway_secret.expose())
        .finish())
}

/// The signed headers of a POST to `url` at `timestamp_ms` (decimal text). Returns, packed:
/// timestamp, string to sign, `X-Api-Signature`, app data, `X-Kd-Signature`, then the headers
/// as (name, value).
#[wasm_bindgen(js_name = k3cloudSign)]
#[allow(clippy::too_many_arguments)]
pub fn sign(
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    lcid: Option<f64>,
    org_num: Option<String>,
    url: &str,
    timestamp_unit: Option<String>,
    timestamp_ms: &str,
) -> JsResult<String> {
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, org_num)?;
    let unit = unit(timestamp_unit)?;
    let ms = js(u64_from_text(timestamp_ms))?;
    let signed = js(id.sign(url, unit, ms))?;
    let mut out = Packer::with_capacity(signed.string_to_sign.len() + 640);
    out.push(&signed.timestamp)
        .push(&signed.string_to_sign)
        .push(&signed.api_signature)
        .push(&signed.app_data)
        .push(&signed.kd_signature);
    for (name, value) in &signed.headers {
        out.push(name).push(value);
    }
    Ok(out.finish())
}

/// The signed POST of `body` to `url`, packed as a request.
#[wasm_bindgen(js_name = k3cloudRequest)]
#[allow(clippy::too_many_arguments)]
pub fn request(
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    lcid: Option<f64>,
    org_num: Option<String>,
    url: &str,
    body: &str,
    timestamp_unit: Option<String>,
    timestamp_ms: &str,
) -> JsResult<String> {
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, org_num)?;
    let unit = unit(timestamp_unit)?;
    let ms = js(u64_from_text(timestamp_ms))?;
    Ok(packed_request(&js(id.request(url, body, unit, ms))?))
}

/// The `LoginBySign` sign of the five texts at `timestamp_s` (decimal text).
#[wasm_bindgen(js_name = k3cloudLoginSign)]
pub fn login_sign(
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    timestamp_s: &str,
    hash_name: Option<String>,
) -> JsResult<String> {
    let hash = hash(hash_name)?;
    let s = js(seconds_from_text(timestamp_s))?;
    js(k3cloud::login_sign(
        acct_id, user_name, app_id, app_secret, s, hash,
    ))
}

/// `POST <server>/…AuthService.LoginBySign.common.kdsvc`, packed as a request.
#[wasm_bindgen(js_name = k3cloudLoginBySignRequest)]
#[allow(clippy::too_many_arguments)]
pub fn login_by_sign_request(
    server_url: &str,
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    lcid: Option<f64>,
    timestamp_s: &str,
    hash_name: Option<String>,
) -> JsResult<String> {
    // The hash first, then the identity: the order the CLI reports them in.
    let hash = hash(hash_name)?;
    let s = js(seconds_from_text(timestamp_s))?;
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, None)?;
    Ok(packed_request(&js(
        id.login_by_sign_request(server_url, s, hash)
    )?))
}

/// `POST <server>/…AuthService.LoginByAppSecret.common.kdsvc`, packed as a request.
#[wasm_bindgen(js_name = k3cloudLoginByAppSecretRequest)]
pub fn login_by_app_secret_request(
    server_url: &str,
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    lcid: Option<f64>,
) -> JsResult<String> {
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, None)?;
    Ok(packed_request(&js(
        id.login_by_app_secret_request(server_url)
    )?))
}

/// Parses a login answer. Returns, packed: session id, message (or `null`), IsSuccessByAPI
/// (`true`, `false` or `null`).
#[wasm_bindgen(js_name = k3cloudParseLoginAnswer)]
pub fn parse_login_answer(body: &[u8]) -> JsResult<String> {
    let session = answer(k3cloud::parse_login_answer(body))?;
    Ok(Packer::with_capacity(96)
        .push(session.session_id.expose())
        .push_opt(session.message.as_deref())
        .push_opt(
            session
                .is_success_by_api
                .map(|b| if b { "true" } else { "false" }),
        )
        .finish())
}

/// The headers of a call in a session: packed (name, value) pairs.
#[wasm_bindgen(js_name = k3cloudSessionHeaders)]
pub fn session_headers(session_id: &str) -> JsResult<String> {
    Ok(packed_pairs(&js(k3cloud::session_headers(session_id))?))
}
