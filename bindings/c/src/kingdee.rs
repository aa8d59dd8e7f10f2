//! Kingdee: `app_signature`, the request signer handle, server-side verification, nonces.

use crate::boundary::{guard, guard_void};
use crate::input::{qm_pair, text, with_pairs, with_sign_headers};
use crate::output::{qm_str, require, write_to, OutBuffer};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::kingdee::{self, headers, ReceivedRequest, Request, Signer, Verifier};

/// `app_signature` with the HMAC hex it is made of; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_kingdee_app_signature_parts {
    /// Lowercase hex of HMAC-SHA256(app secret, app key): 64 bytes.
    pub hmac_hex: qm_str,
    /// `Base64(hmac_hex)`: 88 bytes.
    pub app_signature: qm_str,
}

/// One header to send: name and value, views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_header {
    /// The header name, e.g. `X-Api-Signature`.
    pub name: qm_str,
    /// The header value.
    pub value: qm_str,
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
    guard(|| {
        // SAFETY: the caller's contract for every pointer argument, see above.
        let (key, secret, out) = unsafe {
            (
                text(app_key, app_key_len)?,
                text(app_secret, app_secret_len)?,
                OutBuffer::new(buf, buf_cap, out_len)?,
            )
        };
        out.write(&kingdee::app_signature(key, secret)?)
    })
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
    guard(|| {
        require(out_parts)?;
        // SAFETY: the caller's contract for every pointer argument.
        let (key, secret, out) = unsafe {
            (
                text(app_key, app_key_len)?,
                text(app_secret, app_secret_len)?,
                OutBuffer::new(buf, buf_cap, out_len)?,
            )
        };
        let explained = kingdee::explain_app_signature(key, secret)?;
        let [hmac_hex, app_signature] =
            out.write_parts([&explained.hmac_hex, &explained.app_signature])?;
        let parts = qm_kingdee_app_signature_parts {
            hmac_hex,
            app_signature,
        };
        // SAFETY: `out_parts` is non-NULL (checked) and writable per the contract.
        unsafe { write_to(out_parts, parts) }
    })
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
    guard(|| {
        require(out_signer)?;
        // SAFETY: the caller's contract for every pointer argument.
        let (id, secret) = unsafe {
            (
                text(client_id, client_id_len)?,
                text(client_secret, client_secret_len)?,
            )
        };
        let signer = Box::new(qm_kingdee_signer {
            signer: Signer::new(id, secret)?,
        });
        // SAFETY: `out_signer` is non-NULL (checked) and writable per the contract.
        unsafe { write_to(out_signer, Box::into_raw(signer)) }
    })
}

/// Releases a signer. NULL is a no-op. The signer must not be used afterwards.
///
/// # Safety
/// `signer` must be NULL or a pointer returned by `qm_kingdee_signer_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn qm_kingdee_signer_free(signer: *mut qm_kingdee_signer) {
    guard_void(|| {
        if !signer.is_null() {
            // SAFETY: made by `Box::into_raw` in `qm_kingdee_signer_new`, freed once.
            drop(unsafe { Box::from_raw(signer) });
        }
    });
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
    guard(|| {
        require(out_parts)?;
        // SAFETY: the caller's contract for every pointer argument; `signer` came from
        // `qm_kingdee_signer_new` and is only read.
        let (signer, method, path, timestamp, nonce, out) = unsafe {
            (
                &signer.as_ref().ok_or(qm_status::NullArgument)?.signer,
                text(method, method_len)?,
                text(path, path_len)?,
                text(timestamp, timestamp_len)?,
                text(nonce, nonce_len)?,
                OutBuffer::new(buf, buf_cap, out_len)?,
            )
        };
        // SAFETY: the caller's contract for both arrays.
        let signed = unsafe {
            with_pairs(query, query_count, |query| {
                with_sign_headers(sign_headers, sign_header_count, |extra| {
                    let request = Request::new(method, path)
                        .with_query(query)
                        .with_sign_headers(extra);
                    Ok(signer.sign(&request, timestamp, nonce)?)
                })
            })?
        };
        // The core lists the six headers in the fixed order of `headers::SIGNER_HEADERS`.
        let sent = |i: usize| {
            signed
                .headers
                .get(i)
                .map(|(name, value)| (*name, value.as_str()))
                .unwrap_or_default()
        };
        let [(n0, v0), (n1, v1), (n2, v2), (n3, v3), (n4, v4), (n5, v5)] =
            [sent(0), sent(1), sent(2), sent(3), sent(4), sent(5)];
        let signed_list = signed
            .headers
            .iter()
            .find(|(name, _)| *name == headers::SIGN_HEADERS)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default();
        let views = out.write_parts([
            signed.method.as_str(),
            &signed.canonical_path,
            &signed.canonical_query,
            signed_list,
            &signed.string_to_sign,
            &signed.hmac_hex,
            &signed.signature,
            &signed.wire_query,
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
        let parts = qm_kingdee_signed_request {
            method,
            canonical_path,
            canonical_query,
            signed_headers,
            string_to_sign,
            hmac_hex,
            signature,
            wire_query,
            headers: [pair(0), pair(1), pair(2), pair(3), pair(4), pair(5)],
        };
        // SAFETY: `out_parts` is non-NULL (checked) and writable per the contract.
        unsafe { write_to(out_parts, parts) }
    })
}

/// Verifies a received Kingdee-signed request (server side): rebuilds the string to sign,
/// compares signatures in constant time, checks the timestamp against `now_ms`.
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
    guard(|| {
        require(out_parts)?;
        // SAFETY: the caller's contract for every pointer argument.
        let (secret, method, path, out) = unsafe {
            (
                text(client_secret, client_secret_len)?,
                text(method, method_len)?,
                text(path, path_len)?,
                OutBuffer::new(buf, buf_cap, out_len)?,
            )
        };
        let verifier = Verifier::new(secret)?.with_window_ms(window_ms);
        // SAFETY: the caller's contract for both arrays.
        let verified = unsafe {
            with_pairs(query, query_count, |query| {
                with_pairs(headers, header_count, |headers| {
                    let received = ReceivedRequest::new(method, path, query, headers);
                    Ok(verifier.verify(&received, now_ms)?)
                })
            })?
        };
        let [client_id, nonce] = out.write_parts([&verified.client_id, &verified.nonce])?;
        let parts = qm_kingdee_verified {
            client_id,
            nonce,
            timestamp_ms: verified.timestamp_ms,
        };
        // SAFETY: `out_parts` is non-NULL (checked) and writable per the contract.
        unsafe { write_to(out_parts, parts) }
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
    guard(|| {
        // SAFETY: the caller's contract for `buf` and `out_len`.
        let out = unsafe { OutBuffer::new(buf, buf_cap, out_len)? };
        out.write(&kingdee::nonce_from_entropy(entropy))
    })
}
