//! The Kingdee server-side verifier on any received request.
//!
//! Input: NUL-separated fields `now_ms[,window_ms][L]`, client secret, method, path, then any
//! number of `q<name>\x01<value>` (decoded query pair) and `h<name>\x01<value>` (header);
//! `L` makes the verifier lenient about unsigned query data. Properties checked:
//! - `diagnose`'s verdict is `verify_stateless`'s, and a fresh verifier's `verify` agrees;
//! - a request accepted once is refused as `replayed` the second time;
//! - with the signature `explain_revealing_signature` expects put in place, the request is never a
//!   `signature_mismatch` (so every check after the signature is reached too).
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::kingdee::{ReceivedRequest, Verifier};
use qianming::{ErrorKind, Result};
use qianming_fuzz::{fields, millis, name_value};

const SIGNATURE: &str = "X-Api-Signature";

fn verdict<T>(r: &Result<T>, ts: impl Fn(&T) -> u64) -> core::result::Result<u64, ErrorKind> {
    r.as_ref().map(ts).map_err(|e| e.kind())
}

fn check(verifier: &Verifier, request: &ReceivedRequest<'_>, now_ms: u64) -> Option<ErrorKind> {
    let stateless = verifier.verify_stateless(request, now_ms);
    let stateless = verdict(&stateless, |v| v.timestamp_ms);
    match verifier.diagnose(request, now_ms) {
        Ok(d) => assert_eq!(verdict(&d.verdict, |t| *t), stateless, "diagnose disagrees"),
        Err(e) => assert_eq!(Err(e.kind()), stateless, "diagnose fails otherwise"),
    }
    let mut fresh = verifier.clone();
    let first = fresh.verify(request, now_ms);
    assert_eq!(
        verdict(&first, |v| v.timestamp_ms),
        stateless,
        "verify disagrees"
    );
    if first.is_ok() {
        let again = fresh.verify(request, now_ms);
        assert_eq!(
            verdict(&again, |v| v.timestamp_ms),
            Err(ErrorKind::Replayed),
            "a replay passed"
        );
    }
    stateless.err()
}

fuzz_target!(|data: &[u8]| {
    let f = fields(data);
    if f.len() < 4 {
        return;
    }
    let options = &f[0];
    let now_ms = millis(options);
    let Ok(mut verifier) = Verifier::new(&f[1]) else {
        return;
    };
    if let Some((_, window)) = options.split_once(',') {
        verifier = verifier.with_window_ms(millis(window));
    }
    verifier = verifier.with_lenient_query(options.ends_with('L'));
    let (mut query, mut headers) = (Vec::new(), Vec::new());
    for field in &f[4..] {
        match field.as_bytes().first() {
            Some(b'q') => query.push(name_value(&field[1..])),
            Some(b'h') => headers.push(name_value(&field[1..])),
            _ => {}
        }
    }
    let request = ReceivedRequest::new(&f[2], &f[3], &query, &headers);
    check(&verifier, &request, now_ms);

    let Ok(explained) = verifier.explain_revealing_signature(&request) else {
        return;
    };
    if explained
        .signed_headers
        .iter()
        .any(|n| n.eq_ignore_ascii_case(SIGNATURE))
    {
        return;
    }
    let mut forged: Vec<(&str, &str)> = headers
        .iter()
        .copied()
        .filter(|(n, _)| !n.eq_ignore_ascii_case(SIGNATURE))
        .collect();
    forged.push((SIGNATURE, &explained.expected_signature));
    let request = ReceivedRequest::new(&f[2], &f[3], &query, &forged);
    let kind = check(&verifier, &request, now_ms);
    assert_ne!(
        kind,
        Some(ErrorKind::SignatureMismatch),
        "the expected signature mismatches"
    );
});
