//! `qianming token lifetime`: whether to reuse a token, refresh it or log in again, for any
//! of the systems (the core's `token::Lifetime`; the time is passed in or read from the clock).

use crate::common_args::ResultOut;
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{clock, result_out};
use clap::{Args, Subcommand, ValueEnum};
use qianming::token::{self, Lifetime};
use serde_json::{Map, Value};

/// Token subcommands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Whether to reuse a token, refresh it or log in again.
    Lifetime(LifetimeArgs),
}

/// Runs one token subcommand.
pub fn run(command: TokenCommand) -> Result<(), Failure> {
    match command {
        TokenCommand::Lifetime(a) => lifetime(a),
    }
}

/// A system whose token lifetime is documented, instead of --lifetime-ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum System {
    /// Kingdee app-token: 24 hours.
    Kingdee,
    /// Weaver token: 30 minutes.
    Weaver,
    /// IoT edge gateway access token when its JWT says nothing: 2 hours.
    Edge,
}

impl System {
    fn lifetime_ms(self) -> u64 {
        match self {
            System::Kingdee => token::KINGDEE_TOKEN_LIFETIME_MS,
            System::Weaver => token::WEAVER_TOKEN_LIFETIME_MS,
            System::Edge => token::EDGE_ACCESS_LIFETIME_MS,
        }
    }
}

/// `token lifetime`.
#[derive(Debug, Args)]
pub struct LifetimeArgs {
    /// When the token was issued (received), ms since the epoch; with --lifetime-ms or --system.
    #[arg(long, conflicts_with = "exp_s", required_unless_present_any = ["exp_s", "jsonl"],
          requires = "lifetime")]
    pub issued_at_ms: Option<u64>,
    /// How long the token lives, ms.
    #[arg(long, group = "lifetime")]
    pub lifetime_ms: Option<u64>,
    /// The documented lifetime of a system's token.
    #[arg(long, value_enum, group = "lifetime")]
    pub system: Option<System>,
    /// The token's JWT exp claim, seconds since the epoch (instead of --issued-at-ms).
    #[arg(long)]
    pub exp_s: Option<u64>,
    /// The refresh token is good strictly before this instant, ms since the epoch.
    #[arg(long, conflicts_with = "refresh_exp_s")]
    pub refresh_expires_at_ms: Option<u64>,
    /// The refresh token's JWT exp claim, seconds since the epoch.
    #[arg(long)]
    pub refresh_exp_s: Option<u64>,
    /// Now, ms since the epoch (default: the clock).
    #[arg(long)]
    pub now_ms: Option<u64>,
    /// Renew this many ms before expiry.
    #[arg(long, default_value_t = token::DEFAULT_SKEW_MS)]
    pub skew_ms: u64,
    #[command(flatten)]
    pub out: ResultOut,
}

/// The inputs of one decision, as given (each optional until checked).
struct Inputs {
    issued_at_ms: Option<u64>,
    lifetime_ms: Option<u64>,
    exp_s: Option<u64>,
    refresh_expires_at_ms: Option<u64>,
    refresh_exp_s: Option<u64>,
    now_ms: u64,
    skew_ms: u64,
}

fn invalid(message: &str) -> LineError {
    LineError::new(jsonl::INVALID_FIELD, message)
}

fn decide(i: &Inputs) -> Result<Map<String, Value>, LineError> {
    let mut life = match (i.exp_s, i.issued_at_ms, i.lifetime_ms) {
        (Some(exp), None, None) => Lifetime::from_exp_seconds(exp),
        (None, Some(issued), Some(lifetime)) => Lifetime::from_lifetime(issued, lifetime),
        (None, _, _) => {
            return Err(LineError::new(
                jsonl::MISSING_FIELD,
                "give issued_at_ms and lifetime_ms, or exp_s",
            ))
        }
        (Some(_), _, _) => {
            return Err(invalid(
                "give exp_s or issued_at_ms and lifetime_ms, not both",
            ))
        }
    };
    life = match (i.refresh_expires_at_ms, i.refresh_exp_s) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "give refresh_expires_at_ms or refresh_exp_s, not both",
            ))
        }
        (Some(until), None) => life.with_refresh_until(until),
        (None, Some(exp)) => life.with_refresh_exp_seconds(exp),
        (None, None) => life,
    };
    Ok(fields([
        ("action", life.action(i.now_ms, i.skew_ms).name().into()),
        ("expires_at_ms", life.expires_at_ms.into()),
        ("refresh_expires_at_ms", life.refresh_expires_at_ms.into()),
    ]))
}

fn line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    decide(&Inputs {
        issued_at_ms: jsonl::opt_u64(obj, "issued_at_ms")?,
        lifetime_ms: jsonl::opt_u64(obj, "lifetime_ms")?,
        exp_s: jsonl::opt_u64(obj, "exp_s")?,
        refresh_expires_at_ms: jsonl::opt_u64(obj, "refresh_expires_at_ms")?,
        refresh_exp_s: jsonl::opt_u64(obj, "refresh_exp_s")?,
        now_ms: jsonl::opt_u64(obj, "now_ms")?.unwrap_or_else(clock::now_ms),
        skew_ms: jsonl::opt_u64(obj, "skew_ms")?.unwrap_or(token::DEFAULT_SKEW_MS),
    })
}

/// `token lifetime`.
pub fn lifetime(args: LifetimeArgs) -> Result<(), Failure> {
    let inputs = Inputs {
        issued_at_ms: args.issued_at_ms,
        lifetime_ms: args.lifetime_ms.or(args.system.map(System::lifetime_ms)),
        exp_s: args.exp_s,
        refresh_expires_at_ms: args.refresh_expires_at_ms,
        refresh_exp_s: args.refresh_exp_s,
        now_ms: args.now_ms.unwrap_or_else(clock::now_ms),
        skew_ms: args.skew_ms,
    };
    result_out::run(args.out, line, || Ok(decide(&inputs)?))
}
