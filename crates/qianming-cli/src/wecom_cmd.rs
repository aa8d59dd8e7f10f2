//! `qianming wecom …`: the WXBizMsgCrypt callbacks of WeCom, WeChat official accounts and
//! DingTalk (docs/spec/wecom.md).

use crate::common_args::ResultOut;
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::wecom::{self, MsgCrypt};
use serde_json::{Map, Value};

/// WeCom subcommands.
#[derive(Debug, Subcommand)]
pub enum WecomCommand {
    /// msg_signature = hex SHA-1 of the sorted token, timestamp, nonce and encrypt.
    Signature(SignatureArgs),
    /// Decrypt a callback's encrypt (or a URL check's echostr), checking the receive id.
    Decrypt(DecryptArgs),
    /// Encrypt a passive reply and sign it.
    Encrypt(EncryptArgs),
}

/// `--token`, `QIANMING_WECOM_TOKEN` or `--token-stdin`.
#[derive(Debug, Args)]
pub struct Token {
    /// The callback Token (prefer QIANMING_WECOM_TOKEN or --token-stdin: flags leak).
    #[arg(long, env = "QIANMING_WECOM_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Read the Token from the next line of standard input.
    #[arg(long)]
    pub token_stdin: bool,
}

/// `--encoding-aes-key`, `QIANMING_ENCODING_AES_KEY` or `--encoding-aes-key-stdin`.
#[derive(Debug, Args)]
pub struct AesKey {
    /// The 43-character EncodingAESKey (prefer QIANMING_ENCODING_AES_KEY or the -stdin flag).
    #[arg(long, env = "QIANMING_ENCODING_AES_KEY", hide_env_values = true)]
    pub encoding_aes_key: Option<String>,
    /// Read the EncodingAESKey from the next line of standard input.
    #[arg(long)]
    pub encoding_aes_key_stdin: bool,
}

/// `wecom signature`.
#[derive(Debug, Args)]
pub struct SignatureArgs {
    #[command(flatten)]
    pub token: Token,
    /// The timestamp query parameter (seconds).
    #[arg(long, required_unless_present = "jsonl")]
    pub timestamp: Option<String>,
    /// The nonce query parameter.
    #[arg(long, required_unless_present = "jsonl")]
    pub nonce: Option<String>,
    /// The encrypt text (or the echostr of a URL check), URL-decoded.
    #[arg(long, required_unless_present = "jsonl")]
    pub encrypt: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `wecom decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    #[command(flatten)]
    pub key: AesKey,
    /// The receive id: corp id, app id or suite id (empty for personal third-party apps).
    #[arg(long, required_unless_present = "jsonl")]
    pub receive_id: Option<String>,
    /// The encrypt text (or the echostr of a URL check), URL-decoded.
    #[arg(long, required_unless_present = "jsonl")]
    pub encrypt: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `wecom encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    #[command(flatten)]
    pub key: AesKey,
    #[command(flatten)]
    pub token: Token,
    /// The receive id: corp id, app id or suite id.
    #[arg(long, required_unless_present = "jsonl")]
    pub receive_id: Option<String>,
    /// The reply (usually XML) to encrypt.
    #[arg(long, required_unless_present = "jsonl")]
    pub message: Option<String>,
    /// The 16 random prefix bytes as 32 hex digits (default: fresh random bytes).
    #[arg(long)]
    pub random_hex: Option<String>,
    /// Seconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp: Option<String>,
    /// The nonce (default: ten random digits).
    #[arg(long)]
    pub nonce: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

/// Runs a `wecom` subcommand.
pub fn run(command: WecomCommand) -> Result<(), Failure> {
    match command {
        WecomCommand::Signature(a) => signature(a),
        WecomCommand::Decrypt(a) => decrypt(a),
        WecomCommand::Encrypt(a) => encrypt(a),
    }
}

fn signature(args: SignatureArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            let signature = wecom::msg_signature(
                jsonl::string(obj, "token")?,
                jsonl::string(obj, "timestamp")?,
                jsonl::string(obj, "nonce")?,
                jsonl::string(obj, "encrypt")?,
            )?;
            Ok(fields([("signature", signature.into())]))
        },
        || {
            let token = secrets::resolve("token", args.token.token, args.token.token_stdin)?;
            let signature = wecom::msg_signature(
                token.expose(),
                args.timestamp.as_deref().unwrap_or_default(),
                args.nonce.as_deref().unwrap_or_default(),
                args.encrypt.as_deref().unwrap_or_default(),
            )?;
            Ok(fields([("signature", signature.into())]))
        },
    )
}

fn decrypt(args: DecryptArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            let crypt = MsgCrypt::new(jsonl::string(obj, "encoding_aes_key")?)?;
            let message = crypt.decrypt(
                jsonl::string(obj, "encrypt")?,
                jsonl::string(obj, "receive_id")?,
            )?;
            Ok(fields([("message", message.into())]))
        },
        || {
            let key = secrets::resolve(
                "encoding-aes-key",
                args.key.encoding_aes_key,
                args.key.encoding_aes_key_stdin,
            )?;
            let message = MsgCrypt::new(key.expose())?.decrypt(
                args.encrypt.as_deref().unwrap_or_default(),
                args.receive_id.as_deref().unwrap_or_default(),
            )?;
            Ok(fields([("message", message.into())]))
        },
    )
}

fn reply_fields(reply: wecom::EncryptedReply) -> Map<String, Value> {
    fields([
        ("encrypt", reply.encrypt.into()),
        ("signature", reply.signature.into()),
    ])
}

fn encrypt_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let random = wecom::random_from_hex(jsonl::string(obj, "random_hex")?)?;
    let reply = wecom::encrypt_reply(
        jsonl::string(obj, "encoding_aes_key")?,
        jsonl::string(obj, "receive_id")?,
        jsonl::string(obj, "message")?,
        &random,
        jsonl::string(obj, "token")?,
        jsonl::string(obj, "timestamp")?,
        jsonl::string(obj, "nonce")?,
    )?;
    Ok(reply_fields(reply))
}

fn encrypt(args: EncryptArgs) -> Result<(), Failure> {
    result_out::run(args.out, encrypt_line, || {
        let key = secrets::resolve(
            "encoding-aes-key",
            args.key.encoding_aes_key,
            args.key.encoding_aes_key_stdin,
        )?;
        let token = secrets::resolve("token", args.token.token, args.token.token_stdin)?;
        let random = match args.random_hex {
            Some(hex) => wecom::random_from_hex(&hex)?,
            None => {
                let mut bytes = [0u8; wecom::RANDOM_LEN];
                getrandom::getrandom(&mut bytes)
                    .map_err(|e| Failure::Usage(format!("no random bytes: {e}")))?;
                bytes
            }
        };
        let timestamp = args
            .timestamp
            .unwrap_or_else(|| (clock::now_ms() / 1000).to_string());
        let nonce = match args.nonce {
            Some(n) => n,
            None => clock::random_nonce()
                .map_err(|e| Failure::Usage(format!("no random nonce: {e}")))?,
        };
        let reply = wecom::encrypt_reply(
            key.expose(),
            args.receive_id.as_deref().unwrap_or_default(),
            args.message.as_deref().unwrap_or_default(),
            &random,
            token.expose(),
            &timestamp,
            &nonce,
        )?;
        let mut out = reply_fields(reply);
        out.insert("timestamp".into(), timestamp.into());
        out.insert("nonce".into(), nonce.into());
        Ok(out)
    })
}
