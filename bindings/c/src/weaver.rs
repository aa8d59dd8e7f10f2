//! Weaver: sign, explain and the verifier handle holding the replay guard.

use crate::boundary::release;
use crate::http::AnswerOut;
use crate::http::{finish_request, qm_http_request, qm_lifetime};
use crate::output::qm_str;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::replay::{qm_replay_ticket, Guarded};
use crate::status::qm_status;
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

/// The body of `qm_weaver_default_replay_capacity`.
fn default_replay_capacity() -> usize {
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

/// The body of `qm_weaver_sign`.
fn sign(
    appid: &str,
    secret: &str,
    key: &str,
    timestamp_ms: u64,
    out: OutBuffer,
) -> Result<(), qm_status> {
    out.write(&weaver::sign(appid, secret, key, timestamp_ms)?)
}

/// The body of `qm_weaver_explain`.
fn explain(
    appid: &str,
    secret: &str,
    key: &str,
    timestamp_ms: u64,
    out_parts: Out<qm_weaver_explanation>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let explained = weaver::explain(appid, secret, key, timestamp_ms)?;
    let [md5_upper, plaintext, sign] =
        out.write_parts([&explained.md5_upper, &explained.plaintext, &explained.sign])?;
    out_parts.write(qm_weaver_explanation {
        md5_upper,
        plaintext,
        sign,
    })
}

/// The body of `qm_weaver_verifier_new`: the core's defaults for the other options.
fn verifier_new(
    appid: &str,
    secret: &str,
    aes_key: &str,
    window_ms: u64,
    out_verifier: Out<*mut qm_weaver_verifier>,
) -> Result<(), qm_status> {
    verifier_new_with_options(
        appid,
        secret,
        aes_key,
        window_ms,
        window_ms,
        ReplayGuard::DEFAULT_CAPACITY,
        out_verifier,
    )
}

/// The body of `qm_weaver_verifier_verify`.
fn verifier_verify(
    handle: &qm_weaver_verifier,
    sign: &str,
    now_ms: u64,
    out_timestamp_ms: Out<u64>,
) -> Result<(), qm_status> {
    out_timestamp_ms.write(handle.shared.lock().verify(sign, now_ms)?.timestamp_ms)
}

/// The body of `qm_weaver_verifier_verify_stateless`.
fn verifier_verify_stateless(
    handle: &qm_weaver_verifier,
    sign: &str,
    now_ms: u64,
    out_timestamp_ms: Out<u64>,
    out_ticket: Out<qm_replay_ticket>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let verified = handle.shared.stateless().verify_stateless(sign, now_ms)?;
    let [key] = out.write_parts([&verified.replay.key])?;
    out_timestamp_ms.write(verified.timestamp_ms)?;
    out_ticket.write(qm_replay_ticket::new(key, &verified.replay))
}

/// The body of `qm_weaver_verifier_remembered`.
fn verifier_remembered(
    handle: &qm_weaver_verifier,
    out_count: Out<usize>,
) -> Result<(), qm_status> {
    out_count.write(handle.shared.lock().remembered())
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

/// The body of `qm_weaver_verifier_new_with_options`.
fn verifier_new_with_options(
    appid: &str,
    secret: &str,
    key: &str,
    window_ms: u64,
    max_future_ms: u64,
    replay_capacity: usize,
    out_verifier: Out<*mut qm_weaver_verifier>,
) -> Result<(), qm_status> {
    let verifier = Verifier::new(appid, secret, key)?
        .with_window_ms(window_ms)
        .with_max_future_ms(max_future_ms)
        .with_replay_capacity(replay_capacity);
    let shared = Guarded::new(verifier);
    out_verifier.write(Box::into_raw(Box::new(qm_weaver_verifier { shared })))
}

/// The body of `qm_weaver_token_request`.
fn token_request(
    base: &str,
    appid: &str,
    sign: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    finish_request(weaver::token_request(base, appid, sign), out_request, out)
}

/// The body of `qm_weaver_signed_token_request`.
fn signed_token_request(
    appid: &str,
    secret: &str,
    key: &str,
    base: &str,
    timestamp_ms: u64,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let signer = weaver::Signer::new(appid, secret, key)?;
    let built = weaver::signed_token_request(&signer, base, timestamp_ms);
    finish_request(built, out_request, out)
}

/// The body of `qm_weaver_parse_token_answer`.
fn parse_token_answer(
    body: &[u8],
    received_at_ms: u64,
    answer_to: AnswerOut<qm_weaver_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/weaver.rs"));
