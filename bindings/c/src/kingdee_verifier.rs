//! Kingdee: the verifier handle (replay guard, shared-store tickets, the safe diagnosis).

use crate::boundary::release;
use crate::input::Received;
use crate::kingdee::{qm_kingdee_verified, write_verified};
use crate::output::qm_str;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::replay::{qm_replay_ticket, Guarded};
use crate::status::qm_status;
use qianming::kingdee::Verifier;
use qianming::replay::ReplayGuard;

/// The Kingdee replay guard's default capacity (`qm_kingdee_verifier_new` with
/// `replay_capacity` 0).
pub const QM_KINGDEE_DEFAULT_REPLAY_CAPACITY: usize = 65_536;
const _: () = assert!(QM_KINGDEE_DEFAULT_REPLAY_CAPACITY == ReplayGuard::DEFAULT_CAPACITY);

/// The body of `qm_kingdee_default_replay_capacity`.
fn kingdee_default_replay_capacity() -> usize {
    QM_KINGDEE_DEFAULT_REPLAY_CAPACITY
}

/// A Kingdee server-side verifier for one client secret, holding the replay guard that makes
/// each client id and nonce work once while its timestamp is inside the window. Opaque; make
/// it with `qm_kingdee_verifier_new`, release it with `qm_kingdee_verifier_free`. Safe to
/// share between threads: `qm_kingdee_verifier_verify` calls are serialised by an internal
/// mutex (the same request verified from two threads gives one `QM_STATUS_OK` and one
/// `QM_STATUS_REPLAYED`); the stateless calls take no lock.
pub struct qm_kingdee_verifier {
    pub(crate) shared: Guarded<Verifier>,
}

/// The body of `qm_kingdee_verifier_new`.
fn new(
    secret: &str,
    window_ms: u64,
    replay_capacity: usize,
    lenient_query: bool,
    out_verifier: Out<*mut qm_kingdee_verifier>,
) -> Result<(), qm_status> {
    let capacity = match replay_capacity {
        0 => ReplayGuard::DEFAULT_CAPACITY,
        n => n,
    };
    let verifier = Verifier::new(secret)?
        .with_window_ms(window_ms)
        .with_replay_capacity(capacity)
        .with_lenient_query(lenient_query);
    let shared = Guarded::new(verifier);
    out_verifier.write(Box::into_raw(Box::new(qm_kingdee_verifier { shared })))
}

/// The body of `qm_kingdee_verifier_verify`.
fn verify(
    handle: &qm_kingdee_verifier,
    request: Received<'_>,
    now_ms: u64,
    out_parts: Out<qm_kingdee_verified>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let verified = request.with(|request| {
        // The texts must fit before the guard records the request, or the retry
        // with a larger buffer would be refused as a replay. A refused request goes
        // through the guarded verify too: it moves the guard's clock, as every call
        // of the core's Verifier::verify does, and gives the same refusal.
        let unguarded = match handle.shared.stateless().verify_stateless(request, now_ms) {
            Ok(unguarded) => unguarded,
            Err(_) => return Ok(handle.shared.lock().verify(request, now_ms)?),
        };
        out.reserve(&[&unguarded.client_id, &unguarded.nonce])?;
        Ok(handle.shared.lock().verify(request, now_ms)?)
    })?;
    write_verified(&verified, out, out_parts)
}

/// The body of `qm_kingdee_verifier_verify_stateless`.
fn verify_stateless(
    handle: &qm_kingdee_verifier,
    request: Received<'_>,
    now_ms: u64,
    out_parts: Out<qm_kingdee_verified>,
    out_ticket: Out<qm_replay_ticket>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let verifier = handle.shared.stateless();
    let verified = request.with(|request| Ok(verifier.verify_stateless(request, now_ms)?))?;
    let [client_id, nonce, key] =
        out.write_parts([&verified.client_id, &verified.nonce, &verified.replay.key])?;
    out_parts.write(qm_kingdee_verified {
        client_id,
        nonce,
        timestamp_ms: verified.timestamp_ms,
    })?;
    out_ticket.write(qm_replay_ticket::new(key, &verified.replay))
}

/// The body of `qm_kingdee_verifier_remembered`.
fn remembered(handle: &qm_kingdee_verifier, out_count: Out<usize>) -> Result<(), qm_status> {
    out_count.write(handle.shared.lock().remembered())
}

/// What `qm_kingdee_verifier_diagnose` can safely tell about a received request: the
/// canonical parts rebuilt from it and its verdict, **never the signature expected** (fit to
/// log, or to answer a client that asks why it was refused). Views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_diagnosis {
    /// `G(path)` of the received path.
    pub canonical_path: qm_str,
    /// The canonical query of the received pairs.
    pub canonical_query: qm_str,
    /// The signed header names in signing order, joined by `,`.
    pub signed_headers: qm_str,
    /// The string to sign the verifier rebuilt (made of the request alone).
    pub string_to_sign: qm_str,
    /// What `qm_kingdee_verifier_verify_stateless` says at `now_ms`: `QM_STATUS_OK`, or the
    /// status the request is refused with (replay state is neither consulted nor changed).
    pub verdict: qm_status,
    /// The refusal's detail message (as `qm_last_error_message` would give it); empty when
    /// the verdict is `QM_STATUS_OK`.
    pub verdict_detail: qm_str,
    /// The signed timestamp (ms) when the verdict is `QM_STATUS_OK`, else 0.
    pub timestamp_ms: u64,
}

/// The body of `qm_kingdee_verifier_diagnose`.
fn diagnose(
    handle: &qm_kingdee_verifier,
    request: Received<'_>,
    now_ms: u64,
    out_parts: Out<qm_kingdee_diagnosis>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let verifier = handle.shared.stateless();
    let diagnosis = request.with(|request| Ok(verifier.diagnose(request, now_ms)?))?;
    let signed = diagnosis.signed_headers.join(",");
    let (verdict, detail, timestamp_ms) = match &diagnosis.verdict {
        Ok(timestamp_ms) => (qm_status::Ok, "", *timestamp_ms),
        Err(refusal) => (qm_status::from(refusal.kind()), refusal.detail(), 0),
    };
    let [canonical_path, canonical_query, signed_headers, string_to_sign, verdict_detail] = out
        .write_parts([
            &diagnosis.canonical_path,
            &diagnosis.canonical_query,
            &signed,
            &diagnosis.string_to_sign,
            detail,
        ])?;
    out_parts.write(qm_kingdee_diagnosis {
        canonical_path,
        canonical_query,
        signed_headers,
        string_to_sign,
        verdict,
        verdict_detail,
        timestamp_ms,
    })
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/kingdee_verifier.rs"));
