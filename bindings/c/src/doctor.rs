//! The signature doctor (docs/spec/doctor.md): which known client mistake reproduces what a
//! client sent. Reports hold no expected signature or MD5: safe to log and show the client.

use crate::input::Received;
use crate::kingdee_verifier::qm_kingdee_verifier;
use crate::output::qm_str;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::status::qm_status;
use crate::weaver::qm_weaver_verifier;
use qianming::doctor::{self, KingdeeDiagnosis, RequestFormat, Verdict};
use qianming::kingdee::ReceivedRequest;

/// What the Kingdee doctor found; texts are views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_doctor_report {
    /// The verdict's stable numeric code (docs/spec/doctor.md#verdicts).
    pub verdict_code: u32,
    /// The verdict's stable name, e.g. `valid`, `query_encoded_once`, `unexplained`.
    pub verdict: qm_str,
    /// What the verdict means and what to do, in English.
    pub explanation: qm_str,
    /// The same in Chinese.
    pub explanation_zh: qm_str,
    /// Every mistake that together reproduce the request, names joined by `,`, the verdict's
    /// first; empty when `valid` or `unexplained`.
    pub mistakes: qm_str,
    /// `X-Api-ClientID` as received.
    pub client_id: qm_str,
    /// `X-Api-Nonce` as received.
    pub nonce: qm_str,
    /// `X-Api-TimeStamp` as a number.
    pub timestamp_ms: u64,
    /// The time the request was judged at.
    pub now_ms: u64,
    /// The window the timestamp had to be in, either way.
    pub window_ms: u64,
    /// `now_ms − timestamp_ms` (positive: in the past); for `timestamp_in_seconds`,
    /// `now_ms − timestamp × 1000`.
    pub time_difference_ms: i64,
    /// The canonical path the gateway builds.
    pub canonical_path: qm_str,
    /// The canonical query the gateway builds.
    pub canonical_query: qm_str,
    /// The signed header names in signing order, joined by `,`.
    pub signed_headers: qm_str,
    /// The string to sign the gateway builds (no secret in it).
    pub string_to_sign: qm_str,
    /// The string to sign the client used, when reproduced; `ptr` NULL when `unexplained`.
    pub client_string_to_sign: qm_str,
}

/// What the Weaver doctor found; texts are views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_weaver_doctor_report {
    /// The verdict's stable numeric code.
    pub verdict_code: u32,
    /// The verdict's stable name, e.g. `valid`, `md5_lowercase`, `wrong_aes_key`.
    pub verdict: qm_str,
    /// What the verdict means and what to do, in English.
    pub explanation: qm_str,
    /// The same in Chinese.
    pub explanation_zh: qm_str,
    /// Every mistake found, names joined by `,`, the verdict's first (for `unexplained`, those
    /// established before the doctor got stuck).
    pub mistakes: qm_str,
    /// The time the sign was judged at.
    pub now_ms: u64,
    /// The window the timestamp had to be in, either way.
    pub window_ms: u64,
    /// Whether the sign decrypted to `<digits>_<32 hex>`: only then are `timestamp_ms` and
    /// `time_difference_ms` meaningful (0 otherwise).
    pub has_timestamp: bool,
    /// The timestamp inside the sign.
    pub timestamp_ms: u64,
    /// `now_ms − timestamp_ms` (positive: in the past); for `timestamp_in_seconds`,
    /// `now_ms − timestamp × 1000`.
    pub time_difference_ms: i64,
    /// The shape of the decrypted sign without its digits; `ptr` NULL when it did not decrypt.
    pub plaintext_layout: qm_str,
    /// How the client made the sign, as a formula of names; `ptr` NULL when not reproduced.
    pub client_recipe: qm_str,
}

/// A request read from pasted text (`qm_kingdee_doctor_pasted`); views into the caller's
/// buffer. Its query pairs and headers are what the doctor was given (see the report).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_pasted_request {
    /// The method as written.
    pub method: qm_str,
    /// The request target as it travels (path and query, percent-encoded).
    pub target: qm_str,
    /// The path, decoded as the gateway decodes it.
    pub path: qm_str,
    /// The body; `ptr` NULL when there is none.
    pub body: qm_str,
}

fn names(verdicts: &[Verdict]) -> String {
    verdicts
        .iter()
        .map(|v| v.name())
        .collect::<Vec<_>>()
        .join(",")
}

/// The texts of a Kingdee report, in the order `kingdee_report` reads their views.
fn kingdee_texts<'a>(
    d: &'a KingdeeDiagnosis,
    mistakes: &'a str,
    signed: &'a str,
) -> [Option<&'a str>; 11] {
    [
        Some(d.verdict.name()),
        Some(d.verdict.explanation()),
        Some(d.verdict.explanation_zh()),
        Some(mistakes),
        Some(&d.client_id),
        Some(&d.nonce),
        Some(&d.canonical_path),
        Some(&d.canonical_query),
        Some(signed),
        Some(&d.string_to_sign),
        d.client_string_to_sign.as_deref(),
    ]
}

fn kingdee_report(d: &KingdeeDiagnosis, v: &[qm_str]) -> qm_kingdee_doctor_report {
    qm_kingdee_doctor_report {
        verdict_code: d.verdict.code(),
        verdict: v[0],
        explanation: v[1],
        explanation_zh: v[2],
        mistakes: v[3],
        client_id: v[4],
        nonce: v[5],
        timestamp_ms: d.timestamp_ms,
        now_ms: d.now_ms,
        window_ms: d.window_ms,
        time_difference_ms: d.time_difference_ms,
        canonical_path: v[6],
        canonical_query: v[7],
        signed_headers: v[8],
        string_to_sign: v[9],
        client_string_to_sign: v[10],
    }
}

/// Runs the Kingdee doctor on `request`, with the verifier (if any) for the `replayed`
/// verdict.
fn diagnose_kingdee(
    secret: &str,
    request: &ReceivedRequest<'_>,
    verifier: Option<&qm_kingdee_verifier>,
    now_ms: u64,
    window_ms: u64,
) -> Result<KingdeeDiagnosis, qm_status> {
    let seen = verifier.map(|v| v.shared.lock());
    let d = doctor::diagnose_kingdee(secret, request, now_ms, window_ms, seen.as_deref())?;
    Ok(d)
}

/// The body of `qm_kingdee_doctor`.
fn kingdee_doctor(
    secret: &str,
    request: Received<'_>,
    verifier: Option<&qm_kingdee_verifier>,
    now_ms: u64,
    window_ms: u64,
    out_report: Out<qm_kingdee_doctor_report>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let d =
        request.with(|request| diagnose_kingdee(secret, request, verifier, now_ms, window_ms))?;
    let (mistakes, signed) = (names(&d.mistakes), d.signed_headers.join(","));
    let mut views = [qm_str::EMPTY; 11];
    out.write_optional(&kingdee_texts(&d, &mistakes, &signed), &mut views)?;
    out_report.write(kingdee_report(&d, &views))
}

/// The body of `qm_kingdee_doctor_pasted`.
fn kingdee_doctor_pasted(
    secret: &str,
    pasted: &str,
    format: Option<&str>,
    verifier: Option<&qm_kingdee_verifier>,
    now_ms: u64,
    window_ms: u64,
    out_request: Out<qm_pasted_request>,
    out_report: Out<qm_kingdee_doctor_report>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let format = match format {
        None => RequestFormat::Detect,
        Some(name) => RequestFormat::from_name(name).ok_or(qm_status::InvalidField)?,
    };
    let request = doctor::parse_request(pasted, format)?;
    let d = request.with_received(|received| {
        diagnose_kingdee(secret, received, verifier, now_ms, window_ms)
    })?;
    let (mistakes, signed) = (names(&d.mistakes), d.signed_headers.join(","));
    let mut parts = kingdee_texts(&d, &mistakes, &signed).to_vec();
    parts.extend([
        Some(request.method.as_str()),
        Some(request.target.as_str()),
        Some(request.path.as_str()),
        request.body.as_deref(),
    ]);
    let mut views = [qm_str::EMPTY; 15];
    out.write_optional(&parts, &mut views)?;
    let parsed = qm_pasted_request {
        method: views[11],
        target: views[12],
        path: views[13],
        body: views[14],
    };
    out_request.write(parsed)?;
    out_report.write(kingdee_report(&d, &views))
}

/// The body of `qm_weaver_doctor`.
fn weaver_doctor(
    appid: &str,
    secret: &str,
    key: &str,
    sign: &str,
    verifier: Option<&qm_weaver_verifier>,
    now_ms: u64,
    window_ms: u64,
    out_report: Out<qm_weaver_doctor_report>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let d = {
        let seen = verifier.map(|v| v.shared.lock());
        let seen = seen.as_deref();
        doctor::diagnose_weaver(appid, secret, key, sign, now_ms, window_ms, seen)?
    };
    let mistakes = names(&d.mistakes);
    let [verdict, explanation, explanation_zh, mistakes, plaintext_layout, client_recipe] = out
        .write_optional_parts([
            Some(d.verdict.name()),
            Some(d.verdict.explanation()),
            Some(d.verdict.explanation_zh()),
            Some(&mistakes),
            d.plaintext_layout.as_deref(),
            d.client_recipe.as_deref(),
        ])?;
    let report = qm_weaver_doctor_report {
        verdict_code: d.verdict.code(),
        verdict,
        explanation,
        explanation_zh,
        mistakes,
        now_ms: d.now_ms,
        window_ms: d.window_ms,
        has_timestamp: d.timestamp_ms.is_some(),
        timestamp_ms: d.timestamp_ms.unwrap_or(0),
        time_difference_ms: d.time_difference_ms.unwrap_or(0),
        plaintext_layout,
        client_recipe,
    };
    out_report.write(report)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/doctor.rs"));
