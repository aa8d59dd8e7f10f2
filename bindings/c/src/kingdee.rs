//! Kingdee: `app_signature`, the request signer handle, server-side verification, nonces.

use crate::boundary::{ffi_fn, release};
use crate::http::{qm_http_request, qm_lifetime, qm_refusal, write_request};
use crate::input::{qm_pair, QUERY_PAIRS};
use crate::output::{qm_header, qm_str, Out, OutBuffer};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::kingdee::{
    self, headers, Request, SignedRequestRef, Signer, SigningBuffer, Verified, Verifier,
};
use std::cell::RefCell;

/// `app_signature` with the HMAC hex it is made of; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_app_signature_parts {
    /// Lowercase hex of HMAC-SHA256(app secret, app key): 64 bytes.
    pub hmac_hex: qm_str,
    /// `Base64(hmac_hex)`: 88 bytes.
    pub app_signature: qm_str,
}

/// The number of headers the Kingdee signer sets (`qm_kingdee_signed_request.headers`).
pub const QM_KINGDEE_SIGNER_HEADER_COUNT: usize = 6;
const _: () = assert!(QM_KINGDEE_SIGNER_HEADER_COUNT == headers::SIGNER_HEADERS.len());

/// A signed Kingdee request: every intermediate and the headers to send, each a view into the
/// caller's buffer (written only on success).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_signed_request {
    /// The upper-case method, e.g. `GET`.
    pub method: qm_str,
    /// `G(path)`.
    pub canonical_path: qm_str,
    /// The canonical query (values encoded twice).
    pub canonical_query: qm_str,
    /// The signed header names in signing order, joined by `,` (names are HTTP tokens and
    /// never contain `,`): the value of `X-Api-SignHeaders`.
    pub signed_headers: qm_str,
    /// The exact text that was MACed; every line ends with `\n`.
    pub string_to_sign: qm_str,
    /// Lowercase hex of HMAC-SHA256(client secret, string to sign).
    pub hmac_hex: qm_str,
    /// `Base64(hmac_hex)`: the value of `X-Api-Signature`.
    pub signature: qm_str,
    /// The query string to put on the wire (form encoding of the raw pairs).
    pub wire_query: qm_str,
    /// The six `X-Api-*` headers to send, in a fixed order: `X-Api-ClientID`,
    /// `X-Api-Auth-Version`, `X-Api-TimeStamp`, `X-Api-Nonce`, `X-Api-SignHeaders`,
    /// `X-Api-Signature`. Extra signed headers are the caller's to send.
    pub headers: [qm_header; 6],
}

/// What a successful Kingdee verification established; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_verified {
    /// The `X-Api-ClientID` of the request.
    pub client_id: qm_str,
    /// The signed nonce.
    pub nonce: qm_str,
    /// The signed timestamp, in milliseconds.
    pub timestamp_ms: u64,
}

/// A Kingdee request signer for one client: the HMAC is keyed once and reused. Opaque; make it
/// with `qm_kingdee_signer_new`, release it with `qm_kingdee_signer_free`. Immutable after
/// creation, so one signer may be used from any number of threads at once.
pub struct qm_kingdee_signer {
    signer: Signer,
}

/// Computes `app_signature = Base64(hex(HMAC-SHA256(app_secret, app_key)))`.
///
/// @param app_key, app_key_len        the app key (UTF-8).
/// @param app_secret, app_secret_len  the app secret (UTF-8, not empty).
/// @param buf, buf_cap                caller buffer for the 88-byte result (not NUL-terminated);
///                                    `buf` may be NULL when `buf_cap` is 0 (size query).
/// @param out_len                     receives the bytes written, or needed on
///                                    `QM_STATUS_INSUFFICIENT_SIZE`.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_app_signature(
    app_key: *const c_char,
    app_key_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        key = text(app_key, app_key_len),
        secret = text(app_secret, app_secret_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(kingdee::app_signature_text(key, secret)?.as_str()) }
    )
}

/// `app_signature` with its HMAC hex (the explain form of `qm_kingdee_app_signature`).
///
/// @param out_parts  receives views of `hmac_hex` and `app_signature` inside `buf`.
/// @param buf, buf_cap, out_len  as for `qm_kingdee_app_signature` (152 bytes are needed).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As for `qm_kingdee_app_signature`; `out_parts` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_explain_app_signature(
    app_key: *const c_char,
    app_key_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    out_parts: *mut qm_kingdee_app_signature_parts,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        key = text(app_key, app_key_len),
        secret = text(app_secret, app_secret_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let explained = kingdee::explain_app_signature(key, secret)?;
            let [hmac_hex, app_signature] =
                out.write_parts([&explained.hmac_hex, &explained.app_signature])?;
            out_parts.write(qm_kingdee_app_signature_parts {
                hmac_hex,
                app_signature,
            })
        }
    )
}

/// Makes a request signer for `client_id` with `client_secret`.
///
/// @param client_id, client_id_len          the client id (must travel in a header).
/// @param client_secret, client_secret_len  the client secret (not empty).
/// @param out_signer  receives the new signer on success; free it with
///                    `qm_kingdee_signer_free`. Untouched on failure.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `out_signer` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_signer_new(
    client_id: *const c_char,
    client_id_len: usize,
    client_secret: *const c_char,
    client_secret_len: usize,
    out_signer: *mut *mut qm_kingdee_signer,
) -> qm_status {
    ffi_fn!(
        out_signer = out(out_signer),
        id = text(client_id, client_id_len),
        secret = text(client_secret, client_secret_len),
        {
            let signer = Signer::new(id, secret)?;
            out_signer.write(Box::into_raw(Box::new(qm_kingdee_signer { signer })))
        }
    )
}

/// Releases a signer. NULL is a no-op. The signer must not be used afterwards.
///
/// # Safety
/// `signer` must be NULL or a pointer returned by `qm_kingdee_signer_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_signer_free(signer: *mut qm_kingdee_signer) {
    // SAFETY: the caller's contract: NULL or made by `qm_kingdee_signer_new`, freed once.
    unsafe { release(signer) }
}

/// Signs a Kingdee gateway request at `timestamp` with `nonce` (both supplied by the caller:
/// libqianming reads no clock and makes no random numbers; see
/// `qm_kingdee_nonce_from_entropy`).
///
/// @param signer                  a signer from `qm_kingdee_signer_new`.
/// @param method, method_len      the HTTP method, any case.
/// @param path, path_len          the request path, unencoded.
/// @param query, query_count      the query parameters, unencoded, any order (NULL if 0).
/// @param sign_headers, sign_header_count  extra headers to sign (NULL if 0); a NULL value
///                                means "named without a value" and is refused.
/// @param timestamp, timestamp_len  milliseconds since the epoch, decimal digits.
/// @param nonce, nonce_len        the nonce.
/// @param out_parts               receives the signed request, views into `buf`.
/// @param buf, buf_cap            caller buffer for every part; NULL allowed when `buf_cap`
///                                is 0 (size query).
/// @param out_len                 receives the bytes used, or needed on
///                                `QM_STATUS_INSUFFICIENT_SIZE`.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair and array must describe readable memory; `buf` must have `buf_cap`
/// writable bytes; `out_parts` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_signer_sign(
    signer: *const qm_kingdee_signer,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    query: *const qm_pair,
    query_count: usize,
    sign_headers: *const qm_pair,
    sign_header_count: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    out_parts: *mut qm_kingdee_signed_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        handle = borrowed(signer),
        method = text(method, method_len),
        path = text(path, path_len),
        timestamp = text(timestamp, timestamp_len),
        nonce = text(nonce, nonce_len),
        out = buffer(buf, buf_cap, out_len),
        query = pairs(query, query_count, QUERY_PAIRS),
        extra = sign_headers(sign_headers, sign_header_count),
        {
            query.with(|query| {
                extra.with(|extra| {
                    let request = Request::new(method, path)
                        .with_query(query)
                        .with_sign_headers(extra);
                    with_signing_buffer(|buffer| {
                        let signed = handle
                            .signer
                            .sign_into(&request, timestamp, nonce, buffer)?;
                        write_signed(&signed, out, out_parts)
                    })
                })
            })
        }
    )
}

thread_local! {
    /// Each thread's reusable signing memory: once it has grown, signing allocates nothing
    /// (README, "Allocations"). Per thread, so signers stay shareable without a lock.
    static SIGNING_BUFFER: RefCell<SigningBuffer> = RefCell::new(SigningBuffer::default());
}

/// Runs `body` with this thread's signing buffer (a fresh one if it is unavailable, e.g.
/// during thread teardown).
fn with_signing_buffer<R>(
    body: impl FnOnce(&mut SigningBuffer) -> Result<R, qm_status>,
) -> Result<R, qm_status> {
    let mut body = Some(body);
    let reused = SIGNING_BUFFER.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => body.take().map(|body| body(&mut buffer)),
        Err(_) => None,
    });
    match (reused, body) {
        (Ok(Some(result)), _) => result,
        (_, Some(body)) => body(&mut SigningBuffer::default()),
        (_, None) => Err(qm_status::Panic),
    }
}

/// Copies every part of a signed request into the caller's buffer and fills `*out_parts`.
fn write_signed(
    signed: &SignedRequestRef<'_>,
    out: OutBuffer,
    out_parts: Out<qm_kingdee_signed_request>,
) -> Result<(), qm_status> {
    // The core lists the six headers in the fixed order of `headers::SIGNER_HEADERS`.
    let [(n0, v0), (n1, v1), (n2, v2), (n3, v3), (n4, v4), (n5, v5)] = signed.headers();
    let views = out.write_parts([
        signed.method().as_str(),
        signed.canonical_path(),
        signed.canonical_query(),
        signed.signed_header_list(),
        signed.string_to_sign(),
        signed.hmac_hex(),
        signed.signature(),
        signed.wire_query(),
        n0,
        v0,
        n1,
        v1,
        n2,
        v2,
        n3,
        v3,
        n4,
        v4,
        n5,
        v5,
    ])?;
    let [method, canonical_path, canonical_query, signed_headers, string_to_sign, hmac_hex, signature, wire_query, h @ ..] =
        views;
    let pair = |i: usize| qm_header {
        name: h[2 * i],
        value: h[2 * i + 1],
    };
    out_parts.write(qm_kingdee_signed_request {
        method,
        canonical_path,
        canonical_query,
        signed_headers,
        string_to_sign,
        hmac_hex,
        signature,
        wire_query,
        headers: [pair(0), pair(1), pair(2), pair(3), pair(4), pair(5)],
    })
}

/// Verifies a received Kingdee-signed request (server side): rebuilds the string to sign,
/// compares signatures in constant time, checks the timestamp against `now_ms` and the
/// header and query rules (strict: a query pair with an empty name is
/// `QM_STATUS_UNSIGNED_QUERY_DATA`). Keeps **no replay state** (the core's
/// `verify_stateless`): alone, it accepts a replayed request for the whole window. Servers use
/// a verifier handle instead: `qm_kingdee_verifier_verify` refuses replays, and
/// `qm_kingdee_verifier_verify_stateless` returns the ticket for a shared replay store.
///
/// @param client_secret, client_secret_len  the client's secret (not empty).
/// @param window_ms            how far the timestamp may lie from `now_ms`, either direction
///                             (`QM_DEFAULT_WINDOW_MS` for the gateway's five minutes).
/// @param method, method_len   the received method.
/// @param path, path_len       the received path, decoded.
/// @param query, query_count   the received query pairs, decoded (NULL if 0).
/// @param headers, header_count  the received headers, any case (NULL if 0).
/// @param now_ms               the server's time, milliseconds since the epoch.
/// @param out_parts            receives client id, nonce and timestamp.
/// @param buf, buf_cap, out_len  caller buffer for the texts, as for the signer.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As for `qm_kingdee_signer_sign`.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verify(
    client_secret: *const c_char,
    client_secret_len: usize,
    window_ms: u64,
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
        secret = text(client_secret, client_secret_len),
        out = buffer(buf, buf_cap, out_len),
        request = received(
            (method, method_len),
            (path, path_len),
            (query, query_count),
            (headers, header_count)
        ),
        {
            let verifier = Verifier::new(secret)?.with_window_ms(window_ms);
            let verified =
                request.with(|request| Ok(verifier.verify_stateless(request, now_ms)?))?;
            write_verified(&verified, out, out_parts)
        }
    )
}

/// Writes what a Kingdee verification established into the caller's buffer and `*out_parts`.
pub(crate) fn write_verified(
    verified: &Verified,
    out: OutBuffer,
    out_parts: Out<qm_kingdee_verified>,
) -> Result<(), qm_status> {
    let [client_id, nonce] = out.write_parts([&verified.client_id, &verified.nonce])?;
    out_parts.write(qm_kingdee_verified {
        client_id,
        nonce,
        timestamp_ms: verified.timestamp_ms,
    })
}

/// Formats a nonce in the vendor SDK's form (ten decimal digits) from 64 random bits that the
/// caller takes from its operating system (e.g. `getrandom(2)`): libqianming has no RNG.
///
/// @param entropy           64 random bits.
/// @param buf, buf_cap, out_len  caller buffer for the 10-byte nonce.
/// @return `QM_STATUS_OK`, `QM_STATUS_NULL_ARGUMENT` or `QM_STATUS_INSUFFICIENT_SIZE`.
///
/// # Safety
/// `buf` must have `buf_cap` writable bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_nonce_from_entropy(
    entropy: u64,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(out = buffer(buf, buf_cap, out_len), {
        out.write(&kingdee::nonce_from_entropy(entropy))
    })
}

/// A signed Kingdee app-token request (`GET …/jdyconnector/app_management/kingdee_auth_token`)
/// with what it is made of; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_token_request_parts {
    /// The request to send: the URL carries `app_key`, `app_signature` (and `uid`); the six
    /// `X-Api-*` headers in the signer's order; no body.
    pub http: qm_http_request,
    /// `app_signature`.
    pub app_signature: qm_str,
    /// The string to sign of the request signature (to debug an HTTP 519).
    pub string_to_sign: qm_str,
}

/// A Kingdee app-token from a granted answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_app_token {
    /// `data.app-token`. Secret: wipe the buffer when done.
    pub app_token: qm_str,
    /// `data.uid`, or absent (NULL `ptr`).
    pub uid: qm_str,
    /// `description`, or absent.
    pub description: qm_str,
    /// Received time + 24 h.
    pub lifetime: qm_lifetime,
}

/// The verifier's reconstruction of a received request with **the signature it expects**
/// (`qm_kingdee_verify_explain_revealing_signature`): for debugging your own client, never to
/// be sent to a client. Views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_verify_explanation {
    /// `G(path)` of the received path.
    pub canonical_path: qm_str,
    /// The canonical query of the received pairs.
    pub canonical_query: qm_str,
    /// The signed header names in signing order, joined by `,`.
    pub signed_headers: qm_str,
    /// The string to sign the verifier rebuilt.
    pub string_to_sign: qm_str,
    /// Lowercase hex of the HMAC the verifier computed.
    pub hmac_hex: qm_str,
    /// The signature the request should carry.
    pub expected_signature: qm_str,
    /// The signature the request carries (empty if none).
    pub received_signature: qm_str,
}

/// Builds the signed app-token request `GET <base>/jdyconnector/app_management/kingdee_auth_token`.
///
/// @param signer                  a signer from `qm_kingdee_signer_new` (client id and secret).
/// @param base_url, base_url_len  the gateway, e.g. `https://api.kingdee.com` (a path prefix is
///                                kept and signed).
/// @param app_key, app_key_len    the app key.
/// @param app_secret, app_secret_len  the app secret (makes `app_signature`).
/// @param uid, uid_len            the optional `uid` query parameter; NULL for none.
/// @param timestamp, timestamp_len  milliseconds since the epoch, decimal digits.
/// @param nonce, nonce_len        the nonce (`qm_kingdee_nonce_from_entropy`).
/// @param out_request             receives the request and its parts, views into `buf`.
/// @param buf, buf_cap, out_len   caller buffer, as everywhere.
/// @return `QM_STATUS_OK` or why not (e.g. `QM_STATUS_INVALID_URL`).
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_request` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_token_request(
    signer: *const qm_kingdee_signer,
    base_url: *const c_char,
    base_url_len: usize,
    app_key: *const c_char,
    app_key_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    uid: *const c_char,
    uid_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    out_request: *mut qm_kingdee_token_request_parts,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        handle = borrowed(signer),
        base = text(base_url, base_url_len),
        key = text(app_key, app_key_len),
        secret = text(app_secret, app_secret_len),
        uid = optional_text(uid, uid_len),
        ts = text(timestamp, timestamp_len),
        nonce = text(nonce, nonce_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let signer = &handle.signer;
            let built = kingdee::token_request(signer, base, key, secret, uid, ts, nonce)?;
            let (http, extra) = write_request(
                out,
                &built.http,
                &[&built.app_signature, &built.signing.string_to_sign],
            )?;
            out_request.write(qm_kingdee_token_request_parts {
                http,
                app_signature: extra[0],
                string_to_sign: extra[1],
            })
        }
    )
}

/// Parses the app-token answer `{"errcode", "description", "data": {"uid", "app-token"}}`.
///
/// @param body, body_len       the answer body as received (bytes; need not be UTF-8).
/// @param received_at_ms       when the answer arrived, ms since the epoch (the token lives
///                             24 h from then).
/// @param out_token            receives the token on `QM_STATUS_OK`.
/// @param out_refusal          NULL, or receives the vendor's refusal (errcode ≠ 0): the call
///                             then returns its kind (`QM_STATUS_VENDOR_ERROR`) and sets
///                             `refused`; on `QM_STATUS_OK` it is set with `refused` false;
///                             otherwise untouched (initialise it to `{0}`).
/// @param buf, buf_cap, out_len  caller buffer for the texts of the token or the refusal.
/// @return `QM_STATUS_OK`, a refusal's kind, or why the answer is malformed
///         (`QM_STATUS_INVALID_JSON`, `QM_STATUS_MISSING_FIELD`, `QM_STATUS_INPUT_TOO_LARGE`, …).
///
/// # Safety
/// `(body, body_len)` must describe readable memory; `buf` must have `buf_cap` writable bytes;
/// `out_token`, `out_len` and (unless NULL) `out_refusal` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_parse_token_answer(
    body: *const u8,
    body_len: usize,
    received_at_ms: u64,
    out_token: *mut qm_kingdee_app_token,
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
                kingdee::parse_token_answer(body, received_at_ms),
                out,
                |token, out| {
                    let [app_token, uid, description] = out.write_optional_parts([
                        Some(token.app_token.expose()),
                        token.uid.as_deref(),
                        token.description.as_deref(),
                    ])?;
                    Ok(qm_kingdee_app_token {
                        app_token,
                        uid,
                        description,
                        lifetime: token.lifetime.into(),
                    })
                },
            )
        }
    )
}

/// Parses a query string as it arrives on the wire (`a=1&b=x%3Dy`, a leading `?` allowed) into
/// decoded pairs, for `qm_kingdee_verify`: `+` is a space, a part without `=` has an empty
/// value, empty parts are skipped.
///
/// @param raw, raw_len        the raw query string.
/// @param out_pairs           caller array of `pair_cap` elements receiving the pairs (views
///                            into `buf`); NULL allowed when `pair_cap` is 0.
/// @param pair_cap            its capacity.
/// @param out_count           receives the number of pairs, or the number needed on
///                            `QM_STATUS_INSUFFICIENT_SIZE`.
/// @param buf, buf_cap, out_len  caller buffer for the decoded texts.
/// @return `QM_STATUS_OK`, `QM_STATUS_INVALID_PERCENT_ENCODING`, `QM_STATUS_INSUFFICIENT_SIZE`
///         (when the texts or the pairs do not fit: both needs are reported), …
///
/// # Safety
/// `(raw, raw_len)` must describe readable memory; `out_pairs` must have `pair_cap` writable
/// elements; `buf` must have `buf_cap` writable bytes; `out_count` and `out_len` writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_parse_query(
    raw: *const c_char,
    raw_len: usize,
    out_pairs: *mut qm_header,
    pair_cap: usize,
    out_count: *mut usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_pairs = items(out_pairs, pair_cap, out_count),
        raw = text(raw, raw_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write_pairs(&kingdee::parse_query(raw)?, out_pairs) }
    )
}

/// Decodes a request target as it travels (`/path?query`, percent-encoded, as on the request
/// line) the way the gateway does before checking the signature: the path by
/// `qm_percent_decode`, the query by `qm_kingdee_parse_query`. What a server passes to the
/// verifier (or a client holding an encoded URL to the signer).
///
/// @param target, target_len  the request target.
/// @param out_path            receives the decoded path (a view into `buf`).
/// @param out_pairs, pair_cap, out_count  the decoded query pairs, as for
///                            `qm_kingdee_parse_query`.
/// @param buf, buf_cap, out_len  caller buffer for the decoded texts.
/// @return `QM_STATUS_OK`, `QM_STATUS_INVALID_PERCENT_ENCODING`, `QM_STATUS_INSUFFICIENT_SIZE`
///         (both needs reported), …
///
/// # Safety
/// As for `qm_kingdee_parse_query`; `out_path` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_parse_request_target(
    target: *const c_char,
    target_len: usize,
    out_path: *mut qm_str,
    out_pairs: *mut qm_header,
    pair_cap: usize,
    out_count: *mut usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_path = out(out_path),
        out_pairs = items(out_pairs, pair_cap, out_count),
        target = text(target, target_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let decoded = kingdee::parse_request_target(target)?;
            let mut path = [qm_str::EMPTY];
            let list = Some((&decoded.query[..], out_pairs));
            out.write_list(&[Some(decoded.path.as_str())], &mut path, list)?;
            out_path.write(path[0])
        }
    )
}

/// Rebuilds the string to sign of a received request and **the signature it should carry**,
/// without judging it (the core's `Verifier::explain_revealing_signature`): to debug your own
/// client's `QM_STATUS_SIGNATURE_MISMATCH`. **Never send its output back to a client**: the
/// expected signature (and the HMAC) let anyone forge the request. A server answering why it
/// refused a request uses `qm_kingdee_verifier_diagnose`, which never reveals them.
/// Arguments as for `qm_kingdee_verify` (no window, no clock; strict query rules).
///
/// @param out_parts  receives the explanation, views into `buf`.
/// @return `QM_STATUS_OK` or why the request cannot be rebuilt (e.g. `QM_STATUS_MISSING_HEADER`).
///
/// # Safety
/// As for `qm_kingdee_verify`.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verify_explain_revealing_signature(
    client_secret: *const c_char,
    client_secret_len: usize,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    query: *const qm_pair,
    query_count: usize,
    headers: *const qm_pair,
    header_count: usize,
    out_parts: *mut qm_kingdee_verify_explanation,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        secret = text(client_secret, client_secret_len),
        out = buffer(buf, buf_cap, out_len),
        request = received(
            (method, method_len),
            (path, path_len),
            (query, query_count),
            (headers, header_count)
        ),
        {
            let verifier = Verifier::new(secret)?;
            let explained =
                request.with(|request| Ok(verifier.explain_revealing_signature(request)?))?;
            let signed = explained.signed_headers.join(",");
            let [canonical_path, canonical_query, signed_headers, string_to_sign, hmac_hex, expected_signature, received_signature] =
                out.write_parts([
                    &explained.canonical_path,
                    &explained.canonical_query,
                    &signed,
                    &explained.string_to_sign,
                    &explained.hmac_hex,
                    &explained.expected_signature,
                    &explained.received_signature,
                ])?;
            out_parts.write(qm_kingdee_verify_explanation {
                canonical_path,
                canonical_query,
                signed_headers,
                string_to_sign,
                hmac_hex,
                expected_signature,
                received_signature,
            })
        }
    )
}

/// Deprecated: the old name of `qm_kingdee_verify_explain_revealing_signature` (same
/// arguments, same result), kept so existing programs still link. It **reveals the expected
/// signature**: never send its output back to a client; servers use
/// `qm_kingdee_verifier_diagnose`.
///
/// # Safety
/// As for `qm_kingdee_verify`.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_verify_explain(
    client_secret: *const c_char,
    client_secret_len: usize,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    query: *const qm_pair,
    query_count: usize,
    headers: *const qm_pair,
    header_count: usize,
    out_parts: *mut qm_kingdee_verify_explanation,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    // SAFETY: the same contract, passed on unchanged.
    unsafe {
        qm_kingdee_verify_explain_revealing_signature(
            client_secret,
            client_secret_len,
            method,
            method_len,
            path,
            path_len,
            query,
            query_count,
            headers,
            header_count,
            out_parts,
            buf,
            buf_cap,
            out_len,
        )
    }
}
