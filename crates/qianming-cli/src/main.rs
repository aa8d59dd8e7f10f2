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
mod args;
mod basic_cmd;
mod clock;
mod dingtalk_cmd;
mod doctor_cmd;
mod edge_cmd;
mod emulate_cmd;
mod feishu_cmd;
mod jsonl;
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

use args::{
    ApusicCommand, BasicCommand, Cli, Command, EdgeCommand, KingdeeCommand, OauthCommand,
    TokenCommand, WeaverCommand,
};
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
            KingdeeCommand::Doctor(a) => doctor_cmd::kingdee(*a),
            KingdeeCommand::TokenRequest(a) => kingdee_token_cmd::token_request(*a),
            KingdeeCommand::TokenAnswer(a) => kingdee_token_cmd::token_answer(a),
        },
        Command::Weaver { command } => match command {
            WeaverCommand::Sign(a) => weaver_cmd::sign(a),
            WeaverCommand::Verify(a) => weaver_cmd::verify(a),
            WeaverCommand::Doctor(a) => doctor_cmd::weaver(a),
            WeaverCommand::TokenRequest(a) => weaver_token_cmd::token_request(a),
            WeaverCommand::TokenAnswer(a) => weaver_token_cmd::token_answer(a),
        },
        Command::Basic { command } => match command {
            BasicCommand::Encode(a) => basic_cmd::encode(a),
            BasicCommand::Decode(a) => basic_cmd::decode(a),
        },
        Command::Apusic { command } => match command {
            ApusicCommand::SessionRequest(a) => apusic_cmd::session_request(a),
            ApusicCommand::SessionAnswer(a) => apusic_cmd::session_answer(a),
            ApusicCommand::CallHeaders(a) => apusic_cmd::call_headers(a),
        },
        Command::Oauth { command } => match command {
            OauthCommand::AuthorizeUrl(a) => oauth_cmd::authorize_url(a),
            OauthCommand::Callback(a) => oauth_cmd::parse_callback(a),
            OauthCommand::TokenRequest(a) => oauth_cmd::token_request(a),
            OauthCommand::TokenAnswer(a) => oauth_cmd::token_answer(a),
            OauthCommand::UserinfoRequest(a) => oauth_cmd::userinfo_request(a),
            OauthCommand::UserinfoAnswer(a) => oauth_cmd::userinfo_answer(a),
        },
        Command::Edge { command } => match command {
            EdgeCommand::LoginRequest(a) => edge_cmd::login_request(a),
            EdgeCommand::RefreshRequest(a) => edge_cmd::refresh_request(a),
            EdgeCommand::TokenAnswer(a) => edge_cmd::token_answer(a),
            EdgeCommand::XToken(a) => edge_cmd::x_token_header(a),
            EdgeCommand::Jwt(a) => edge_cmd::jwt(a),
        },
        Command::Token { command } => match command {
            TokenCommand::Lifetime(a) => token_cmd::lifetime(a),
        },
        Command::Emulate(a) => emulate_cmd::emulate(*a),
        Command::Wecom { command } => wecom_cmd::run(command),
        Command::Dingtalk { command } => dingtalk_cmd::run(command),
        Command::Feishu { command } => feishu_cmd::run(command),
        Command::Yonyou { command } => yonyou_cmd::run(command),
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
