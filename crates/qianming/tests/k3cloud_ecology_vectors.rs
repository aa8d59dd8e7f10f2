//! Runs every case of the K3Cloud and Weaver e-cology 9 vector files through the core. A failing case prints its id and
//! the whole case.

mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use qianming::ecology::{self, ServerKey};
use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};
use qianming::token::Answer;
use qianming::{Error, ErrorKind};
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Encrypt, RsaPrivateKey};
use serde_json::Value;

const FILES: &[(&str, &str)] = &[
    (
        "k3cloud.json",
        include_str!("../../../vectors/k3cloud.json"),
    ),
    (
        "ecology.json",
        include_str!("../../../vectors/ecology.json"),
    ),
];

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
    refusal_check(case, &outcome)?;
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

/// The private key of a case (PKCS#8 DER, Base64).
fn private_key(case: &Value) -> RsaPrivateKey {
    let der = STANDARD
        .decode(s(case, "private_key"))
        .unwrap_or_else(|e| panic!("private_key: {e}"));
    RsaPrivateKey::from_pkcs8_der(&der).unwrap_or_else(|e| panic!("private_key: {e}"))
}

/// `sealed` (Base64) decrypted with the case's private key.
fn decrypt(case: &Value, sealed: &str) -> Result<String, String> {
    let bytes = STANDARD
        .decode(sealed)
        .map_err(|e| format!("not Base64: {e}"))?;
    let plain = private_key(case)
        .decrypt(Pkcs1v15Encrypt, &bytes)
        .map_err(|e| format!("does not decrypt: {e}"))?;
    String::from_utf8(plain).map_err(|e| e.to_string())
}

fn seed(case: &Value) -> Result<[u8; ecology::SEED_LEN], Error> {
    ecology::seed_from_hex(s(case, "seed_hex"))
}

/// Header names in order, and the listed headers with their values.
fn headers_check(headers: &[(String, String)], want: &Value) -> Result<(), String> {
    let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    same("header names", names.into(), &want["header_names"])?;
    for pair in want["plain_headers"].as_array().into_iter().flatten() {
        let name = pair[0].as_str().unwrap_or_default();
        let got = headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str());
        same(name, got.into(), &pair[1])?;
    }
    Ok(())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

fn ecology_server_key(case: &Value) -> Result<(), String> {
    judge(case, ServerKey::from_spk(s(case, "spk")), |c, key| {
        same("bits", key.bits().into(), &c["expected"]["bits"])
    })
}

fn ecology_encrypt(case: &Value) -> Result<(), String> {
    let outcome = seed(case).and_then(|seed| {
        let key = ServerKey::from_spk(s(case, "spk"))?;
        Ok((
            key.encrypt(s(case, "plaintext"), &seed)?,
            key.encrypt(s(case, "plaintext"), &seed)?,
        ))
    });
    judge(case, outcome, |c, (a, b)| {
        same(
            "same seed, same ciphertext",
            a.as_str().into(),
            &b.as_str().into(),
        )?;
        same(
            "decrypted",
            decrypt(c, &a)?.into(),
            &c["expected"]["plaintext"],
        )
    })
}

fn ecology_regist_request(case: &Value) -> Result<(), String> {
    let outcome = ecology::regist_request(s(case, "base_url"), s(case, "appid"), s(case, "cpk"));
    judge(case, outcome, |c, got| request_check(&got, &c["expected"]))
}

fn ecology_regist_answer(case: &Value) -> Result<(), String> {
    let outcome = ecology::parse_regist_answer(s(case, "body").as_bytes());
    refusal_check(case, &outcome)?;
    judge(case, outcome.and_then(Answer::into_result), |c, got| {
        let want = &c["expected"];
        same("secrit", got.secrit.expose().into(), &want["secrit"])?;
        same("spk", got.spk.into(), &want["spk"])?;
        same("message", got.message.into(), &want["message"])
    })
}

fn ecology_token_request(case: &Value) -> Result<(), String> {
    let outcome = seed(case).and_then(|seed| {
        ecology::applytoken_request(
            s(case, "base_url"),
            s(case, "appid"),
            s(case, "spk"),
            s(case, "secrit"),
            &seed,
            case.get("time_s").and_then(Value::as_u64),
        )
    });
    judge(case, outcome, |c, got| {
        let want = &c["expected"];
        same("method", got.method.as_str().into(), &want["method"])?;
        same("url", got.url.as_str().into(), &want["url"])?;
        same("body", got.body.clone().into(), &want["body"])?;
        headers_check(&got.headers, want)?;
        let secret = decrypt(c, header(&got.headers, "secret"))?;
        same(
            "secret decrypted",
            secret.into(),
            &want["secret_decrypts_to"],
        )
    })
}

fn ecology_token_answer(case: &Value) -> Result<(), String> {
    let outcome = ecology::parse_token_answer(
        s(case, "body").as_bytes(),
        n(case, "received_at_ms"),
        n(case, "lifetime_s"),
    );
    refusal_check(case, &outcome)?;
    judge(case, outcome.and_then(Answer::into_result), |c, got| {
        let want = &c["expected"];
        same("token", got.token.expose().into(), &want["token"])?;
        same("message", got.message.into(), &want["message"])?;
        same(
            "expires_at_ms",
            got.lifetime.expires_at_ms.into(),
            &want["expires_at_ms"],
        )
    })
}

fn ecology_call_headers(case: &Value) -> Result<(), String> {
    let outcome = seed(case).and_then(|seed| {
        ecology::call_headers(
            s(case, "appid"),
            s(case, "token"),
            s(case, "spk"),
            s(case, "userid"),
            &seed,
        )
    });
    judge(case, outcome, |c, got| {
        let want = &c["expected"];
        headers_check(&got, want)?;
        let userid = decrypt(c, header(&got, "userid"))?;
        same(
            "userid decrypted",
            userid.into(),
            &want["userid_decrypts_to"],
        )
    })
}

use support::{judge, n, refusal_check, s, same, Runner};

fn runner(section: &str) -> Option<Runner> {
    Some(match section {
        "k3cloud_gateway_secret" => k3cloud_gateway_secret,
        "k3cloud_sign" => k3cloud_sign,
        "k3cloud_login_sign" => k3cloud_login_sign,
        "k3cloud_login_by_sign_request" => k3cloud_login_by_sign_request,
        "k3cloud_login_by_app_secret_request" => k3cloud_login_by_app_secret_request,
        "k3cloud_login_answer" => k3cloud_login_answer,
        "ecology_server_key" => ecology_server_key,
        "ecology_encrypt" => ecology_encrypt,
        "ecology_regist_request" => ecology_regist_request,
        "ecology_regist_answer" => ecology_regist_answer,
        "ecology_token_request" => ecology_token_request,
        "ecology_token_answer" => ecology_token_answer,
        "ecology_call_headers" => ecology_call_headers,
        _ => return None,
    })
}

#[test]
fn every_case_of_the_k3cloud_and_ecology_vector_files() {
    support::run_every_case(FILES, runner, 110);
}

#[test]
fn these_files_are_the_ones_vectors_rs_leaves_to_this_test() {
    let mut names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
    names.sort();
    assert_eq!(names, support::K3CLOUD_ECOLOGY_FILES);
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

/// Round trips with key pairs generated here: every text up to the block limit decrypts to
/// itself, other seeds give other ciphertexts, one byte more is refused.
#[test]
fn ecology_round_trips_with_generated_key_pairs() {
    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;
    use rsa::pkcs8::EncodePublicKey;
    for (i, bits) in [1024usize, 1024, 2048].into_iter().enumerate() {
        let mut rng = ChaCha20Rng::from_seed([i as u8 + 1; 32]);
        let private = RsaPrivateKey::new(&mut rng, bits).unwrap_or_else(|e| panic!("{e}"));
        let der = private
            .to_public_key()
            .to_public_key_der()
            .unwrap_or_else(|e| panic!("{e}"));
        let key =
            ServerKey::from_spk(&STANDARD.encode(der.as_bytes())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(key.bits(), bits);
        assert_eq!(key.max_plaintext_len(), bits / 8 - 11);
        let max = key.max_plaintext_len();
        let texts = [
            "1".to_string(),
            "a".repeat(36),
            "号".repeat(max / 3),
            "z".repeat(max),
        ];
        for (j, text) in texts.iter().enumerate() {
            let a = key
                .encrypt(text, &[j as u8; 32])
                .unwrap_or_else(|e| panic!("{e}"));
            let b = key
                .encrypt(text, &[!(j as u8); 32])
                .unwrap_or_else(|e| panic!("{e}"));
            assert_ne!(a, b, "the seed changes the padding");
            for sealed in [a, b] {
                let bytes = STANDARD.decode(sealed).unwrap_or_default();
                assert_eq!(bytes.len(), bits / 8);
                let plain = private
                    .decrypt(Pkcs1v15Encrypt, &bytes)
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(plain, text.as_bytes());
            }
        }
        let too_long = "x".repeat(key.max_plaintext_len() + 1);
        assert_eq!(
            key.encrypt(&too_long, &[0; 32]).map_err(|e| e.kind()),
            Err(ErrorKind::InputTooLarge)
        );
    }
}

/// OpenSSL decrypts what the core encrypts (`openssl pkeyutl -decrypt`, PKCS#1 v1.5 padding),
/// for every valid encryption case of the vector file.
#[test]
fn ecology_ciphertexts_decrypt_with_openssl() {
    let doc: Value = serde_json::from_str(FILES[1].1).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("qianming-ecology-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for case in doc["ecology_encrypt"].as_array().into_iter().flatten() {
        if case["result"] != "valid" {
            continue;
        }
        let key = ServerKey::from_spk(s(case, "spk")).unwrap_or_else(|e| panic!("{e}"));
        let seed = ecology::seed_from_hex(s(case, "seed_hex")).unwrap_or_else(|e| panic!("{e}"));
        let sealed = key
            .encrypt(s(case, "plaintext"), &seed)
            .unwrap_or_else(|e| panic!("{e}"));
        let (key_file, in_file) = (dir.join("key.der"), dir.join("sealed.bin"));
        let der = STANDARD.decode(s(case, "private_key")).unwrap_or_default();
        std::fs::write(&key_file, der).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&in_file, STANDARD.decode(sealed).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        let out = std::process::Command::new("openssl")
            .args(["pkeyutl", "-decrypt", "-keyform", "DER", "-inkey"])
            .arg(&key_file)
            .args(["-pkeyopt", "rsa_padding_mode:pkcs1", "-in"])
            .arg(&in_file)
            .output()
            .unwrap_or_else(|e| panic!("openssl is needed for this test: {e}"));
        assert!(
            out.status.success(),
            "case {}: {}",
            case["id"],
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.stdout,
            s(case, "plaintext").as_bytes(),
            "case {}",
            case["id"]
        );
        checked += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(checked >= 5, "only {checked} cases");
}
