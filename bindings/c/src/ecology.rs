//! Weaver e-cology 9 (泛微 E9) OpenAPI token authentication: the server key, the RSA
//! encryption, the registration and token requests and answers, the call headers
//! (docs/spec/ecology.md). Every RSA encryption takes `seed`: 32 fresh random bytes from the
//! caller (libqianming draws no randomness).

use crate::http::AnswerOut;
use crate::http::{finish_request, qm_http_request, qm_lifetime};
use crate::output::qm_str;
use crate::output::Items;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::status::qm_status;
use qianming::ecology::SEED_LEN;
use qianming::ecology::{self, ServerKey};

/// The length of `seed`, the random bytes of one RSA encryption: 32.
pub const QM_ECOLOGY_SEED_LEN: usize = 32;
const _: () = assert!(QM_ECOLOGY_SEED_LEN == ecology::SEED_LEN);

/// The body of `qm_ecology_seed_len`.
fn seed_len() -> usize {
    QM_ECOLOGY_SEED_LEN
}

/// The token lifetime of Weaver's guide, 30 minutes in seconds: the `lifetime_s` to pass to
/// `qm_ecology_parse_token_answer` unless the token request asked another `time_s`.
pub const QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S: u64 = 1_800;
const _: () = assert!(QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S == ecology::DEFAULT_TOKEN_LIFETIME_S);

/// The body of `qm_ecology_default_token_lifetime_s`.
fn default_token_lifetime_s() -> u64 {
    QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S
}

/// What a server key (`spk`) is: its size and the longest text one encryption takes.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_ecology_server_key_info {
    /// The size of the RSA modulus in bits.
    pub bits: usize,
    /// The longest text (UTF-8 bytes) one encryption takes: the modulus length less 11.
    pub max_plaintext_len: usize,
}

/// A granted registration; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_ecology_registration {
    /// `secrit` (sic): the secret to encrypt for the token request. Secret: wipe the buffer
    /// when done.
    pub secrit: qm_str,
    /// `spk`: the server's public key, as sent.
    pub spk: qm_str,
    /// `msg`, or absent (NULL `ptr`).
    pub message: qm_str,
}

/// An e-cology access token from a granted answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_ecology_token {
    /// `token`. Secret: wipe the buffer when done.
    pub token: qm_str,
    /// `msg`, or absent (NULL `ptr`).
    pub message: qm_str,
    /// Received time + `lifetime_s` seconds (no refresh token).
    pub lifetime: qm_lifetime,
}

/// The body of `qm_ecology_server_key`.
fn server_key(spk: &str, out_info: Out<qm_ecology_server_key_info>) -> Result<(), qm_status> {
    let key = ServerKey::from_spk(spk)?;
    out_info.write(qm_ecology_server_key_info {
        bits: key.bits(),
        max_plaintext_len: key.max_plaintext_len(),
    })
}

/// The body of `qm_ecology_encrypt`.
fn encrypt(
    spk: &str,
    plaintext: &str,
    seed: &[u8; SEED_LEN],
    out: OutBuffer,
) -> Result<(), qm_status> {
    out.write(&ServerKey::from_spk(spk)?.encrypt(plaintext, seed)?)
}

/// The body of `qm_ecology_regist_request`.
fn regist_request(
    base_url: &str,
    appid: &str,
    cpk: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let built = ecology::regist_request(base_url, appid, cpk);
    finish_request(built, out_request, out)
}

/// The body of `qm_ecology_parse_regist_answer`.
fn parse_regist_answer(
    body: &[u8],
    answer_to: AnswerOut<qm_ecology_registration>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    answer_to.write(ecology::parse_regist_answer(body), out, |reg, out| {
        let [secrit, spk, message] = out.write_optional_parts([
            Some(reg.secrit.expose()),
            Some(reg.spk.as_str()),
            reg.message.as_deref(),
        ])?;
        Ok(qm_ecology_registration {
            secrit,
            spk,
            message,
        })
    })
}

/// The body of `qm_ecology_applytoken_request`.
fn applytoken_request(
    base_url: &str,
    appid: &str,
    spk: &str,
    secrit: &str,
    seed: &[u8; SEED_LEN],
    time_s: u64,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let time_s = (time_s != 0).then_some(time_s);
    let built = ecology::applytoken_request(base_url, appid, spk, secrit, seed, time_s);
    finish_request(built, out_request, out)
}

/// The body of `qm_ecology_parse_token_answer`.
fn parse_token_answer(
    body: &[u8],
    received_at_ms: u64,
    lifetime_s: u64,
    answer_to: AnswerOut<qm_ecology_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let parsed = ecology::parse_token_answer(body, received_at_ms, lifetime_s);
    answer_to.write(parsed, out, |token, out| {
        let [token_text, message] =
            out.write_optional_parts([Some(token.token.expose()), token.message.as_deref()])?;
        Ok(qm_ecology_token {
            token: token_text,
            message,
            lifetime: token.lifetime.into(),
        })
    })
}

/// The body of `qm_ecology_call_headers`.
fn call_headers(
    appid: &str,
    token: &str,
    spk: &str,
    userid: &str,
    seed: &[u8; SEED_LEN],
    out_headers: Items,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let headers = ecology::call_headers(appid, token, spk, userid, seed)?;
    out.write_pairs(&headers, out_headers)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/ecology.rs"));
