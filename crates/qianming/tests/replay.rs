//! Replay protection of both verifiers: each signed request works once, a clock stepped back
//! reopens nothing, and a shared store that cannot answer fails closed.

use qianming::kingdee::{ReceivedRequest, Request, SignHeader, Signer, Verifier};
use qianming::replay::{ReplayGuard, ReplayStore, ReplayTicket};
use qianming::{weaver, Error, ErrorKind};

const SECRET: &str = "0123456789abcdef0123456789abcdef";
const TS: u64 = 1_700_000_000_000;

fn kind<T>(result: Result<T, Error>) -> Option<ErrorKind> {
    result.err().map(|e| e.kind())
}

fn signed_headers(nonce: &str, ts: u64) -> Vec<(String, String)> {
    let signer = Signer::new("123456", SECRET).unwrap_or_else(|e| panic!("{e}"));
    let out = signer
        .sign(&Request::new("GET", "/a"), &ts.to_string(), nonce)
        .unwrap_or_else(|e| panic!("{e}"));
    out.headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect()
}

fn received(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

#[test]
fn kingdee_nonce_works_once_per_client() {
    let mut verifier = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let first = signed_headers("1111111111", TS);
    let headers = received(&first);
    let request = ReceivedRequest::new("GET", "/a", &[], &headers);
    assert!(verifier.verify(&request, TS + 1).is_ok());
    assert_eq!(
        kind(verifier.verify(&request, TS + 2)),
        Some(ErrorKind::Replayed)
    );
    // The same nonce in a request signed at another time is still the same nonce.
    let later = signed_headers("1111111111", TS + 5);
    let headers = received(&later);
    let request = ReceivedRequest::new("GET", "/a", &[], &headers);
    assert_eq!(
        kind(verifier.verify(&request, TS + 6)),
        Some(ErrorKind::Replayed)
    );
    // A refused request is not remembered.
    let signed = signed_headers("2222222222", TS);
    let bad: Vec<(&str, &str)> = received(&signed)
        .into_iter()
        .map(|(n, v)| (n, if n == "X-Api-Signature" { "x" } else { v }))
        .collect();
    let request = ReceivedRequest::new("GET", "/a", &[], &bad);
    assert_eq!(
        kind(verifier.verify(&request, TS)),
        Some(ErrorKind::SignatureMismatch)
    );
    let good = signed_headers("2222222222", TS);
    let headers = received(&good);
    assert!(verifier
        .verify(&ReceivedRequest::new("GET", "/a", &[], &headers), TS)
        .is_ok());
    assert_eq!(verifier.remembered(), 2);
}

#[test]
fn kingdee_clock_stepped_back_reopens_nothing() {
    let mut verifier = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let old = signed_headers("1111111111", TS);
    let old = received(&old);
    let old = ReceivedRequest::new("GET", "/a", &[], &old);
    assert!(verifier.verify(&old, TS).is_ok());
    // Ten minutes on, a fresh request evicts the old entry.
    let ten = TS + 600_000;
    let fresh = signed_headers("3333333333", ten);
    let fresh = received(&fresh);
    assert!(verifier
        .verify(&ReceivedRequest::new("GET", "/a", &[], &fresh), ten)
        .is_ok());
    assert_eq!(verifier.remembered(), 1);
    // The clock steps back to just after the old request: it is judged at the latest time.
    assert_eq!(
        kind(verifier.verify(&old, TS + 1)),
        Some(ErrorKind::Expired)
    );
}

#[test]
fn kingdee_signed_header_values_obey_header_rules() {
    let signer = Signer::new("123456", SECRET).unwrap_or_else(|e| panic!("{e}"));
    let extra = [SignHeader::new("A-1", "v1"), SignHeader::new("A-2", "v2")];
    let out = signer
        .sign(
            &Request::new("GET", "/a").with_sign_headers(&extra),
            &TS.to_string(),
            "1",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut headers: Vec<(&str, &str)> =
        out.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    for (name, value) in headers.iter_mut() {
        if *name == "X-Api-SignHeaders" {
            *value = "A-1,X-Api-Nonce,X-Api-TimeStamp";
        }
    }
    headers.push(("A-1", "v1\na-2:v2"));
    let verifier = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let request = ReceivedRequest::new("GET", "/a", &[], &headers);
    // The smuggled value rebuilds the very lines that were signed: only the header-value
    // rule stands between it and a match.
    assert!(out.string_to_sign.contains("a-1:v1\na-2:v2\n"));
    assert_eq!(
        kind(verifier.verify_stateless(&request, TS)),
        Some(ErrorKind::InvalidHeaderValue)
    );
}

#[test]
fn kingdee_diagnosis_never_reveals_the_expected_signature() {
    let verifier = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let owned = signed_headers("1111111111", TS);
    let mut headers = received(&owned);
    headers.retain(|(n, _)| *n != "X-Api-Signature");
    headers.push(("X-Api-Signature", "forged"));
    let request = ReceivedRequest::new("GET", "/b", &[], &headers);
    let diagnosis = verifier
        .diagnose(&request, TS)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(diagnosis.canonical_path, "%2Fb");
    assert_eq!(
        diagnosis.verdict.clone().map_err(|e| e.kind()),
        Err(ErrorKind::SignatureMismatch)
    );
    let expected = verifier
        .explain_revealing_signature(&request)
        .unwrap_or_else(|e| panic!("{e}"))
        .expected_signature;
    assert!(!format!("{diagnosis:?}").contains(&expected));
}

/// A shared store that has gone away.
struct Unreachable;

impl ReplayStore for Unreachable {
    fn record(&mut self, _: &ReplayTicket, _: u64) -> Result<(), Error> {
        Err(Error::new(
            ErrorKind::ReplayStoreUnavailable,
            "connection refused",
        ))
    }
}

#[test]
fn shared_stores_decide_and_fail_closed() {
    let verifier = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let owned = signed_headers("1111111111", TS);
    let headers = received(&owned);
    let request = ReceivedRequest::new("GET", "/a", &[], &headers);
    let verified = verifier
        .verify_stateless(&request, TS)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verified.replay.key, "kingdee:6:123456:10:1111111111");
    assert_eq!(
        verified.replay.expires_at_ms,
        TS + Verifier::DEFAULT_WINDOW_MS
    );
    // Two servers sharing one store: the second refuses what the first accepted.
    let mut shared = ReplayGuard::new(0);
    let other = verifier.clone();
    assert!(verifier
        .verify_with_store(&request, TS, &mut shared)
        .is_ok());
    assert_eq!(
        kind(other.verify_with_store(&request, TS, &mut shared)),
        Some(ErrorKind::Replayed)
    );
    assert_eq!(
        kind(verifier.verify_with_store(&request, TS, &mut Unreachable)),
        Some(ErrorKind::ReplayStoreUnavailable)
    );
}

#[test]
fn weaver_with_window_keeps_the_replay_capacity() {
    let sign = |ts| {
        weaver::sign("app", "secret", "0123456789abcdef", ts).unwrap_or_else(|e| panic!("{e}"))
    };
    let mut verifier = weaver::Verifier::new("app", "secret", "0123456789abcdef")
        .unwrap_or_else(|e| panic!("{e}"))
        .with_replay_capacity(1)
        .with_window_ms(60_000);
    assert!(verifier.verify(&sign(TS), TS).is_ok());
    assert_eq!(
        kind(verifier.verify(&sign(TS + 1), TS + 1)),
        Some(ErrorKind::ReplayCacheFull)
    );
    let verified = verifier
        .verify_stateless(&sign(TS + 2), TS + 2)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(verified.replay.key.starts_with("weaver:3:app:"));
    assert_eq!(verified.replay.expires_at_ms, TS + 2 + 60_000);
}
