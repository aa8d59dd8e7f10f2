//! Runs every case of every file in `vectors/` through the core. A failing case prints its
//! id and the whole case.

use qianming::basic::{self, AuthorizationMode};
use qianming::kingdee::{self, ReceivedRequest, Request, SignHeader, Signer};
use qianming::weaver;
use qianming::{Error, ErrorKind};
use serde_json::Value;

const FILES: &[(&str, &str)] = &[
    (
        "kingdee_official_sdk.json",
        include_str!("../../../vectors/kingdee_official_sdk.json"),
    ),
    (
        "kingdee_policy.json",
        include_str!("../../../vectors/kingdee_policy.json"),
    ),
    (
        "kingdee_verify.json",
        include_str!("../../../vectors/kingdee_verify.json"),
    ),
    (
        "weaver_jdk.json",
        include_str!("../../../vectors/weaver_jdk.json"),
    ),
    (
        "weaver_policy.json",
        include_str!("../../../vectors/weaver_policy.json"),
    ),
    (
        "weaver_verify.json",
        include_str!("../../../vectors/weaver_verify.json"),
    ),
    (
        "basic_auth.json",
        include_str!("../../../vectors/basic_auth.json"),
    ),
    (
        "seed_examples.json",
        include_str!("../../../vectors/seed_examples.json"),
    ),
];

/// The six headers the signer sets; the SDK file's `headers` also lists the caller's own
/// headers whose names start with `X-Api-`, which the caller sends itself.
const SIGNER_HEADERS: [&str; 6] = kingdee::headers::SIGNER_HEADERS;

fn s<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("field {key} is not a string"))
}

fn pairs(value: &Value) -> Vec<(&str, &str)> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap_or_default(),
                        p[1].as_str().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Compares an outcome with the case's `result` and `error`.
fn judge<T>(
    case: &Value,
    outcome: Result<T, Error>,
    check: impl FnOnce(&Value, T) -> Result<(), String>,
) -> Result<(), String> {
    // weaver_jdk.json has no `result` field: all its cases are valid.
    match (case["result"].as_str().unwrap_or("valid"), outcome) {
        ("valid", Ok(value)) => check(case, value),
        ("valid", Err(e)) => Err(format!("expected success, got {}: {e}", e.kind())),
        (_, Ok(_)) => Err(format!("expected error {}, got success", case["error"])),
        (_, Err(e)) => {
            let want = s(case, "error");
            if ErrorKind::from_name(want).is_none() {
                return Err(format!("vector names unknown error kind {want}"));
            }
            if e.kind().name() == want {
                Ok(())
            } else {
                Err(format!("expected error {want}, got {}: {e}", e.kind()))
            }
        }
    }
}

fn eq(what: &str, got: &str, want: &Value) -> Result<(), String> {
    match want.as_str() {
        Some(w) if w == got => Ok(()),
        _ => Err(format!("{what}: got {got:?}, want {want}")),
    }
}

fn app_signature(case: &Value) -> Result<(), String> {
    judge(
        case,
        kingdee::explain_app_signature(s(case, "app_key"), s(case, "app_secret")),
        |case, out| {
            eq("hmac_hex", &out.hmac_hex, &case["hmac_hex"])?;
            eq("app_signature", &out.app_signature, &case["app_signature"])
        },
    )
}

fn request(case: &Value) -> Result<(), String> {
    let query = pairs(&case["query"]);
    let mut extra: Vec<SignHeader<'_>> = case["sign_headers"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|h| SignHeader {
                    name: h[0].as_str().unwrap_or_default(),
                    value: h[1].as_str(),
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(names) = case["sign_header_names_without_value"].as_array() {
        extra.extend(names.iter().map(|n| SignHeader {
            name: n.as_str().unwrap_or_default(),
            value: None,
        }));
    }
    let outcome = Signer::new(s(case, "client_id"), s(case, "client_secret")).and_then(|signer| {
        let request = Request::new(s(case, "method"), s(case, "path"))
            .with_query(&query)
            .with_sign_headers(&extra);
        signer.sign(&request, s(case, "timestamp"), s(case, "nonce"))
    });
    judge(case, outcome, |case, out| {
        let want = &case["expected"];
        eq(
            "canonical_path",
            &out.canonical_path,
            &want["canonical_path"],
        )?;
        eq(
            "canonical_query",
            &out.canonical_query,
            &want["canonical_query"],
        )?;
        eq(
            "string_to_sign",
            &out.string_to_sign,
            &want["string_to_sign"],
        )?;
        eq("hmac_hex", &out.hmac_hex, &want["hmac_hex"])?;
        eq("signature", &out.signature, &want["signature"])?;
        let signed: Vec<Value> = out
            .signed_headers
            .iter()
            .map(|n| Value::from(n.as_str()))
            .collect();
        if Value::from(signed.clone()) != want["signed_headers"] {
            return Err(format!(
                "signed_headers: got {signed:?}, want {}",
                want["signed_headers"]
            ));
        }
        for name in SIGNER_HEADERS {
            eq(
                name,
                out.header(name).unwrap_or_default(),
                &want["headers"][name],
            )?;
        }
        if !want["wire_query"].is_null() {
            eq("wire_query", &out.wire_query, &want["wire_query"])?;
        }
        Ok(())
    })
}

fn verify_request(case: &Value) -> Result<(), String> {
    let query = pairs(&case["query"]);
    let headers = pairs(&case["headers"]);
    let outcome = kingdee::Verifier::new(s(case, "client_secret")).and_then(|v| {
        let v = match case["window_ms"].as_u64() {
            Some(w) => v.with_window_ms(w),
            None => v,
        };
        let received = ReceivedRequest::new(s(case, "method"), s(case, "path"), &query, &headers);
        v.verify(&received, case["now_ms"].as_u64().unwrap_or_default())
    });
    judge(case, outcome, |case, out| {
        let want = &case["expected"];
        eq("client_id", &out.client_id, &want["client_id"])?;
        eq("nonce", &out.nonce, &want["nonce"])?;
        if want["timestamp_ms"].as_u64() != Some(out.timestamp_ms) {
            return Err(format!("timestamp_ms: got {}", out.timestamp_ms));
        }
        Ok(())
    })
}

fn weaver_sign(case: &Value) -> Result<(), String> {
    let ts = case["timestamp_ms"].as_u64().unwrap_or_default();
    let outcome = weaver::explain(s(case, "appid"), s(case, "secret"), s(case, "aes_key"), ts);
    judge(case, outcome, |case, out| {
        eq("md5_upper", &out.md5_upper, &case["md5_upper"])?;
        eq("plaintext", &out.plaintext, &case["plaintext"])?;
        eq("sign", &out.sign, &case["sign"])?;
        let fast = weaver::sign(s(case, "appid"), s(case, "secret"), s(case, "aes_key"), ts)
            .map_err(|e| e.to_string())?;
        eq("sign (fast path)", &fast, &case["sign"])
    })
}

fn verify_sign(case: &Value) -> Result<(), String> {
    let verifier = weaver::Verifier::new(s(case, "appid"), s(case, "secret"), s(case, "aes_key"));
    let mut verifier = match (verifier, case["window_ms"].as_u64()) {
        (Ok(v), Some(w)) => Ok(v.with_window_ms(w)),
        (other, _) => other,
    };
    for (i, step) in case["steps"].as_array().into_iter().flatten().enumerate() {
        let outcome = verifier
            .as_mut()
            .map_err(|e| e.clone())
            .and_then(|v| v.verify(s(step, "sign"), step["now_ms"].as_u64().unwrap_or_default()));
        judge(step, outcome, |step, out| {
            if step["timestamp_ms"].as_u64() == Some(out.timestamp_ms) {
                Ok(())
            } else {
                Err(format!("timestamp_ms: got {}", out.timestamp_ms))
            }
        })
        .map_err(|e| format!("step {i}: {e}"))?;
    }
    Ok(())
}

fn basic_encode(case: &Value) -> Result<(), String> {
    let (user, password) = (s(case, "user"), s(case, "password"));
    judge(case, basic::credentials(user, password), |case, cred| {
        eq("credentials", &cred, &case["credentials"])?;
        let header = basic::authorization_header(user, password, AuthorizationMode::Basic)
            .map_err(|e| e.to_string())?;
        eq("authorization", &header, &case["authorization"])?;
        let raw = basic::authorization_header(user, password, AuthorizationMode::Raw)
            .map_err(|e| e.to_string())?;
        eq("authorization_raw", &raw, &case["authorization_raw"])
    })
}

fn basic_decode(case: &Value) -> Result<(), String> {
    judge(
        case,
        basic::parse_authorization(s(case, "authorization")),
        |case, c| {
            eq("user", &c.user, &case["user"])?;
            eq("password", c.password.expose(), &case["password"])
        },
    )
}

fn runner(section: &str) -> Option<fn(&Value) -> Result<(), String>> {
    Some(match section {
        "app_signature" => app_signature,
        "request" => request,
        "verify_request" => verify_request,
        "sign" => weaver_sign,
        "verify_sign" => verify_sign,
        "basic_encode" => basic_encode,
        "basic_decode" => basic_decode,
        _ => return None,
    })
}

#[test]
fn every_case_of_every_vector_file() {
    let mut failures = Vec::new();
    let mut ran = 0usize;
    for (file, text) in FILES {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut in_file = 0usize;
        for (section, cases) in doc.as_object().into_iter().flatten() {
            let Some(cases) = cases.as_array() else {
                continue;
            };
            let run = runner(section)
                .unwrap_or_else(|| panic!("{file}: no runner for section {section}"));
            for case in cases {
                in_file += 1;
                if let Err(why) = run(case) {
                    failures.push(format!(
                        "{file} [{section}] case {}: {why}\n{}",
                        case["id"],
                        serde_json::to_string_pretty(case).unwrap_or_default()
                    ));
                }
            }
        }
        assert_eq!(
            Some(in_file as u64),
            doc["numberOfTests"].as_u64(),
            "{file}: numberOfTests"
        );
        ran += in_file;
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(ran >= 376, "only {ran} cases ran");
}

#[test]
fn the_vector_directory_has_no_file_this_test_skips() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}
