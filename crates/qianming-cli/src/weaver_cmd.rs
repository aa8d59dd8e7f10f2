//! `qianming weaver …`.

use crate::common_args::{Jsonl, TimedAnswerArgs, WeaverCredentials};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::verifier_pool::VerifierPool;
use crate::{clock, render, secrets};
use clap::{Args, Subcommand};
use qianming::weaver::{self, Verifier};
use qianming::Secret;
use serde_json::{Map, Value};

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

/// Runs one weaver subcommand.
pub fn run(command: WeaverCommand) -> Result<(), Failure> {
    match command {
        WeaverCommand::Sign(a) => sign(a),
        WeaverCommand::Verify(a) => verify(a),
        WeaverCommand::Doctor(a) => crate::doctor_cmd::weaver(a),
        WeaverCommand::TokenRequest(a) => crate::weaver_token_cmd::token_request(a),
        WeaverCommand::TokenAnswer(a) => crate::weaver_token_cmd::token_answer(a),
    }
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

/// The secret and AES key, resolved from flags, environment or stdin (in that line order).
fn resolve(c: WeaverCredentials) -> Result<(String, Secret, Secret), Failure> {
    let secret = secrets::resolve("secret", c.secret, c.secret_stdin)?;
    let key = secrets::resolve("aes-key", c.aes_key, c.aes_key_stdin)?;
    Ok((c.appid.unwrap_or_default(), secret, key))
}

/// `weaver sign`.
pub fn sign(args: WeaverSignArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(|obj| {
            let out = weaver::explain(
                jsonl::string(obj, "appid")?,
                jsonl::string(obj, "secret")?,
                jsonl::string(obj, "aes_key")?,
                jsonl::u64_field(obj, "timestamp_ms")?,
            )?;
            Ok(fields([
                ("md5_upper", out.md5_upper.into()),
                ("plaintext", out.plaintext.into()),
                ("sign", out.sign.into()),
            ]))
        });
    }
    let (appid, secret, key) = resolve(args.credentials)?;
    let ts = args.timestamp_ms.unwrap_or_else(clock::now_ms);
    let out = weaver::explain(&appid, secret.expose(), key.expose(), ts)?;
    if args.explain {
        print!("{}", render::labelled("MD5 (upper hex)", &out.md5_upper));
        print!("{}", render::labelled("plaintext", &out.plaintext));
        print!("{}", render::labelled("sign", &out.sign));
    } else {
        println!("{}", out.sign);
    }
    Ok(())
}

/// One `weaver verify --jsonl` line, judged by the run's verifier of its credential set.
fn verify_line(
    verifiers: &mut VerifierPool<Verifier>,
    obj: &Map<String, Value>,
) -> Result<Map<String, Value>, LineError> {
    let appid = jsonl::string(obj, "appid")?;
    let secret = jsonl::string(obj, "secret")?;
    let key = jsonl::string(obj, "aes_key")?;
    let window = jsonl::opt_u64(obj, "window_ms")?;
    let sign = jsonl::string(obj, "sign")?;
    let now = jsonl::u64_field(obj, "now_ms")?;
    let window_text = format!("{window:?}");
    let verifier = verifiers.get(&[appid, secret, key, &window_text], || {
        let v = Verifier::new(appid, secret, key)?;
        Ok(match window {
            Some(w) => v.with_window_ms(w),
            None => v,
        })
    })?;
    let verified = verifier.verify(sign, now)?;
    Ok(fields([("timestamp_ms", verified.timestamp_ms.into())]))
}

/// `weaver verify`.
pub fn verify(args: WeaverVerifyArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        let mut verifiers = VerifierPool::default();
        return jsonl::run(|obj| verify_line(&mut verifiers, obj));
    }
    let (appid, secret, key) = resolve(args.credentials)?;
    let mut verifier =
        Verifier::new(&appid, secret.expose(), key.expose())?.with_window_ms(args.window_ms);
    let now = args.now_ms.unwrap_or_else(clock::now_ms);
    let verified = verifier.verify(args.sign.as_deref().unwrap_or_default(), now)?;
    let age = i128::from(now) - i128::from(verified.timestamp_ms);
    println!(
        "verified: timestamp {} ms (age {age} ms)",
        verified.timestamp_ms
    );
    Ok(())
}
