//! Kingdee: the verifier handle (replay guard, shared-store tickets, the safe diagnosis).

use crate::boundary::{ffi_fn, release};
use crate::input::qm_pair;
use crate::kingdee::{qm_kingdee_verified, write_verified};
use crate::output::qm_str;
use crate::replay::{qm_replay_ticket, Guarded};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::kingdee::Verifier;
use qianming::replay::ReplayGuard;

/// The Kingdee replay guard's default capacity (`qm_kingdee_verifier_new` with
/// `replay_capacity` 0).
pub const QM_KINGDEE_DEFAULT_REPLAY_CAPACITY: usize = 65_536;
const _: () = assert!(QM_KINGDEE_DEFAULT_REPLAY_CAPACITY == ReplayGuard::DEFAULT_CAPACITY);

/// `QM_KINGDEE_DEFAULT_REPLAY_CAPACITY` as a function, for bindings that cannot read C macros
/// (JNA, ctypes).
#[no_mangle]
pub extern "C" fn qm_kingdee_default_replay_capacity() -> usize {
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

/// Makes a Kingdee verifier with an empty replay guard.
///
/// @param client_secret, client_secret_len  the client's secret (not empty).
/// @param window_ms        how far the timestamp may lie from `now_ms`, either direction
///                         (`QM_DEFAULT_WINDOW_MS` for the gateway's five minutes); a client
///                         id and nonce are remembered until their timestamp leaves it.
/// @param replay_capacity  the most live requests the replay guard holds; 0 for the default
///                         (`QM_KINGDEE_DEFAULT_REPLAY_CAPACITY`). When it is full of live
///                         entries a new request is `QM_STATUS_REPLAY_CACHE_FULL`.
/// @param lenient_query    false (recommended): a received query pair with an empty name,
///                         which the signature does not cover, is
///                         `QM_STATUS_UNSIGNED_QUERY_DATA`. true: accept it, as the vendor
///                         gateway does (the pair then reaches your application unsigned).
/// @param out_verifier     receives the new verifier on success (free it with
///                         `qm_kingdee_verifier_free`); untouched on failure.
/// @return `QM_STATUS_OK` or why not (e.g. `QM_STATUS_EMPTY_SECRET`).
///
/// # Safety
/// `(client_secret, client_secret_len)` must describe readable memory; `out_verifier` must be
/// writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verifier_new(
    client_secret: *const c_char,
    client_secret_len: usize,
    window_ms: u64,
    replay_capacity: usize,
    lenient_query: bool,
    out_verifier: *mut *mut qm_kingdee_verifier,
) -> qm_status {
    ffi_fn!(
        out_verifier = out(out_verifier),
        secret = text(client_secret, client_secret_len),
        {
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
    )
}

/// Releases a verifier and its replay guard. NULL is a no-op. No other thread may be using
/// the verifier, and it must not be used afterwards.
///
/// # Safety
/// `verifier` must be NULL or a pointer returned by `qm_kingdee_verifier_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verifier_free(verifier: *mut qm_kingdee_verifier) {
    // SAFETY: the caller's contract: NULL or made by `qm_kingdee_verifier_new`, freed once.
    unsafe { release(verifier) }
}

/// Verifies a received request at `now_ms` and, when it passes, remembers its client id and
/// nonce so it works only once (`QM_STATUS_REPLAYED` after that, until its timestamp leaves
/// the window). Time only moves forward for the guard: a request whose window closed before
/// the latest `now_ms` this verifier has seen is `QM_STATUS_EXPIRED`, so a clock stepped back
/// cannot bring a forgotten request back. A call refused for its buffer
/// (`QM_STATUS_INSUFFICIENT_SIZE`) remembers nothing: retry it with the size reported.
///
/// @param verifier             a verifier from `qm_kingdee_verifier_new` (may be shared
///                             between threads).
/// @param method, method_len   the received method.
/// @param path, path_len       the received path, decoded.
/// @param query, query_count   the received query pairs, decoded (NULL if 0; at most 1024).
/// @param headers, header_count  the received headers, any case (NULL if 0).
/// @param now_ms               the server's time, milliseconds since the epoch.
/// @param out_parts            receives client id, nonce and timestamp.
/// @param buf, buf_cap, out_len  caller buffer for the texts, as everywhere.
/// @return `QM_STATUS_OK` or why not (`QM_STATUS_REPLAYED`, `QM_STATUS_SIGNATURE_MISMATCH`,
///         `QM_STATUS_UNSIGNED_QUERY_DATA`, …).
///
/// # Safety
/// `verifier` must be NULL or a live verifier; every `(ptr, len)` pair and array must
/// describe readable memory not overlapping `buf`; `buf` must have `buf_cap` writable bytes;
/// `out_parts` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verifier_verify(
    verifier: *const qm_kingdee_verifier,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    query: *const qm_pair,
    query_count: usize,
    headers: *const qm_pair,
    header_count: usize,
    now_ms: u64,
    out_parts: *mut qm_kingdee_verified,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        handle = borrowed(verifier),
        out = buffer(buf, buf_cap, out_len),
        request = received(
            (method, method_len),
            (path, path_len),
            (query, query_count),
            (headers, header_count)
        ),
        {
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
    )
}

/// Verifies a received request at `now_ms` **without the replay guard**, and returns the
/// ticket a replay store shared by several servers must record (see `qm_replay_ticket`):
/// accept the request only if the store did not hold the ticket's key yet. Alone, this
/// accepts a replay for the whole window.
///
/// @param verifier, method, path, query, headers, now_ms  as for `qm_kingdee_verifier_verify`.
/// @param out_parts            receives client id, nonce and timestamp.
/// @param out_ticket           receives the replay ticket (its key is a view into `buf`).
/// @param buf, buf_cap, out_len  caller buffer for the texts, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As for `qm_kingdee_verifier_verify`; `out_ticket` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verifier_verify_stateless(
    verifier: *const qm_kingdee_verifier,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    query: *const qm_pair,
    query_count: usize,
    headers: *const qm_pair,
    header_count: usize,
    now_ms: u64,
    out_parts: *mut qm_kingdee_verified,
    out_ticket: *mut qm_replay_ticket,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        out_ticket = out(out_ticket),
        handle = borrowed(verifier),
        out = buffer(buf, buf_cap, out_len),
        request = received(
            (method, method_len),
            (path, path_len),
            (query, query_count),
            (headers, header_count)
        ),
        {
            let verifier = handle.shared.stateless();
            let verified =
                request.with(|request| Ok(verifier.verify_stateless(request, now_ms)?))?;
            let [client_id, nonce, key] =
                out.write_parts([&verified.client_id, &verified.nonce, &verified.replay.key])?;
            out_parts.write(qm_kingdee_verified {
                client_id,
                nonce,
                timestamp_ms: verified.timestamp_ms,
            })?;
            out_ticket.write(qm_replay_ticket::new(key, &verified.replay))
        }
    )
}

/// How many requests (client id and nonce) the verifier's replay guard remembers now.
///
/// @param verifier   a verifier from `qm_kingdee_verifier_new`.
/// @param out_count  receives the number.
/// @return `QM_STATUS_OK` or `QM_STATUS_NULL_ARGUMENT`.
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `out_count` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verifier_remembered(
    verifier: *const qm_kingdee_verifier,
    out_count: *mut usize,
) -> qm_status {
    ffi_fn!(out_count = out(out_count), handle = borrowed(verifier), {
        out_count.write(handle.shared.lock().remembered())
    })
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

/// Rebuilds a received request's canonical parts and judges it at `now_ms`, for a server to
/// log or answer why it refused a request. Safe to show: it never holds the HMAC or the
/// expected signature (unlike `qm_kingdee_verify_explain_revealing_signature`). Changes no
/// replay state.
///
/// @param verifier, method, path, query, headers, now_ms  as for `qm_kingdee_verifier_verify`.
/// @param out_parts  receives the diagnosis, views into `buf`.
/// @param buf, buf_cap, out_len  caller buffer for the texts, as everywhere.
/// @return `QM_STATUS_OK` when the request could be rebuilt, whatever its verdict (see
///         `out_parts->verdict`); otherwise why it is too malformed to rebuild (e.g.
///         `QM_STATUS_MISSING_HEADER`, `QM_STATUS_UNSIGNED_QUERY_DATA`).
///
/// # Safety
/// As for `qm_kingdee_verifier_verify`.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verifier_diagnose(
    verifier: *const qm_kingdee_verifier,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    query: *const qm_pair,
    query_count: usize,
    headers: *const qm_pair,
    header_count: usize,
    now_ms: u64,
    out_parts: *mut qm_kingdee_diagnosis,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        handle = borrowed(verifier),
        out = buffer(buf, buf_cap, out_len),
        request = received(
            (method, method_len),
            (path, path_len),
            (query, query_count),
            (headers, header_count)
        ),
        {
            let verifier = handle.shared.stateless();
            let diagnosis = request.with(|request| Ok(verifier.diagnose(request, now_ms)?))?;
            let signed = diagnosis.signed_headers.join(",");
            let (verdict, detail, timestamp_ms) = match &diagnosis.verdict {
                Ok(timestamp_ms) => (qm_status::Ok, "", *timestamp_ms),
                Err(refusal) => (qm_status::from(refusal.kind()), refusal.detail(), 0),
            };
            let [canonical_path, canonical_query, signed_headers, string_to_sign, verdict_detail] =
                out.write_parts([
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
    )
}
