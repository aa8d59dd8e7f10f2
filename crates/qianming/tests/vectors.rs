//! Runs every case of every file in `vectors/` through the core. A failing case prints its
//! id and the whole case.

mod support;

use qianming::basic::{self, AuthorizationMode};
use qianming::doctor::{self, RequestFormat, Verdict};
use qianming::http::HttpRequest;
use qianming::kingdee::{self, ReceivedRequest, Request, SignHeader, Signer};
use qianming::token::{Answer, Lifetime};
use qianming::weaver;
use qianming::Error;
use qianming::{apusic, edge, oauth};
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
    (
        "kingdee_token.json",
        include_str!("../../../vectors/kingdee_token.json"),
    ),
    (
        "weaver_token.json",
        include_str!("../../../vectors/weaver_token.json"),
    ),
    (
        "apusic_session.json",
        include_str!("../../../vectors/apusic_session.json"),
    ),
    ("oauth.json", include_str!("../../../vectors/oauth.json")),
    (
        "edge_gateway.json",
        include_str!("../../../vectors/edge_gateway.json"),
    ),
    (
        "token_lifetime.json",
        include_str!("../../../vectors/token_lifetime.json"),
    ),
    (
        "kingdee_doctor.json",
        include_str!("../../../vectors/kingdee_doctor.json"),
    ),
    (
        "weaver_doctor.json",
        include_str!("../../../vectors/weaver_doctor.json"),
    ),
];

/// The six headers the signer sets; the SDK file's `headers` also lists the caller's own
/// headers whose names start with `X-Api-`, which the caller sends itself.
const SIGNER_HEADERS: [&str; 6] = kingdee::headers::SIGNER_HEADERS;

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
        let mut v = match case["window_ms"].as_u64() {
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

/// The body of an answer case: `body` (text) or `body_hex`, then `repeat` × `times`, then `tail`.
fn body(case: &Value) -> Vec<u8> {
    let mut out = match case["body_hex"].as_str() {
        Some(h) => (0..h.len() / 2)
            .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap_or_default())
            .collect(),
        None => s(case, "body").as_bytes().to_vec(),
    };
    if let Some(r) = case["repeat"].as_str() {
        for _ in 0..case["times"].as_u64().unwrap_or_default() {
            out.extend_from_slice(r.as_bytes());
        }
    }
    out.extend_from_slice(case["tail"].as_str().unwrap_or_default().as_bytes());
    out
}

fn opt<'a>(case: &'a Value, key: &str) -> Option<&'a str> {
    case[key].as_str()
}

fn check_request(want: &Value, got: &HttpRequest) -> Result<(), String> {
    same("method", Value::from(got.method.as_str()), &want["method"])?;
    same("url", Value::from(got.url.as_str()), &want["url"])?;
    let headers: Vec<Value> = got
        .headers
        .iter()
        .map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()]))
        .collect();
    same("headers", Value::from(headers), &want["headers"])?;
    same("body", Value::from(got.body.clone()), &want["body"])
}

/// Judges a parser's answer: a refusal becomes its error, and its code, message and batchkey
/// are compared with the case's `refusal` when present.
fn judge_answer<T>(
    case: &Value,
    outcome: Result<Answer<T>, Error>,
    check: impl FnOnce(&Value, T) -> Result<(), String>,
) -> Result<(), String> {
    refusal_check(case, &outcome)?;
    judge(case, outcome.and_then(Answer::into_result), |c, t| {
        check(&c["expected"], t)
    })
}

fn kingdee_token_request(case: &Value) -> Result<(), String> {
    let outcome = Signer::new(s(case, "client_id"), s(case, "client_secret")).and_then(|signer| {
        kingdee::token_request(
            &signer,
            s(case, "base_url"),
            s(case, "app_key"),
            s(case, "app_secret"),
            opt(case, "uid"),
            s(case, "timestamp"),
            s(case, "nonce"),
        )
    });
    judge(case, outcome, |case, out| {
        let want = &case["expected"];
        check_request(want, &out.http)?;
        eq("app_signature", &out.app_signature, &want["app_signature"])?;
        eq(
            "string_to_sign",
            &out.signing.string_to_sign,
            &want["string_to_sign"],
        )
    })
}

fn kingdee_token_answer(case: &Value) -> Result<(), String> {
    let at = case["received_at_ms"].as_u64().unwrap_or_default();
    judge_answer(
        case,
        kingdee::parse_token_answer(&body(case), at),
        |w, t| {
            eq("app_token", t.app_token.expose(), &w["app_token"])?;
            same("uid", Value::from(t.uid), &w["uid"])?;
            same(
                "expires_at_ms",
                Value::from(t.lifetime.expires_at_ms),
                &w["expires_at_ms"],
            )
        },
    )
}

fn weaver_token_request(case: &Value) -> Result<(), String> {
    let outcome = weaver::token_request(s(case, "base_url"), s(case, "appid"), s(case, "sign"));
    judge(case, outcome, |case, out| {
        check_request(&case["expected"], &out)
    })
}

fn weaver_token_answer(case: &Value) -> Result<(), String> {
    let at = case["received_at_ms"].as_u64().unwrap_or_default();
    judge_answer(case, weaver::parse_token_answer(&body(case), at), |w, t| {
        eq("token", t.token.expose(), &w["token"])?;
        same("msg", Value::from(t.msg), &w["msg"])?;
        same("batchkey", Value::from(t.batchkey), &w["batchkey"])?;
        same(
            "expires_at_ms",
            Value::from(t.lifetime.expires_at_ms),
            &w["expires_at_ms"],
        )
    })
}

fn apusic_session_request(case: &Value) -> Result<(), String> {
    let base = match opt(case, "host") {
        Some(host) => apusic::base_url_for_host(host),
        None => Ok(s(case, "base_url").to_string()),
    };
    let mode = AuthorizationMode::parse(s(case, "mode")).unwrap_or_default();
    let outcome = base.and_then(|base| {
        apusic::session_request(
            &base,
            s(case, "user"),
            s(case, "password"),
            mode,
            s(case, "remote_host_name"),
        )
    });
    judge(case, outcome, |case, out| {
        check_request(&case["expected"], &out)
    })
}

fn apusic_session_answer(case: &Value) -> Result<(), String> {
    judge_answer(case, apusic::parse_session_answer(&body(case)), |w, t| {
        eq("token", t.token.expose(), &w["token"])?;
        same("message", Value::from(t.message), &w["message"])
    })
}

fn apusic_call_headers(case: &Value) -> Result<(), String> {
    let cookie = opt(case, "cookie_name").unwrap_or(apusic::DEFAULT_TOKEN_COOKIE);
    let outcome = apusic::call_headers(
        s(case, "token"),
        cookie,
        case["x_auth_token"].as_bool().unwrap_or_default(),
    );
    judge(case, outcome, |case, headers| {
        let got: Vec<Value> = headers
            .iter()
            .map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()]))
            .collect();
        same("headers", Value::from(got), &case["expected"]["headers"])
    })
}

fn oauth_authorize_url(case: &Value) -> Result<(), String> {
    let outcome = oauth::authorize_url(
        s(case, "base_url"),
        s(case, "client_id"),
        s(case, "redirect_uri"),
        opt(case, "state"),
        opt(case, "code_verifier"),
    );
    judge(case, outcome, |case, url| {
        let want = &case["expected"];
        eq("url", &url, &want["url"])?;
        let challenge = opt(case, "code_verifier")
            .map(oauth::pkce_challenge)
            .transpose()
            .map_err(|e| e.to_string())?;
        same(
            "code_challenge",
            Value::from(challenge),
            &want["code_challenge"],
        )
    })
}

fn oauth_token_request(case: &Value) -> Result<(), String> {
    let outcome = oauth::token_request(
        s(case, "base_url"),
        s(case, "client_id"),
        s(case, "client_secret"),
        s(case, "redirect_uri"),
        s(case, "code"),
        opt(case, "code_verifier"),
    );
    judge(case, outcome, |case, out| {
        check_request(&case["expected"], &out)
    })
}

fn oauth_token_answer(case: &Value) -> Result<(), String> {
    judge(case, oauth::parse_token_answer(&body(case)), |case, t| {
        let want = &case["expected"];
        eq(
            "access_token",
            t.access_token.expose(),
            &want["access_token"],
        )?;
        same("expires", Value::from(t.expires), &want["expires"])
    })
}

fn oauth_userinfo_request(case: &Value) -> Result<(), String> {
    let outcome = oauth::userinfo_request(s(case, "base_url"), s(case, "access_token"));
    judge(case, outcome, |case, out| {
        check_request(&case["expected"], &out)
    })
}

fn oauth_userinfo_answer(case: &Value) -> Result<(), String> {
    judge(
        case,
        oauth::parse_userinfo_answer(&body(case)),
        |case, u| {
            let want = &case["expected"];
            eq("id", &u.id, &want["id"])?;
            let attributes: Vec<Value> = u
                .attributes
                .iter()
                .map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()]))
                .collect();
            same("attributes", Value::from(attributes), &want["attributes"])
        },
    )
}

fn oauth_callback(case: &Value) -> Result<(), String> {
    let outcome = oauth::parse_callback(s(case, "callback"), s(case, "expected_state"));
    judge(case, outcome, |case, cb| {
        let want = &case["expected"];
        eq("code", &cb.code, &want["code"])?;
        same("state", Value::from(cb.state), &want["state"])
    })
}

fn edge_login_request(case: &Value) -> Result<(), String> {
    let outcome = edge::login_request(
        s(case, "base_url"),
        s(case, "username"),
        s(case, "password"),
    );
    judge(case, outcome, |case, out| {
        check_request(&case["expected"], &out)
    })
}

fn edge_refresh_request(case: &Value) -> Result<(), String> {
    let outcome = edge::refresh_request(s(case, "base_url"), s(case, "refresh_token"));
    judge(case, outcome, |case, out| {
        check_request(&case["expected"], &out)
    })
}

fn edge_token_answer(case: &Value) -> Result<(), String> {
    judge_answer(case, edge::parse_token_answer(&body(case)), |w, t| {
        eq("access_token", t.access_token.expose(), &w["access_token"])?;
        let refresh = t.refresh_token.as_ref().map(|r| r.expose().to_string());
        same("refresh_token", Value::from(refresh), &w["refresh_token"])?;
        same("expire", Value::from(t.expire), &w["expire"])?;
        same("t", Value::from(t.t), &w["t"])?;
        same("code", Value::from(t.code), &w["code"])?;
        same(
            "expires_at_ms",
            Value::from(t.lifetime.expires_at_ms),
            &w["expires_at_ms"],
        )?;
        same(
            "refresh_expires_at_ms",
            Value::from(t.lifetime.refresh_expires_at_ms),
            &w["refresh_expires_at_ms"],
        )
    })
}

fn edge_x_token(case: &Value) -> Result<(), String> {
    judge(
        case,
        edge::x_token_header(s(case, "access_token")),
        |case, (n, v)| {
            eq("name", &n, &case["expected"]["name"])?;
            eq("value", &v, &case["expected"]["value"])
        },
    )
}

fn edge_jwt(case: &Value) -> Result<(), String> {
    judge(case, edge::read_jwt_claims(s(case, "jwt")), |case, c| {
        let want = &case["expected"];
        same("exp", Value::from(c.exp), &want["exp"])?;
        same("iat", Value::from(c.iat), &want["iat"])?;
        same("nbf", Value::from(c.nbf), &want["nbf"])?;
        same("iss", Value::from(c.iss), &want["iss"])
    })
}

fn token_lifetime(case: &Value) -> Result<(), String> {
    let n = |k: &str| case[k].as_u64();
    let mut life = match n("exp_s") {
        Some(exp) => Lifetime::from_exp_seconds(exp),
        None => Lifetime::from_lifetime(
            n("issued_at_ms").unwrap_or_default(),
            n("lifetime_ms").unwrap_or_default(),
        ),
    };
    if let Some(r) = n("refresh_expires_at_ms") {
        life = life.with_refresh_until(r);
    }
    if let Some(r) = n("refresh_exp_s") {
        life = life.with_refresh_exp_seconds(r);
    }
    let action = life.action(
        n("now_ms").unwrap_or_default(),
        n("skew_ms").unwrap_or_default(),
    );
    judge(case, Ok::<_, Error>(()), |case, ()| {
        let want = &case["expected"];
        eq("action", action.name(), &want["action"])?;
        same(
            "expires_at_ms",
            Value::from(life.expires_at_ms),
            &want["expires_at_ms"],
        )
    })
}

/// The verdict and mistakes of a diagnosis against `want`.
fn verdicts(verdict: Verdict, mistakes: &[Verdict], want: &Value) -> Result<(), String> {
    same("verdict", Value::from(verdict.name()), &want["verdict"])?;
    if Verdict::from_name(verdict.name()) != Some(verdict) {
        return Err(format!("verdict {} does not round-trip", verdict.name()));
    }
    let names: Vec<&str> = mistakes.iter().map(|m| m.name()).collect();
    same("mistakes", Value::from(names), &want["mistakes"])
}

fn kingdee_doctor(case: &Value) -> Result<(), String> {
    let query = pairs(&case["query"]);
    let headers = pairs(&case["headers"]);
    let received = ReceivedRequest::new(s(case, "method"), s(case, "path"), &query, &headers);
    let now = case["now_ms"].as_u64().unwrap_or_default();
    let outcome = kingdee::Verifier::new(s(case, "client_secret")).and_then(|mut seen| {
        if case["accepted_before"].as_bool() == Some(true) {
            seen.verify(&received, now)?;
        }
        doctor::diagnose_kingdee(
            s(case, "client_secret"),
            &received,
            now,
            doctor::DEFAULT_WINDOW_MS,
            Some(&seen),
        )
    });
    judge(case, outcome, |case, found| {
        let want = &case["expected"];
        verdicts(found.verdict, &found.mistakes, want)?;
        same(
            "time_difference_ms",
            Value::from(found.time_difference_ms),
            &want["time_difference_ms"],
        )?;
        eq(
            "string_to_sign",
            &found.string_to_sign,
            &want["string_to_sign"],
        )?;
        same(
            "client_string_to_sign",
            Value::from(found.client_string_to_sign),
            &want["client_string_to_sign"],
        )
    })
}

fn kingdee_doctor_pasted(case: &Value) -> Result<(), String> {
    let format = RequestFormat::from_name(s(case, "format")).ok_or("unknown format")?;
    let now = case["now_ms"].as_u64().unwrap_or_default();
    let outcome = doctor::parse_request(s(case, "text"), format).and_then(|pasted| {
        let found = pasted.with_received(|r| {
            doctor::diagnose_kingdee(
                s(case, "client_secret"),
                r,
                now,
                doctor::DEFAULT_WINDOW_MS,
                None,
            )
        })?;
        Ok((pasted, found))
    });
    judge(case, outcome, |case, (pasted, found)| {
        let want = &case["expected"];
        eq("method", &pasted.method, &want["method"])?;
        eq("path", &pasted.path, &want["path"])?;
        let list = |p: &[(String, String)]| {
            Value::from(
                p.iter()
                    .map(|(n, v)| vec![n.as_str(), v.as_str()])
                    .collect::<Vec<_>>(),
            )
        };
        same("query", list(&pasted.query), &want["query"])?;
        same("headers", list(&pasted.headers), &want["headers"])?;
        same("body", Value::from(pasted.body), &want["body"])?;
        verdicts(found.verdict, &found.mistakes, want)?;
        eq(
            "string_to_sign",
            &found.string_to_sign,
            &want["string_to_sign"],
        )
    })
}

fn weaver_doctor(case: &Value) -> Result<(), String> {
    let (appid, secret, key) = (s(case, "appid"), s(case, "secret"), s(case, "aes_key"));
    let now = case["now_ms"].as_u64().unwrap_or_default();
    let seen = weaver::Verifier::new(appid, secret, key).ok().map(|mut v| {
        if case["accepted_before"].as_bool() == Some(true) {
            let _ = v.verify(s(case, "sign"), now);
        }
        v
    });
    let outcome = doctor::diagnose_weaver(
        appid,
        secret,
        key,
        s(case, "sign"),
        now,
        doctor::DEFAULT_WINDOW_MS,
        seen.as_ref(),
    );
    judge(case, outcome, |case, found| {
        let want = &case["expected"];
        verdicts(found.verdict, &found.mistakes, want)?;
        same(
            "timestamp_ms",
            Value::from(found.timestamp_ms),
            &want["timestamp_ms"],
        )?;
        same(
            "time_difference_ms",
            Value::from(found.time_difference_ms),
            &want["time_difference_ms"],
        )
    })
}

use support::{judge, refusal_check, s, same, Runner};

fn runner(section: &str) -> Option<Runner> {
    Some(match section {
        "kingdee_token_request" => kingdee_token_request,
        "kingdee_token_answer" => kingdee_token_answer,
        "weaver_token_request" => weaver_token_request,
        "weaver_token_answer" => weaver_token_answer,
        "apusic_session_request" => apusic_session_request,
        "apusic_session_answer" => apusic_session_answer,
        "apusic_call_headers" => apusic_call_headers,
        "oauth_authorize_url" => oauth_authorize_url,
        "oauth_token_request" => oauth_token_request,
        "oauth_token_answer" => oauth_token_answer,
        "oauth_userinfo_request" => oauth_userinfo_request,
        "oauth_userinfo_answer" => oauth_userinfo_answer,
        "oauth_callback" => oauth_callback,
        "edge_login_request" => edge_login_request,
        "edge_refresh_request" => edge_refresh_request,
        "edge_token_answer" => edge_token_answer,
        "edge_x_token" => edge_x_token,
        "edge_jwt" => edge_jwt,
        "token_lifetime" => token_lifetime,
        "app_signature" => app_signature,
        "request" => request,
        "verify_request" => verify_request,
        "sign" => weaver_sign,
        "verify_sign" => verify_sign,
        "basic_encode" => basic_encode,
        "basic_decode" => basic_decode,
        "kingdee_doctor" => kingdee_doctor,
        "kingdee_doctor_pasted" => kingdee_doctor_pasted,
        "weaver_doctor" => weaver_doctor,
        _ => return None,
    })
}

#[test]
fn every_case_of_every_vector_file() {
    support::run_every_case(FILES, runner, 620);
}

#[test]
fn the_vector_directory_has_no_file_this_test_skips() {
    support::assert_lists_every_file(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../vectors"),
        FILES,
        &[support::MESSAGING_FILES, support::K3CLOUD_ECOLOGY_FILES].concat(),
    );
}
