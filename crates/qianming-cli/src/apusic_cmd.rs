//! `qianming apusic …`: the management token of `POST https://<host>:6848/management/sessions`
//! and the headers of later calls.

use crate::common_args::{AnswerArgs, Password, RequestOut, ResultOut};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{request_out, result_out, secrets};
use clap::{Args, Subcommand, ValueEnum};
use qianming::apusic;
use qianming::basic::AuthorizationMode;
use serde_json::{Map, Value};

/// Apusic subcommands.
#[derive(Debug, Subcommand)]
pub enum ApusicCommand {
    /// Build the POST https://<host>:6848/management/sessions request.
    SessionRequest(SessionRequestArgs),
    /// Parse the session answer (the HTTP body on standard input).
    SessionAnswer(AnswerArgs),
    /// The headers that carry the token on later management calls.
    CallHeaders(CallHeadersArgs),
}

/// Runs one apusic subcommand.
pub fn run(command: ApusicCommand) -> Result<(), Failure> {
    match command {
        ApusicCommand::SessionRequest(a) => session_request(a),
        ApusicCommand::SessionAnswer(a) => session_answer(a),
        ApusicCommand::CallHeaders(a) => call_headers(a),
    }
}

/// How the Authorization header carries the credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Mode {
    /// `Basic <credentials>` (RFC 7617).
    #[default]
    Basic,
    /// The bare credentials, as the Apusic document writes them.
    Raw,
}

impl From<Mode> for AuthorizationMode {
    fn from(mode: Mode) -> Self {
        match mode {
            Mode::Basic => AuthorizationMode::Basic,
            Mode::Raw => AuthorizationMode::Raw,
        }
    }
}

/// `apusic session-request`.
#[derive(Debug, Args)]
pub struct SessionRequestArgs {
    /// The server's host (name, IPv4 or [IPv6]); the base URL is https://<host>:6848.
    #[arg(long, required_unless_present_any = ["base_url", "jsonl"], conflicts_with = "base_url")]
    pub host: Option<String>,
    /// The base URL instead of --host, e.g. https://10.0.0.1:6848.
    #[arg(long)]
    pub base_url: Option<String>,
    /// The administrator's user name.
    #[arg(long, required_unless_present = "jsonl")]
    pub user: Option<String>,
    #[command(flatten)]
    pub password: Password,
    /// How the Authorization header carries the credentials.
    #[arg(long, value_enum, default_value_t)]
    pub mode: Mode,
    /// The caller's address, sent as remoteHostName.
    #[arg(long, required_unless_present = "jsonl")]
    pub remote_host_name: Option<String>,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `host` (→ `https://<host>:6848`) or `base_url`.
fn base_url(host: Option<&str>, base_url: Option<&str>) -> Result<String, LineError> {
    match (host, base_url) {
        (Some(host), None) => Ok(apusic::base_url_for_host(host)?),
        (None, Some(url)) => Ok(url.to_string()),
        (Some(_), Some(_)) => Err(LineError::new(
            jsonl::INVALID_FIELD,
            "give host or base_url, not both",
        )),
        (None, None) => Err(LineError::new(
            jsonl::MISSING_FIELD,
            "field host (or base_url) is missing",
        )),
    }
}

fn request_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let base = base_url(
        jsonl::opt_string(obj, "host")?,
        jsonl::opt_string(obj, "base_url")?,
    )?;
    let mode = match jsonl::opt_string(obj, "mode")? {
        None => AuthorizationMode::Basic,
        Some(name) => AuthorizationMode::parse(name).ok_or_else(|| {
            LineError::new(jsonl::INVALID_FIELD, "field mode must be basic or raw")
        })?,
    };
    let request = apusic::session_request(
        &base,
        jsonl::string(obj, "user")?,
        jsonl::string(obj, "password")?,
        mode,
        jsonl::string(obj, "remote_host_name")?,
    )?;
    Ok(request_out::line(&request, Map::new()))
}

/// `apusic session-request`.
pub fn session_request(args: SessionRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(request_line);
    }
    let password = args.password.resolve()?;
    let base = base_url(args.host.as_deref(), args.base_url.as_deref())?;
    let request = apusic::session_request(
        &base,
        args.user.as_deref().unwrap_or_default(),
        password.expose(),
        args.mode.into(),
        args.remote_host_name.as_deref().unwrap_or_default(),
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

/// `apusic session-answer`.
pub fn session_answer(args: AnswerArgs) -> Result<(), Failure> {
    result_out::answer(args, |body| {
        let token = jsonl::granted(apusic::parse_session_answer(body)?)?;
        Ok(fields([
            ("token", token.token.expose().into()),
            ("message", token.message.into()),
        ]))
    })
}

/// `apusic call-headers`.
#[derive(Debug, Args)]
pub struct CallHeadersArgs {
    /// The session token (prefer QIANMING_APUSIC_TOKEN or --token-stdin: flags leak).
    #[arg(long, env = "QIANMING_APUSIC_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Read the token from the first line of standard input.
    #[arg(long)]
    pub token_stdin: bool,
    /// The cookie that carries the token (stock GlassFish: gfresttoken).
    #[arg(long, default_value = apusic::DEFAULT_TOKEN_COOKIE)]
    pub cookie_name: String,
    /// Also send X-Auth-Token.
    #[arg(long)]
    pub x_auth_token: bool,
    #[command(flatten)]
    pub out: ResultOut,
}

fn headers(
    token: &str,
    cookie_name: &str,
    x_auth_token: bool,
) -> Result<Map<String, Value>, LineError> {
    let headers = apusic::call_headers(token, cookie_name, x_auth_token)?;
    Ok(fields([("headers", jsonl::pair_list(&headers))]))
}

/// `apusic call-headers`: `Name: value` lines (or JSON).
pub fn call_headers(args: CallHeadersArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(|obj| {
            headers(
                jsonl::string(obj, "token")?,
                jsonl::opt_string(obj, "cookie_name")?.unwrap_or(apusic::DEFAULT_TOKEN_COOKIE),
                jsonl::opt_bool(obj, "x_auth_token")?,
            )
        });
    }
    let token = secrets::resolve("token", args.token, args.token_stdin)?;
    let list = apusic::call_headers(token.expose(), &args.cookie_name, args.x_auth_token)?;
    result_out::print_headers(&list, args.out.format);
    Ok(())
}
