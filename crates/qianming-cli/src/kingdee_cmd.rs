//! `qianming kingdee …`.

use crate::args::{AppSignatureArgs, SignArgs, SignFormat, VerifyArgs};
use crate::jsonl::{self, fields, LineError};
use crate::verifier_pool::VerifierPool;
use crate::{clock, render, secrets, Failure};
use qianming::kingdee::{
    self, ReceivedRequest, Request, SignHeader, SignedRequest, Signer, Verifier,
};
use serde_json::{Map, Value};

/// `kingdee app-signature`.
pub fn app_signature(args: AppSignatureArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(|obj| {
            let out = kingdee::explain_app_signature(
                jsonl::string(obj, "app_key")?,
                jsonl::string(obj, "app_secret")?,
            )?;
            Ok(fields([
                ("hmac_hex", out.hmac_hex.into()),
                ("app_signature", out.app_signature.into()),
            ]))
        });
    }
    let secret = secrets::resolve("app-secret", args.app_secret, args.app_secret_stdin)?;
    let out = kingdee::explain_app_signature(
        args.app_key.as_deref().unwrap_or_default(),
        secret.expose(),
    )?;
    if args.explain {
        print!("{}", render::labelled("HMAC-SHA256 hex", &out.hmac_hex));
        print!("{}", render::labelled("app_signature", &out.app_signature));
    } else {
        println!("{}", out.app_signature);
    }
    Ok(())
}

/// `NAME=VALUE` → (name, value), split at the first `=`.
fn split_query(item: &str) -> (String, String) {
    let (n, v) = item.split_once('=').unwrap_or((item, ""));
    (n.to_string(), v.to_string())
}

/// `Name: value` → (name, value); the value loses leading white space.
fn split_header(item: &str) -> Result<(String, String), Failure> {
    let (n, v) = item
        .split_once(':')
        .ok_or_else(|| Failure::Usage(format!("header {item:?} is not 'Name: value'")))?;
    Ok((n.to_string(), v.trim_start_matches([' ', '\t']).to_string()))
}

fn sign_json(out: &SignedRequest) -> Map<String, Value> {
    let headers: Map<String, Value> = out
        .headers
        .iter()
        .map(|(n, v)| (n.to_string(), Value::from(v.as_str())))
        .collect();
    fields([
        ("canonical_path", out.canonical_path.as_str().into()),
        ("canonical_query", out.canonical_query.as_str().into()),
        ("signed_headers", out.signed_headers.clone().into()),
        ("string_to_sign", out.string_to_sign.as_str().into()),
        ("hmac_hex", out.hmac_hex.as_str().into()),
        ("signature", out.signature.as_str().into()),
        ("headers", Value::Object(headers)),
        ("wire_query", out.wire_query.as_str().into()),
    ])
}

fn sign_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let query = jsonl::pairs(obj, "query", false)?;
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_deref().unwrap_or_default()))
        .collect();
    let extra = jsonl::pairs(obj, "sign_headers", true)?;
    let extra: Vec<SignHeader<'_>> = extra
        .iter()
        .map(|(n, v)| SignHeader {
            name: n,
            value: v.as_deref(),
        })
        .collect();
    let signer = Signer::new(
        jsonl::string(obj, "client_id")?,
        jsonl::string(obj, "client_secret")?,
    )?;
    let request = Request::new(jsonl::string(obj, "method")?, jsonl::string(obj, "path")?)
        .with_query(&query)
        .with_sign_headers(&extra);
    let out = signer.sign(
        &request,
        &jsonl::string_or_number(obj, "timestamp")?,
        &jsonl::string_or_number(obj, "nonce")?,
    )?;
    Ok(sign_json(&out))
}

/// `kingdee sign`.
pub fn sign(args: SignArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(sign_line);
    }
    let secret = args.client_secret.resolve()?;
    let signer = Signer::with_secret(args.client_id.as_deref().unwrap_or_default(), &secret)?;
    let query: Vec<(String, String)> = args.query.iter().map(|q| split_query(q)).collect();
    let query_refs: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let extra: Vec<(String, String)> = args
        .sign_headers
        .iter()
        .map(|h| split_header(h))
        .collect::<Result<_, _>>()?;
    let extra_refs: Vec<SignHeader<'_>> =
        extra.iter().map(|(n, v)| SignHeader::new(n, v)).collect();
    let path = args.path.unwrap_or_default();
    let request = Request::new(&args.method, &path)
        .with_query(&query_refs)
        .with_sign_headers(&extra_refs);
    let (timestamp, nonce) = clock::timestamp_and_nonce(args.timestamp, args.nonce)?;
    let out = signer.sign(&request, &timestamp, &nonce)?;
    if args.explain && args.format != SignFormat::Json {
        println!("{}", render::explain(&out));
    }
    match args.format {
        SignFormat::Headers => {
            for (name, value) in &out.headers {
                println!("{name}: {value}");
            }
            if !out.wire_query.is_empty() {
                println!("\n# request target: {}", out.path_and_query(&path));
            }
        }
        SignFormat::Json => println!("{}", jsonl::with_ok(true, &sign_json(&out), true)),
        SignFormat::Curl => {
            let extra: Vec<(&str, &str)> = extra
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            print!(
                "{}",
                out.http_request(&args.base_url, &path, &extra)?.to_curl()
            );
        }
    }
    Ok(())
}

fn verify_line(
    verifiers: &mut VerifierPool<Verifier>,
    obj: &Map<String, Value>,
) -> Result<Map<String, Value>, LineError> {
    let query = jsonl::pairs(obj, "query", false)?;
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_deref().unwrap_or_default()))
        .collect();
    let headers = jsonl::pairs(obj, "headers", false)?;
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_deref().unwrap_or_default()))
        .collect();
    let secret = jsonl::string(obj, "client_secret")?;
    let window = jsonl::opt_u64(obj, "window_ms")?;
    let window_text = format!("{window:?}");
    let verifier = verifiers.get(&[secret, &window_text], || {
        let v = Verifier::new(secret)?;
        Ok(match window {
            Some(w) => v.with_window_ms(w),
            None => v,
        })
    })?;
    let received = ReceivedRequest::new(
        jsonl::string(obj, "method")?,
        jsonl::string(obj, "path")?,
        &query,
        &headers,
    );
    let verified = verifier.verify(&received, jsonl::u64_field(obj, "now_ms")?)?;
    Ok(fields([
        ("client_id", verified.client_id.into()),
        ("timestamp_ms", verified.timestamp_ms.into()),
        ("nonce", verified.nonce.into()),
    ]))
}

/// `kingdee verify`.
pub fn verify(args: VerifyArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        let mut verifiers = VerifierPool::default();
        return jsonl::run(|obj| verify_line(&mut verifiers, obj));
    }
    let secret = args.client_secret.resolve()?;
    let mut verifier = Verifier::with_secret(&secret)?.with_window_ms(args.window_ms);
    let (path, query) = match &args.target {
        Some(target) => {
            let decoded = kingdee::parse_request_target(target)?;
            (decoded.path, decoded.query)
        }
        None => (
            args.path.clone().unwrap_or_default(),
            kingdee::parse_query(&args.raw_query)?,
        ),
    };
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let headers: Vec<(String, String)> = args
        .headers
        .iter()
        .map(|h| split_header(h))
        .collect::<Result<_, _>>()?;
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let received = ReceivedRequest::new(&args.method, &path, &query, &headers);
    if args.explain {
        let e = verifier.explain_revealing_signature(&received)?;
        print!("{}", render::labelled("canonical path", &e.canonical_path));
        print!(
            "{}",
            render::labelled("canonical query", &e.canonical_query)
        );
        print!(
            "{}",
            render::labelled("signed headers", &e.signed_headers.join(","))
        );
        print!(
            "{}",
            render::labelled("string to sign", &render::visible_lines(&e.string_to_sign))
        );
        print!("{}", render::labelled("HMAC-SHA256 hex", &e.hmac_hex));
        print!("{}", render::labelled("expected", &e.expected_signature));
        println!("{}", render::labelled("received", &e.received_signature));
    }
    let verified = verifier.verify(&received, args.now_ms.unwrap_or_else(clock::now_ms))?;
    println!(
        "verified: client id {}, timestamp {} ms, nonce {}",
        verified.client_id, verified.timestamp_ms, verified.nonce
    );
    Ok(())
}
