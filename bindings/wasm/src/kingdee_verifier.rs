//! The Kingdee server-side verifier: stateful (each client id and nonce once), stateless (for
//! a replay store shared by many servers), the safe diagnosis and the revealing explanation.

use crate::convert::{js, js_error, ms_from_number, JsResult};
use crate::pack::Packer;
use crate::received::Received;
use crate::replay::{holds, push_ticket};
use qianming::kingdee::{Diagnosis, Verified, Verifier};
use wasm_bindgen::prelude::*;

/// Client id, timestamp, nonce.
fn push_verified<'p>(packer: &'p mut Packer, out: &Verified) -> &'p mut Packer {
    packer
        .push(&out.client_id)
        .push_u64(out.timestamp_ms)
        .push(&out.nonce)
}

/// A Kingdee server-side verifier for one client secret, holding the core's replay guard.
#[wasm_bindgen(js_name = KingdeeVerifierCore)]
pub struct KingdeeVerifier {
    pub(crate) inner: Verifier,
}

#[wasm_bindgen(js_class = KingdeeVerifierCore)]
impl KingdeeVerifier {
    /// A verifier for `client_secret`: timestamp window in milliseconds (default five
    /// minutes, both directions), the replay guard's capacity, and whether empty-name query
    /// pairs are accepted as the vendor gateway does (default: refused).
    #[wasm_bindgen(constructor)]
    pub fn new(
        client_secret: &str,
        window_ms: Option<f64>,
        replay_capacity: Option<u32>,
        lenient_query: Option<bool>,
    ) -> JsResult<KingdeeVerifier> {
        let mut inner = js(Verifier::new(client_secret))?;
        if let Some(window) = window_ms {
            inner = inner.with_window_ms(js(ms_from_number(window, "windowMs"))?);
        }
        if let Some(capacity) = replay_capacity {
            inner = inner.with_replay_capacity(capacity as usize);
        }
        if let Some(lenient) = lenient_query {
            inner = inner.with_lenient_query(lenient);
        }
        Ok(KingdeeVerifier { inner })
    }

    /// The timestamp window in milliseconds.
    #[wasm_bindgen(getter, js_name = windowMs)]
    pub fn window_ms(&self) -> f64 {
        self.inner.window_ms() as f64
    }

    /// Whether the replay guard holds a ticket's `key` at `now_ms` (only read): the doctor's
    /// `replayed`, asked from its own module.
    #[wasm_bindgen(js_name = hasSeen)]
    pub fn has_seen(&self, key: &str, now_ms: f64) -> JsResult<bool> {
        holds(key, now_ms, |t, now| self.inner.has_seen(t, now))
    }

    /// How many requests the replay guard remembers.
    #[wasm_bindgen(getter)]
    pub fn remembered(&self) -> u32 {
        u32::try_from(self.inner.remembered()).unwrap_or(u32::MAX)
    }

    /// Verifies a received request (packed: method, path, `query_count` query pairs, header
    /// pairs) at `now_ms` and remembers its client id and nonce (a replay is refused).
    /// Returns, packed: client id, timestamp, nonce.
    pub fn verify(
        &mut self,
        packed: &str,
        lens: &[u32],
        query_count: u32,
        now_ms: f64,
    ) -> JsResult<String> {
        let now = js(ms_from_number(now_ms, "nowMs"))?;
        let received = Received::unpack(packed, lens, query_count)?;
        let out = js(self.inner.verify(&received.request(), now))?;
        Ok(push_verified(&mut Packer::with_capacity(64), &out).finish())
    }

    /// Verifies without replay state, for a shared replay store. Returns, packed: client id,
    /// timestamp, nonce, then the replay ticket (key, expiry, time to live at `now_ms`).
    #[wasm_bindgen(js_name = verifyStateless)]
    pub fn verify_stateless(
        &self,
        packed: &str,
        lens: &[u32],
        query_count: u32,
        now_ms: f64,
    ) -> JsResult<String> {
        let now = js(ms_from_number(now_ms, "nowMs"))?;
        let received = Received::unpack(packed, lens, query_count)?;
        let out = js(self.inner.verify_stateless(&received.request(), now))?;
        let mut packer = Packer::with_capacity(128);
        push_verified(&mut packer, &out);
        Ok(push_ticket(&mut packer, &out.replay, now).finish())
    }

    /// What can safely be said about a received request at `now_ms`: its canonical parts and
    /// the verdict, never the expected signature. Changes no replay state.
    pub fn diagnose(
        &self,
        packed: &str,
        lens: &[u32],
        query_count: u32,
        now_ms: f64,
    ) -> JsResult<KingdeeDiagnosis> {
        let now = js(ms_from_number(now_ms, "nowMs"))?;
        let received = Received::unpack(packed, lens, query_count)?;
        Ok(KingdeeDiagnosis {
            inner: js(self.inner.diagnose(&received.request(), now))?,
        })
    }

    /// Rebuilds what a received request should carry, **including the expected signature**
    /// (for debugging a client; never to be sent back to one). Returns, packed: canonical path,
    /// canonical query, string to sign, HMAC hex, expected signature, received signature,
    /// then the signed header names.
    #[wasm_bindgen(js_name = explainRevealingSignature)]
    pub fn explain_revealing_signature(
        &self,
        packed: &str,
        lens: &[u32],
        query_count: u32,
    ) -> JsResult<String> {
        let received = Received::unpack(packed, lens, query_count)?;
        let out = js(self.inner.explain_revealing_signature(&received.request()))?;
        let mut packer = Packer::with_capacity(2 * out.string_to_sign.len() + 300);
        packer
            .push(&out.canonical_path)
            .push(&out.canonical_query)
            .push(&out.string_to_sign)
            .push(&out.hmac_hex)
            .push(&out.expected_signature)
            .push(&out.received_signature);
        for name in &out.signed_headers {
            packer.push(name);
        }
        Ok(packer.finish())
    }
}

/// What [`KingdeeVerifier::diagnose`] found, read by the wrapper.
#[wasm_bindgen(js_name = KingdeeDiagnosisCore)]
pub struct KingdeeDiagnosis {
    inner: Diagnosis,
}

#[wasm_bindgen(js_class = KingdeeDiagnosisCore)]
impl KingdeeDiagnosis {
    /// Packed: canonical path, canonical query, string to sign, the accepted timestamp (or
    /// `null` when refused), then the signed header names.
    pub fn parts(&self) -> String {
        let d = &self.inner;
        let mut packer = Packer::with_capacity(2 * d.string_to_sign.len() + 100);
        packer
            .push(&d.canonical_path)
            .push(&d.canonical_query)
            .push(&d.string_to_sign)
            .push_opt_u64(d.verdict.as_ref().ok().copied());
        for name in &d.signed_headers {
            packer.push(name);
        }
        packer.finish()
    }

    /// The refusal (a `QianmingError`), or `null` when the request would be accepted.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> JsValue {
        match &self.inner.verdict {
            Ok(_) => JsValue::NULL,
            Err(error) => js_error(error.clone()),
        }
    }
}
