//! The Kingdee doctor (docs/spec/doctor.md#kingdee): which known mistake reproduces the
//! `X-Api-Signature` a client sent.

use super::kingdee_recipe::{string_to_sign, Mistakes, OnceName, Parts};
use super::{judge_time, SeenBy, Verdict};
use crate::digest::HmacKey;
use crate::error::{ErrorKind, Result};
use crate::http::Method;
use crate::kingdee::headers::{CLIENT_ID, NONCE, SIGNATURE, SIGN_HEADERS, TIMESTAMP};
use crate::kingdee::{ReceivedRequest, Verifier};
use crate::secret::{constant_time_eq, Secret};
use crate::sort::sort_unstable_by;
use crate::timestamp::parse as parse_timestamp;
use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// How many string-to-sign mistakes one explanation may combine (plus one in the way the MAC
/// is written, plus one in the time): about 240 strings to hash when nothing matches.
const MOST_COMBINED: u32 = 3;
/// Above this length of string to sign only single mistakes are tried (about 14 strings), so a
/// huge request costs the doctor a bounded multiple of what it costs the verifier.
const LONG_STRING_TO_SIGN: usize = crate::limits::MAX_TEXT_BYTES;

/// What the Kingdee doctor found. Safe to log and to show the client: it holds what the request
/// carried and what can be rebuilt from it, never the signature or HMAC the request should carry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KingdeeDiagnosis {
    /// The finding: `valid`, the (first) mistake, or `unexplained`.
    pub verdict: Verdict,
    /// Every mistake that together reproduce the request, the one of [`Self::verdict`] first
    /// (signature mistakes in code order, then a time mistake); empty when `valid` or
    /// `unexplained`.
    pub mistakes: Vec<Verdict>,
    /// `X-Api-ClientID` as received.
    pub client_id: String,
    /// `X-Api-Nonce` as received.
    pub nonce: String,
    /// `X-Api-TimeStamp` as a number.
    pub timestamp_ms: u64,
    /// The time the request was judged at.
    pub now_ms: u64,
    /// The window the timestamp had to be in, either way.
    pub window_ms: u64,
    /// `now_ms − timestamp_ms`, saturated to 64 bits: positive when the timestamp lies in the
    /// past. For `timestamp_in_seconds`, `now_ms − timestamp × 1000`.
    pub time_difference_ms: i64,
    /// The canonical path the gateway builds from the request.
    pub canonical_path: String,
    /// The canonical query the gateway builds.
    pub canonical_query: String,
    /// The signed header names, sorted as the gateway signs them.
    pub signed_headers: Vec<String>,
    /// The string to sign the gateway builds from the request (no secret in it).
    pub string_to_sign: String,
    /// The string to sign the client used, when the doctor reproduced its signature (equal to
    /// [`Self::string_to_sign`] unless a mistake changed it); `None` when `unexplained`.
    pub client_string_to_sign: Option<String>,
}

/// How a client may have written the MAC, and the mistakes each way is.
const OUTPUTS: [(Output, &[Verdict]); 5] = [
    (Output::Base64Hex, &[]),
    (Output::Base64UpperHex, &[Verdict::HexUppercase]),
    (Output::Base64Raw, &[Verdict::Base64OfRawHmac]),
    (Output::Hex, &[Verdict::HexNotBase64]),
    (
        Output::UpperHex,
        &[Verdict::HexUppercase, Verdict::HexNotBase64],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Base64Hex,
    Base64UpperHex,
    Base64Raw,
    Hex,
    UpperHex,
}

/// The MAC written as `output`.
fn write(mac: &[u8; 32], output: Output) -> Secret {
    let lower = hex::encode(mac);
    Secret::new(match output {
        Output::Base64Hex => STANDARD.encode(&lower),
        Output::Base64UpperHex => STANDARD.encode(lower.to_ascii_uppercase()),
        Output::Base64Raw => STANDARD.encode(mac),
        Output::Hex => lower,
        Output::UpperHex => lower.to_ascii_uppercase(),
    })
}

/// The first value of header `name` (the verifier has already checked it is there once).
fn header<'a>(request: &ReceivedRequest<'a>, name: &str) -> &'a str {
    request
        .headers()
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
        .unwrap_or_default()
}

/// Diagnoses a received Kingdee request: recomputes its signature under each known client
/// mistake (and each combination of up to three string-to-sign mistakes with a way of writing
/// the MAC) and names the one that reproduces `X-Api-Signature`, comparing in constant time.
///
/// `request` is what the server received (decoded path and query pairs, all headers), judged at
/// `now_ms` with `window_ms` either way ([`super::DEFAULT_WINDOW_MS`] is the gateway's). With
/// `seen_by`, a request that is otherwise valid is `replayed` when that verifier has already
/// accepted it; the verifier is only read. A request too malformed to rebuild (a header
/// missing or repeated, a bad timestamp, a repeated query name, an empty query name) is an
/// error, as for [`Verifier::diagnose`].
///
/// ```
/// use qianming::doctor::{self, Verdict};
/// use qianming::kingdee::{ReceivedRequest, Request, Signer};
/// let query = [("q", "a=b")];
/// let out = Signer::new("123456", "s3cret")?
///     .sign(&Request::new("GET", "/a").with_query(&query), "1700000000000", "42")?;
/// let mut headers: Vec<(&str, &str)> = out.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
/// let received = ReceivedRequest::new("GET", "/a", &query, &headers);
/// let found = doctor::diagnose_kingdee("s3cret", &received, 1_700_000_001_000, doctor::DEFAULT_WINDOW_MS, None)?;
/// assert_eq!(found.verdict, Verdict::Valid);
/// let late = doctor::diagnose_kingdee("s3cret", &received, 1_700_000_400_000, doctor::DEFAULT_WINDOW_MS, None)?;
/// assert_eq!((late.verdict.name(), late.time_difference_ms), ("expired", 400_000));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn diagnose(
    client_secret: &str,
    request: &ReceivedRequest<'_>,
    now_ms: u64,
    window_ms: u64,
    seen_by: Option<&dyn SeenBy>,
) -> Result<KingdeeDiagnosis> {
    let verifier = Verifier::new(client_secret)?.with_window_ms(window_ms);
    let rebuilt = verifier.diagnose(request, now_ms)?;
    let timestamp_ms = parse_timestamp(header(request, TIMESTAMP))?;
    let (time_verdict, time_difference_ms) = judge_time(timestamp_ms, now_ms, window_ms);
    let mut out = KingdeeDiagnosis {
        verdict: Verdict::Unexplained,
        mistakes: Vec::new(),
        client_id: header(request, CLIENT_ID).to_string(),
        nonce: header(request, NONCE).to_string(),
        timestamp_ms,
        now_ms,
        window_ms,
        time_difference_ms,
        canonical_path: rebuilt.canonical_path,
        canonical_query: rebuilt.canonical_query,
        signed_headers: rebuilt.signed_headers,
        string_to_sign: rebuilt.string_to_sign,
        client_string_to_sign: None,
    };
    match rebuilt.verdict {
        Ok(_) => {
            let ticket = verifier.verify_stateless(request, now_ms)?.replay;
            let replayed = seen_by.is_some_and(|v| v.has_seen(&ticket, now_ms));
            out.client_string_to_sign = Some(out.string_to_sign.clone());
            if replayed {
                out.mistakes.push(Verdict::Replayed);
            }
        }
        Err(e) if matches!(e.kind(), ErrorKind::Expired | ErrorKind::FutureTimestamp) => {
            out.client_string_to_sign = Some(out.string_to_sign.clone());
            out.mistakes.extend(time_verdict);
        }
        Err(e) if e.kind() == ErrorKind::SignatureMismatch => {
            let most = if out.string_to_sign.len() > LONG_STRING_TO_SIGN {
                1
            } else {
                MOST_COMBINED
            };
            if let Some((mut mistakes, client)) = search(client_secret, request, most)? {
                mistakes.extend(time_verdict);
                out.mistakes = mistakes;
                out.client_string_to_sign = Some(client);
            }
        }
        Err(e) => return Err(e),
    }
    out.verdict = match (out.mistakes.first(), &out.client_string_to_sign) {
        (Some(first), _) => *first,
        (None, Some(_)) => Verdict::Valid,
        (None, None) => Verdict::Unexplained,
    };
    Ok(out)
}

/// Tries every known mistake on a request whose signature does not verify; returns the
/// signature mistakes that reproduce it and the string to sign the client used.
fn search(
    client_secret: &str,
    request: &ReceivedRequest<'_>,
    most: u32,
) -> Result<Option<(Vec<Verdict>, String)>> {
    let method = Method::parse(request.method())?;
    let listed: Vec<(&str, &str)> = header(request, SIGN_HEADERS)
        .split(',')
        .map(|n| n.trim_matches([' ', '\t']))
        .map(|n| (n, header(request, n)))
        .collect();
    let parts = Parts {
        method: method.as_str(),
        path: request.path(),
        query: request.query(),
        listed: &listed,
    };
    let received = header(request, SIGNATURE).as_bytes();
    let key = HmacKey::new(client_secret.as_bytes());
    let mut tried = BTreeSet::new();
    let none = Mistakes::default();
    let sets = core::iter::once(none).chain(Mistakes::combinations(most));
    for set in sets {
        let names: &[OnceName] = if set.has(Verdict::QueryEncodedOnce) {
            &[OnceName::Gateway, OnceName::Java]
        } else {
            &[OnceName::Gateway]
        };
        for &once in names {
            let text = string_to_sign(&parts, set, once);
            if !tried.insert(text.clone()) {
                continue;
            }
            let mac = key.mac(text.as_bytes());
            for (output, written) in OUTPUTS {
                // The right string written the right way is what the verifier refused.
                if set == none && written.is_empty() {
                    continue;
                }
                if constant_time_eq(received, write(&mac, output).expose_bytes()) {
                    let mut mistakes: Vec<Verdict> =
                        set.list().chain(written.iter().copied()).collect();
                    sort_unstable_by(&mut mistakes, |a, b| a.cmp(b));
                    return Ok(Some((mistakes, text)));
                }
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::DEFAULT_WINDOW_MS;
    use crate::kingdee::{Request, SignHeader, Signer};

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    /// A request signed right, then with its signature replaced by what `client` computes
    /// from the right string to sign and the MAC.
    fn check(mistakes: Mistakes, output: Output, want: &[Verdict]) -> Result<()> {
        let query = [("b", "x=y z"), ("a", "1"), ("a0", "2")];
        let extra = [SignHeader::new("Content-Type", "application/json")];
        let path = "/jdy/v2/a b";
        let out = Signer::new("123456", SECRET)?.sign(
            &Request::new("POST", path)
                .with_query(&query)
                .with_sign_headers(&extra),
            "1700000000000",
            "42",
        )?;
        let mut headers: Vec<(&str, String)> =
            out.headers.iter().map(|(n, v)| (*n, v.clone())).collect();
        headers.push(("Content-Type", "application/json".into()));
        let listed = [
            ("X-Api-TimeStamp", "1700000000000"),
            ("Content-Type", "application/json"),
            ("X-Api-Nonce", "42"),
        ];
        headers[4].1 = "X-Api-TimeStamp,Content-Type,X-Api-Nonce".into();
        let parts = Parts {
            method: "POST",
            path,
            query: &query,
            listed: &listed,
        };
        let client = string_to_sign(&parts, mistakes, OnceName::Java);
        let mac = HmacKey::new(SECRET.as_bytes()).mac(client.as_bytes());
        headers[5].1 = write(&mac, output).expose().to_string();
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let received = ReceivedRequest::new("post", path, &query, &headers);
        let found = diagnose(
            SECRET,
            &received,
            1_700_000_000_500,
            DEFAULT_WINDOW_MS,
            None,
        )?;
        assert_eq!(found.mistakes, want, "{client:?}");
        assert_eq!(
            found.client_string_to_sign.as_deref(),
            Some(client.as_str())
        );
        assert_eq!(found.string_to_sign, out.string_to_sign);
        Ok(())
    }

    #[test]
    fn every_single_mistake_is_named() -> Result<()> {
        for set in Mistakes::combinations(1) {
            let want: Vec<Verdict> = set.list().collect();
            check(set, Output::Base64Hex, &want)?;
        }
        for (output, want) in OUTPUTS.iter().skip(1) {
            check(Mistakes::default(), *output, want)?;
        }
        Ok(())
    }

    #[test]
    fn combined_mistakes_are_named_together() -> Result<()> {
        let three = Mistakes::combinations(3);
        let set = three
            .iter()
            .find(|s| {
                s.has(Verdict::QueryEncodedOnce)
                    && s.has(Verdict::QueryUnsorted)
                    && s.has(Verdict::HeaderNamesNotLowercased)
            })
            .copied()
            .unwrap_or_default();
        check(
            set,
            Output::Base64Raw,
            &[
                Verdict::QueryEncodedOnce,
                Verdict::QueryUnsorted,
                Verdict::Base64OfRawHmac,
                Verdict::HeaderNamesNotLowercased,
            ],
        )
    }

    #[test]
    fn a_long_request_is_searched_for_single_mistakes_only() -> Result<()> {
        let long = "v ".repeat(20_000);
        let query = [("a", long.as_str()), ("b", long.as_str())];
        let listed = [("X-Api-Nonce", "1"), ("X-Api-TimeStamp", "1700000000000")];
        let parts = Parts {
            method: "GET",
            path: "/a",
            query: &query,
            listed: &listed,
        };
        let key = HmacKey::new(SECRET.as_bytes());
        let diagnose_with = |mistakes: &[Verdict]| -> Result<KingdeeDiagnosis> {
            let set = Mistakes::combinations(2)
                .into_iter()
                .find(|s| s.list().eq(mistakes.iter().copied()))
                .unwrap_or_default();
            let text = string_to_sign(&parts, set, OnceName::Gateway);
            let signature = write(&key.mac(text.as_bytes()), Output::Base64Hex);
            let headers = [
                ("X-Api-ClientID", "1"),
                ("X-Api-Auth-Version", "2.0"),
                ("X-Api-TimeStamp", "1700000000000"),
                ("X-Api-Nonce", "1"),
                ("X-Api-SignHeaders", "X-Api-Nonce,X-Api-TimeStamp"),
                ("X-Api-Signature", signature.expose()),
            ];
            let received = ReceivedRequest::new("GET", "/a", &query, &headers);
            diagnose(
                SECRET,
                &received,
                1_700_000_000_000,
                DEFAULT_WINDOW_MS,
                None,
            )
        };
        let one = [Verdict::QueryEncodedOnce];
        assert_eq!(diagnose_with(&one)?.mistakes, one);
        let two = [Verdict::QueryEncodedOnce, Verdict::HeaderNamesNotLowercased];
        assert_eq!(diagnose_with(&two)?.verdict, Verdict::Unexplained);
        Ok(())
    }

    #[test]
    fn the_right_signature_is_never_in_the_diagnosis() -> Result<()> {
        let out =
            Signer::new("1", SECRET)?.sign(&Request::new("GET", "/a"), "1700000000000", "7")?;
        let mut headers: Vec<(&str, &str)> =
            out.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        headers[5].1 = "wrong";
        let received = ReceivedRequest::new("GET", "/a", &[], &headers);
        let found = diagnose(
            SECRET,
            &received,
            1_700_000_000_000,
            DEFAULT_WINDOW_MS,
            None,
        )?;
        assert_eq!(found.verdict, Verdict::Unexplained);
        let shown = alloc::format!("{found:?}");
        assert!(!shown.contains(&out.signature) && !shown.contains(&out.hmac_hex));
        Ok(())
    }
}
