//! `qianming edge …`: the IoT edge gateway's login and refresh requests, their answer, the
//! x-token header and the JWT claims reader.

use crate::common_args::{AccessToken, AnswerArgs, Password, RequestOut, ResultFormat, ResultOut};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{request_out, result_out, secrets};
use clap::{Args, Subcommand};
use qianming::edge;
use serde_json::{Map, Value};

/// IoT edge gateway subcommands.
#[derive(Debug, Subcommand)]
pub enum EdgeCommand {
    /// Build the login request (POST /v1.0/openapi/auth/login, JSON body).
    LoginRequest(LoginRequestArgs),
    /// Build the refresh request (POST /v1.0/openapi/token/<refresh token>).
    RefreshRequest(RefreshRequestArgs),
    /// Parse a login or refresh answer (the HTTP body on standard input).
    TokenAnswer(AnswerArgs),
    /// The x-token header for every other call.
    XToken(XTokenArgs),
    /// Read exp, iat, nbf and iss from a JWT (the signature is not checked).
    Jwt(JwtArgs),
}

/// Runs one edge subcommand.
pub fn run(command: EdgeCommand) -> Result<(), Failure> {
    match command {
        EdgeCommand::LoginRequest(a) => login_request(a),
        EdgeCommand::RefreshRequest(a) => refresh_request(a),
        EdgeCommand::TokenAnswer(a) => token_answer(a),
        EdgeCommand::XToken(a) => x_token_header(a),
        EdgeCommand::Jwt(a) => jwt(a),
    }
}

/// `edge login-request`.
#[derive(Debug, Args)]
pub struct LoginRequestArgs {
    /// The gateway, e.g. http://127.0.0.1:58081.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// The user name.
    #[arg(long, required_unless_present = "jsonl")]
    pub username: Option<String>,
    #[command(flatten)]
    pub password: Password,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `edge login-request`.
pub fn login_request(args: LoginRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(|obj| {
            let request = edge::login_request(
                jsonl::string(obj, "base_url")?,
                jsonl::string(obj, "username")?,
                jsonl::string(obj, "password")?,
            )?;
            Ok(request_out::line(&request, Map::new()))
        });
    }
    let password = args.password.resolve()?;
    let request = edge::login_request(
        args.base_url.as_deref().unwrap_or_default(),
        args.username.as_deref().unwrap_or_default(),
        password.expose(),
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

/// `edge refresh-request`.
#[derive(Debug, Args)]
pub struct RefreshRequestArgs {
    /// The gateway, e.g. http://127.0.0.1:58081.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// The refresh token (prefer QIANMING_REFRESH_TOKEN or --refresh-token-stdin: flags leak).
    #[arg(long, env = "QIANMING_REFRESH_TOKEN", hide_env_values = true)]
    pub refresh_token: Option<String>,
    /// Read the refresh token from the first line of standard input.
    #[arg(long)]
    pub refresh_token_stdin: bool,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `edge refresh-request`.
pub fn refresh_request(args: RefreshRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(|obj| {
            let request = edge::refresh_request(
                jsonl::string(obj, "base_url")?,
                jsonl::string(obj, "refresh_token")?,
            )?;
            Ok(request_out::line(&request, Map::new()))
        });
    }
    let token = secrets::resolve(
        "refresh-token",
        args.refresh_token,
        args.refresh_token_stdin,
    )?;
    let request =
        edge::refresh_request(args.base_url.as_deref().unwrap_or_default(), token.expose())?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

/// `edge token-answer`.
pub fn token_answer(args: AnswerArgs) -> Result<(), Failure> {
    result_out::answer(args, |body| {
        let token = jsonl::granted(edge::parse_token_answer(body)?)?;
        let refresh = token.refresh_token.as_ref().map(|r| r.expose().to_string());
        Ok(fields([
            ("access_token", token.access_token.expose().into()),
            ("refresh_token", refresh.into()),
            ("expire", token.expire.into()),
            ("t", token.t.into()),
            ("code", token.code.into()),
            ("expires_at_ms", token.lifetime.expires_at_ms.into()),
            (
                "refresh_expires_at_ms",
                token.lifetime.refresh_expires_at_ms.into(),
            ),
        ]))
    })
}

/// `edge x-token`.
#[derive(Debug, Args)]
pub struct XTokenArgs {
    #[command(flatten)]
    pub access_token: AccessToken,
    #[command(flatten)]
    pub out: ResultOut,
}

fn x_token(access_token: &str) -> Result<Map<String, Value>, LineError> {
    let (name, value) = edge::x_token_header(access_token)?;
    Ok(fields([("name", name.into()), ("value", value.into())]))
}

/// `edge x-token`: the `x-token: …` line (or JSON).
pub fn x_token_header(args: XTokenArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(|obj| x_token(jsonl::string(obj, "access_token")?));
    }
    let token = args.access_token.resolve()?;
    match args.out.format {
        ResultFormat::Json => result_out::print_json(x_token(token.expose())?),
        ResultFormat::Text => {
            let (name, value) = edge::x_token_header(token.expose())?;
            println!("{name}: {value}");
        }
    }
    Ok(())
}

/// `edge jwt`.
#[derive(Debug, Args)]
pub struct JwtArgs {
    /// The JWT (prefer QIANMING_JWT or --jwt-stdin: flags leak).
    #[arg(long, env = "QIANMING_JWT", hide_env_values = true)]
    pub jwt: Option<String>,
    /// Read the JWT from the first line of standard input.
    #[arg(long)]
    pub jwt_stdin: bool,
    #[command(flatten)]
    pub out: ResultOut,
}

fn claims(jwt: &str) -> Result<Map<String, Value>, LineError> {
    let c = edge::read_jwt_claims(jwt)?;
    Ok(fields([
        ("exp", c.exp.into()),
        ("iat", c.iat.into()),
        ("nbf", c.nbf.into()),
        ("iss", c.iss.into()),
        ("payload_json", c.payload_json.into()),
    ]))
}

/// `edge jwt`.
pub fn jwt(args: JwtArgs) -> Result<(), Failure> {
    let (flag, stdin) = (args.jwt, args.jwt_stdin);
    result_out::run(
        args.out,
        |obj| claims(jsonl::string(obj, "jwt")?),
        || Ok(claims(secrets::resolve("jwt", flag, stdin)?.expose())?),
    )
}
