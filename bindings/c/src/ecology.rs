//! Weaver e-cology 9 (泛微 E9) OpenAPI token authentication: the server key, the RSA
//! encryption, the registration and token requests and answers, the call headers
//! (docs/spec/ecology.md). Every RSA encryption takes `seed`: 32 fresh random bytes from the
//! caller (libqianming draws no randomness).

use crate::boundary::ffi_fn;
use crate::http::{finish_request, qm_http_request, qm_lifetime, qm_refusal};
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::ecology::{self, ServerKey};

/// The length of `seed`, the random bytes of one RSA encryption: 32.
pub const QM_ECOLOGY_SEED_LEN: usize = 32;
const _: () = assert!(QM_ECOLOGY_SEED_LEN == ecology::SEED_LEN);

/// `QM_ECOLOGY_SEED_LEN` as a function, for bindings that cannot read C macros (JNA, ctypes).
#[no_mangle]
pub extern "C" fn qm_ecology_seed_len() -> usize {
    QM_ECOLOGY_SEED_LEN
}

/// The token lifetime of Weaver's guide, 30 minutes in seconds: the `lifetime_s` to pass to
/// `qm_ecology_parse_token_answer` unless the token request asked another `time_s`.
pub const QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S: u64 = 1_800;
const _: () = assert!(QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S == ecology::DEFAULT_TOKEN_LIFETIME_S);

/// `QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S` as a function, for bindings that cannot read C macros
/// (JNA, ctypes).
#[no_mangle]
pub extern "C" fn qm_ecology_default_token_lifetime_s() -> u64 {
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

/// Reads a server key: strict, padded Base64 (ASCII white space skipped) of the DER
/// SubjectPublicKeyInfo of an RSA key of at most 4096 bits.
///
/// @param spk, spk_len  the key (`spk` of the registration, or a `cpk`); not Base64, or PEM
///                      armour, is `QM_STATUS_INVALID_BASE64`; DER of something else (a
///                      PKCS#1 `RSAPublicKey`, another algorithm, a truncated key) is
///                      `QM_STATUS_INVALID_FIELD`.
/// @param out_info      receives the key's size and the longest text it encrypts.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// `(spk, spk_len)` must describe readable memory; `out_info` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_server_key(
    spk: *const c_char,
    spk_len: usize,
    out_info: *mut qm_ecology_server_key_info,
) -> qm_status {
    ffi_fn!(out_info = out(out_info), spk = text(spk, spk_len), {
        let key = ServerKey::from_spk(spk)?;
        out_info.write(qm_ecology_server_key_info {
            bits: key.bits(),
            max_plaintext_len: key.max_plaintext_len(),
        })
    })
}

/// `Base64(RSA-PKCS#1 v1.5 encrypt(spk, UTF-8 of plaintext))`, the padding drawn from a
/// ChaCha20 generator seeded with `seed`. The same seed, key and text give the same
/// ciphertext: use fresh random bytes for every encryption.
///
/// @param spk, spk_len              the server key, as for `qm_ecology_server_key`.
/// @param plaintext, plaintext_len  the text; empty is `QM_STATUS_INVALID_FIELD`, longer than
///                                  the key's `max_plaintext_len` `QM_STATUS_INPUT_TOO_LARGE`.
/// @param seed, seed_len            `QM_ECOLOGY_SEED_LEN` fresh random bytes (another length
///                                  is `QM_STATUS_INVALID_FIELD`).
/// @param buf, buf_cap, out_len     caller buffer for the Base64 ciphertext.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions); `seed` must have `seed_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_encrypt(
    spk: *const c_char,
    spk_len: usize,
    plaintext: *const c_char,
    plaintext_len: usize,
    seed: *const u8,
    seed_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        spk = text(spk, spk_len),
        plaintext = text(plaintext, plaintext_len),
        seed = seed(seed, seed_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&ServerKey::from_spk(spk)?.encrypt(plaintext, seed)?) }
    )
}

/// Builds `POST <base_url>/api/ec/dev/auth/regist` with the headers `appid` and `cpk` (white
/// space removed) and no body.
///
/// @param base_url, base_url_len  the e-cology server, e.g. `http://oa.example.com:8080`;
///                                `http(s)`, no query (`QM_STATUS_INVALID_URL`).
/// @param appid, appid_len        the appid; empty is `QM_STATUS_INVALID_FIELD`.
/// @param cpk, cpk_len            the client's public key, read as `qm_ecology_server_key`
///                                reads a key.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_regist_request(
    base_url: *const c_char,
    base_url_len: usize,
    appid: *const c_char,
    appid_len: usize,
    cpk: *const c_char,
    cpk_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base_url = text(base_url, base_url_len),
        appid = text(appid, appid_len),
        cpk = text(cpk, cpk_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let built = ecology::regist_request(base_url, appid, cpk);
            finish_request(built, out_request, out)
        }
    )
}

/// Parses the registration answer: `status: true` is granted (`secrit` and `spk` non-empty,
/// `spk` a server key); `status: false` is a refusal of kind `QM_STATUS_VENDOR_ERROR` (code =
/// `errcode`, else `code`; message = `errmsg`, else `msg`).
///
/// @param body, body_len     the answer body as received (bytes; need not be UTF-8).
/// @param out_registration   receives the registration on `QM_STATUS_OK`.
/// @param out_refusal        NULL, or the refusal, as for `qm_kingdee_parse_token_answer`.
/// @param buf, buf_cap, out_len  caller buffer for the texts.
/// @return `QM_STATUS_OK`, `QM_STATUS_VENDOR_ERROR`, or why the answer is malformed
///         (`QM_STATUS_INVALID_JSON`, `QM_STATUS_MISSING_FIELD`, `QM_STATUS_INVALID_FIELD`,
///         `QM_STATUS_INVALID_BASE64`).
///
/// # Safety
/// As for `qm_kingdee_parse_token_answer`.
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_parse_regist_answer(
    body: *const u8,
    body_len: usize,
    out_registration: *mut qm_ecology_registration,
    out_refusal: *mut qm_refusal,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        answer_to = answer_out(out_registration, out_refusal),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        {
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
    )
}

/// Builds `POST <base_url>/api/ec/dev/auth/applytoken` with the headers `appid`, `secret` =
/// `Base64(RSA encrypt(spk, secrit))` and, when `time_s` is not 0, `time` (the token
/// lifetime asked for, in seconds); no body.
///
/// @param base_url, base_url_len  as for `qm_ecology_regist_request`.
/// @param appid, appid_len        the appid.
/// @param spk, spk_len            the server key of the registration.
/// @param secrit, secrit_len      the `secrit` of the registration; empty is
///                                `QM_STATUS_EMPTY_SECRET`.
/// @param seed, seed_len          `QM_ECOLOGY_SEED_LEN` fresh random bytes.
/// @param time_s                  the lifetime to ask for, in seconds; 0 for none (the
///                                server's 30 minutes).
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere. The
///                                `secret` header carries the secret: wipe the buffer when
///                                done.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions); `seed` must have `seed_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_applytoken_request(
    base_url: *const c_char,
    base_url_len: usize,
    appid: *const c_char,
    appid_len: usize,
    spk: *const c_char,
    spk_len: usize,
    secrit: *const c_char,
    secrit_len: usize,
    seed: *const u8,
    seed_len: usize,
    time_s: u64,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        base_url = text(base_url, base_url_len),
        appid = text(appid, appid_len),
        spk = text(spk, spk_len),
        secrit = text(secrit, secrit_len),
        seed = seed(seed, seed_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let time_s = (time_s != 0).then_some(time_s);
            let built = ecology::applytoken_request(base_url, appid, spk, secrit, seed, time_s);
            finish_request(built, out_request, out)
        }
    )
}

/// Parses the token answer received at `received_at_ms`: `status: true` is granted (`token`
/// a non-empty string); `status: false` is a refusal: `QM_STATUS_UNDECRYPTABLE` when the
/// message says the secret did not decrypt (解密失败), `QM_STATUS_SIGN_MISMATCH` when it says
/// the authentication data is wrong (认证信息错误), `QM_STATUS_VENDOR_ERROR` otherwise.
///
/// @param body, body_len   the answer body as received (bytes; need not be UTF-8).
/// @param received_at_ms   when the answer arrived, ms since the epoch.
/// @param lifetime_s       how long the token lives, in seconds:
///                         `QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S` unless the request asked
///                         another `time_s`.
/// @param out_token        receives the token on `QM_STATUS_OK`.
/// @param out_refusal      NULL, or the refusal, as for `qm_kingdee_parse_token_answer`.
/// @param buf, buf_cap, out_len  caller buffer for the texts.
/// @return `QM_STATUS_OK`, the refusal's kind, or why the answer is malformed.
///
/// # Safety
/// As for `qm_kingdee_parse_token_answer`.
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_parse_token_answer(
    body: *const u8,
    body_len: usize,
    received_at_ms: u64,
    lifetime_s: u64,
    out_token: *mut qm_ecology_token,
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
            let parsed = ecology::parse_token_answer(body, received_at_ms, lifetime_s);
            answer_to.write(parsed, out, |token, out| {
                let [token_text, message] = out
                    .write_optional_parts([Some(token.token.expose()), token.message.as_deref()])?;
                Ok(qm_ecology_token {
                    token: token_text,
                    message,
                    lifetime: token.lifetime.into(),
                })
            })
        }
    )
}

/// The headers of a call with a token: `appid`, `token` and `userid` =
/// `Base64(RSA encrypt(spk, userid))`, in that order.
///
/// @param appid, appid_len      the appid.
/// @param token, token_len      the token (`qm_ecology_token.token`); empty is
///                              `QM_STATUS_INVALID_FIELD`, one that cannot travel in a header
///                              `QM_STATUS_INVALID_HEADER_VALUE`.
/// @param spk, spk_len          the server key of the registration.
/// @param userid, userid_len    the OA user id, e.g. `1`; empty is `QM_STATUS_INVALID_FIELD`.
/// @param seed, seed_len        `QM_ECOLOGY_SEED_LEN` fresh random bytes.
/// @param out_headers           caller array of `header_cap` elements (3 always suffice).
/// @param header_cap            its capacity.
/// @param out_count             receives the number of headers (or needed).
/// @param buf, buf_cap, out_len caller buffer for the texts. The token is secret: wipe it
///                              when done.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As for `qm_apusic_call_headers`; `seed` must have `seed_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn qm_ecology_call_headers(
    appid: *const c_char,
    appid_len: usize,
    token: *const c_char,
    token_len: usize,
    spk: *const c_char,
    spk_len: usize,
    userid: *const c_char,
    userid_len: usize,
    seed: *const u8,
    seed_len: usize,
    out_headers: *mut qm_header,
    header_cap: usize,
    out_count: *mut usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_headers = items(out_headers, header_cap, out_count),
        appid = text(appid, appid_len),
        token = text(token, token_len),
        spk = text(spk, spk_len),
        userid = text(userid, userid_len),
        seed = seed(seed, seed_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let headers = ecology::call_headers(appid, token, spk, userid, seed)?;
            out.write_pairs(&headers, out_headers)
        }
    )
}
