//! The token lifetime helper shared by the five systems, and the core's lifetime constants.

use crate::convert::{js, type_error, u64_from_text, JsResult};
use crate::pack::Packer;
use qianming::token::{self, Lifetime};
use wasm_bindgen::prelude::*;

fn opt_u64(text: Option<String>) -> JsResult<Option<u64>> {
    text.as_deref()
        .map(u64_from_text)
        .transpose()
        .map_err(crate::convert::js_error)
}

/// What to do with a token at `now` (all values decimal text). The lifetime is either
/// `issued_at` + `lifetime` or `exp_s`; the refresh token's end is `refresh_until` (ms) or
/// `refresh_exp_s`. Returns, packed: action name, expires at, refresh expires at (or `null`).
#[wasm_bindgen(js_name = tokenAction)]
#[allow(clippy::too_many_arguments)]
pub fn action(
    issued_at_ms: Option<String>,
    lifetime_ms: Option<String>,
    exp_s: Option<String>,
    refresh_expires_at_ms: Option<String>,
    refresh_exp_s: Option<String>,
    now_ms: &str,
    skew_ms: &str,
) -> JsResult<String> {
    let mut life = match (
        opt_u64(exp_s)?,
        opt_u64(issued_at_ms)?,
        opt_u64(lifetime_ms)?,
    ) {
        (Some(exp), _, _) => Lifetime::from_exp_seconds(exp),
        (None, Some(issued), Some(lifetime)) => Lifetime::from_lifetime(issued, lifetime),
        _ => {
            return Err(type_error(
                "give the token's expS, or its issuedAtMs and lifetimeMs",
            ))
        }
    };
    if let Some(until) = opt_u64(refresh_expires_at_ms)? {
        life = life.with_refresh_until(until);
    }
    if let Some(exp) = opt_u64(refresh_exp_s)? {
        life = life.with_refresh_exp_seconds(exp);
    }
    let action = life.action(js(u64_from_text(now_ms))?, js(u64_from_text(skew_ms))?);
    Ok(Packer::with_capacity(64)
        .push(action.name())
        .push_u64(life.expires_at_ms)
        .push_opt_u64(life.refresh_expires_at_ms)
        .finish())
}

/// The core's lifetimes, packed: Kingdee, Weaver, edge access, edge refresh, default skew.
#[wasm_bindgen(js_name = tokenConstants)]
pub fn constants() -> String {
    Packer::with_capacity(64)
        .push_u64(token::KINGDEE_TOKEN_LIFETIME_MS)
        .push_u64(token::WEAVER_TOKEN_LIFETIME_MS)
        .push_u64(token::EDGE_ACCESS_LIFETIME_MS)
        .push_u64(token::EDGE_REFRESH_LIFETIME_MS)
        .push_u64(token::DEFAULT_SKEW_MS)
        .finish()
}
