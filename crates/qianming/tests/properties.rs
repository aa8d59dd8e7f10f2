//! Property tests: round trips, order independence, and that verification notices any single
//! change to a signed request.

use proptest::prelude::*;
use qianming::basic;
use qianming::kingdee::{
    canonical_query, ReceivedRequest, Request, SignedRequest, Signer, Verifier,
};
use qianming::weaver;
use qianming::ErrorKind;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];
const SECRET: &str = "0123456789abcdef0123456789abcdef";
const TS: u64 = 1_700_000_000_000;

/// An AES key whose UTF-8 encoding is 16, 24 or 32 bytes (ASCII or with multi-byte characters).
fn aes_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![16usize, 24, 32])
            .prop_flat_map(|n| proptest::string::string_regex(&format!("[ -~]{{{n}}}"))
                .unwrap_or_else(|_| unreachable!())),
        "[a-z]{10}".prop_map(|s| format!("密钥{s}")),
        "[a-z]{12}".prop_map(|s| format!("密钥密钥{s}")),
    ]
}

/// Unique query names with arbitrary values.
fn query() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::btree_map("[a-zA-Z0-9 =*~%+&中_-]{0,8}", ".{0,12}", 0..8)
        .prop_map(|m| m.into_iter().collect())
}

fn sign(
    method: &str,
    path: &str,
    query: &[(String, String)],
    ts: u64,
    nonce: &str,
) -> SignedRequest {
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let signer = Signer::new("123456", SECRET).unwrap_or_else(|e| panic!("{e}"));
    signer
        .sign_at(&Request::new(method, path).with_query(&pairs), ts, nonce)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn verify(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
) -> Result<(), ErrorKind> {
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    // Lenient about empty-name pairs, as the vendor gateway is: the properties below are about
    // what the signature covers (the strict default is tested separately).
    let mut verifier = Verifier::new(SECRET)
        .map_err(|e| e.kind())?
        .with_lenient_query(true);
    verifier
        .verify(
            &ReceivedRequest::new(method, path, &pairs, &headers),
            TS + 1_000,
        )
        .map(|_| ())
        .map_err(|e| e.kind())
}

fn headers_of(out: &SignedRequest) -> Vec<(String, String)> {
    out.headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect()
}

fn replace(headers: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| {
            (
                n.clone(),
                if n == name {
                    value.to_string()
                } else {
                    v.clone()
                },
            )
        })
        .collect()
}

proptest! {
    #[test]
    fn weaver_sign_then_verify_round_trips(appid in ".{0,24}", secret in ".{0,24}", key in aes_key(), ts in any::<u64>()) {
        let sign = weaver::sign(&appid, &secret, &key, ts).unwrap_or_else(|e| panic!("{e}"));
        let mut verifier = weaver::Verifier::new(&appid, &secret, &key).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(verifier.verify(&sign, ts).map(|v| v.timestamp_ms), Ok(ts));
        prop_assert_eq!(verifier.verify(&sign, ts).map_err(|e| e.kind()), Err(ErrorKind::Replayed));
    }

    #[test]
    fn weaver_verify_refuses_another_appid(appid in "[a-z]{1,8}", other in "[A-Z]{1,8}", ts in 0u64..u64::MAX / 2) {
        let sign = weaver::sign(&appid, "s", "0123456789abcdef", ts).unwrap_or_else(|e| panic!("{e}"));
        let verifier = weaver::Verifier::new(&other, "s", "0123456789abcdef").unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(verifier.verify_stateless(&sign, ts).map_err(|e| e.kind()), Err(ErrorKind::SignMismatch));
    }

    #[test]
    fn basic_encode_then_parse_round_trips(user in "[^:]{0,20}", password in ".{0,30}") {
        let header = basic::authorization_header(&user, &password, basic::AuthorizationMode::Basic).unwrap_or_else(|e| panic!("{e}"));
        let parsed = basic::parse_authorization(&header).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(&parsed.user, &user);
        prop_assert_eq!(parsed.password.expose(), password.as_str());
        let raw = basic::authorization_header(&parsed.user, parsed.password.expose(), basic::AuthorizationMode::Raw).unwrap_or_else(|e| panic!("{e}"));
        let parsed_raw = basic::parse_credentials(&raw).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(parsed_raw.password.expose(), password.as_str());
    }

    /// The wire query (which reuses what the canonical query found) is the form encoding of
    /// the pairs as given, and a signer with a reused buffer writes the same one each time.
    #[test]
    fn wire_query_is_the_form_encoding_of_the_pairs(pairs in query(), other in query()) {
        use qianming::encode::java_encode;
        use qianming::kingdee::SigningBuffer;
        let signer = Signer::new("123456", SECRET).unwrap_or_else(|e| panic!("{e}"));
        let mut buffer = SigningBuffer::default();
        for pairs in [&other, &pairs, &other] {
            let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let want: Vec<String> = refs
                .iter()
                .filter(|(n, _)| !n.is_empty())
                .map(|(n, v)| format!("{}={}", java_encode(n), java_encode(v)))
                .collect();
            let request = Request::new("GET", "/a").with_query(&refs);
            let signed = signer.sign_into(&request, "1", "n", &mut buffer);
            let wire = signed.map(|s| s.wire_query().to_string()).map_err(|e| e.kind());
            prop_assert_eq!(wire, Ok(want.join("&")));
        }
    }

    /// The request target the signer renders decodes, as a server decodes it, to exactly the
    /// path and pairs that were signed, and holds nothing that could change the URL's parts.
    #[test]
    fn request_target_decodes_to_what_was_signed(path in "/[a-z /%#?+&=;:@*中😀~.-]{0,16}", pairs in query()) {
        use qianming::kingdee::parse_request_target;
        let signed = sign("GET", &path, &pairs, TS, "n");
        let target = signed.path_and_query(&path);
        let (raw_path, _) = target.split_once('?').unwrap_or((&target, ""));
        prop_assert!(raw_path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/%-._~".contains(&b)), "{}", target);
        let decoded = parse_request_target(&target).unwrap_or_else(|e| panic!("{target}: {e}"));
        prop_assert_eq!(&decoded.path, &path);
        let kept: Vec<(String, String)> = pairs.iter().filter(|(n, _)| !n.is_empty()).cloned().collect();
        prop_assert_eq!(decoded.query, kept);
    }

    #[test]
    fn canonical_query_ignores_caller_order(pairs in query(), seed in any::<u64>()) {
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let mut shuffled = refs.clone();
        // A deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(canonical_query(&refs), canonical_query(&shuffled));
    }

    #[test]
    fn verify_accepts_a_signed_request_and_notices_any_single_change(
        m in 0usize..7, other_m in 1usize..7,
        path in "/[a-z0-9/ 中~*=]{0,16}",
        pairs in query(),
        nonce in "[0-9]{10}",
        flip in any::<prop::sample::Index>(),
        which in any::<prop::sample::Index>(),
    ) {
        let method = METHODS[m];
        let out = sign(method, &path, &pairs, TS, &nonce);
        let headers = headers_of(&out);
        prop_assert_eq!(verify(method, &path, &pairs, &headers), Ok(()));

        // Another method.
        prop_assert_eq!(verify(METHODS[(m + other_m) % 7], &path, &pairs, &headers), Err(ErrorKind::SignatureMismatch));
        // Another path.
        prop_assert_eq!(verify(method, &format!("{path}x"), &pairs, &headers), Err(ErrorKind::SignatureMismatch));
        // Another value for one query parameter.
        if !pairs.is_empty() {
            let i = which.index(pairs.len());
            let mut changed = pairs.clone();
            changed[i].1.push('!');
            let want = if changed[i].0.is_empty() { Ok(()) } else { Err(ErrorKind::SignatureMismatch) };
            prop_assert_eq!(verify(method, &path, &changed, &headers), want);
        }
        // Another timestamp (still inside the window) or nonce.
        prop_assert_eq!(verify(method, &path, &pairs, &replace(&headers, "X-Api-TimeStamp", &(TS + 1).to_string())), Err(ErrorKind::SignatureMismatch));
        let other_nonce = if nonce == "0000000000" { "0000000001".to_string() } else { "0000000000".to_string() };
        prop_assert_eq!(verify(method, &path, &pairs, &replace(&headers, "X-Api-Nonce", &other_nonce)), Err(ErrorKind::SignatureMismatch));
        // One character of the signature.
        let mut sig: Vec<char> = out.signature.chars().collect();
        let i = flip.index(sig.len());
        sig[i] = if sig[i] == 'A' { 'B' } else { 'A' };
        let sig: String = sig.into_iter().collect();
        prop_assert_eq!(verify(method, &path, &pairs, &replace(&headers, "X-Api-Signature", &sig)), Err(ErrorKind::SignatureMismatch));
    }
}

proptest! {
    /// By default the verifier refuses any request whose query holds an empty-name pair (data
    /// the signature does not cover), even when the signature matches.
    #[test]
    fn strict_verifier_refuses_unsigned_query_data(pairs in query(), value in ".{0,8}") {
        let mut pairs = pairs;
        pairs.retain(|(n, _)| !n.is_empty());
        let out = sign("GET", "/a", &pairs, TS, "0123456789");
        let owned = headers_of(&out);
        let headers: Vec<(&str, &str)> = owned.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let mut received: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        received.push(("", value.as_str()));
        let request = ReceivedRequest::new("GET", "/a", &received, &headers);
        let strict = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(strict.verify_stateless(&request, TS).map_err(|e| e.kind()).err(), Some(ErrorKind::UnsignedQueryData));
        let lenient = strict.with_lenient_query(true);
        prop_assert!(lenient.verify_stateless(&request, TS).is_ok());
    }
}

proptest! {
    /// Every u64, with any number of leading zeros, reads back as itself; one past u64::MAX
    /// and anything that is not all digits are refused.
    #[test]
    fn timestamps_read_back_exactly(value in any::<u64>(), zeros in 0usize..25) {
        let text = format!("{}{value}", "0".repeat(zeros));
        prop_assert_eq!(qianming::kingdee::parse_timestamp(&text).ok(), Some(value));
        let over = u128::from(value) + u128::from(u64::MAX) + 1;
        let refused = qianming::kingdee::parse_timestamp(&over.to_string());
        prop_assert_eq!(refused.map_err(|e| e.kind()), Err(ErrorKind::InvalidTimestamp));
        let signed = qianming::kingdee::parse_timestamp(&format!("+{value}"));
        prop_assert_eq!(signed.map_err(|e| e.kind()), Err(ErrorKind::InvalidTimestamp));
    }
}

/// The edge of 64 bits: u64::MAX (with or without leading zeros) is read, one more is refused,
/// and the signer refuses exactly what the parser refuses.
#[test]
fn timestamps_at_the_edge_of_64_bits() {
    use qianming::kingdee::{parse_timestamp, Request, Signer};
    assert_eq!(parse_timestamp("18446744073709551615").ok(), Some(u64::MAX));
    assert_eq!(
        parse_timestamp("0018446744073709551615").ok(),
        Some(u64::MAX)
    );
    assert_eq!(parse_timestamp("000").ok(), Some(0));
    let signer = Signer::new("id", "secret").unwrap_or_else(|e| panic!("{e}"));
    let request = Request::new("GET", "/a");
    for text in ["18446744073709551615", "0018446744073709551615", "000", "7"] {
        assert!(signer.sign(&request, text, "n").is_ok(), "{text}");
    }
    for text in [
        "18446744073709551616",
        "19000000000000000000",
        "99999999999999999999",
        "100000000000000000000",
        "",
        "0x1",
        "1 ",
        "٣",
    ] {
        assert!(parse_timestamp(text).is_err(), "{text}");
        let refused = signer.sign(&request, text, "n").map_err(|e| e.kind());
        assert_eq!(refused, Err(ErrorKind::InvalidTimestamp), "{text}");
    }
    // Digits that do not fit say so, with the range; other text is not a number at all.
    let message = |text: &str| match parse_timestamp(text) {
        Ok(value) => panic!("{text} was read as {value}"),
        Err(e) => e.to_string(),
    };
    for text in ["18446744073709551616", "100000000000000000000"] {
        let said = message(text);
        assert!(said.contains("out of range"), "{text}: {said}");
        assert!(said.contains("18446744073709551615"), "{text}: {said}");
    }
    for text in ["", "0x1", "1 "] {
        assert!(
            message(text).contains("not a non-negative decimal integer"),
            "{text}"
        );
    }
}
