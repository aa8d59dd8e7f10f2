//! `qianming kingdee …`.

use crate::common_args::{ClientSecret, Jsonl, TimedAnswerArgs};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::verifier_pool::VerifierPool;
use crate::{clock, render, secrets};
use clap::{Args, Subcommand, ValueEnum};
use qianming::kingdee::{
    self, ReceivedRequest, Request, SignHeader, SignedRequest, Signer, Verifier,
};
use serde_json::{Map, Value};

/// Kingdee subcommands.
#[derive(Debug, Subcommand)]
pub enum KingdeeCommand {
    /// app_signature = Base64(hex(HMAC-SHA256(app_secret, app_key))).
    AppSignature(AppSignatureArgs),
    /// Sign a gateway request (X-Api-* headers).
    Sign(Box<SignArgs>),
    /// Verify a received gateway request (server side).
    Verify(Box<VerifyArgs>),
    /// Name the mistake behind a refused request (fields, --curl, --http-file or --har).
    Doctor(Box<crate::doctor_cmd::KingdeeDoctorArgs>),
    /// Build the signed GET …/kingdee_auth_token request for an app-token.
    TokenRequest(Box<crate::kingdee_token_cmd::TokenRequestArgs>),
    /// Parse the app-token answer (the HTTP body on standard input).
    TokenAnswer(TimedAnswerArgs),
}

/// Runs one kingdee subcommand.
pub fn run(command: KingdeeCommand) -> Result<(), Failure> {
    match command {
        KingdeeCommand::AppSignature(a) => app_signature(a),
        KingdeeCommand::Sign(a) => sign(*a),
        KingdeeCommand::Verify(a) => verify(*a),
        KingdeeCommand::Doctor(a) => crate::doctor_cmd::kingdee(*a),
        KingdeeCommand::TokenRequest(a) => crate::kingdee_token_cmd::token_request(*a),
        KingdeeCommand::TokenAnswer(a) => crate::kingdee_token_cmd::token_answer(a),
    }
}

/// `kingdee app-signature`.
#[derive(Debug, Args)]
pub struct AppSignatureArgs {
    /// The app key.
    #[arg(long, required_unless_present = "jsonl")]
    pub app_key: Option<String>,
    /// The app secret (prefer QIANMING_APP_SECRET or --app-secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_APP_SECRET", hide_env_values = true)]
    pub app_secret: Option<String>,
    /// Read the app secret from the first line of standard input.
    #[arg(long)]
    pub app_secret_stdin: bool,
    /// Also show the HMAC hex.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// Output formats of `kingdee sign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SignFormat {
    /// `Name: value` lines, ready to paste.
    #[default]
    Headers,
    /// One JSON object (the same fields as --jsonl).
    Json,
    /// A curl command.
    Curl,
}

/// `kingdee sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The client id (X-Api-ClientID).
    #[arg(long, required_unless_present = "jsonl")]
    pub client_id: Option<String>,
    #[command(flatten)]
    pub client_secret: ClientSecret,
    /// The HTTP method.
    #[arg(long, default_value = "GET")]
    pub method: String,
    /// The request path, unencoded (e.g. /jdyconnector/app_management/kingdee_auth_token).
    #[arg(long, required_unless_present = "jsonl")]
    pub path: Option<String>,
    /// A query parameter NAME=VALUE, unencoded (split at the first '='); repeatable.
    #[arg(long = "query", value_name = "NAME=VALUE")]
    pub query: Vec<String>,
    /// An extra header to sign, 'Name: value'; repeatable.
    #[arg(long = "sign-header", value_name = "NAME: VALUE")]
    pub sign_headers: Vec<String>,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp: Option<String>,
    /// The nonce (default: 10 random digits).
    #[arg(long)]
    pub nonce: Option<String>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: SignFormat,
    /// Base URL for --format curl.
    #[arg(long, default_value = "https://api.kingdee.com")]
    pub base_url: String,
    /// Show every intermediate (canonical path, canonical query, string to sign, HMAC hex).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// `kingdee verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub client_secret: ClientSecret,
    /// The received HTTP method.
    #[arg(long, default_value = "GET")]
    pub method: String,
    /// The received path, decoded.
    #[arg(long, required_unless_present_any = ["jsonl", "target"])]
    pub path: Option<String>,
    /// The received query string as on the wire (e.g. 'app_key=abc&app_signature=x%3D%3D').
    #[arg(long, default_value = "")]
    pub raw_query: String,
    /// The received request target as on the request line ('/jdy/a%20b?k=v'), instead of
    /// --path and --raw-query: decoded as the gateway decodes it.
    #[arg(long, conflicts_with_all = ["path", "raw_query"])]
    pub target: Option<String>,
    /// A received header 'Name: value'; repeatable.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Milliseconds since the epoch to judge the timestamp against (default: now).
    #[arg(long)]
    pub now_ms: Option<u64>,
    /// Accepted clock difference in milliseconds, either way.
    #[arg(long, default_value_t = qianming::kingdee::Verifier::DEFAULT_WINDOW_MS)]
    pub window_ms: u64,
    /// Show what the verifier rebuilt, whether or not it matches, including the signature it
    /// expected: for debugging your own client; never send that back to a client.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

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
