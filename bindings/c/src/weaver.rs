//! Weaver: sign, explain and the verifier handle holding the replay guard.

use crate::boundary::{ffi_fn, release};
use crate::http::{finish_request, qm_http_request, qm_lifetime, qm_refusal};
use crate::output::qm_str;
use crate::replay::{qm_replay_ticket, Guarded};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::weaver::{self, ReplayGuard, Verifier};

/// A Weaver sign with the values it is made of; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_weaver_explanation {
    /// `HEX_UPPER(MD5(appid ":" secret))`: 32 bytes.
    pub md5_upper: qm_str,
    /// `timestamp_ms "_" md5_upper`: what is encrypted.
    pub plaintext: qm_str,
    /// Lowercase hex of the AES-ECB-PKCS#7 ciphertext: the `sign` header.
    pub sign: qm_str,
}

/// The replay guard's default capacity (`qm_weaver_verifier_new` uses it).
pub const QM_WEAVER_DEFAULT_REPLAY_CAPACITY: usize = 65_536;
const _: () = assert!(QM_WEAVER_DEFAULT_REPLAY_CAPACITY == weaver::ReplayGuard::DEFAULT_CAPACITY);

/// `QM_WEAVER_DEFAULT_REPLAY_CAPACITY` as a function, for bindings that cannot read C macros
/// (JNA, ctypes).
#[no_mangle]
pub extern "C" fn qm_weaver_default_replay_capacity() -> usize {
    QM_WEAVER_DEFAULT_REPLAY_CAPACITY
}

/// A Weaver server-side verifier for one appid, holding the replay guard that makes each sign
/// work once. Opaque; make it with `qm_weaver_verifier_new`, release it with
/// `qm_weaver_verifier_free`. Safe to share between threads: calls are serialised by an
/// internal mutex, so two threads verifying the same sign get one `QM_STATUS_OK` and one
/// `QM_STATUS_REPLAYED`; `qm_weaver_verifier_verify_stateless` takes no lock.
pub struct qm_weaver_verifier {
    pub(crate) shared: Guarded<Verifier>,
}

/// The Weaver `sign` for `timestamp_ms`:
/// `hex(AES-ECB-PKCS#7(aes_key, timestamp_ms "_" HEX_UPPER(MD5(appid ":" secret))))`.
///
/// @param appid, appid_len      the appid.
/// @param secret, secret_len    the secret.
/// @param aes_key, aes_key_len  the AES key: 16, 24 or 32 UTF-8 bytes.
/// @param timestamp_ms          milliseconds since the epoch (supplied by the caller).
/// @param buf, buf_cap          caller buffer for the hex sign (96 bytes for a 13-digit
///                              timestamp); NULL allowed when `buf_cap` is 0 (size query).
/// @param out_len               receives the bytes written, or needed on
///                              `QM_STATUS_INSUFFICIENT_SIZE`.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_sign(
    appid: *const c_char,
    appid_len: usize,
    secret: *const c_char,
    secret_len: usize,
    aes_key: *const c_char,
    aes_key_len: usize,
    timestamp_ms: u64,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        appid = text(appid, appid_len),
        secret = text(secret, secret_len),
        key = text(aes_key, aes_key_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&weaver::sign(appid, secret, key, timestamp_ms)?) }
    )
}

/// The Weaver sign with its MD5 and plaintext (the explain form of `qm_weaver_sign`).
///
/// @param out_parts  receives views of `md5_upper`, `plaintext` and `sign` inside `buf`.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As for `qm_weaver_sign`; `out_parts` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_explain(
    appid: *const c_char,
    appid_len: usize,
    secret: *const c_char,
    secret_len: usize,
    aes_key: *const c_char,
    aes_key_len: usize,
    timestamp_ms: u64,
    out_parts: *mut qm_weaver_explanation,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        appid = text(appid, appid_len),
        secret = text(secret, secret_len),
        key = text(aes_key, aes_key_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let explained = weaver::explain(appid, secret, key, timestamp_ms)?;
            let [md5_upper, plaintext, sign] =
                out.write_parts([&explained.md5_upper, &explained.plaintext, &explained.sign])?;
            out_parts.write(qm_weaver_explanation {
                md5_upper,
                plaintext,
                sign,
            })
        }
    )
}

/// Makes a Weaver verifier with an empty replay guard.
///
/// @param appid, secret, aes_key  as for `qm_weaver_sign`.
/// @param window_ms   how old a sign may be, and how far in the future
///                    (`QM_DEFAULT_WINDOW_MS` for the server's five minutes).
/// @param out_verifier  receives the new verifier on success; free it with
///                    `qm_weaver_verifier_free`. Untouched on failure.
/// @return `QM_STATUS_OK` or why not (e.g. `QM_STATUS_INVALID_KEY_LENGTH`).
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `out_verifier` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_verifier_new(
    appid: *const c_char,
    appid_len: usize,
    secret: *const c_char,
    secret_len: usize,
    aes_key: *const c_char,
    aes_key_len: usize,
    window_ms: u64,
    out_verifier: *mut *mut qm_weaver_verifier,
) -> qm_status {
    // SAFETY: the same contract, passed on unchanged; the defaults are the core's.
    unsafe {
        qm_weaver_verifier_new_with_options(
            appid,
            appid_len,
            secret,
            secret_len,
            aes_key,
            aes_key_len,
            window_ms,
            window_ms,
            ReplayGuard::DEFAULT_CAPACITY,
            out_verifier,
        )
    }
}

/// Verifies `sign` at `now_ms` and, when it passes, remembers it so it works only once. Time
/// only moves forward for the guard: a sign whose window closed before the latest `now_ms`
/// this verifier has seen is `QM_STATUS_EXPIRED`, so a clock stepped back cannot bring a
/// forgotten sign back.
///
/// @param verifier        a verifier from `qm_weaver_verifier_new` (may be shared between
///                        threads).
/// @param sign, sign_len  the received `sign` header.
/// @param now_ms          the server's time, milliseconds since the epoch.
/// @param out_timestamp_ms  receives the timestamp inside the sign on success.
/// @return `QM_STATUS_OK`, or why not (`QM_STATUS_REPLAYED`, `QM_STATUS_EXPIRED`, …).
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `(sign, sign_len)` must describe readable
/// memory; `out_timestamp_ms` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_verifier_verify(
    verifier: *const qm_weaver_verifier,
    sign: *const c_char,
    sign_len: usize,
    now_ms: u64,
    out_timestamp_ms: *mut u64,
) -> qm_status {
    ffi_fn!(
        out_timestamp_ms = out(out_timestamp_ms),
        handle = borrowed(verifier),
        sign = text(sign, sign_len),
        { out_timestamp_ms.write(handle.shared.lock().verify(sign, now_ms)?.timestamp_ms) }
    )
}

/// Verifies `sign` at `now_ms` **without the replay guard**, and returns the ticket a replay
/// store shared by several servers must record (see `qm_replay_ticket`): accept the sign only
/// if the store did not hold the ticket's key yet. Alone, this accepts a replay for the whole
/// window. (Like every Weaver verification result, it never returns the decrypted
/// plaintext: its MD5 part is as secret as the secret.)
///
/// @param verifier          a verifier from `qm_weaver_verifier_new`.
/// @param sign, sign_len    the received `sign` header.
/// @param now_ms            the server's time, milliseconds since the epoch.
/// @param out_timestamp_ms  receives the timestamp inside the sign.
/// @param out_ticket        receives the replay ticket (its key is a view into `buf`).
/// @param buf, buf_cap, out_len  caller buffer for the ticket's key, as everywhere.
/// @return `QM_STATUS_OK` or why not (`QM_STATUS_EXPIRED`, `QM_STATUS_SIGN_MISMATCH`, …).
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `(sign, sign_len)` must describe readable
/// memory not overlapping `buf`; `buf` must have `buf_cap` writable bytes; `out_timestamp_ms`,
/// `out_ticket` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_verifier_verify_stateless(
    verifier: *const qm_weaver_verifier,
    sign: *const c_char,
    sign_len: usize,
    now_ms: u64,
    out_timestamp_ms: *mut u64,
    out_ticket: *mut qm_replay_ticket,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_timestamp_ms = out(out_timestamp_ms),
        out_ticket = out(out_ticket),
        handle = borrowed(verifier),
        sign = text(sign, sign_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let verified = handle.shared.stateless().verify_stateless(sign, now_ms)?;
            let [key] = out.write_parts([&verified.replay.key])?;
            out_timestamp_ms.write(verified.timestamp_ms)?;
            out_ticket.write(qm_replay_ticket::new(key, &verified.replay))
        }
    )
}

/// How many signs the verifier's replay guard remembers now.
///
/// @param verifier   a verifier from `qm_weaver_verifier_new`.
/// @param out_count  receives the number.
/// @return `QM_STATUS_OK` or `QM_STATUS_NULL_ARGUMENT`.
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `out_count` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_verifier_remembered(
    verifier: *const qm_weaver_verifier,
    out_count: *mut usize,
) -> qm_status {
    ffi_fn!(out_count = out(out_count), handle = borrowed(verifier), {
        out_count.write(handle.shared.lock().remembered())
    })
}

/// Releases a verifier and its replay guard. NULL is a no-op. No other thread may be using
/// the verifier, and it must not be used afterwards.
///
/// # Safety
/// `verifier` must be NULL or a pointer returned by `qm_weaver_verifier_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_verifier_free(verifier: *mut qm_weaver_verifier) {
    // SAFETY: the caller's contract: NULL or made by `qm_weaver_verifier_new`, freed once.
    unsafe { release(verifier) }
}

/// A Weaver token from a granted answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_weaver_token {
    /// `token`. Secret: wipe the buffer when done.
    pub token: qm_str,
    /// `msg`, or absent (NULL `ptr`).
    pub msg: qm_str,
    /// `batchkey`, or absent.
    pub batchkey: qm_str,
    /// Received time + 30 min.
    pub lifetime: qm_lifetime,
}

/// Makes a Weaver verifier with every option of the core's verifier.
///
/// @param appid, secret, aes_key  as for `qm_weaver_sign`.
/// @param window_ms        how old a sign may be (`QM_DEFAULT_WINDOW_MS`: five minutes).
/// @param max_future_ms    how far in the future its timestamp may lie (clock skew
///                         allowance; `qm_weaver_verifier_new` uses `window_ms`).
/// @param replay_capacity  the most live signs the replay guard holds
///                         (`QM_WEAVER_DEFAULT_REPLAY_CAPACITY`); when full of live entries
///                         a new sign is `QM_STATUS_REPLAY_CACHE_FULL`.
/// @param out_verifier     receives the new verifier on success (free it with
///                         `qm_weaver_verifier_free`); untouched on failure.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `out_verifier` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_verifier_new_with_options(
    appid: *const c_char,
    appid_len: usize,
    secret: *const c_char,
    secret_len: usize,
    aes_key: *const c_char,
    aes_key_len: usize,
    window_ms: u64,
    max_future_ms: u64,
    replay_capacity: usize,
    out_verifier: *mut *mut qm_weaver_verifier,
) -> qm_status {
    ffi_fn!(
        out_verifier = out(out_verifier),
        appid = text(appid, appid_len),
        secret = text(secret, secret_len),
        key = text(aes_key, aes_key_len),
        {
            let verifier = Verifier::new(appid, secret, key)?
                .with_window_ms(window_ms)
                .with_max_future_ms(max_future_ms)
                .with_replay_capacity(replay_capacity);
            let shared = Guarded::new(verifier);
            out_verifier.write(Box::into_raw(Box::new(qm_weaver_verifier { shared })))
        }
    )
}

/// Builds `POST <base>/api/cus/token/auth/getToken` with headers `Content-Type`, `appid` and
/// `sign` and no body.
///
/// @param base_url, base_url_len  the Weaver server, e.g. `http://10.0.0.1`.
/// @param appid, appid_len        the appid (must travel in a header).
/// @param sign, sign_len          a sign from `qm_weaver_sign` (each works once).
/// @param out_request             receives the request, views into `buf`.
/// @param buf, buf_cap, out_len   caller buffer, as everywhere.
/// @return `QM_STATUS_OK` or why not (`QM_STATUS_INVALID_URL`, `QM_STATUS_INVALID_HEADER_VALUE`, …).
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_request` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_token_request(
    base_url: *const c_char,
    base_url_len: usize,
    appid: *const c_char,
    appid_len: usize,
    sign: *const c_char,
    sign_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base = text(base_url, base_url_len),
        appid = text(appid, appid_len),
        sign = text(sign, sign_len),
        out = buffer(buf, buf_cap, out_len),
        { finish_request(weaver::token_request(base, appid, sign), out_request, out) }
    )
}

/// `qm_weaver_token_request` with a fresh sign made at `timestamp_ms` (the core's
/// `signed_token_request`): a retry must build a new request.
///
/// @param appid, secret, aes_key  as for `qm_weaver_sign`.
/// @param base_url, base_url_len  the Weaver server.
/// @param timestamp_ms            milliseconds since the epoch (supplied by the caller).
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_signed_token_request(
    appid: *const c_char,
    appid_len: usize,
    secret: *const c_char,
    secret_len: usize,
    aes_key: *const c_char,
    aes_key_len: usize,
    base_url: *const c_char,
    base_url_len: usize,
    timestamp_ms: u64,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        appid = text(appid, appid_len),
        secret = text(secret, secret_len),
        key = text(aes_key, aes_key_len),
        base = text(base_url, base_url_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let signer = weaver::Signer::new(appid, secret, key)?;
            let built = weaver::signed_token_request(&signer, base, timestamp_ms);
            finish_request(built, out_request, out)
        }
    )
}

/// Parses the token answer `{"batchkey", "msg", "status", "token"}`. `status: false` is a
/// refusal whose kind comes from the message (`QM_STATUS_APPID_DISABLED`,
/// `QM_STATUS_SIGN_MISMATCH`, `QM_STATUS_REPLAYED`, `QM_STATUS_UNDECRYPTABLE`,
/// `QM_STATUS_EXPIRED`, else `QM_STATUS_VENDOR_ERROR`).
///
/// @param body, body_len   the answer body as received (bytes; need not be UTF-8).
/// @param received_at_ms   when the answer arrived (the token lives 30 min from then).
/// @param out_token        receives the token on `QM_STATUS_OK`.
/// @param out_refusal      NULL, or the refusal (message, batchkey) as for
///                         `qm_kingdee_parse_token_answer`.
/// @param buf, buf_cap, out_len  caller buffer for the texts.
/// @return `QM_STATUS_OK`, a refusal's kind, or why the answer is malformed.
///
/// # Safety
/// As for `qm_kingdee_parse_token_answer`.
#[no_mangle]
pub unsafe extern "C" fn qm_weaver_parse_token_answer(
    body: *const u8,
    body_len: usize,
    received_at_ms: u64,
    out_token: *mut qm_weaver_token,
    out_refusal: *mut qm_refusal,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        answer_to = answer_out(out_token, out_refusal),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        {
            answer_to.write(
                weaver::parse_token_answer(body, received_at_ms),
                out,
                |token, out| {
                    let [token_view, msg, batchkey] = out.write_optional_parts([
                        Some(token.token.expose()),
                        token.msg.as_deref(),
                        token.batchkey.as_deref(),
                    ])?;
                    Ok(qm_weaver_token {
                        token: token_view,
                        msg,
                        batchkey,
                        lifetime: token.lifetime.into(),
                    })
                },
            )
        }
    )
}
