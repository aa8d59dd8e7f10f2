//! Runs every case of the vector files in vectors/unbound/ (the schemes the bindings do not
//! offer yet: K3Cloud, Weaver e-cology 9) through the core. A failing case prints its id and
//! the whole case.

mod support;

use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};
use qianming::token::Answer;
use qianming::{Error, ErrorKind};
use serde_json::Value;

const FILES: &[(&str, &str)] = &[(
    "k3cloud.json",
    include_str!("../../../vectors/unbound/k3cloud.json"),
)];

fn s<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("field {key} is not a string"))
}

fn n(case: &Value, key: &str) -> u64 {
    case[key]
        .as_u64()
        .unwrap_or_else(|| panic!("field {key} is not a u64"))
}

fn same(what: &str, got: Value, want: &Value) -> Result<(), String> {
    if &got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got}, want {want}"))
    }
}

/// Compares an outcome with the case's `result` and `error`.
fn judge<T>(
    case: &Value,
    outcome: Result<T, Error>,
    check: impl FnOnce(&Value, T) -> Result<(), String>,
) -> Result<(), String> {
    match (s(case, "result"), outcome) {
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

fn pairs(headers: &[(String, String)]) -> Value {
    headers
        .iter()
        .map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()]))
        .collect()
}

fn request_check(got: &qianming::http::HttpRequest, want: &Value) -> Result<(), String> {
    same("method", got.method.as_str().into(), &want["method"])?;
    same("url", got.url.as_str().into(), &want["url"])?;
    same("headers", pairs(&got.headers), &want["headers"])?;
    same("body", got.body.clone().into(), &want["body"])
}

fn identity(case: &Value) -> Result<Identity, Error> {
    let id = Identity::new(
        s(case, "acct_id"),
        s(case, "user_name"),
        s(case, "app_id"),
        s(case, "app_secret"),
    )?
    .with_lcid(u32::try_from(n(case, "lcid")).unwrap_or_else(|_| panic!("lcid")));
    match case.get("org_num") {
        Some(org) => id.with_org_num(org.as_str().unwrap_or_else(|| panic!("org_num"))),
        None => Ok(id),
    }
}

fn k3cloud_gateway_secret(case: &Value) -> Result<(), String> {
    judge(
        case,
        k3cloud::gateway_credentials(s(case, "app_id")),
        |c, got| {
            let want = &c["expected"];
            same("client_id", got.client_id.into(), &want["client_id"])?;
            same(
                "gateway_secret",
                got.gateway_secret.expose().into(),
                &want["gateway_secret"],
            )
        },
    )
}

fn k3cloud_sign(case: &Value) -> Result<(), String> {
    let outcome = identity(case).and_then(|id| {
        let unit = TimestampUnit::parse(s(case, "timestamp_unit"))?;
        let (url, ms) = (s(case, "url"), n(case, "timestamp_ms"));
        Ok((
            id.sign(url, unit, ms)?,
            id.request(url, s(case, "body"), unit, ms)?,
        ))
    });
    judge(case, outcome, |c, (signed, request)| {
        let want = &c["expected"];
        request_check(&request, want)?;
        same(
            "string_to_sign",
            signed.string_to_sign.into(),
            &want["string_to_sign"],
        )?;
        same("app_data", signed.app_data.into(), &want["app_data"])?;
        same("timestamp", signed.timestamp.into(), &want["timestamp"])
    })
}

fn k3cloud_login_sign(case: &Value) -> Result<(), String> {
    let outcome = LoginHash::parse(s(case, "hash")).and_then(|hash| {
        k3cloud::login_sign(
            s(case, "acct_id"),
            s(case, "user_name"),
            s(case, "app_id"),
            s(case, "app_secret"),
            n(case, "timestamp_s"),
            hash,
        )
    });
    judge(case, outcome, |c, got| {
        same("sign", got.into(), &c["expected"]["sign"])
    })
}

fn k3cloud_login_by_sign_request(case: &Value) -> Result<(), String> {
    let outcome = identity(case).and_then(|id| {
        let hash = LoginHash::parse(s(case, "hash"))?;
        let request =
            id.login_by_sign_request(s(case, "server_url"), n(case, "timestamp_s"), hash)?;
        // The Identity and the free function agree.
        let free = k3cloud::login_sign(
            s(case, "acct_id"),
            s(case, "user_name"),
            s(case, "app_id"),
            s(case, "app_secret"),
            n(case, "timestamp_s"),
            hash,
        )?;
        assert_eq!(id.login_sign(n(case, "timestamp_s"), hash), free);
        Ok(request)
    });
    judge(case, outcome, |c, got| request_check(&got, &c["expected"]))
}

fn k3cloud_login_by_app_secret_request(case: &Value) -> Result<(), String> {
    let outcome =
        identity(case).and_then(|id| id.login_by_app_secret_request(s(case, "server_url")));
    judge(case, outcome, |c, got| request_check(&got, &c["expected"]))
}

fn k3cloud_login_answer(case: &Value) -> Result<(), String> {
    let outcome = k3cloud::parse_login_answer(s(case, "body").as_bytes());
    if let (Ok(Answer::Refused(r)), Some(want)) = (&outcome, case.get("refusal")) {
        same("refusal.code", r.code.clone().into(), &want["code"])?;
        same(
            "refusal.message",
            r.message.as_str().into(),
            &want["message"],
        )?;
        same(
            "refusal.batchkey",
            r.batchkey.clone().into(),
            &want["batchkey"],
        )?;
    }
    judge(case, outcome.and_then(Answer::into_result), |c, got| {
        let want = &c["expected"];
        same(
            "session_id",
            got.session_id.expose().into(),
            &want["session_id"],
        )?;
        same("message", got.message.into(), &want["message"])?;
        same(
            "is_success_by_api",
            got.is_success_by_api.into(),
            &want["is_success_by_api"],
        )?;
        let headers =
            k3cloud::session_headers(got.session_id.expose()).map_err(|e| e.to_string())?;
        same(
            "session header",
            headers[0].1.as_str().into(),
            &want["session_id"],
        )
    })
}

use support::Runner;

fn runner(section: &str) -> Option<Runner> {
    Some(match section {
        "k3cloud_gateway_secret" => k3cloud_gateway_secret,
        "k3cloud_sign" => k3cloud_sign,
        "k3cloud_login_sign" => k3cloud_login_sign,
        "k3cloud_login_by_sign_request" => k3cloud_login_by_sign_request,
        "k3cloud_login_by_app_secret_request" => k3cloud_login_by_app_secret_request,
        "k3cloud_login_answer" => k3cloud_login_answer,
        _ => return None,
    })
}

#[test]
fn every_case_of_every_unbound_vector_file() {
    support::run_every_case(FILES, runner, 50);
}

#[test]
fn every_unbound_file_is_listed() {
    support::assert_lists_every_file(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors/unbound"),
        FILES,
        &[],
    );
}

/// A signature changes with every input it covers: the path, the timestamp, each field of the
/// app data, the AppSecret and the gateway secret.
#[test]
fn k3cloud_signatures_cover_every_input() {
    let app_id = "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4";
    let url = "https://h.example/k3cloud/a.common.kdsvc";
    let base = Identity::new("acct", "user", app_id, "secret").unwrap_or_else(|e| panic!("{e}"));
    let sign = |id: &Identity, url: &str, ms: u64| {
        id.sign(url, TimestampUnit::Milliseconds, ms)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let reference = sign(&base, url, 1);
    let variants = [
        sign(&base, "https://h.example/k3cloud/b.common.kdsvc", 1),
        sign(&base, url, 2),
        sign(&base.clone().with_lcid(1033), url, 1),
        sign(
            &base
                .clone()
                .with_org_num("1")
                .unwrap_or_else(|e| panic!("{e}")),
            url,
            1,
        ),
        sign(
            &Identity::new("acct", "user", app_id, "other").unwrap_or_else(|e| panic!("{e}")),
            url,
            1,
        ),
        sign(
            &Identity::new(
                "acct",
                "user",
                "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd5",
                "secret",
            )
            .unwrap_or_else(|e| panic!("{e}")),
            url,
            1,
        ),
    ];
    for (i, v) in variants.iter().enumerate() {
        assert!(
            v.api_signature != reference.api_signature || v.kd_signature != reference.kd_signature,
            "variant {i} signs like the reference"
        );
    }
    // Seconds divide the milliseconds.
    let s = base
        .sign(url, TimestampUnit::Seconds, 1_999)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.timestamp, "1");
}
