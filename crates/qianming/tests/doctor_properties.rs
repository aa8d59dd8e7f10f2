//! Properties of the doctor on any input: the readers of pasted requests and the doctors answer
//! with a value or a typed error, never a panic; a request signed right is `valid` however its
//! parts look, and a diagnosis never holds the signature the request should carry.

use proptest::prelude::*;
use qianming::doctor::{self, compare_string_to_sign, parse_request, RequestFormat, Verdict};
use qianming::kingdee::{ReceivedRequest, Request, Signer};

const FORMATS: [RequestFormat; 4] = [
    RequestFormat::Detect,
    RequestFormat::Curl,
    RequestFormat::Http,
    RequestFormat::Har,
];

/// Text made of the pieces pasted requests are made of, so the readers get past their first
/// checks.
fn pasted_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("curl ".to_string()),
        Just("-H ".to_string()),
        Just("--data-raw ".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("$'\\x4".to_string()),
        Just("\\\n".to_string()),
        Just("https://h/a%2".to_string()),
        Just("GET /p?q=1 HTTP/1.1\r\n".to_string()),
        Just(":path: /x\n".to_string()),
        Just("X-Api-Nonce: 1\n".to_string()),
        Just("\n\n".to_string()),
        Just(r#"{"log":{"entries":[{"request":{"method":"GET","url":"/","headers":["#.to_string()),
        Just(r#"{"name":"a","value":"b"}]}}]}}"#.to_string()),
        ".{0,8}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn pasted_text_is_read_or_refused(text in pasted_text(), format in 0..4usize) {
        if let Ok(request) = parse_request(&text, FORMATS[format]) {
            // What was read is what a verifier can take.
            prop_assert!(request.path.len() <= text.len() * 4 + 1);
            let _ = request.with_received(|r| {
                doctor::diagnose_kingdee("s", r, 0, doctor::DEFAULT_WINDOW_MS, None)
            });
        }
    }

    #[test]
    fn any_weaver_sign_gets_a_verdict(sign in "[0-9a-fA-F]{0,200}|[A-Za-z0-9+/=]{0,120}|.{0,40}", now in any::<u64>()) {
        let found = doctor::diagnose_weaver("appid", "secret", "0123456789abcdef", &sign, now, doctor::DEFAULT_WINDOW_MS, None)?;
        prop_assert!(found.verdict.applies_to(doctor::Vendor::Weaver));
    }

    #[test]
    fn comparing_any_texts(a in ".{0,40}", b in ".{0,40}") {
        let found = compare_string_to_sign(&a, &b);
        prop_assert_eq!(found.identical, a == b.replace("\r\n", "\n") || (!b.contains('\n') && a == b.replace("\\n", "\n")));
    }

    /// Signed right, sent as our curl command prints it, read back: valid; with the signature
    /// replaced, never valid and never showing the right one.
    #[test]
    fn signed_requests_round_trip_through_curl(
        path in "/[a-z0-9 ~*%+中]{0,12}",
        query in proptest::collection::btree_map("[a-z0-9~* ]{1,5}", "[a-z0-9~*= +%中]{0,6}", 0..4),
        other in "[A-Za-z0-9+/]{86}==",
    ) {
        let query: Vec<(&str, &str)> = query.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let signer = Signer::new("123456", "s3cret").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let out = signer.sign(&Request::new("GET", &path).with_query(&query), "1700000000000", "42")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut sent = out.http_request("https://h", &path, &[]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Some(header) = sent.headers.iter_mut().find(|(n, _)| n == "X-Api-Signature") {
            header.1 = other.clone();
        }
        let curl = sent.to_curl();
        let pasted = parse_request(&curl, RequestFormat::Detect).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&pasted.path, &path);
        let found = pasted.with_received(|r: &ReceivedRequest<'_>| {
            doctor::diagnose_kingdee("s3cret", r, 1_700_000_000_000, doctor::DEFAULT_WINDOW_MS, None)
        }).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if other == out.signature {
            prop_assert_eq!(found.verdict, Verdict::Valid);
        } else {
            prop_assert_ne!(found.verdict, Verdict::Valid);
            let shown = format!("{found:?}");
            prop_assert!(!shown.contains(&out.signature) && !shown.contains(&out.hmac_hex));
        }
    }
}
