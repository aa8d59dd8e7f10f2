//! The signature doctor (docs/spec/doctor.md): which known client mistake reproduces what a
//! client sent. Reports never hold the signature or MD5 the request should carry.

use crate::convert::{js, js_error, ms_from_number, JsResult};
use crate::pack::Packer;
use crate::received::Received;
use qianming::doctor::{self, KingdeeDiagnosis, RequestFormat, SeenBy, Verdict, WeaverDiagnosis};
use qianming::kingdee::ReceivedRequest;
use qianming::replay::ReplayTicket;
use qianming::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The replay guard of a verifier in the main module (the doctor lives in a module of its
    /// own, so it cannot read that verifier's memory): the wrapper passes an object whose
    /// `hasSeen(key)` asks the verifier whether it holds a ticket's key, or `undefined`.
    pub type ReplayGuard;

    #[wasm_bindgen(method, js_name = hasSeen)]
    fn holds(this: &ReplayGuard, key: &str) -> bool;
}

/// The doctor's replay question, asked of the main module's verifier by the ticket's key (the
/// verifier judges it at the `nowMs` the wrapper gave both).
impl SeenBy for ReplayGuard {
    fn has_seen(&self, ticket: &ReplayTicket, _now_ms: u64) -> bool {
        self.holds(&ticket.key)
    }
}

/// `guard` as the core's replay witness.
fn seen_by(guard: Option<&ReplayGuard>) -> Option<&dyn SeenBy> {
    guard.map(|g| g as &dyn SeenBy)
}

/// Verdict names joined by `,`.
fn names(verdicts: &[Verdict]) -> String {
    let mut out = String::new();
    for v in verdicts {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(v.name());
    }
    out
}

/// A signed number as decimal text, without the formatting machinery.
fn signed(value: i64) -> String {
    let mut digits = Vec::with_capacity(20);
    let mut rest = value.unsigned_abs();
    loop {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if value < 0 {
        digits.push(b'-');
    }
    digits.iter().rev().map(|&b| char::from(b)).collect()
}

/// The verdict's name, code and explanations, then the mistakes.
fn push_verdict(packer: &mut Packer, verdict: Verdict, mistakes: &[Verdict]) {
    packer
        .push(verdict.name())
        .push_u64(u64::from(verdict.code()))
        .push(verdict.explanation())
        .push(verdict.explanation_zh())
        .push(&names(mistakes));
}

/// The times of a report, as both doctors give them: timestamp (or null), now, window, time
/// difference (or null).
fn push_times(
    packer: &mut Packer,
    timestamp_ms: Option<u64>,
    now_ms: u64,
    window_ms: u64,
    difference_ms: Option<i64>,
) {
    packer
        .push_opt_u64(timestamp_ms)
        .push_u64(now_ms)
        .push_u64(window_ms)
        .push_opt(difference_ms.map(signed).as_deref());
}

/// Packed Kingdee report: verdict, code, explanation, explanation (zh), mistakes, client id,
/// nonce, the times (`push_times`), canonical path, canonical query, signed headers (joined by
/// `,`), string to sign, client string to sign (or null).
fn push_kingdee(packer: &mut Packer, d: &KingdeeDiagnosis) {
    push_verdict(packer, d.verdict, &d.mistakes);
    packer.push(&d.client_id).push(&d.nonce);
    push_times(
        packer,
        Some(d.timestamp_ms),
        d.now_ms,
        d.window_ms,
        Some(d.time_difference_ms),
    );
    packer
        .push(&d.canonical_path)
        .push(&d.canonical_query)
        .push(&d.signed_headers.join(","))
        .push(&d.string_to_sign)
        .push_opt(d.client_string_to_sign.as_deref());
}

fn diagnose_kingdee(
    secret: &str,
    request: &ReceivedRequest<'_>,
    now_ms: f64,
    window_ms: f64,
    guard: Option<&ReplayGuard>,
) -> JsResult<KingdeeDiagnosis> {
    let now = js(ms_from_number(now_ms, "nowMs"))?;
    let window = js(ms_from_number(window_ms, "windowMs"))?;
    js(doctor::kingdee::diagnose(
        secret,
        request,
        now,
        window,
        seen_by(guard),
    ))
}

/// The Kingdee doctor on a received request (packed as for the verifier: method, path,
/// `query_count` query pairs, header pairs), with a verifier's replay guard (only read) for
/// `replayed`. Returns the packed report (see `push_kingdee`).
#[wasm_bindgen(js_name = doctorKingdee)]
pub fn kingdee(
    client_secret: &str,
    packed: &str,
    lens: &[u32],
    query_count: u32,
    now_ms: f64,
    window_ms: f64,
    guard: Option<ReplayGuard>,
) -> JsResult<String> {
    let received = Received::unpack(packed, lens, query_count)?;
    let d = diagnose_kingdee(
        client_secret,
        &received.request(),
        now_ms,
        window_ms,
        guard.as_ref(),
    )?;
    let mut packer = Packer::with_capacity(2 * d.string_to_sign.len() + 1000);
    push_kingdee(&mut packer, &d);
    Ok(packer.finish())
}

/// A request pasted as `format` (`detect`, `curl`, `http`, `har`) read by the core and given
/// to the Kingdee doctor. Returns, packed: the report (see `push_kingdee`), then method,
/// target, decoded path, body (or null), the number of query pairs, the query pairs and the
/// header pairs.
#[wasm_bindgen(js_name = doctorKingdeePasted)]
pub fn kingdee_pasted(
    client_secret: &str,
    text: &str,
    format: &str,
    now_ms: f64,
    window_ms: f64,
    guard: Option<ReplayGuard>,
) -> JsResult<String> {
    let format = RequestFormat::from_name(format).ok_or_else(|| {
        js_error(Error::new(
            ErrorKind::InvalidField,
            "the format must be detect, curl, http or har",
        ))
    })?;
    let request = js(doctor::parse_request(text, format))?;
    let d = request
        .with_received(|r| diagnose_kingdee(client_secret, r, now_ms, window_ms, guard.as_ref()))?;
    let mut packer = Packer::with_capacity(2 * (d.string_to_sign.len() + text.len()) + 1000);
    push_kingdee(&mut packer, &d);
    packer
        .push(&request.method)
        .push(&request.target)
        .push(&request.path)
        .push_opt(request.body.as_deref())
        .push_u64(request.query.len() as u64);
    for (name, value) in request.query.iter().chain(&request.headers) {
        packer.push(name).push(value);
    }
    Ok(packer.finish())
}

/// The Weaver doctor on a received sign, with a verifier's replay guard (only read) for
/// `replayed`. Returns, packed: verdict, code, explanation, explanation (zh), mistakes, the
/// times (`push_times`), plaintext layout (or null), client recipe (or null).
#[wasm_bindgen(js_name = doctorWeaver)]
pub fn weaver(
    appid: &str,
    secret: &str,
    aes_key: &str,
    sign: &str,
    now_ms: f64,
    window_ms: f64,
    guard: Option<ReplayGuard>,
) -> JsResult<String> {
    let now = js(ms_from_number(now_ms, "nowMs"))?;
    let window = js(ms_from_number(window_ms, "windowMs"))?;
    let d: WeaverDiagnosis = js(doctor::weaver::diagnose(
        appid,
        secret,
        aes_key,
        sign,
        now,
        window,
        seen_by(guard.as_ref()),
    ))?;
    let mut packer = Packer::with_capacity(1000);
    push_verdict(&mut packer, d.verdict, &d.mistakes);
    push_times(
        &mut packer,
        d.timestamp_ms,
        d.now_ms,
        d.window_ms,
        d.time_difference_ms,
    );
    packer
        .push_opt(d.plaintext_layout.as_deref())
        .push_opt(d.client_recipe.as_deref());
    Ok(packer.finish())
}

/// Where a client's own string to sign first differs from the gateway's. Returns, packed:
/// identical (`1`/`0`), line, column, part, expected excerpt, pasted excerpt, then the mistake's
/// name, explanation and explanation (zh) (each null when there is none).
#[wasm_bindgen(js_name = doctorCompareStringToSign)]
pub fn compare_string_to_sign(expected: &str, pasted: &str) -> String {
    let c = doctor::compare_string_to_sign(expected, pasted);
    let mut packer = Packer::with_capacity(1000);
    packer
        .push(if c.identical { "1" } else { "0" })
        .push_u64(c.line as u64)
        .push_u64(c.column as u64)
        .push(c.part)
        .push(&c.expected_excerpt)
        .push(&c.pasted_excerpt)
        .push_opt(c.mistake.map(Verdict::name))
        .push_opt(c.mistake.map(Verdict::explanation))
        .push_opt(c.mistake.map(Verdict::explanation_zh));
    packer.finish()
}

/// The default window of both vendors, either way, in milliseconds.
#[wasm_bindgen(js_name = doctorDefaultWindowMs)]
pub fn default_window_ms() -> f64 {
    doctor::DEFAULT_WINDOW_MS as f64
}
