//! `qianming ecology …`: Weaver e-cology 9 (泛微 E9) OpenAPI token authentication: regist,
//! applytoken and the call headers (docs/spec/ecology.md). Every RSA encryption takes a
//! 32-byte seed: `--seed-hex` / `seed_hex`, else fresh bytes from the operating system.

use crate::common_args::{AnswerArgs, RequestOut, ResultOut};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, request_out, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::ecology::{self, ServerKey, SEED_LEN};
use serde_json::{Map, Value};

/// e-cology subcommands.
#[derive(Debug, Subcommand)]
pub enum EcologyCommand {
    /// Check a public key (spk or cpk: Base64 DER SubjectPublicKeyInfo) and print its size.
    ServerKey(ServerKeyArgs),
    /// Base64(RSA-PKCS#1 v1.5 encrypt(spk, text)).
    Encrypt(EncryptArgs),
    /// Build the POST /api/ec/dev/auth/regist request (headers appid, cpk).
    RegistRequest(RegistRequestArgs),
    /// Parse the registration answer (the HTTP body on standard input): secrit and spk.
    RegistAnswer(AnswerArgs),
    /// Build the POST /api/ec/dev/auth/applytoken request (headers appid, secret[, time]).
    TokenRequest(TokenRequestArgs),
    /// Parse the token answer (the HTTP body on standard input).
    TokenAnswer(TokenAnswerArgs),
    /// The headers of a call: appid, token and the encrypted userid.
    CallHeaders(CallHeadersArgs),
}

/// `--spk`: the server's public key.
#[derive(Debug, Args)]
pub struct Spk {
    /// The server's public key (spk of the registration answer).
    #[arg(long, required_unless_present = "jsonl")]
    pub spk: Option<String>,
}

/// `--seed-hex`: the randomness of one encryption.
#[derive(Debug, Args)]
pub struct Seed {
    /// 64 hex digits seeding the padding of the encryption (default: fresh random bytes).
    #[arg(long)]
    pub seed_hex: Option<String>,
}

/// `ecology server-key`.
#[derive(Debug, Args)]
pub struct ServerKeyArgs {
    #[command(flatten)]
    pub spk: Spk,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `ecology encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    #[command(flatten)]
    pub spk: Spk,
    /// The text to encrypt.
    #[arg(long, required_unless_present = "jsonl")]
    pub plaintext: Option<String>,
    #[command(flatten)]
    pub seed: Seed,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `ecology regist-request`.
#[derive(Debug, Args)]
pub struct RegistRequestArgs {
    /// The e-cology address, for example http://oa.example.com:8080.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// The appid (许可证号码, a row of ECOLOGY_BIZ_EC).
    #[arg(long, required_unless_present = "jsonl")]
    pub appid: Option<String>,
    /// The client's public key (Base64 DER SubjectPublicKeyInfo).
    #[arg(long, required_unless_present = "jsonl")]
    pub cpk: Option<String>,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `ecology token-request`.
#[derive(Debug, Args)]
pub struct TokenRequestArgs {
    /// The e-cology address, for example http://oa.example.com:8080.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// The appid.
    #[arg(long, required_unless_present = "jsonl")]
    pub appid: Option<String>,
    #[command(flatten)]
    pub spk: Spk,
    /// The secrit of the registration (prefer QIANMING_ECOLOGY_SECRIT or --secrit-stdin).
    #[arg(long, env = "QIANMING_ECOLOGY_SECRIT", hide_env_values = true)]
    pub secrit: Option<String>,
    /// Read the secrit from the first line of standard input.
    #[arg(long)]
    pub secrit_stdin: bool,
    /// The token lifetime to ask for, in seconds (the `time` header; default: not sent).
    #[arg(long)]
    pub time_s: Option<u64>,
    #[command(flatten)]
    pub seed: Seed,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `ecology token-answer`.
#[derive(Debug, Args)]
pub struct TokenAnswerArgs {
    /// When the answer was received, milliseconds since the epoch (default: now).
    #[arg(long)]
    pub received_at_ms: Option<u64>,
    /// The token lifetime in seconds (the `time` asked for; Weaver's default 1800).
    #[arg(long, default_value_t = ecology::DEFAULT_TOKEN_LIFETIME_S)]
    pub lifetime_s: u64,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `ecology call-headers`.
#[derive(Debug, Args)]
pub struct CallHeadersArgs {
    /// The appid.
    #[arg(long, required_unless_present = "jsonl")]
    pub appid: Option<String>,
    /// The token (prefer QIANMING_ECOLOGY_TOKEN: flags leak).
    #[arg(long, env = "QIANMING_ECOLOGY_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    #[command(flatten)]
    pub spk: Spk,
    /// The OA user id to act as, for example 1.
    #[arg(long, required_unless_present = "jsonl")]
    pub userid: Option<String>,
    #[command(flatten)]
    pub seed: Seed,
    #[command(flatten)]
    pub out: ResultOut,
}

/// Runs an `ecology` subcommand.
pub fn run(command: EcologyCommand) -> Result<(), Failure> {
    match command {
        EcologyCommand::ServerKey(a) => server_key(a),
        EcologyCommand::Encrypt(a) => encrypt(a),
        EcologyCommand::RegistRequest(a) => regist_request(a),
        EcologyCommand::RegistAnswer(a) => result_out::answer(a, regist_fields),
        EcologyCommand::TokenRequest(a) => token_request(a),
        EcologyCommand::TokenAnswer(a) => token_answer(a),
        EcologyCommand::CallHeaders(a) => call_headers(a),
    }
}

/// The seed given as hex, else 32 bytes from the operating system.
fn seed(seed_hex: Option<&str>) -> Result<[u8; SEED_LEN], LineError> {
    match seed_hex {
        Some(hex) => Ok(ecology::seed_from_hex(hex)?),
        None => {
            let mut seed = [0u8; SEED_LEN];
            getrandom::getrandom(&mut seed).map_err(|e| {
                LineError::new(jsonl::INVALID_FIELD, format!("no random bytes: {e}"))
            })?;
            Ok(seed)
        }
    }
}

fn line_seed(obj: &Map<String, Value>) -> Result<[u8; SEED_LEN], LineError> {
    seed(jsonl::opt_string(obj, "seed_hex")?)
}

fn key_fields(spk: &str) -> Result<Map<String, Value>, LineError> {
    let key = ServerKey::from_spk(spk)?;
    Ok(fields([
        ("bits", key.bits().into()),
        ("max_plaintext_len", key.max_plaintext_len().into()),
    ]))
}

fn server_key(args: ServerKeyArgs) -> Result<(), Failure> {
    let spk = args.spk.spk.unwrap_or_default();
    result_out::run(
        args.out,
        |obj| key_fields(jsonl::string(obj, "spk")?),
        || Ok(key_fields(&spk)?),
    )
}

fn encrypt_fields(
    spk: &str,
    plaintext: &str,
    seed: &[u8; SEED_LEN],
) -> Result<Map<String, Value>, LineError> {
    let sealed = ServerKey::from_spk(spk)?.encrypt(plaintext, seed)?;
    Ok(fields([("ciphertext", sealed.into())]))
}

fn encrypt(args: EncryptArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            encrypt_fields(
                jsonl::string(obj, "spk")?,
                jsonl::string(obj, "plaintext")?,
                &line_seed(obj)?,
            )
        },
        || {
            let seed = seed(args.seed.seed_hex.as_deref())?;
            Ok(encrypt_fields(
                args.spk.spk.as_deref().unwrap_or_default(),
                args.plaintext.as_deref().unwrap_or_default(),
                &seed,
            )?)
        },
    )
}

fn regist_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let request = ecology::regist_request(
        jsonl::string(obj, "base_url")?,
        jsonl::string(obj, "appid")?,
        jsonl::string(obj, "cpk")?,
    )?;
    Ok(request_out::line(&request, Map::new()))
}

fn regist_request(args: RegistRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(regist_line);
    }
    let request = ecology::regist_request(
        args.base_url.as_deref().unwrap_or_default(),
        args.appid.as_deref().unwrap_or_default(),
        args.cpk.as_deref().unwrap_or_default(),
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

fn regist_fields(body: &[u8]) -> Result<Map<String, Value>, LineError> {
    let registration = jsonl::granted(ecology::parse_regist_answer(body)?)?;
    Ok(fields([
        ("secrit", registration.secrit.expose().into()),
        ("spk", registration.spk.into()),
        ("message", registration.message.into()),
    ]))
}

fn token_request_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let request = ecology::applytoken_request(
        jsonl::string(obj, "base_url")?,
        jsonl::string(obj, "appid")?,
        jsonl::string(obj, "spk")?,
        jsonl::string(obj, "secrit")?,
        &line_seed(obj)?,
        jsonl::opt_u64(obj, "time_s")?,
    )?;
    Ok(request_out::line(&request, Map::new()))
}

fn token_request(args: TokenRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(token_request_line);
    }
    let secrit = secrets::resolve("secrit", args.secrit, args.secrit_stdin)?;
    let seed = seed(args.seed.seed_hex.as_deref())?;
    let request = ecology::applytoken_request(
        args.base_url.as_deref().unwrap_or_default(),
        args.appid.as_deref().unwrap_or_default(),
        args.spk.spk.as_deref().unwrap_or_default(),
        secrit.expose(),
        &seed,
        args.time_s,
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

fn token_fields(
    body: &[u8],
    received_at_ms: u64,
    lifetime_s: u64,
) -> Result<Map<String, Value>, LineError> {
    let token = jsonl::granted(ecology::parse_token_answer(
        body,
        received_at_ms,
        lifetime_s,
    )?)?;
    Ok(fields([
        ("token", token.token.expose().into()),
        ("message", token.message.into()),
        ("expires_at_ms", token.lifetime.expires_at_ms.into()),
    ]))
}

fn token_answer(args: TokenAnswerArgs) -> Result<(), Failure> {
    let (at, lifetime) = (args.received_at_ms, args.lifetime_s);
    result_out::run(
        args.out,
        |obj| {
            let received = jsonl::opt_u64(obj, "received_at_ms")?.unwrap_or_else(clock::now_ms);
            let lifetime =
                jsonl::opt_u64(obj, "lifetime_s")?.unwrap_or(ecology::DEFAULT_TOKEN_LIFETIME_S);
            token_fields(&jsonl::body(obj)?, received, lifetime)
        },
        || {
            let body = result_out::read_body()?;
            Ok(token_fields(
                &body,
                at.unwrap_or_else(clock::now_ms),
                lifetime,
            )?)
        },
    )
}

fn headers_fields(
    appid: &str,
    token: &str,
    spk: &str,
    userid: &str,
    seed: &[u8; SEED_LEN],
) -> Result<Map<String, Value>, LineError> {
    let headers = ecology::call_headers(appid, token, spk, userid, seed)?;
    Ok(fields([("headers", jsonl::pair_list(&headers))]))
}

fn call_headers(args: CallHeadersArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(|obj| {
            headers_fields(
                jsonl::string(obj, "appid")?,
                jsonl::string(obj, "token")?,
                jsonl::string(obj, "spk")?,
                jsonl::string(obj, "userid")?,
                &line_seed(obj)?,
            )
        });
    }
    let token = args.token.ok_or_else(|| {
        Failure::Usage("no token: give --token or QIANMING_ECOLOGY_TOKEN".to_string())
    })?;
    let seed = seed(args.seed.seed_hex.as_deref())?;
    let headers = ecology::call_headers(
        args.appid.as_deref().unwrap_or_default(),
        &token,
        args.spk.spk.as_deref().unwrap_or_default(),
        args.userid.as_deref().unwrap_or_default(),
        &seed,
    )?;
    result_out::print_headers(&headers, args.out.format);
    Ok(())
}
