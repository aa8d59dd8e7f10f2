//! The server side: verify a received Kingdee-signed request (docs/spec/kingdee.md#verifier).

use super::canonical::{write_string_to_sign, Scratch, StringToSign};
use super::headers::{self, AUTH_VERSION_VALUE};
use crate::digest::{Digest, HmacKey};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, Method};
use crate::limits;
use crate::replay::{push_key_part, ReplayGuard, ReplayStore, ReplayTicket};
use crate::secret::{constant_time_eq, Secret};
use crate::timestamp::parse as check_timestamp;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A request as the server received it: decoded path, decoded query pairs and all headers.
#[derive(Debug, Clone, Copy)]
pub struct ReceivedRequest<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a [(&'a str, &'a str)],
    headers: &'a [(&'a str, &'a str)],
}

impl<'a> ReceivedRequest<'a> {
    /// A received request: method, decoded path, decoded query pairs, headers (any case).
    pub const fn new(
        method: &'a str,
        path: &'a str,
        query: &'a [(&'a str, &'a str)],
        headers: &'a [(&'a str, &'a str)],
    ) -> Self {
        ReceivedRequest {
            method,
            path,
            query,
            headers,
        }
    }

    /// The method as received.
    pub const fn method(&self) -> &'a str {
        self.method
    }

    /// The decoded path.
    pub const fn path(&self) -> &'a str {
        self.path
    }

    /// The decoded query pairs, in the order received.
    pub const fn query(&self) -> &'a [(&'a str, &'a str)] {
        self.query
    }

    /// The headers as received.
    pub const fn headers(&self) -> &'a [(&'a str, &'a str)] {
        self.headers
    }

    /// The single value of header `name` (case-insensitive). Missing → `missing_header`;
    /// given more than once → `duplicate_header`.
    fn header(&self, name: &str) -> Result<&'a str> {
        let mut found = Found::default();
        for (n, v) in self.headers {
            if n.eq_ignore_ascii_case(name) {
                found.add(v);
            }
        }
        found.single(name)
    }

    /// The gateway's six headers, found in one pass over the received headers (a verifier
    /// reads each of them, and the signed-header list usually names two of them again).
    fn gateway_headers(&self) -> GatewayHeaders<'a> {
        let mut found = GatewayHeaders::default();
        for (n, v) in self.headers {
            if let Some(slot) = gateway_slot(n) {
                found.0[slot].add(v);
            }
        }
        found
    }
}

/// How often a header was received, and its first value.
#[derive(Clone, Copy, Default)]
struct Found<'a> {
    count: usize,
    value: Option<&'a str>,
}

impl<'a> Found<'a> {
    fn add(&mut self, value: &'a str) {
        self.count += 1;
        self.value = self.value.or(Some(value));
    }

    /// The value of a header received exactly once; `name` (as asked for) names it in the
    /// error otherwise.
    fn single(self, name: &str) -> Result<&'a str> {
        match (self.count, self.value) {
            (1, Some(value)) => Ok(value),
            (0, _) | (_, None) => Err(Error::new(
                ErrorKind::MissingHeader,
                format!("header {name} is missing"),
            )),
            _ => Err(Error::new(
                ErrorKind::DuplicateHeader,
                format!("header {name} is given more than once"),
            )),
        }
    }
}

/// The gateway's headers in [`GATEWAY`] order.
const GATEWAY: [&str; 6] = [
    headers::CLIENT_ID,
    headers::AUTH_VERSION,
    headers::TIMESTAMP,
    headers::NONCE,
    headers::SIGN_HEADERS,
    headers::SIGNATURE,
];

/// Places in [`GATEWAY`].
mod slot {
    pub(super) const CLIENT_ID: usize = 0;
    pub(super) const AUTH_VERSION: usize = 1;
    pub(super) const TIMESTAMP: usize = 2;
    pub(super) const NONCE: usize = 3;
    pub(super) const SIGN_HEADERS: usize = 4;
    pub(super) const SIGNATURE: usize = 5;
}

/// Which of [`GATEWAY`] `name` is (any case), if any: the lengths tell all but two apart.
fn gateway_slot(name: &str) -> Option<usize> {
    let slot = match name.len() {
        14 => slot::CLIENT_ID,
        18 => slot::AUTH_VERSION,
        15 if name
            .as_bytes()
            .get(6)
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'T')) =>
        {
            slot::TIMESTAMP
        }
        11 => slot::NONCE,
        17 => slot::SIGN_HEADERS,
        15 => slot::SIGNATURE,
        _ => return None,
    };
    GATEWAY[slot].eq_ignore_ascii_case(name).then_some(slot)
}

/// What [`ReceivedRequest::gateway_headers`] found.
#[derive(Default)]
struct GatewayHeaders<'a>([Found<'a>; 6]);

impl<'a> GatewayHeaders<'a> {
    /// The single value of gateway header `slot`.
    fn get(&self, slot: usize) -> Result<&'a str> {
        self.0[slot].single(GATEWAY[slot])
    }

    /// The single value of header `name`: from this pass when it is a gateway header, else by
    /// a scan of `request`'s headers. Errors name it as given.
    fn lookup(&self, request: &ReceivedRequest<'a>, name: &str) -> Result<&'a str> {
        match gateway_slot(name) {
            Some(slot) => self.0[slot].single(name),
            None => request.header(name),
        }
    }
}

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The `X-Api-ClientID` of the request.
    pub client_id: String,
    /// The signed timestamp, in milliseconds.
    pub timestamp_ms: u64,
    /// The signed nonce.
    pub nonce: String,
    /// What a replay store must remember so this request works once: the client id and the
    /// nonce, until the timestamp leaves the window.
    pub replay: ReplayTicket,
}

/// The verifier's view of a received request, for debugging a mismatch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyExplanation {
    /// `G(path)` of the received path.
    pub canonical_path: String,
    /// The canonical query of the received pairs.
    pub canonical_query: String,
    /// The signed header names, in signing order.
    pub signed_headers: Vec<String>,
    /// The string to sign the verifier rebuilt.
    pub string_to_sign: String,
    /// Lowercase hex of the HMAC the verifier computed.
    pub hmac_hex: String,
    /// The signature the request should carry.
    pub expected_signature: String,
    /// The signature the request carries.
    pub received_signature: String,
}

/// What the verifier can safely tell about a received request: the canonical parts it rebuilt
/// and why it refuses the request, never the signature it expected. Fit to log, or to return
/// to a client that asks why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnosis {
    /// `G(path)` of the received path.
    pub canonical_path: String,
    /// The canonical query of the received pairs.
    pub canonical_query: String,
    /// The signed header names, in signing order.
    pub signed_headers: Vec<String>,
    /// The string to sign the verifier rebuilt (made of the request alone).
    pub string_to_sign: String,
    /// What [`Verifier::verify_stateless`] says at the given time: the timestamp, or the
    /// refusal (replay state is neither consulted nor changed).
    pub verdict: Result<u64>,
}

/// Verifies received Kingdee-signed requests against one client secret: rebuilds the string
/// to sign, compares signatures in constant time, checks the timestamp window (default five
/// minutes either side of `now`) and refuses a replay: each client id and nonce works once
/// while its timestamp is inside the window (a bounded in-memory [`ReplayGuard`]; for many
/// servers, [`Verifier::verify_with_store`] with a shared store).
///
/// By default a received query may not carry data the signature does not cover (a pair with
/// an empty name, which the gateway's canonical query drops): `unsigned_query_data`.
/// [`Verifier::with_lenient_query`] restores the vendor gateway's leniency.
///
/// ```
/// use qianming::kingdee::{ReceivedRequest, Request, Signer, Verifier};
/// let out = Signer::new("123456", "s3cret")?.sign(&Request::new("GET", "/a"), "1700000000000", "42")?;
/// let headers: Vec<(&str, &str)> = out.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
/// let received = ReceivedRequest::new("GET", "/a", &[], &headers);
/// let mut verifier = Verifier::new("s3cret")?;
/// let verified = verifier.verify(&received, 1_700_000_060_000)?;
/// assert_eq!(verified.client_id, "123456");
/// let again = verifier.verify(&received, 1_700_000_061_000).unwrap_err();
/// assert_eq!(again.kind().name(), "replayed");
/// # Ok::<(), qianming::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    mac: HmacKey,
    window_ms: u64,
    lenient_query: bool,
    guard: ReplayGuard,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("client_secret", &"** redacted **")
            .field("window_ms", &self.window_ms)
            .field("lenient_query", &self.lenient_query)
            .field("remembered", &self.guard.len())
            .finish()
    }
}

/// The verifier's reconstruction of a received request, borrowing from it.
struct Rebuilt<'a> {
    client_id: &'a str,
    timestamp_ms: u64,
    nonce: &'a str,
    signed: Vec<(&'a str, &'a str)>,
    string_to_sign: String,
    sts: StringToSign,
    digest: Digest,
}

impl Verifier {
    /// The gateway's window: five minutes.
    pub const DEFAULT_WINDOW_MS: u64 = 5 * 60 * 1000;

    /// A verifier for `client_secret` (must not be empty).
    pub fn new(client_secret: &str) -> Result<Self> {
        Self::with_secret(&Secret::new(client_secret))
    }

    /// Like [`Verifier::new`], with the secret already wrapped.
    pub fn with_secret(client_secret: &Secret) -> Result<Self> {
        if client_secret.is_empty() {
            return Err(Error::new(
                ErrorKind::EmptySecret,
                "the client secret is empty",
            ));
        }
        limits::check_text("the client secret", client_secret.expose())?;
        Ok(Verifier {
            mac: HmacKey::new(client_secret.expose_bytes()),
            window_ms: Self::DEFAULT_WINDOW_MS,
            lenient_query: false,
            guard: ReplayGuard::new(Self::DEFAULT_WINDOW_MS),
        })
    }

    /// Sets how far (in milliseconds) a timestamp may lie from `now`, in either direction.
    /// The replay guard keeps its capacity and what it holds.
    pub fn with_window_ms(mut self, window_ms: u64) -> Self {
        self.window_ms = window_ms;
        self.guard.set_window_ms(window_ms);
        self
    }

    /// Sets the most live requests the replay guard holds (see [`ReplayGuard`]).
    pub fn with_replay_capacity(mut self, capacity: usize) -> Self {
        self.guard.set_capacity(capacity);
        self
    }

    /// Accepts, as the vendor gateway does, a received query holding pairs with an empty name
    /// (`?=x&k=v`), which the signature does not cover. Off by default: such data reaches the
    /// application unsigned.
    pub fn with_lenient_query(mut self, lenient: bool) -> Self {
        self.lenient_query = lenient;
        self
    }

    /// The timestamp window in milliseconds.
    pub fn window_ms(&self) -> u64 {
        self.window_ms
    }

    /// How many requests the replay guard remembers now.
    pub fn remembered(&self) -> usize {
        self.guard.len()
    }

    /// Verifies `request` at `now_ms` and, when it passes, remembers its client id and nonce
    /// so it works only once (`replayed` after that).
    ///
    /// Time only moves forward for expiry: a request is also `expired` when its window closed
    /// before the latest `now_ms` this verifier has seen, so a clock stepped back cannot
    /// reopen the window of a request already forgotten.
    pub fn verify(&mut self, request: &ReceivedRequest<'_>, now_ms: u64) -> Result<Verified> {
        // Every call moves the guard's clock, refused ones too.
        self.guard.observe(now_ms);
        let verified = self.verify_stateless(request, now_ms)?;
        self.guard.record(&verified.replay, now_ms)?;
        Ok(verified)
    }

    /// Like [`Verifier::verify`], with replay state kept in `store` (shared by many servers)
    /// instead of this verifier's own guard.
    pub fn verify_with_store(
        &self,
        request: &ReceivedRequest<'_>,
        now_ms: u64,
        store: &mut dyn ReplayStore,
    ) -> Result<Verified> {
        let verified = self.verify_stateless(request, now_ms)?;
        store.record(&verified.replay, now_ms)?;
        Ok(verified)
    }

    /// Verifies `request` at `now_ms` without any replay state: signature, window, header and
    /// query rules only. The caller must record [`Verified::replay`] in a replay store and
    /// refuse the request if the store had seen it; alone, this accepts a replay.
    pub fn verify_stateless(&self, request: &ReceivedRequest<'_>, now_ms: u64) -> Result<Verified> {
        let gateway = request.gateway_headers();
        let rebuilt = self.rebuild(request, &gateway)?;
        let received = gateway.get(slot::SIGNATURE)?;
        if !constant_time_eq(received.as_bytes(), rebuilt.digest.signature_bytes()) {
            return Err(Error::new(
                ErrorKind::SignatureMismatch,
                "X-Api-Signature does not match the request (HTTP 519 at the gateway)",
            ));
        }
        let ts = rebuilt.timestamp_ms;
        if ts.saturating_add(self.window_ms) < now_ms {
            return Err(Error::new(
                ErrorKind::Expired,
                format!(
                    "the timestamp is {} ms old; the window is {} ms",
                    now_ms - ts,
                    self.window_ms
                ),
            ));
        }
        if ts > now_ms.saturating_add(self.window_ms) {
            return Err(Error::new(
                ErrorKind::FutureTimestamp,
                format!(
                    "the timestamp is {} ms in the future; the window is {} ms",
                    ts - now_ms,
                    self.window_ms
                ),
            ));
        }
        let mut key = String::from("kingdee");
        push_key_part(&mut key, rebuilt.client_id);
        push_key_part(&mut key, rebuilt.nonce);
        Ok(Verified {
            client_id: rebuilt.client_id.to_string(),
            timestamp_ms: ts,
            nonce: rebuilt.nonce.to_string(),
            replay: ReplayTicket::new(key, ts.saturating_add(self.window_ms)),
        })
    }

    /// What can safely be said about `request` at `now_ms`: the canonical parts rebuilt from
    /// it and the verdict, never the expected signature (see [`Diagnosis`]). Only a request
    /// too malformed to rebuild is an error here.
    pub fn diagnose(&self, request: &ReceivedRequest<'_>, now_ms: u64) -> Result<Diagnosis> {
        let gateway = request.gateway_headers();
        let rebuilt = self.rebuild(request, &gateway)?;
        let sts = rebuilt.sts;
        Ok(Diagnosis {
            canonical_path: rebuilt.string_to_sign[sts.path.0..sts.path.1].to_string(),
            canonical_query: rebuilt.string_to_sign[sts.query.0..sts.query.1].to_string(),
            signed_headers: rebuilt.signed.iter().map(|(n, _)| n.to_string()).collect(),
            string_to_sign: rebuilt.string_to_sign,
            verdict: self
                .verify_stateless(request, now_ms)
                .map(|v| v.timestamp_ms),
        })
    }

    /// Whether this verifier's replay guard holds `ticket` at `now_ms`: it accepted that
    /// request before and still remembers it. Only reads the guard (the doctor's `replayed`).
    pub fn has_seen(&self, ticket: &ReplayTicket, now_ms: u64) -> bool {
        self.guard.holds(ticket.key.as_bytes(), now_ms)
    }

    /// The old name of [`Verifier::explain_revealing_signature`].
    #[deprecated(
        since = "0.1.0",
        note = "reveals the expected signature: servers use `diagnose`; to debug a client, `explain_revealing_signature`"
    )]
    pub fn explain(&self, request: &ReceivedRequest<'_>) -> Result<VerifyExplanation> {
        self.explain_revealing_signature(request)
    }

    /// **Reveals the signature the request should carry**: for debugging your own client,
    /// never to be sent back to a client (answering with it lets anyone forge requests).
    /// Servers use [`Verifier::diagnose`]. Rebuilds the string to sign and the expected
    /// signature without judging the request.
    pub fn explain_revealing_signature(
        &self,
        request: &ReceivedRequest<'_>,
    ) -> Result<VerifyExplanation> {
        let gateway = request.gateway_headers();
        let rebuilt = self.rebuild(request, &gateway)?;
        let received = gateway.get(slot::SIGNATURE).unwrap_or_default();
        let sts = rebuilt.sts;
        Ok(VerifyExplanation {
            canonical_path: rebuilt.string_to_sign[sts.path.0..sts.path.1].to_string(),
            canonical_query: rebuilt.string_to_sign[sts.query.0..sts.query.1].to_string(),
            signed_headers: rebuilt.signed.iter().map(|(n, _)| n.to_string()).collect(),
            string_to_sign: rebuilt.string_to_sign,
            hmac_hex: rebuilt.digest.hex().to_string(),
            expected_signature: rebuilt.digest.signature().to_string(),
            received_signature: received.to_string(),
        })
    }

    fn rebuild<'a>(
        &self,
        request: &ReceivedRequest<'a>,
        gateway: &GatewayHeaders<'a>,
    ) -> Result<Rebuilt<'a>> {
        let method = Method::parse(request.method)?;
        limits::check_text("the path", request.path)?;
        let client_id = gateway.get(slot::CLIENT_ID)?;
        http::check_header_value("X-Api-ClientID", client_id, false)?;
        let version = gateway.get(slot::AUTH_VERSION)?;
        if version != AUTH_VERSION_VALUE {
            return Err(Error::new(
                ErrorKind::UnsupportedAuthVersion,
                format!("X-Api-Auth-Version is {version:?}; only 2.0 is supported"),
            ));
        }
        let timestamp = gateway.get(slot::TIMESTAMP)?;
        let timestamp_ms = check_timestamp(timestamp)?;
        let nonce = gateway.get(slot::NONCE)?;
        http::check_header_value("X-Api-Nonce", nonce, false)?;
        let list = gateway.get(slot::SIGN_HEADERS)?;
        let signed = signed_headers_of(request, gateway, list)?;
        if !self.lenient_query && request.query.iter().any(|(name, _)| name.is_empty()) {
            return Err(Error::new(
                ErrorKind::UnsignedQueryData,
                "the query holds a pair with an empty name, which the signature does not cover",
            ));
        }

        let mut string_to_sign = String::with_capacity(256);
        let sts = write_string_to_sign(
            &mut string_to_sign,
            method,
            request.path,
            request.query,
            signed.iter().copied(),
            &mut Scratch::default(),
        )?;
        let digest = Digest::compute(&self.mac, string_to_sign.as_bytes());
        Ok(Rebuilt {
            client_id,
            timestamp_ms,
            nonce,
            signed,
            string_to_sign,
            sts,
            digest,
        })
    }
}

/// Parses `X-Api-SignHeaders` of a received request into (name as listed, value) pairs in
/// signing order. The list must name the nonce and the timestamp, each name once.
fn signed_headers_of<'a>(
    request: &ReceivedRequest<'a>,
    gateway: &GatewayHeaders<'a>,
    list: &'a str,
) -> Result<Vec<(&'a str, &'a str)>> {
    let mut signed: Vec<(&'a str, &'a str)> = Vec::new();
    for name in list.split(',').map(|n| n.trim_matches([' ', '\t'])) {
        http::check_header_name(name)?;
        if signed.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Err(Error::new(
                ErrorKind::InvalidSignedHeaders,
                format!("X-Api-SignHeaders names {name} twice"),
            ));
        }
        limits::check_len(
            "the number of signed headers",
            signed.len() + 1,
            limits::MAX_SIGN_HEADERS + 2,
        )?;
        let value = gateway.lookup(request, name)?;
        // Every signed value obeys the header-value rules: a line feed inside one could
        // otherwise stand in for another signed header in the string to sign.
        http::check_header_value(name, value, true)?;
        signed.push((name, value));
    }
    for required in [headers::NONCE, headers::TIMESTAMP] {
        if !signed.iter().any(|(n, _)| n.eq_ignore_ascii_case(required)) {
            return Err(Error::new(
                ErrorKind::InvalidSignedHeaders,
                format!("X-Api-SignHeaders does not name {required}"),
            ));
        }
    }
    crate::sort::sort_unstable_by(&mut signed, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_slots_ignore_case_and_nothing_else() {
        for (slot, name) in GATEWAY.iter().enumerate() {
            assert_eq!(gateway_slot(name), Some(slot));
            assert_eq!(gateway_slot(&name.to_ascii_lowercase()), Some(slot));
            assert_eq!(gateway_slot(&name.to_ascii_uppercase()), Some(slot));
            // Same length, one letter off: not a gateway header.
            let mut other = name.as_bytes().to_vec();
            other[name.len() - 1] ^= 0x01;
            assert_eq!(
                gateway_slot(core::str::from_utf8(&other).unwrap_or("")),
                None
            );
        }
        for name in [
            "",
            "X-Api-Timestamp1",
            "Content-Type",
            "X-Api-Signaturf",
            "X-Api-TimeStamq",
        ] {
            assert_eq!(gateway_slot(name), None, "{name}");
        }
    }

    /// The header names the lookups are asked for: gateway ones in any case, others, and
    /// names of a gateway header's length that are not one.
    const NAMES: [&str; 10] = [
        "X-Api-ClientID",
        "x-api-clientid",
        "X-API-TIMESTAMP",
        "X-Api-Signature",
        "X-Api-Nonce",
        "x-api-signheaders",
        "X-Api-Auth-Version",
        "Content-Type",
        "content-type",
        "X-Api-Noncf",
    ];

    proptest::proptest! {
        /// One pass over the headers answers every lookup exactly as a scan per name does:
        /// the same value, or the same error (kind and message) for a missing or repeated one.
        #[test]
        fn one_pass_lookup_matches_a_scan_per_name(
            picks in proptest::collection::vec((0..NAMES.len(), 0..3usize), 0..12),
        ) {
            let headers: Vec<(&str, &str)> =
                picks.iter().map(|&(n, v)| (NAMES[n], ["a", "b", ""][v])).collect();
            let request = ReceivedRequest::new("GET", "/", &[], &headers);
            let gateway = request.gateway_headers();
            for name in NAMES.iter().chain(GATEWAY.iter()) {
                let one_pass = gateway.lookup(&request, name).map_err(|e| (e.kind(), e.to_string()));
                let scan = request.header(name).map_err(|e| (e.kind(), e.to_string()));
                proptest::prop_assert_eq!(one_pass, scan, "{}", name);
            }
            for (slot, name) in GATEWAY.iter().enumerate() {
                let by_slot = gateway.get(slot).map_err(|e| e.to_string());
                proptest::prop_assert_eq!(by_slot, request.header(name).map_err(|e| e.to_string()));
            }
        }
    }
}
