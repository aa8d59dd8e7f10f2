//! Every documented size limit is enforced with `input_too_large` (never a panic, never
//! unbounded work), and inputs exactly at a limit are accepted.

use qianming::kingdee::{self, ReceivedRequest, Request, SignHeader, Signer, Verifier};
use qianming::limits::{
    MAX_AUTHORIZATION_BYTES, MAX_QUERY_PAIRS, MAX_SIGN_HEADERS, MAX_TEXT_BYTES, MAX_WEAVER_SIGN_HEX,
};
use qianming::{basic, weaver, ErrorKind};

fn kind<T>(r: qianming::Result<T>) -> Option<ErrorKind> {
    r.err().map(|e| e.kind())
}

fn signer() -> Signer {
    Signer::new("123456", "secret").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn text_values_are_limited_to_64_kib() {
    let at = "a".repeat(MAX_TEXT_BYTES);
    let over = "a".repeat(MAX_TEXT_BYTES + 1);
    let s = signer();
    assert_eq!(kind(s.sign(&Request::new("GET", &at), "1", "n")), None);
    assert_eq!(
        kind(s.sign(&Request::new("GET", &over), "1", "n")),
        Some(ErrorKind::InputTooLarge)
    );
    let q = [("name", over.as_str())];
    assert_eq!(
        kind(s.sign(&Request::new("GET", "/").with_query(&q), "1", "n")),
        Some(ErrorKind::InputTooLarge)
    );
    let q = [(over.as_str(), "v")];
    assert_eq!(
        kind(s.sign(&Request::new("GET", "/").with_query(&q), "1", "n")),
        Some(ErrorKind::InputTooLarge)
    );
    let h = [SignHeader::new("X-Big", &over)];
    assert_eq!(
        kind(s.sign(&Request::new("GET", "/").with_sign_headers(&h), "1", "n")),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(s.sign(&Request::new("GET", "/"), "1", &over)),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(Signer::new("1", &over)),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(Signer::new(&over, "s")),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(kind(Verifier::new(&over)), Some(ErrorKind::InputTooLarge));
    assert_eq!(
        kind(kingdee::app_signature(&over, "s")),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(kingdee::app_signature("k", &over)),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(kingdee::parse_query(&over)),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(weaver::sign(&over, "s", "0123456789abcdef", 1)),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(weaver::Verifier::new("a", &over, "0123456789abcdef")),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(basic::credentials(&over, "p")),
        Some(ErrorKind::InputTooLarge)
    );
    assert_eq!(
        kind(basic::credentials("u", &over)),
        Some(ErrorKind::InputTooLarge)
    );
}

#[test]
fn query_pairs_are_limited() {
    let names: Vec<String> = (0..=MAX_QUERY_PAIRS).map(|i| format!("p{i}")).collect();
    let pairs: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v")).collect();
    let s = signer();
    let at = Request::new("GET", "/").with_query(&pairs[..MAX_QUERY_PAIRS]);
    assert_eq!(kind(s.sign(&at, "1", "n")), None);
    let over = Request::new("GET", "/").with_query(&pairs);
    assert_eq!(
        kind(s.sign(&over, "1", "n")),
        Some(ErrorKind::InputTooLarge)
    );
    let raw: String = names.iter().map(|n| format!("{n}=v&")).collect();
    assert_eq!(
        kind(kingdee::parse_query(&raw)),
        Some(ErrorKind::InputTooLarge)
    );
}

#[test]
fn extra_signed_headers_are_limited() {
    let names: Vec<String> = (0..=MAX_SIGN_HEADERS).map(|i| format!("X-H{i}")).collect();
    let headers: Vec<SignHeader<'_>> = names.iter().map(|n| SignHeader::new(n, "v")).collect();
    let s = signer();
    let at = Request::new("GET", "/").with_sign_headers(&headers[..MAX_SIGN_HEADERS]);
    let signed = s.sign(&at, "1", "n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(signed.signed_headers.len(), MAX_SIGN_HEADERS + 2);
    let over = Request::new("GET", "/").with_sign_headers(&headers);
    assert_eq!(
        kind(s.sign(&over, "1", "n")),
        Some(ErrorKind::InputTooLarge)
    );

    // A received request that lists too many signed headers is refused the same way.
    let list = names.join(",") + ",X-Api-Nonce,X-Api-TimeStamp";
    let mut received: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v")).collect();
    received.extend([
        ("X-Api-ClientID", "1"),
        ("X-Api-Auth-Version", "2.0"),
        ("X-Api-TimeStamp", "1"),
        ("X-Api-Nonce", "n"),
        ("X-Api-SignHeaders", list.as_str()),
        ("X-Api-Signature", "x"),
    ]);
    let mut verifier = Verifier::new("secret").unwrap_or_else(|e| panic!("{e}"));
    let request = ReceivedRequest::new("GET", "/", &[], &received);
    assert_eq!(
        kind(verifier.verify(&request, 1)),
        Some(ErrorKind::InputTooLarge)
    );
}

#[test]
fn authorization_headers_and_weaver_signs_are_limited() {
    let over = format!("Basic {}", "A".repeat(MAX_AUTHORIZATION_BYTES));
    assert_eq!(
        kind(basic::parse_authorization(&over)),
        Some(ErrorKind::InputTooLarge)
    );
    let mut verifier =
        weaver::Verifier::new("a", "s", "0123456789abcdef").unwrap_or_else(|e| panic!("{e}"));
    let long = "00".repeat(MAX_WEAVER_SIGN_HEX / 2 + 1);
    assert_eq!(
        kind(verifier.verify(&long, 1)),
        Some(ErrorKind::InputTooLarge)
    );
}
