//! `qianming k3cloud …`: Kingdee K3Cloud (金蝶云星空) WebAPI, the Java SDK's signed headers,
//! the logins and the session answer (docs/spec/k3cloud.md).

use crate::common_args::{AnswerArgs, RequestOut, ResultOut};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, request_out, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};
use serde_json::{Map, Value};

/// K3Cloud subcommands.
#[derive(Debug, Subcommand)]
pub enum K3cloudCommand {
    /// The client id and the unmasked gateway secret of an AppID.
    GatewaySecret(GatewaySecretArgs),
    /// Sign a POST to a WebAPI URL: X-Api-* and X-Kd-* headers (the Java SDK's dialect).
    Sign(SignArgs),
    /// The LoginBySign sign: hex SHA-256 (or SHA-1) of the five sorted texts.
    LoginSign(LoginSignArgs),
    /// Build the POST …AuthService.LoginBySign.common.kdsvc request.
    LoginRequest(LoginRequestArgs),
    /// Build the POST …AuthService.LoginByAppSecret.common.kdsvc request (deprecated by Kingdee).
    AppSecretLoginRequest(AppSecretLoginArgs),
    /// Parse a login answer (the HTTP body on standard input): KDSVCSessionId.
    LoginAnswer(AnswerArgs),
}

/// `k3cloud gateway-secret`.
#[derive(Debug, Args)]
pub struct GatewaySecretArgs {
    /// The AppID (<client id>_<32 characters>).
    #[arg(long, required_unless_present = "jsonl")]
    pub app_id: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// The third-party login authorisation: account, user, AppID and AppSecret.
#[derive(Debug, Args)]
pub struct Authorisation {
    /// The account (data centre) id, X-KDApi-AcctID.
    #[arg(long, required_unless_present = "jsonl")]
    pub acct_id: Option<String>,
    /// The integration user name.
    #[arg(long, required_unless_present = "jsonl")]
    pub user_name: Option<String>,
    /// The AppID.
    #[arg(long, required_unless_present = "jsonl")]
    pub app_id: Option<String>,
    /// The AppSecret (prefer QIANMING_K3CLOUD_APP_SECRET or --app-secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_K3CLOUD_APP_SECRET", hide_env_values = true)]
    pub app_secret: Option<String>,
    /// Read the AppSecret from the first line of standard input.
    #[arg(long)]
    pub app_secret_stdin: bool,
    /// The locale id (2052 simplified Chinese, 3076 traditional, 1033 English).
    #[arg(long, default_value_t = k3cloud::DEFAULT_LCID)]
    pub lcid: u32,
}

impl Authorisation {
    fn identity(self) -> Result<Identity, Failure> {
        let secret = secrets::resolve("app-secret", self.app_secret, self.app_secret_stdin)?;
        let id = Identity::new(
            self.acct_id.as_deref().unwrap_or_default(),
            self.user_name.as_deref().unwrap_or_default(),
            self.app_id.as_deref().unwrap_or_default(),
            secret.expose(),
        )?;
        Ok(id.with_lcid(self.lcid))
    }
}

/// `k3cloud sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The full URL to POST to (…/<service>.common.kdsvc).
    #[arg(long, required_unless_present = "jsonl")]
    pub url: Option<String>,
    /// The JSON body.
    #[arg(long, default_value = "{}")]
    pub body: String,
    #[command(flatten)]
    pub auth: Authorisation,
    /// The organisation number, X-KDApi-OrgNum.
    #[arg(long, default_value = "0")]
    pub org_num: String,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_ms: Option<u64>,
    /// The unit sent: ms (the Java SDK) or s (the Python, PHP, Node and Go SDKs).
    #[arg(long, default_value = "ms")]
    pub timestamp_unit: String,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `k3cloud login-sign`.
#[derive(Debug, Args)]
pub struct LoginSignArgs {
    #[command(flatten)]
    pub auth: Authorisation,
    /// Seconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_s: Option<u64>,
    /// sha256 (current servers) or sha1 (before PT-146911).
    #[arg(long, default_value = "sha256")]
    pub hash: String,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `k3cloud login-request`.
#[derive(Debug, Args)]
pub struct LoginRequestArgs {
    /// The server URL, for example https://erp.example.com/k3cloud/.
    #[arg(long, required_unless_present = "jsonl")]
    pub server_url: Option<String>,
    #[command(flatten)]
    pub auth: Authorisation,
    /// Seconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_s: Option<u64>,
    /// sha256 (current servers) or sha1 (before PT-146911).
    #[arg(long, default_value = "sha256")]
    pub hash: String,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `k3cloud app-secret-login-request`.
#[derive(Debug, Args)]
pub struct AppSecretLoginArgs {
    /// The server URL, for example https://erp.example.com/k3cloud/.
    #[arg(long, required_unless_present = "jsonl")]
    pub server_url: Option<String>,
    #[command(flatten)]
    pub auth: Authorisation,
    #[command(flatten)]
    pub out: RequestOut,
}

/// Runs a `k3cloud` subcommand.
pub fn run(command: K3cloudCommand) -> Result<(), Failure> {
    match command {
        K3cloudCommand::GatewaySecret(a) => gateway_secret(a),
        K3cloudCommand::Sign(a) => sign(a),
        K3cloudCommand::LoginSign(a) => login_sign(a),
        K3cloudCommand::LoginRequest(a) => login_request(a),
        K3cloudCommand::AppSecretLoginRequest(a) => app_secret_login_request(a),
        K3cloudCommand::LoginAnswer(a) => result_out::answer(a, answer_fields),
    }
}

fn gateway_fields(app_id: &str) -> Result<Map<String, Value>, LineError> {
    let c = k3cloud::gateway_credentials(app_id)?;
    Ok(fields([
        ("client_id", c.client_id.as_str().into()),
        ("gateway_secret", c.gateway_secret.expose().into()),
    ]))
}

fn gateway_secret(args: GatewaySecretArgs) -> Result<(), Failure> {
    let app_id = args.app_id.unwrap_or_default();
    result_out::run(
        args.out,
        |obj| gateway_fields(jsonl::string(obj, "app_id")?),
        || Ok(gateway_fields(&app_id)?),
    )
}

/// The identity of a `--jsonl` line: `acct_id`, `user_name`, `app_id`, `app_secret`, and
/// optionally `lcid` (default 2052).
fn line_identity(obj: &Map<String, Value>) -> Result<Identity, LineError> {
    let lcid = match jsonl::opt_u64(obj, "lcid")? {
        None => k3cloud::DEFAULT_LCID,
        Some(n) => u32::try_from(n)
            .map_err(|_| LineError::new(jsonl::INVALID_FIELD, "field lcid must fit in 32 bits"))?,
    };
    Ok(Identity::new(
        jsonl::string(obj, "acct_id")?,
        jsonl::string(obj, "user_name")?,
        jsonl::string(obj, "app_id")?,
        jsonl::string(obj, "app_secret")?,
    )?
    .with_lcid(lcid))
}

fn signed_request(
    id: &Identity,
    url: &str,
    body: &str,
    unit: TimestampUnit,
    now_ms: u64,
) -> Result<(qianming::http::HttpRequest, Map<String, Value>), LineError> {
    let signed = id.sign(url, unit, now_ms)?;
    let request = id.request(url, body, unit, now_ms)?;
    let extra = fields([
        ("string_to_sign", signed.string_to_sign.into()),
        ("app_data", signed.app_data.into()),
        ("timestamp", signed.timestamp.into()),
    ]);
    Ok((request, extra))
}

fn sign_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let id = line_identity(obj)?.with_org_num(jsonl::opt_string(obj, "org_num")?.unwrap_or("0"))?;
    let unit = TimestampUnit::parse(jsonl::opt_string(obj, "timestamp_unit")?.unwrap_or("ms"))?;
    let now = jsonl::opt_u64(obj, "timestamp_ms")?.unwrap_or_else(clock::now_ms);
    let body = jsonl::opt_string(obj, "body")?.unwrap_or("{}");
    let (request, extra) = signed_request(&id, jsonl::string(obj, "url")?, body, unit, now)?;
    Ok(request_out::line(&request, extra))
}

fn sign(args: SignArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(sign_line);
    }
    let unit = TimestampUnit::parse(&args.timestamp_unit)?;
    let id = args.auth.identity()?.with_org_num(&args.org_num)?;
    let now = args.timestamp_ms.unwrap_or_else(clock::now_ms);
    let (request, extra) = signed_request(
        &id,
        args.url.as_deref().unwrap_or_default(),
        &args.body,
        unit,
        now,
    )?;
    request_out::print(&request, args.out.format, extra);
    Ok(())
}

fn now_s() -> u64 {
    clock::now_ms() / 1000
}

fn login_sign(args: LoginSignArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            let hash = LoginHash::parse(jsonl::opt_string(obj, "hash")?.unwrap_or("sha256"))?;
            let sign = k3cloud::login_sign(
                jsonl::string(obj, "acct_id")?,
                jsonl::string(obj, "user_name")?,
                jsonl::string(obj, "app_id")?,
                jsonl::string(obj, "app_secret")?,
                jsonl::opt_u64(obj, "timestamp_s")?.unwrap_or_else(now_s),
                hash,
            )?;
            Ok(fields([("sign", sign.into())]))
        },
        || {
            let hash = LoginHash::parse(&args.hash)?;
            let ts = args.timestamp_s.unwrap_or_else(now_s);
            let id = args.auth.identity()?;
            Ok(fields([
                ("sign", id.login_sign(ts, hash).into()),
                ("timestamp_s", ts.into()),
                ("hash", hash.as_str().into()),
            ]))
        },
    )
}

fn login_request_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let hash = LoginHash::parse(jsonl::opt_string(obj, "hash")?.unwrap_or("sha256"))?;
    let ts = jsonl::opt_u64(obj, "timestamp_s")?.unwrap_or_else(now_s);
    let request =
        line_identity(obj)?.login_by_sign_request(jsonl::string(obj, "server_url")?, ts, hash)?;
    Ok(request_out::line(&request, Map::new()))
}

fn login_request(args: LoginRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(login_request_line);
    }
    let hash = LoginHash::parse(&args.hash)?;
    let ts = args.timestamp_s.unwrap_or_else(now_s);
    let request = args.auth.identity()?.login_by_sign_request(
        args.server_url.as_deref().unwrap_or_default(),
        ts,
        hash,
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

fn app_secret_login_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let request =
        line_identity(obj)?.login_by_app_secret_request(jsonl::string(obj, "server_url")?)?;
    Ok(request_out::line(&request, Map::new()))
}

fn app_secret_login_request(args: AppSecretLoginArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(app_secret_login_line);
    }
    let request = args
        .auth
        .identity()?
        .login_by_app_secret_request(args.server_url.as_deref().unwrap_or_default())?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

fn answer_fields(body: &[u8]) -> Result<Map<String, Value>, LineError> {
    let session = jsonl::granted(k3cloud::parse_login_answer(body)?)?;
    Ok(fields([
        ("session_id", session.session_id.expose().into()),
        ("message", session.message.into()),
        ("is_success_by_api", session.is_success_by_api.into()),
    ]))
}
