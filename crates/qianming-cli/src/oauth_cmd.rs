//! `qianming oauth …`: Apusic unified identity, OAuth 2.0 authorization code (optional PKCE).

use crate::common_args::{AccessToken, AnswerArgs, ClientSecret, RequestOut, ResultOut};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::{request_out, result_out};
use clap::{Args, Subcommand};
use qianming::oauth;
use serde_json::{Map, Value};

/// OAuth subcommands.
#[derive(Debug, Subcommand)]
pub enum OauthCommand {
    /// The authorize URL to send the user's browser to (optional PKCE S256).
    AuthorizeUrl(AuthorizeUrlArgs),
    /// Parse the callback URL the browser came back with, checking state.
    Callback(CallbackArgs),
    /// Build the token exchange request (POST /oauth2/token).
    TokenRequest(TokenRequestArgs),
    /// Parse the token answer, form-encoded or JSON (the HTTP body on standard input).
    TokenAnswer(AnswerArgs),
    /// Build the user info request (GET /v1.0/oauth2/userinfo).
    UserinfoRequest(UserinfoRequestArgs),
    /// Parse the user info answer (the HTTP body on standard input).
    UserinfoAnswer(AnswerArgs),
}

/// Runs one oauth subcommand.
pub fn run(command: OauthCommand) -> Result<(), Failure> {
    match command {
        OauthCommand::AuthorizeUrl(a) => authorize_url(a),
        OauthCommand::Callback(a) => parse_callback(a),
        OauthCommand::TokenRequest(a) => token_request(a),
        OauthCommand::TokenAnswer(a) => token_answer(a),
        OauthCommand::UserinfoRequest(a) => userinfo_request(a),
        OauthCommand::UserinfoAnswer(a) => userinfo_answer(a),
    }
}

/// `oauth authorize-url`.
#[derive(Debug, Args)]
pub struct AuthorizeUrlArgs {
    /// The SSO server, e.g. http://sso.example.com:9080/api/apusic.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// The client id.
    #[arg(long, required_unless_present = "jsonl")]
    pub client_id: Option<String>,
    /// Where the server sends the browser back (given unencoded).
    #[arg(long, required_unless_present = "jsonl")]
    pub redirect_uri: Option<String>,
    /// Your unguessable state value (check it with `oauth callback --expected-state`).
    #[arg(long)]
    pub state: Option<String>,
    /// A PKCE code verifier (43-128 characters): adds its S256 challenge.
    #[arg(long)]
    pub code_verifier: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

fn authorize(
    base_url: &str,
    client_id: &str,
    redirect_uri: &str,
    state: Option<&str>,
    code_verifier: Option<&str>,
) -> Result<Map<String, Value>, LineError> {
    let url = oauth::authorize_url(base_url, client_id, redirect_uri, state, code_verifier)?;
    let challenge = code_verifier.map(oauth::pkce_challenge).transpose()?;
    Ok(fields([
        ("url", url.into()),
        ("code_challenge", challenge.into()),
    ]))
}

/// `oauth authorize-url`.
pub fn authorize_url(args: AuthorizeUrlArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            authorize(
                jsonl::string(obj, "base_url")?,
                jsonl::string(obj, "client_id")?,
                jsonl::string(obj, "redirect_uri")?,
                jsonl::opt_string(obj, "state")?,
                jsonl::opt_string(obj, "code_verifier")?,
            )
        },
        || {
            Ok(authorize(
                args.base_url.as_deref().unwrap_or_default(),
                args.client_id.as_deref().unwrap_or_default(),
                args.redirect_uri.as_deref().unwrap_or_default(),
                args.state.as_deref(),
                args.code_verifier.as_deref(),
            )?)
        },
    )
}

/// `oauth callback`.
#[derive(Debug, Args)]
pub struct CallbackArgs {
    /// The callback URL the browser arrived with (or its query string).
    #[arg(long, required_unless_present = "jsonl")]
    pub callback: Option<String>,
    /// The state sent in the authorize URL (required, not empty): the callback must carry
    /// the same.
    #[arg(long, required_unless_present = "jsonl")]
    pub expected_state: Option<String>,
    #[command(flatten)]
    pub out: ResultOut,
}

fn callback(url: &str, expected_state: &str) -> Result<Map<String, Value>, LineError> {
    let cb = oauth::parse_callback(url, expected_state)?;
    Ok(fields([
        ("code", cb.code.into()),
        ("state", cb.state.into()),
    ]))
}

/// `oauth callback`.
pub fn parse_callback(args: CallbackArgs) -> Result<(), Failure> {
    result_out::run(
        args.out,
        |obj| {
            callback(
                jsonl::string(obj, "callback")?,
                jsonl::string(obj, "expected_state")?,
            )
        },
        || {
            Ok(callback(
                args.callback.as_deref().unwrap_or_default(),
                args.expected_state.as_deref().unwrap_or_default(),
            )?)
        },
    )
}

/// `oauth token-request`.
#[derive(Debug, Args)]
pub struct TokenRequestArgs {
    /// The SSO server, e.g. http://sso.example.com:9080/api/apusic.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    /// The client id.
    #[arg(long, required_unless_present = "jsonl")]
    pub client_id: Option<String>,
    #[command(flatten)]
    pub client_secret: ClientSecret,
    /// The redirect URI of the authorize URL (given unencoded).
    #[arg(long, required_unless_present = "jsonl")]
    pub redirect_uri: Option<String>,
    /// The authorization code from the callback.
    #[arg(long, required_unless_present = "jsonl")]
    pub code: Option<String>,
    /// The PKCE code verifier, if the authorize URL carried its challenge.
    #[arg(long)]
    pub code_verifier: Option<String>,
    #[command(flatten)]
    pub out: RequestOut,
}

fn token_line(obj: &Map<String, Value>) -> Result<Map<String, Value>, LineError> {
    let request = oauth::token_request(
        jsonl::string(obj, "base_url")?,
        jsonl::string(obj, "client_id")?,
        jsonl::string(obj, "client_secret")?,
        jsonl::string(obj, "redirect_uri")?,
        jsonl::string(obj, "code")?,
        jsonl::opt_string(obj, "code_verifier")?,
    )?;
    Ok(request_out::line(&request, Map::new()))
}

/// `oauth token-request`.
pub fn token_request(args: TokenRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(token_line);
    }
    let secret = args.client_secret.resolve()?;
    let request = oauth::token_request(
        args.base_url.as_deref().unwrap_or_default(),
        args.client_id.as_deref().unwrap_or_default(),
        secret.expose(),
        args.redirect_uri.as_deref().unwrap_or_default(),
        args.code.as_deref().unwrap_or_default(),
        args.code_verifier.as_deref(),
    )?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

/// `oauth token-answer`.
pub fn token_answer(args: AnswerArgs) -> Result<(), Failure> {
    result_out::answer(args, |body| {
        let token = oauth::parse_token_answer(body)?;
        Ok(fields([
            ("access_token", token.access_token.expose().into()),
            ("expires", token.expires.into()),
        ]))
    })
}

/// `oauth userinfo-request`.
#[derive(Debug, Args)]
pub struct UserinfoRequestArgs {
    /// The SSO server, e.g. http://sso.example.com:9080/api/apusic.
    #[arg(long, required_unless_present = "jsonl")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub access_token: AccessToken,
    #[command(flatten)]
    pub out: RequestOut,
}

/// `oauth userinfo-request`.
pub fn userinfo_request(args: UserinfoRequestArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        return jsonl::run(|obj| {
            let request = oauth::userinfo_request(
                jsonl::string(obj, "base_url")?,
                jsonl::string(obj, "access_token")?,
            )?;
            Ok(request_out::line(&request, Map::new()))
        });
    }
    let token = args.access_token.resolve()?;
    let request =
        oauth::userinfo_request(args.base_url.as_deref().unwrap_or_default(), token.expose())?;
    request_out::print(&request, args.out.format, Map::new());
    Ok(())
}

/// `oauth userinfo-answer`.
pub fn userinfo_answer(args: AnswerArgs) -> Result<(), Failure> {
    result_out::answer(args, |body| {
        let user = oauth::parse_userinfo_answer(body)?;
        Ok(fields([
            ("id", user.id.into()),
            ("attributes", jsonl::pair_list(&user.attributes)),
        ]))
    })
}
