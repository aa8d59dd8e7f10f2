//! `qianming`: Kingdee, Weaver and Basic-auth signatures from the shell.
//!
//! Human-readable output by default, `--explain` for every intermediate, and `--jsonl` on every
//! subcommand for tools: one JSON object per input line, one per output line, in order.
//! Exit codes: 0 success, 1 refused input, 2 usage.

mod args;
mod basic_cmd;
mod clock;
mod jsonl;
mod kingdee_cmd;
mod render;
mod secrets;
mod weaver_cmd;

use args::{BasicCommand, Cli, Command, KingdeeCommand, WeaverCommand};
use clap::Parser;
use std::process::ExitCode;

/// What a subcommand can fail with.
#[derive(Debug)]
pub enum Failure {
    /// The core refused the input: exit code 1.
    Refused(qianming::Error),
    /// The command line is unusable (missing secret, unreadable stdin): exit code 2.
    Usage(String),
}

impl From<qianming::Error> for Failure {
    fn from(error: qianming::Error) -> Self {
        Failure::Refused(error)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Kingdee { command } => match command {
            KingdeeCommand::AppSignature(a) => kingdee_cmd::app_signature(a),
            KingdeeCommand::Sign(a) => kingdee_cmd::sign(*a),
            KingdeeCommand::Verify(a) => kingdee_cmd::verify(*a),
        },
        Command::Weaver { command } => match command {
            WeaverCommand::Sign(a) => weaver_cmd::sign(a),
            WeaverCommand::Verify(a) => weaver_cmd::verify(a),
        },
        Command::Basic { command } => match command {
            BasicCommand::Encode(a) => basic_cmd::encode(a),
            BasicCommand::Decode(a) => basic_cmd::decode(a),
        },
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Refused(error)) => {
            eprintln!("qianming: refused ({}): {}", error.kind().name(), error);
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("qianming: {message}");
            ExitCode::from(2)
        }
    }
}
