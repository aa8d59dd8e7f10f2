//! `qianming kingdee token-request` and `kingdee token-answer`: the app-token of
//! `GET /jdyconnector/app_management/kingdee_auth_token`.

use crate::common_args::{RequestFormat, RequestOut, TimedAnswerArgs};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, render, request_out, result_out, secrets};
use clap::Args;
use qianming::kingdee::{self, Signer, TokenRequest};
use serde_json::{Map, Value};

/// The gateway when none is given.
const DEFAULT_BASE_URL: &str = "https://api.kingdee.com";

/// `kingdee token-request`.
#[derive(Debug, Args)]
pub struct TokenRequestArgs {
    /// The gateway (a path prefix is kept and signed).
    #[arg(long, default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The client id (X-Api-ClientID).
    #[arg(long, required_unless_present = "jsonl")]
    pub client_id: Option<String>,
    /// The client secret (prefer QIANMING_CLIENT_SECRET or --client-secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<String>,
    /// Read the client secret from a line of standard input (before the app secret's line).
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// The app key.
    #[arg(long, required_unless_present = "jsonl")]
    pub app_key: Option<String>,
    /// The app secret (prefer QIANMING_APP_SECRET or --app-secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_APP_SECRET", hide_env_values = true)]
    pub app_secret: Option<String>,
    /// Read the app secret from a line of standard input (after the client secret's line).
    #[arg(long)]
    pub app_secret_stdin: bool,
    /// The optional uid query parameter.
    #[arg(long)]
    pub uid: Option<String>,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp: Option<String>,
    /// The nonce (default: 10 random digits).
    #[arg(long)]
    pub nonce: Option<String>,
    /// Show every intermediate of the request signature first.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub out: RequestOut,
}

/// What a token request adds to the request fields.
fn extra(request: &TokenRequest) -> Map<String, Value> {
    fields([
        ("app_signature", request.app_signature.as_str().into()),
        (
            "string_to_sign",
            request.signing.string_to_sign.as_str().into(),
        ),
        ("signature", request.signing.signature.as_str().into()),
    ])
}

fn request_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let signer = Signer::new(
        jsonl::string(obj, "client_id")?,
        jsonl::string(obj, "client_secret")?,
    )?;
    let request = kingdee::token_request(
        &signer,
        jsonl::opt_string(obj, "base_url")?.unwrap_or(DEFAULT_BASE_URL),
        jsonl::string(obj, "app_key")?,
        jsonl::string(obj, "app_secret")?,
        jsonl::opt_string(obj, "uid")?,
        &jsonl::string_or_number(obj, "timestamp")?,
        &jsonl::string_or_number(obj, "nonce")?,
    )?;
    Ok(request_out::line(&request.http, extra(&request)))
}

/// `kingdee token-request`.
pub fn token_request(args: TokenRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(request_line);
    }
    let client_secret = secrets::resolve(
        "client-secret",
        args.client_secret,
        args.client_secret_stdin,
    )?;
    let app_secret = secrets::resolve("app-secret", args.app_secret, args.app_secret_stdin)?;
    let signer = Signer::with_secret(
        args.client_id.as_deref().unwrap_or_default(),
        &client_secret,
    )?;
    let (timestamp, nonce) = clock::timestamp_and_nonce(args.timestamp, args.nonce)?;
    let request = kingdee::token_request(
        &signer,
        &args.base_url,
        args.app_key.as_deref().unwrap_or_default(),
        app_secret.expose(),
        args.uid.as_deref(),
        &timestamp,
        &nonce,
    )?;
    if args.explain && args.out.format != RequestFormat::Json {
        print!(
            "{}",
            render::labelled("app_signature", &request.app_signature)
        );
        println!("{}", render::explain(&request.signing));
    }
    request_out::print(&request.http, args.out.format, extra(&request));
    Ok(())
}

fn answer_fields(body: &[u8], received_at_ms: u64) -> Result<Map<String, Value>, LineError> {
    let token = jsonl::granted(kingdee::parse_token_answer(body, received_at_ms)?)?;
    Ok(fields([
        ("app_token", token.app_token.expose().into()),
        ("uid", token.uid.into()),
        ("description", token.description.into()),
        ("expires_at_ms", token.lifetime.expires_at_ms.into()),
    ]))
}

/// `kingdee token-answer`.
pub fn token_answer(args: TimedAnswerArgs) -> Result<(), Failure> {
    result_out::timed_answer(args, answer_fields)
}
