//! `qianming basic …`.

use crate::common_args::{Jsonl, Password};
use crate::failure::Failure;
use crate::jsonl::{self, fields};
use clap::{Args, Subcommand};
use qianming::basic::{self, AuthorizationMode};

/// Basic subcommands.
#[derive(Debug, Subcommand)]
pub enum BasicCommand {
    /// Base64(user ":" password) and the Authorization header.
    Encode(BasicEncodeArgs),
    /// Parse a received Authorization header.
    Decode(BasicDecodeArgs),
}

/// Runs one basic subcommand.
pub fn run(command: BasicCommand) -> Result<(), Failure> {
    match command {
        BasicCommand::Encode(a) => encode(a),
        BasicCommand::Decode(a) => decode(a),
    }
}

/// `basic encode`.
#[derive(Debug, Args)]
pub struct BasicEncodeArgs {
    /// The user name (must not contain ':').
    #[arg(long, required_unless_present = "jsonl")]
    pub user: Option<String>,
    #[command(flatten)]
    pub password: Password,
    /// Print the bare credentials (raw mode) instead of 'Basic <credentials>'.
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// `basic decode`.
#[derive(Debug, Args)]
pub struct BasicDecodeArgs {
    /// The received Authorization header value, e.g. 'Basic YWRtaW46YWRtaW4xMjM='.
    #[arg(long, required_unless_present = "jsonl")]
    pub authorization: Option<String>,
    #[command(flatten)]
    pub jsonl: Jsonl,
}

/// `basic encode`.
pub fn encode(args: BasicEncodeArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(|obj| {
            let (user, password) = (jsonl::string(obj, "user")?, jsonl::string(obj, "password")?);
            let credentials = basic::credentials(user, password)?;
            let header = basic::authorization_header(user, password, AuthorizationMode::Basic)?;
            let raw = basic::authorization_header(user, password, AuthorizationMode::Raw)?;
            Ok(fields([
                ("credentials", credentials.into()),
                ("authorization", header.into()),
                ("authorization_raw", raw.into()),
            ]))
        });
    }
    let password = args.password.resolve()?;
    let mode = if args.raw {
        AuthorizationMode::Raw
    } else {
        AuthorizationMode::Basic
    };
    let header = basic::authorization_header(
        args.user.as_deref().unwrap_or_default(),
        password.expose(),
        mode,
    )?;
    println!("Authorization: {header}");
    Ok(())
}

/// `basic decode`.
pub fn decode(args: BasicDecodeArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(|obj| {
            let c = basic::parse_authorization(jsonl::string(obj, "authorization")?)?;
            Ok(fields([
                ("user", c.user.as_str().into()),
                ("password", c.password.expose().into()),
            ]))
        });
    }
    let c = basic::parse_authorization(args.authorization.as_deref().unwrap_or_default())?;
    println!("user: {}", c.user);
    println!("password: {}", c.password.expose());
    Ok(())
}
