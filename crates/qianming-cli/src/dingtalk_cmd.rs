//! `qianming dingtalk …`: the custom robot sign (docs/spec/dingtalk.md). DingTalk's encrypted
//! callbacks are `qianming wecom …`.

use crate::common_args::ResultOut;
use crate::failure::Failure;
use crate::jsonl::{self, fields};
use crate::{clock, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::dingtalk::{self, RobotSign};
use serde_json::{Map, Value};

/// DingTalk subcommands.
#[derive(Debug, Subcommand)]
pub enum DingtalkCommand {
    /// sign = Base64(HmacSHA256(secret, timestamp_ms + "\n" + secret)) for a robot webhook.
    RobotSign(RobotSignArgs),
}

/// `dingtalk robot-sign`.
#[derive(Debug, Args)]
pub struct RobotSignArgs {
    /// The robot secret, SEC… (prefer QIANMING_DINGTALK_SECRET or --secret-stdin: flags leak).
    #[arg(long, env = "QIANMING_DINGTALK_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Read the secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// Milliseconds since the epoch (default: now).
    #[arg(long)]
    pub timestamp_ms: Option<u64>,
    #[command(flatten)]
    pub out: ResultOut,
}

fn sign_fields(sign: RobotSign, timestamp_ms: Option<u64>) -> Map<String, Value> {
    let mut out = fields([
        ("sign", sign.sign.into()),
        ("sign_urlencoded", sign.sign_urlencoded.into()),
    ]);
    if let Some(ts) = timestamp_ms {
        out.insert("timestamp_ms".into(), ts.into());
    }
    out
}

/// Runs a `dingtalk` subcommand.
pub fn run(command: DingtalkCommand) -> Result<(), Failure> {
    let DingtalkCommand::RobotSign(args) = command;
    result_out::run(
        args.out,
        |obj| {
            let sign = dingtalk::robot_sign(
                jsonl::string(obj, "secret")?,
                jsonl::u64_field(obj, "timestamp_ms")?,
            )?;
            Ok(sign_fields(sign, None))
        },
        || {
            let secret = secrets::resolve("secret", args.secret, args.secret_stdin)?;
            let ts = args.timestamp_ms.unwrap_or_else(clock::now_ms);
            let sign = dingtalk::robot_sign(secret.expose(), ts)?;
            Ok(sign_fields(sign, Some(ts)))
        },
    )
}
