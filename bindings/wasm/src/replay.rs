//! Replay tickets for a store shared by many servers: what a stateless verification hands
//! out, the time to live the core computes for it, and the refusals a store throws.

use crate::convert::{js, js_error, ms_from_number, u64_from_text, JsResult};
use crate::pack::Packer;
use qianming::replay::ReplayTicket;
use qianming::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

/// Appends a ticket seen at `now_ms`: key, expiry, time to live (all the core's).
pub(crate) fn push_ticket<'p>(
    packer: &'p mut Packer,
    ticket: &ReplayTicket,
    now_ms: u64,
) -> &'p mut Packer {
    packer
        .push(&ticket.key)
        .push_u64(ticket.expires_at_ms)
        .push_u64(ticket.ttl_ms(now_ms))
}

/// Whether a verifier's guard (`has_seen`) holds `key` at `now_ms`: the doctor module's replay
/// check, asked of a verifier in this module. The guard reads only the key (the expiry is not
/// part of the question).
pub(crate) fn holds(
    key: &str,
    now_ms: f64,
    has_seen: impl Fn(&ReplayTicket, u64) -> bool,
) -> JsResult<bool> {
    let now = js(ms_from_number(now_ms, "nowMs"))?;
    Ok(has_seen(&ReplayTicket::new(key.to_owned(), 0), now))
}

/// How long a store keeps a ticket expiring at `expires_at_ms` (decimal text), seen at
/// `now_ms`: the core's `ReplayTicket::ttl_ms`, as decimal text.
#[wasm_bindgen(js_name = replayTtlMs)]
pub fn ttl_ms(expires_at_ms: &str, now_ms: f64) -> JsResult<String> {
    let expires = js(u64_from_text(expires_at_ms))?;
    let now = js(ms_from_number(now_ms, "nowMs"))?;
    Ok(ReplayTicket::new(String::new(), expires)
        .ttl_ms(now)
        .to_string())
}

/// The refusal a replay store throws for a key it already holds: kind `replayed`.
#[wasm_bindgen(js_name = replayedError)]
pub fn replayed_error(message: &str) -> JsValue {
    js_error(Error::new(ErrorKind::Replayed, message.to_string()))
}

/// The refusal a replay store throws when it cannot answer (fail closed): kind
/// `replay_store_unavailable`.
#[wasm_bindgen(js_name = replayStoreUnavailableError)]
pub fn store_unavailable_error(message: &str) -> JsValue {
    js_error(Error::new(
        ErrorKind::ReplayStoreUnavailable,
        message.to_string(),
    ))
}
