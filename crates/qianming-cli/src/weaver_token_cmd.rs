//! `qianming weaver token-request` and `weaver token-answer`: the token of
//! `POST /api/cus/token/auth/getToken`.

use crate::common_args::{RequestOut, TimedAnswerArgs, WeaverCredentials};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, request_out, result_out, secrets};
use clap::Args;
use qianming::weaver::{self, Signer};
use serde_json::{Map, Value};

/// `weaver token-request`.
#[derive(Debug, Args)]
pub struct TokenRequestArgs {
    /// The Weaver server, e.g. http://10.0.0.1.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// Without --sign: the secret and AES key make a fresh sign (each sign works once).
    #[command(flatten)]
    pub credentials: WeaverCredentials,
    /// A sign made earlier (for example by `weaver sign`) instead of the secret and AES key.
    #[arg(long)]
    pub sign: Option<String>,
    /// Milliseconds since the epoch for the fresh sign (default: now).
    #[arg(long, conflicts_with = "sign")]
    pub timestamp_ms: Option<u64>,
    #[command(flatten)]
    pub out: RequestOut,
}

/// With `sign`: that sign; else a fresh one from `secret`, `aes_key` and `timestamp_ms`
/// (default now).
fn request_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let base_url = jsonl::string(obj, "base_url")?;
    let appid = jsonl::string(obj, "appid")?;
    let request = match jsonl::opt_string(obj, "sign")? {
        Some(sign) => weaver::token_request(base_url, appid, sign)?,
        None => {
            let signer = Signer::new(
                appid,
                jsonl::string(obj, "secret")?,
                jsonl::string(obj, "aes_key")?,
            )?;
            let at = jsonl::opt_u64(obj, "timestamp_ms")?.unwrap_or_else(clock::now_ms);
            weaver::signed_token_request(&signer, base_url, at)?
        }
    };
    Ok(request_out::line(&request, Map::new()))
}

/// `weaver token-request`.
pub fn token_request(args: TokenRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(request_line);
    }
    let c = args.credentials;
    let appid = c.appid.unwrap_or_default();
    let base_url = args.base_url.unwrap_or_default();
    let request = match args.sign {
        Some(sign) => weaver::token_request(&base_url, &appid, &sign)?,
        None => {
            let secret = secrets::resolve("secret", c.secret, c.secret_stdin)?;
            let key = secrets::resolve("aes-key", c.aes_key, c.aes_key_stdin)?;
            let signer = Signer::new(&appid, secret.expose(), key.expose())?;
            let at = args.timestamp_ms.unwrap_or_else(clock::now_ms);
            weaver::signed_token_request(&signer, &base_url, at)?
        }
    };
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

fn answer_fields(body: &[u8], received_at_ms: u64) -> Result<Map<String, Value>, LineError> {
    let token = jsonl::granted(weaver::parse_token_answer(body, received_at_ms)?)?;
    Ok(fields([
        ("token", token.token.expose().into()),
        ("msg", token.msg.into()),
        ("batchkey", token.batchkey.into()),
        ("expires_at_ms", token.lifetime.expires_at_ms.into()),
    ]))
}

/// `weaver token-answer`.
pub fn token_answer(args: TimedAnswerArgs) -> Result<(), Failure> {
    result_out::timed_answer(args, answer_fields)
}
