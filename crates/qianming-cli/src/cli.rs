//! The command line's top level, as clap types: one group per system. Each group's
//! subcommands and their arguments live beside the code that runs them (`<system>_cmd.rs`);
//! option groups several commands share are in `common_args`.

use clap::{Parser, Subcommand};

/// Byte-exact login signatures for Kingdee (金蝶), Weaver (泛微) and Apusic (金蝶天燕).
///
/// Secrets can come from a flag, an environment variable or standard input. Flags leak into
/// shell history and `ps` output: prefer the environment variable or `--…-stdin`.
#[derive(Debug, Parser)]
#[command(name = "qianming", version, about, long_about)]
pub struct Cli {
    /// The system to sign for.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level systems.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kingdee API gateway (auth version 2.0).
    Kingdee {
        /// What to do.
        #[command(subcommand)]
        command: crate::kingdee_cmd::KingdeeCommand,
    },
    /// Weaver archive-integration token sign.
    Weaver {
        /// What to do.
        #[command(subcommand)]
        command: crate::weaver_cmd::WeaverCommand,
    },
    /// HTTP Basic credentials (Apusic management API).
    Basic {
        /// What to do.
        #[command(subcommand)]
        command: crate::basic_cmd::BasicCommand,
    },
    /// Apusic (金蝶天燕) application server management token (port 6848).
    Apusic {
        /// What to do.
        #[command(subcommand)]
        command: crate::apusic_cmd::ApusicCommand,
    },
    /// Apusic unified identity: OAuth 2.0 authorization code.
    Oauth {
        /// What to do.
        #[command(subcommand)]
        command: crate::oauth_cmd::OauthCommand,
    },
    /// IoT edge gateway (port 58081): login, refresh, x-token, JWT claims.
    Edge {
        /// What to do.
        #[command(subcommand)]
        command: crate::edge_cmd::EdgeCommand,
    },
    /// Token lifetimes, for every system: reuse, refresh or log in again.
    Token {
        /// What to do.
        #[command(subcommand)]
        command: crate::token_cmd::TokenCommand,
    },
    /// An offline emulator of the five systems' token endpoints on loopback (docs/spec/emulator.md).
    Emulate(Box<crate::emulate_cmd::EmulateArgs>),
    /// WXBizMsgCrypt callbacks: WeCom, WeChat official accounts, DingTalk (msg_signature, AES).
    Wecom {
        /// What to do.
        #[command(subcommand)]
        command: crate::wecom_cmd::WecomCommand,
    },
    /// DingTalk custom robot sign.
    Dingtalk {
        /// What to do.
        #[command(subcommand)]
        command: crate::dingtalk_cmd::DingtalkCommand,
    },
    /// Feishu / Lark: bot sign, event decrypt, X-Lark-Signature.
    Feishu {
        /// What to do.
        #[command(subcommand)]
        command: crate::feishu_cmd::FeishuCommand,
    },
    /// Yonyou open platform self-built app token (YonBIP, YonSuite).
    Yonyou {
        /// What to do.
        #[command(subcommand)]
        command: crate::yonyou_cmd::YonyouCommand,
    },
    /// Kingdee K3Cloud (金蝶云星空) WebAPI: signed headers, LoginBySign, the session.
    K3cloud {
        /// What to do.
        #[command(subcommand)]
        command: crate::k3cloud_cmd::K3cloudCommand,
    },
    /// Weaver e-cology 9 (泛微 E9) OpenAPI: regist, applytoken (RSA), the call headers.
    Ecology {
        /// What to do.
        #[command(subcommand)]
        command: crate::ecology_cmd::EcologyCommand,
    },
}
