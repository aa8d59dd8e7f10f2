//! Weaver (泛微): the archive-token sign, its explanation and the server-side verifier with
//! its replay guard.

use crate::convert::{answer, js, js_error, ms_from_number, u64_from_text, JsResult};
use crate::pack::Packer;
use crate::replay::{holds, push_ticket};
use qianming::weaver::{self, Explanation, Inspection, Signer, Verified, Verifier};
use wasm_bindgen::prelude::*;

fn pack_explanation(out: &Explanation) -> String {
    Packer::with_capacity(200)
        .push(&out.md5_upper)
        .push(&out.plaintext)
        .push(&out.sign)
        .finish()
}

/// The sign for `timestamp` (decimal milliseconds).
#[wasm_bindgen(js_name = weaverSign)]
pub fn sign(appid: &str, secret: &str, aes_key: &str, timestamp: &str) -> JsResult<String> {
    let ms = js(u64_from_text(timestamp))?;
    js(weaver::sign(appid, secret, aes_key, ms))
}

/// The sign with its intermediates, packed: MD5 (upper-case hex), plaintext, sign.
#[wasm_bindgen(js_name = weaverExplain)]
pub fn explain(appid: &str, secret: &str, aes_key: &str, timestamp: &str) -> JsResult<String> {
    let ms = js(u64_from_text(timestamp))?;
    Ok(pack_explanation(&js(weaver::explain(
        appid, secret, aes_key, ms,
    ))?))
}

/// Upper-case hex MD5 of `appid:secret`, the part of the plaintext that names the client.
#[wasm_bindgen(js_name = weaverMd5Upper)]
pub fn md5_upper(appid: &str, secret: &str) -> String {
    weaver::md5_upper(appid, secret)
}

/// A Weaver signer for one appid, secret and AES key: MD5 and AES key schedule done once.
#[wasm_bindgen(js_name = WeaverSignerCore)]
pub struct WeaverSigner {
    inner: Signer,
}

#[wasm_bindgen(js_class = WeaverSignerCore)]
impl WeaverSigner {
    /// A signer; refuses AES keys that are not 16, 24 or 32 UTF-8 bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(appid: &str, secret: &str, aes_key: &str) -> JsResult<WeaverSigner> {
        Ok(WeaverSigner {
            inner: js(Signer::new(appid, secret, aes_key))?,
        })
    }

    /// The appid this signer signs for.
    #[wasm_bindgen(getter)]
    pub fn appid(&self) -> String {
        self.inner.appid().to_owned()
    }

    /// The sign for a timestamp given as a JavaScript number.
    #[wasm_bindgen(js_name = signNumber)]
    pub fn sign_number(&self, timestamp_ms: f64) -> JsResult<String> {
        Ok(self
            .inner
            .sign(js(ms_from_number(timestamp_ms, "the timestamp"))?))
    }

    /// The sign for a timestamp given as decimal text (a `bigint` or a string).
    #[wasm_bindgen(js_name = signText)]
    pub fn sign_text(&self, timestamp: &str) -> JsResult<String> {
        Ok(self.inner.sign(js(u64_from_text(timestamp))?))
    }

    /// The `POST …/getToken` request carrying a fresh sign for `timestamp` (decimal ms),
    /// packed.
    #[wasm_bindgen(js_name = tokenRequest)]
    pub fn token_request(&self, base_url: &str, timestamp: &str) -> JsResult<String> {
        let ms = js(u64_from_text(timestamp))?;
        let request = js(weaver::signed_token_request(&self.inner, base_url, ms))?;
        Ok(Packer::with_capacity(400).push_request(&request).finish())
    }

    /// The sign with its intermediates for decimal text, packed as [`explain`].
    #[wasm_bindgen(js_name = explainText)]
    pub fn explain_text(&self, timestamp: &str) -> JsResult<String> {
        let ms = js(u64_from_text(timestamp))?;
        Ok(pack_explanation(&self.inner.explain(ms)))
    }
}

/// The Weaver server-side verifier, holding the core replay guard.
#[wasm_bindgen(js_name = WeaverVerifierCore)]
pub struct WeaverVerifier {
    pub(crate) inner: Verifier,
}

#[wasm_bindgen(js_class = WeaverVerifierCore)]
impl WeaverVerifier {
    /// A verifier. `window_ms` (default five minutes) also sets the limit into the future
    /// unless `max_future_ms` is given; `replay_capacity` bounds the replay guard.
    #[wasm_bindgen(constructor)]
    pub fn new(
        appid: &str,
        secret: &str,
        aes_key: &str,
        window_ms: Option<f64>,
        max_future_ms: Option<f64>,
        replay_capacity: Option<u32>,
    ) -> JsResult<WeaverVerifier> {
        let mut inner = js(Verifier::new(appid, secret, aes_key))?;
        if let Some(window) = window_ms {
            inner = inner.with_window_ms(js(ms_from_number(window, "windowMs"))?);
        }
        if let Some(future) = max_future_ms {
            inner = inner.with_max_future_ms(js(ms_from_number(future, "maxFutureMs"))?);
        }
        if let Some(capacity) = replay_capacity {
            inner = inner.with_replay_capacity(capacity as usize);
        }
        Ok(WeaverVerifier { inner })
    }

    /// Whether the replay guard holds a ticket's `key` at `now_ms` (only read): the doctor's
    /// `replayed`, asked from its own module.
    #[wasm_bindgen(js_name = hasSeen)]
    pub fn has_seen(&self, key: &str, now_ms: f64) -> JsResult<bool> {
        holds(key, now_ms, |t, now| self.inner.has_seen(t, now))
    }

    /// Verifies `sign` at `now_ms` and records it, so the same sign is refused next time.
    /// Returns the timestamp as decimal text. (The decrypted plaintext is not handed out: its
    /// MD5 part is as secret as the secret.)
    pub fn verify(&mut self, sign: &str, now_ms: f64) -> JsResult<String> {
        let now = js(ms_from_number(now_ms, "nowMs"))?;
        let out: Verified = js(self.inner.verify(sign, now))?;
        Ok(out.timestamp_ms.to_string())
    }

    /// Verifies `sign` at `now_ms` without replay state, for a shared replay store. Returns,
    /// packed: timestamp, then the replay ticket (key, expiry, time to live at `now_ms`).
    #[wasm_bindgen(js_name = verifyStateless)]
    pub fn verify_stateless(&self, sign: &str, now_ms: f64) -> JsResult<String> {
        let now = js(ms_from_number(now_ms, "nowMs"))?;
        let out = js(self.inner.verify_stateless(sign, now))?;
        let mut packer = Packer::with_capacity(200);
        packer.push_u64(out.timestamp_ms);
        Ok(push_ticket(&mut packer, &out.replay, now).finish())
    }

    /// What a received sign holds and what the server would say about it at `now_ms`,
    /// without remembering it. Refuses only a sign that cannot be decrypted at all.
    pub fn inspect(&self, sign: &str, now_ms: f64) -> JsResult<WeaverInspection> {
        let now = js(ms_from_number(now_ms, "nowMs"))?;
        Ok(WeaverInspection {
            inner: js(self.inner.inspect(sign, now))?,
        })
    }

    /// How many signs the replay guard remembers.
    #[wasm_bindgen(getter)]
    pub fn remembered(&self) -> u32 {
        u32::try_from(self.inner.remembered()).unwrap_or(u32::MAX)
    }

    /// The validity window in milliseconds.
    #[wasm_bindgen(getter, js_name = windowMs)]
    pub fn window_ms(&self) -> f64 {
        self.inner.window_ms() as f64
    }
}

/// What [`WeaverVerifier::inspect`] found, read by the wrapper through getters.
#[wasm_bindgen(js_name = WeaverInspectionCore)]
pub struct WeaverInspection {
    inner: Inspection,
}

#[wasm_bindgen(js_class = WeaverInspectionCore)]
impl WeaverInspection {
    /// The decrypted plaintext (its MD5 part is as secret as the secret: never log it).
    #[wasm_bindgen(getter)]
    pub fn plaintext(&self) -> String {
        self.inner.plaintext.clone()
    }

    /// The timestamp before the `_` as decimal text, if it is one.
    #[wasm_bindgen(getter, js_name = timestampMs)]
    pub fn timestamp_ms(&self) -> Option<String> {
        self.inner.timestamp_ms.map(|ts| ts.to_string())
    }

    /// `now - timestamp` as decimal text (negative: in the future), if there is a timestamp.
    #[wasm_bindgen(getter, js_name = ageMs)]
    pub fn age_ms(&self) -> Option<String> {
        // The difference of two u64 fits a u64 in magnitude: formatted as one (the i128
        // formatter would add ~2 KB to the module).
        self.inner.age_ms.map(|age| {
            let magnitude = u64::try_from(age.unsigned_abs()).unwrap_or(u64::MAX);
            let sign = if age < 0 { "-" } else { "" };
            format!("{sign}{magnitude}")
        })
    }

    /// The MD5 the sign carries (after the `_`), if any.
    #[wasm_bindgen(getter, js_name = md5Upper)]
    pub fn md5_upper(&self) -> Option<String> {
        self.inner.md5_upper.clone()
    }

    /// Whether that MD5 is the one of the verifier's appid and secret.
    #[wasm_bindgen(getter, js_name = md5Matches)]
    pub fn md5_matches(&self) -> bool {
        self.inner.md5_matches
    }

    /// The refusal the server would give (a `QianmingError`), or `null` when it would accept.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> JsValue {
        match &self.inner.verdict {
            Ok(_) => JsValue::NULL,
            Err(error) => js_error(error.clone()),
        }
    }
}

/// The `POST …/api/cus/token/auth/getToken` request for a sign, packed.
#[wasm_bindgen(js_name = weaverTokenRequest)]
pub fn token_request(base_url: &str, appid: &str, sign: &str) -> JsResult<String> {
    let request = js(weaver::token_request(base_url, appid, sign))?;
    Ok(Packer::with_capacity(400).push_request(&request).finish())
}

/// Parses a Weaver token answer received at `received_at` (decimal ms). Returns, packed:
/// token, msg (or `null`), batchkey (or `null`), expires at (ms).
#[wasm_bindgen(js_name = weaverParseTokenAnswer)]
pub fn parse_token_answer(body: &[u8], received_at: &str) -> JsResult<String> {
    let at = js(u64_from_text(received_at))?;
    let token = answer(weaver::parse_token_answer(body, at))?;
    Ok(Packer::with_capacity(160)
        .push(token.token.expose())
        .push_opt(token.msg.as_deref())
        .push_opt(token.batchkey.as_deref())
        .push_u64(token.lifetime.expires_at_ms)
        .finish())
}
