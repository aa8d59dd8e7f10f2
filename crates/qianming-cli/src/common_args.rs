//! Option groups several commands share: output formats, the `--jsonl` switch, answer input,
//! and the secrets that come from a flag, an environment variable or standard input.

use crate::failure::Failure;
use crate::secrets;
use clap::{Args, ValueEnum};
use qianming::Secret;

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
