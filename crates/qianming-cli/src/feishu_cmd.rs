//! `qianming feishu …`: the custom bot sign, event decryption and the `X-Lark-Signature`
//! check (docs/spec/feishu.md).

use crate::common_args::ResultOut;
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::feishu;
use serde_json::{Map, Value};

/// Feishu subcommands.
#[derive(Debug, Subcommand)]
pub enum FeishuCommand {
    /// sign = Base64(HmacSHA256(key = timestamp + "\n" + secret, empty message)) for a bot.
    BotSign(BotSignArgs),
    /// Decrypt an event's encrypt with the app's Encrypt Key.
    Decrypt(DecryptArgs),
    /// X-Lark-Signature = hex SHA-256(timestamp + nonce + Encrypt Key + body); the body is
    /// read from standard input. With --signature: check a received one.
    EventSignature(EventSignatureArgs),
}

/// `--encrypt-key`, `QIANMING_FEISHU_ENCRYPT_KEY` or `--encrypt-key-stdin`.
#[derive(Debug, Args)]
pub struct EncryptKey {
    /// The app's Encrypt Key (prefer QIANMING_FEISHU_ENCRYPT_KEY or --encrypt-key-stdin).
    #[arg(long, env = "QIANMING_FEISHU_ENCRYPT_KEY", hide_env_values = true)]
    pub encrypt_key: Option<String>,
    /// Read the Encrypt Key from the first line of standard input.
    #[arg(long)]
    pub encrypt_key_stdin: bool,
}

/// `feishu bot-sign`.
#[derive(Debug, Args)]
pub struct BotSignArgs {
    /// The bot secret (prefer QIANMING_FEISHU_SECRET or --secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_FEISHU_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Read the secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// Seconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp: Option<u64>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `feishu decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    #[command(flatten)]
    pub key: EncryptKey,
    /// The event's `encrypt` value.
    #[arg(long, required_unless_present = "jsonl")]
    pub encrypt: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `feishu event-signature`.
#[derive(Debug, Args)]
pub struct EventSignatureArgs {
    #[command(flatten)]
    pub key: EncryptKey,
    /// The X-Lark-Request-Timestamp header value.
    #[arg(long, required_unless_present = "jsonl")]
    pub timestamp: Option<String>,
    /// The X-Lark-Request-Nonce header value.
    #[arg(long, required_unless_present = "jsonl")]
    pub nonce: Option<String>,
    /// A received X-Lark-Signature to check (refused as signature_mismatch unless equal).
    #[arg(long)]
    pub signature: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// Runs a `feishu` subcommand.
pub fn run(command: FeishuCommand) -> Result<(), Failure> {
    match command {
        FeishuCommand::BotSign(a) => bot_sign(a),
        FeishuCommand::Decrypt(a) => decrypt(a),
        FeishuCommand::EventSignature(a) => event_signature(a),
    }
}

fn bot_sign(args: BotSignArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            let sign = feishu::bot_sign(
                jsonl::string(obj, "secret")?,
                jsonl::u64_field(obj, "timestamp")?,
            )?;
            Ok(fields([("sign", sign.into())]))
        },
        || {
            let secret = secrets::resolve("secret", args.secret, args.secret_stdin)?;
            let ts = args.timestamp.unwrap_or_else(|| clock::now_ms() / 1000);
            let sign = feishu::bot_sign(secret.expose(), ts)?;
            Ok(fields([("sign", sign.into()), ("timestamp", ts.into())]))
        },
    )
}

fn decrypt(args: DecryptArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            let plaintext = feishu::decrypt(
                jsonl::string(obj, "encrypt_key")?,
                jsonl::string(obj, "encrypt")?,
            )?;
            Ok(fields([("plaintext", plaintext.into())]))
        },
        || {
            let key = secrets::resolve(
                "encrypt-key",
                args.key.encrypt_key,
                args.key.encrypt_key_stdin,
            )?;
            let plaintext =
                feishu::decrypt(key.expose(), args.encrypt.as_deref().unwrap_or_default())?;
            Ok(fields([("plaintext", plaintext.into())]))
        },
    )
}

/// The signature, checked against `received` when one is given.
fn signature_fields(
    timestamp: &str,
    nonce: &str,
    key: &str,
    body: &[u8],
    received: Option<&str>,
) -> Result<Map<String, Value>, qianming::Error> {
    if let Some(received) = received {
        feishu::verify_event_signature(timestamp, nonce, key, body, received)?;
    }
    let signature = feishu::event_signature(timestamp, nonce, key, body)?;
    Ok(fields([("signature", signature.into())]))
}

fn event_signature(args: EventSignatureArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| -> Result<Map<String, Value>, LineError> {
            Ok(signature_fields(
                jsonl::string(obj, "timestamp")?,
                jsonl::string(obj, "nonce")?,
                jsonl::string(obj, "encrypt_key")?,
                &jsonl::body(obj)?,
                jsonl::opt_string(obj, "signature")?,
            )?)
        },
        || {
            let key = secrets::resolve(
                "encrypt-key",
                args.key.encrypt_key,
                args.key.encrypt_key_stdin,
            )?;
            let body = result_out::read_body()?;
            Ok(signature_fields(
                args.timestamp.as_deref().unwrap_or_default(),
                args.nonce.as_deref().unwrap_or_default(),
                key.expose(),
                &body,
                args.signature.as_deref(),
            )?)
        },
    )
}
