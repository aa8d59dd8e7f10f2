//! `qianming`: Kingdee, Weaver and Basic-auth signatures from the shell, and the token requests
//! and answers of Kingdee, Weaver, Apusic, Apusic OAuth and the IoT edge gateway.
//!
//! Human-readable output by default, `--explain` for every intermediate, and `--jsonl` on every
//! subcommand for tools: one JSON object per input line, one per output line, in order.
//! Request builders print the request to send; answer parsers read the HTTP body from stdin.
//! Exit codes: 0 success, 1 refused input, 2 usage.

// The doc comments of the clap types are the command's `--help` text, written for a
// terminal (`<host>`, bare URLs), not rustdoc markup.
#![allow(
    rustdoc::invalid_html_tags,
    rustdoc::bare_urls,
    rustdoc::broken_intra_doc_links
)]

mod apusic_cmd;
mod basic_cmd;
mod cli;
mod clock;
mod common_args;
mod dingtalk_cmd;
mod doctor_cmd;
mod ecology_cmd;
mod edge_cmd;
mod emulate_cmd;
mod failure;
mod feishu_cmd;
mod jsonl;
mod k3cloud_cmd;
mod kingdee_cmd;
mod kingdee_token_cmd;
mod oauth_cmd;
mod render;
mod request_out;
mod result_out;
mod secrets;
mod token_cmd;
mod verifier_pool;
mod weaver_cmd;
mod weaver_token_cmd;
mod wecom_cmd;
mod yonyou_cmd;

use clap::Parser;
use cli::{Cli, Command};
use failure::Failure;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Kingdee { command } => kingdee_cmd::run(command),
        Command::Weaver { command } => weaver_cmd::run(command),
        Command::Basic { command } => basic_cmd::run(command),
        Command::Apusic { command } => apusic_cmd::run(command),
        Command::Oauth { command } => oauth_cmd::run(command),
        Command::Edge { command } => edge_cmd::run(command),
        Command::Token { command } => token_cmd::run(command),
        Command::Emulate(a) => emulate_cmd::emulate(*a),
        Command::Wecom { command } => wecom_cmd::run(command),
        Command::Dingtalk { command } => dingtalk_cmd::run(command),
        Command::Feishu { command } => feishu_cmd::run(command),
        Command::Yonyou { command } => yonyou_cmd::run(command),
        Command::K3cloud { command } => k3cloud_cmd::run(command),
        Command::Ecology { command } => ecology_cmd::run(command),
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
