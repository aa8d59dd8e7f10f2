//! `qianming yonyou …`: the self-built app token of the Yonyou open platform
//! (docs/spec/yonyou.md).

use crate::common_args::{RequestOut, ResultOut, TimedAnswerArgs};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, request_out, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::yonyou::{self, Signature};
use serde_json::{Map, Value};

/// Yonyou subcommands.
#[derive(Debug, Subcommand)]
pub enum YonyouCommand {
    /// signature = Base64(HmacSHA256(appSecret, "appKey" + appKey + "timestamp" + ms)).
    Signature(SignatureArgs),
    /// Build the GET …/selfAppAuth/getAccessToken request.
    TokenRequest(TokenRequestArgs),
    /// Parse the token answer (the HTTP body on standard input).
    TokenAnswer(TimedAnswerArgs),
}

/// `--app-secret`, `QIANMING_YONYOU_APP_SECRET` or `--app-secret-stdin`.
#[derive(Debug, Args)]
pub struct AppSecret {
    /// The appSecret (prefer QIANMING_YONYOU_APP_SECRET or --app-secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_YONYOU_APP_SECRET", hide_env_values = true)]
    pub app_secret: Option<String>,
    /// Read the appSecret from the first line of standard input.
    #[arg(long)]
    pub app_secret_stdin: bool,
}

/// `yonyou signature`.
#[derive(Debug, Args)]
pub struct SignatureArgs {
    /// The appKey.
    #[arg(long, required_unless_present = "jsonl")]
    pub app_key: Option<String>,
    #[command(flatten)]
    pub secret: AppSecret,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_ms: Option<u64>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `yonyou token-request`.
#[derive(Debug, Args)]
pub struct TokenRequestArgs {
    /// The token endpoint (default: the public cloud's).
    #[arg(long, default_value = yonyou::DEFAULT_TOKEN_URL)]
    pub token_url: String,
    /// The appKey.
    #[arg(long, required_unless_present = "jsonl")]
    pub app_key: Option<String>,
    #[command(flatten)]
    pub secret: AppSecret,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_ms: Option<u64>,
    #[command(flatten)]
    pub out: RequestOut,
}

/// Runs a `yonyou` subcommand.
pub fn run(command: YonyouCommand) -> Result<(), Failure> {
    match command {
        YonyouCommand::Signature(a) => signature(a),
        YonyouCommand::TokenRequest(a) => token_request(a),
        YonyouCommand::TokenAnswer(a) => result_out::timed_answer(a, answer_fields),
    }
}

fn signature_fields(s: Signature) -> Map<String, Value> {
    fields([
        ("signature", s.signature.into()),
        ("signature_urlencoded", s.signature_urlencoded.into()),
    ])
}

fn signature(args: SignatureArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            let s = yonyou::signature(
                jsonl::string(obj, "app_key")?,
                jsonl::string(obj, "app_secret")?,
                jsonl::u64_field(obj, "timestamp_ms")?,
            )?;
            Ok(signature_fields(s))
        },
        || {
            let secret = secrets::resolve(
                "app-secret",
                args.secret.app_secret,
                args.secret.app_secret_stdin,
            )?;
            let ts = args.timestamp_ms.unwrap_or_else(clock::now_ms);
            let s = yonyou::signature(
                args.app_key.as_deref().unwrap_or_default(),
                secret.expose(),
                ts,
            )?;
            let mut out = signature_fields(s);
            out.insert("timestamp_ms".into(), ts.into());
            Ok(out)
        },
    )
}

fn request_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let request = yonyou::token_request(
        jsonl::opt_string(obj, "token_url")?.unwrap_or(yonyou::DEFAULT_TOKEN_URL),
        jsonl::string(obj, "app_key")?,
        jsonl::string(obj, "app_secret")?,
        jsonl::opt_u64(obj, "timestamp_ms")?.unwrap_or_else(clock::now_ms),
    )?;
    Ok(request_out::line(&request, Map::new()))
}

fn token_request(args: TokenRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(request_line);
    }
    let secret = secrets::resolve(
        "app-secret",
        args.secret.app_secret,
        args.secret.app_secret_stdin,
    )?;
    let request = yonyou::token_request(
        &args.token_url,
        args.app_key.as_deref().unwrap_or_default(),
        secret.expose(),
        args.timestamp_ms.unwrap_or_else(clock::now_ms),
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

fn answer_fields(body: &[u8], received_at_ms: u64) -> Result<Map<String, Value>, LineError> {
    let token = jsonl::granted(yonyou::parse_token_answer(body, received_at_ms)?)?;
    Ok(fields([
        ("access_token", token.access_token.expose().into()),
        ("expire_s", token.expire_s.into()),
        ("message", token.message.into()),
        ("expires_at_ms", token.lifetime.expires_at_ms.into()),
    ]))
}
