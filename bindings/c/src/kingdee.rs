//! Kingdee: `app_signature`, the request signer handle, server-side verification, nonces.

use crate::boundary::release;
use crate::http::AnswerOut;
use crate::http::{qm_http_request, qm_lifetime, write_request};
use crate::input::Pairs;
use crate::input::Received;
use crate::input::SignHeaders;
use crate::output::Items;
use crate::output::{qm_header, qm_str, Out, OutBuffer};
use crate::status::qm_status;
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

/// The body of `qm_kingdee_app_signature`.
fn app_signature(key: &str, secret: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(kingdee::app_signature_text(key, secret)?.as_str())
}

/// The body of `qm_kingdee_explain_app_signature`.
fn explain_app_signature(
    key: &str,
    secret: &str,
    out_parts: Out<qm_kingdee_app_signature_parts>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let explained = kingdee::explain_app_signature(key, secret)?;
    let [hmac_hex, app_signature] =
        out.write_parts([&explained.hmac_hex, &explained.app_signature])?;
    out_parts.write(qm_kingdee_app_signature_parts {
        hmac_hex,
        app_signature,
    })
}

/// The body of `qm_kingdee_signer_new`.
fn signer_new(
    id: &str,
    secret: &str,
    out_signer: Out<*mut qm_kingdee_signer>,
) -> Result<(), qm_status> {
    let signer = Signer::new(id, secret)?;
    out_signer.write(Box::into_raw(Box::new(qm_kingdee_signer { signer })))
}

/// The body of `qm_kingdee_signer_sign`.
fn signer_sign(
    handle: &qm_kingdee_signer,
    method: &str,
    path: &str,
    query: Pairs<'_>,
    extra: SignHeaders<'_>,
    timestamp: &str,
    nonce: &str,
    out_parts: Out<qm_kingdee_signed_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

/// The body of `qm_kingdee_verify`.
fn verify(
    secret: &str,
    window_ms: u64,
    request: Received<'_>,
    now_ms: u64,
    out_parts: Out<qm_kingdee_verified>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let verifier = Verifier::new(secret)?.with_window_ms(window_ms);
    let verified = request.with(|request| Ok(verifier.verify_stateless(request, now_ms)?))?;
    write_verified(&verified, out, out_parts)
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

/// The body of `qm_kingdee_nonce_from_entropy`.
fn nonce_from_entropy(entropy: u64, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&kingdee::nonce_from_entropy(entropy))
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

/// The body of `qm_kingdee_token_request`.
fn token_request(
    handle: &qm_kingdee_signer,
    base: &str,
    key: &str,
    secret: &str,
    uid: Option<&str>,
    ts: &str,
    nonce: &str,
    out_request: Out<qm_kingdee_token_request_parts>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

/// The body of `qm_kingdee_parse_token_answer`.
fn parse_token_answer(
    body: &[u8],
    received_at_ms: u64,
    answer_to: AnswerOut<qm_kingdee_app_token>,
    out: OutBuffer,
) -> Result<(), qm_status> {
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

/// The body of `qm_kingdee_parse_query`.
fn parse_query(raw: &str, out_pairs: Items, out: OutBuffer) -> Result<(), qm_status> {
    out.write_pairs(&kingdee::parse_query(raw)?, out_pairs)
}

/// The body of `qm_kingdee_parse_request_target`.
fn parse_request_target(
    target: &str,
    out_path: Out<qm_str>,
    out_pairs: Items,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let decoded = kingdee::parse_request_target(target)?;
    let mut path = [qm_str::EMPTY];
    let list = Some((&decoded.query[..], out_pairs));
    out.write_list(&[Some(decoded.path.as_str())], &mut path, list)?;
    out_path.write(path[0])
}

/// The body of `qm_kingdee_verify_explain_revealing_signature`.
fn verify_explain_revealing_signature(
    secret: &str,
    request: Received<'_>,
    out_parts: Out<qm_kingdee_verify_explanation>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let verifier = Verifier::new(secret)?;
    let explained = request.with(|request| Ok(verifier.explain_revealing_signature(request)?))?;
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

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/kingdee.rs"));
