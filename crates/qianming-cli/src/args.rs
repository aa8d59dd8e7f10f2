//! The command line, as clap types.

use crate::{secrets, Failure};
use clap::{Args, Parser, Subcommand, ValueEnum};
use qianming::Secret;

/// Byte-exact login signatures for Kingdee (金蝶), Weaver (泛微) and Apusic (金蝶天燕).
///
/// Secrets can come from a flag, an environment variable or standard input. Flags leak into
/// shell history and `ps` output: prefer the environment variable or `--…-stdin`.
#[derive(Debug, Parser)]
#[command(name = "qianming", version, about, long_about)]
pub struct Cli {
    /// The system to sign for.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level systems.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kingdee API gateway (auth version 2.0).
    Kingdee {
        /// What to do.
        #[command(subcommand)]
        command: KingdeeCommand,
    },
    /// Weaver archive-integration token sign.
    Weaver {
        /// What to do.
        #[command(subcommand)]
        command: WeaverCommand,
    },
    /// HTTP Basic credentials (Apusic management API).
    Basic {
        /// What to do.
        #[command(subcommand)]
        command: BasicCommand,
    },
    /// Apusic (金蝶天燕) application server management token (port 6848).
    Apusic {
        /// What to do.
        #[command(subcommand)]
        command: ApusicCommand,
    },
    /// Apusic unified identity: OAuth 2.0 authorization code.
    Oauth {
        /// What to do.
        #[command(subcommand)]
        command: OauthCommand,
    },
    /// IoT edge gateway (port 58081): login, refresh, x-token, JWT claims.
    Edge {
        /// What to do.
        #[command(subcommand)]
        command: EdgeCommand,
    },
    /// Token lifetimes, for every system: reuse, refresh or log in again.
    Token {
        /// What to do.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// An offline emulator of the five systems' token endpoints on loopback (docs/spec/emulator.md).
    Emulate(Box<crate::emulate_cmd::EmulateArgs>),
    /// WXBizMsgCrypt callbacks: WeCom, WeChat official accounts, DingTalk (msg_signature, AES).
    Wecom {
        /// What to do.
        #[command(subcommand)]
        command: crate::wecom_cmd::WecomCommand,
    },
    /// DingTalk custom robot sign.
    Dingtalk {
        /// What to do.
        #[command(subcommand)]
        command: crate::dingtalk_cmd::DingtalkCommand,
    },
    /// Feishu / Lark: bot sign, event decrypt, X-Lark-Signature.
    Feishu {
        /// What to do.
        #[command(subcommand)]
        command: crate::feishu_cmd::FeishuCommand,
    },
    /// Yonyou open platform self-built app token (YonBIP, YonSuite).
    Yonyou {
        /// What to do.
        #[command(subcommand)]
        command: crate::yonyou_cmd::YonyouCommand,
    },
}

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

/// Weaver subcommands.
#[derive(Debug, Subcommand)]
pub enum WeaverCommand {
    /// Make a sign for POST /api/cus/token/auth/getToken.
    Sign(WeaverSignArgs),
    /// Verify a received sign (server side).
    Verify(WeaverVerifyArgs),
    /// Name the mistake behind a refused sign.
    Doctor(crate::doctor_cmd::WeaverDoctorArgs),
    /// Build the POST /api/cus/token/auth/getToken request (signing now unless --sign is given).
    TokenRequest(crate::weaver_token_cmd::TokenRequestArgs),
    /// Parse the token answer (the HTTP body on standard input).
    TokenAnswer(TimedAnswerArgs),
}

/// Apusic subcommands.
#[derive(Debug, Subcommand)]
pub enum ApusicCommand {
    /// Build the POST https://<host>:6848/management/sessions request.
    SessionRequest(crate::apusic_cmd::SessionRequestArgs),
    /// Parse the session answer (the HTTP body on standard input).
    SessionAnswer(AnswerArgs),
    /// The headers that carry the token on later management calls.
    CallHeaders(crate::apusic_cmd::CallHeadersArgs),
}

/// OAuth subcommands.
#[derive(Debug, Subcommand)]
pub enum OauthCommand {
    /// The authorize URL to send the user's browser to (optional PKCE S256).
    AuthorizeUrl(crate::oauth_cmd::AuthorizeUrlArgs),
    /// Parse the callback URL the browser came back with, checking state.
    Callback(crate::oauth_cmd::CallbackArgs),
    /// Build the token exchange request (POST /oauth2/token).
    TokenRequest(crate::oauth_cmd::TokenRequestArgs),
    /// Parse the token answer, form-encoded or JSON (the HTTP body on standard input).
    TokenAnswer(AnswerArgs),
    /// Build the user info request (GET /v1.0/oauth2/userinfo).
    UserinfoRequest(crate::oauth_cmd::UserinfoRequestArgs),
    /// Parse the user info answer (the HTTP body on standard input).
    UserinfoAnswer(AnswerArgs),
}

/// IoT edge gateway subcommands.
#[derive(Debug, Subcommand)]
pub enum EdgeCommand {
    /// Build the login request (POST /v1.0/openapi/auth/login, JSON body).
    LoginRequest(crate::edge_cmd::LoginRequestArgs),
    /// Build the refresh request (POST /v1.0/openapi/token/<refresh token>).
    RefreshRequest(crate::edge_cmd::RefreshRequestArgs),
    /// Parse a login or refresh answer (the HTTP body on standard input).
    TokenAnswer(AnswerArgs),
    /// The x-token header for every other call.
    XToken(crate::edge_cmd::XTokenArgs),
    /// Read exp, iat, nbf and iss from a JWT (the signature is not checked).
    Jwt(crate::edge_cmd::JwtArgs),
}

/// Token subcommands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Whether to reuse a token, refresh it or log in again.
    Lifetime(crate::token_cmd::LifetimeArgs),
}

/// Output formats of the request builders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RequestFormat {
    /// The method and URL, the headers as `Name: value` lines, a blank line and the body.
    #[default]
    Http,
    /// One JSON object (the same fields as --jsonl).
    Json,
    /// A curl command.
    Curl,
}

/// How a request builder prints, and its machine interface.
#[derive(Debug, Args)]
pub struct RequestOut {
    /// How to print the request.
    #[arg(long, value_enum, default_value_t)]
    pub format: RequestFormat,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// Output formats of parsers and helpers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ResultFormat {
    /// One labelled line per field.
    #[default]
    Text,
    /// One JSON object (the same fields as --jsonl).
    Json,
}

/// How a parser or helper prints, and its machine interface.
#[derive(Debug, Args)]
pub struct ResultOut {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: ResultFormat,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// An answer parser: the HTTP body comes from standard input (with --jsonl: `body` or
/// `body_hex` of each line).
#[derive(Debug, Args)]
pub struct AnswerArgs {
    #[command(flatten)]
    pub out: ResultOut,
}

/// An answer parser whose token lifetime starts when the answer was received.
#[derive(Debug, Args)]
pub struct TimedAnswerArgs {
    /// When the answer was received, milliseconds since the epoch (default: now).
    #[arg(long)]
    pub received_at_ms: Option<u64>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// Basic subcommands.
#[derive(Debug, Subcommand)]
pub enum BasicCommand {
    /// Base64(user ":" password) and the Authorization header.
    Encode(BasicEncodeArgs),
    /// Parse a received Authorization header.
    Decode(BasicDecodeArgs),
}

/// Reads one JSON object per line from stdin and writes one per line to stdout.
#[derive(Debug, Args, Clone, Copy)]
pub struct Jsonl {
    /// Machine interface: one JSON object per stdin line in, one per stdout line out.
    #[arg(long)]
    pub jsonl: bool,
}

/// `--client-secret`, `QIANMING_CLIENT_SECRET` or `--client-secret-stdin` (first line).
#[derive(Debug, Args)]
pub struct ClientSecret {
    /// The client secret (prefer QIANMING_CLIENT_SECRET or --client-secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<String>,
    /// Read the client secret from the first line of standard input.
    #[arg(long)]
    pub client_secret_stdin: bool,
}

impl ClientSecret {
    /// The client secret from wherever it was given.
    pub fn resolve(self) -> Result<Secret, Failure> {
        secrets::resolve(
            "client-secret",
            self.client_secret,
            self.client_secret_stdin,
        )
    }
}

/// `--password`, `QIANMING_PASSWORD` or `--password-stdin` (first line).
#[derive(Debug, Args)]
pub struct Password {
    /// The password (prefer QIANMING_PASSWORD or --password-stdin: flags leak).
    #[arg(long, env = "QIANMING_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

impl Password {
    /// The password from wherever it was given.
    pub fn resolve(self) -> Result<Secret, Failure> {
        secrets::resolve("password", self.password, self.password_stdin)
    }
}

/// `--access-token`, `QIANMING_ACCESS_TOKEN` or `--access-token-stdin` (first line).
#[derive(Debug, Args)]
pub struct AccessToken {
    /// The access token (prefer QIANMING_ACCESS_TOKEN or --access-token-stdin: flags leak).
    #[arg(long, env = "QIANMING_ACCESS_TOKEN", hide_env_values = true)]
    pub access_token: Option<String>,
    /// Read the access token from the first line of standard input.
    #[arg(long)]
    pub access_token_stdin: bool,
}

impl AccessToken {
    /// The access token from wherever it was given.
    pub fn resolve(self) -> Result<Secret, Failure> {
        secrets::resolve("access-token", self.access_token, self.access_token_stdin)
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

/// The Weaver credentials every Weaver subcommand needs.
#[derive(Debug, Args)]
pub struct WeaverCredentials {
    /// The appid.
    #[arg(long, required_unless_present = "jsonl")]
    pub appid: Option<String>,
    /// The secret (prefer QIANMING_WEAVER_SECRET or --secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_WEAVER_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Read the secret from a line of standard input (before the AES key's line).
    #[arg(long)]
    pub secret_stdin: bool,
    /// The AES key, 16/24/32 bytes (prefer QIANMING_WEAVER_AES_KEY or --aes-key-stdin).
    #[arg(long, env = "QIANMING_WEAVER_AES_KEY", hide_env_values = true)]
    pub aes_key: Option<String>,
    /// Read the AES key from a line of standard input (after the secret's line).
    #[arg(long)]
    pub aes_key_stdin: bool,
}

/// `weaver sign`.
#[derive(Debug, Args)]
pub struct WeaverSignArgs {
    #[command(flatten)]
    pub credentials: WeaverCredentials,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_ms: Option<u64>,
    /// Also show the MD5 and the plaintext.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// `weaver verify`.
#[derive(Debug, Args)]
pub struct WeaverVerifyArgs {
    #[command(flatten)]
    pub credentials: WeaverCredentials,
    /// The received sign (hex).
    #[arg(long, required_unless_present = "jsonl")]
    pub sign: Option<String>,
    /// Milliseconds since the epoch to judge against (default: now).
    #[arg(long)]
    pub now_ms: Option<u64>,
    /// Validity window in milliseconds (also the limit into the future).
    #[arg(long, default_value_t = qianming::weaver::Verifier::DEFAULT_WINDOW_MS)]
    pub window_ms: u64,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// `basic encode`.
#[derive(Debug, Args)]
pub struct BasicEncodeArgs {
    /// The user name (must not contain ':').
    #[arg(long, required_unless_present = "jsonl")]
    pub user: Option<String>,
    #[command(flatten)]
    pub password: Password,
    /// Print the bare credentials (raw mode) instead of 'Basic <credentials>'.
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// `basic decode`.
#[derive(Debug, Args)]
pub struct BasicDecodeArgs {
    /// The received Authorization header value, e.g. 'Basic YWRtaW46YWRtaW4xMjM='.
    #[arg(long, required_unless_present = "jsonl")]
    pub authorization: Option<String>,
    #[command(flatten)]
    pub jsonl: Jsonl,
}
