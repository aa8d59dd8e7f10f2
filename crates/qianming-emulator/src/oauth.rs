//! The Apusic unified identity's OAuth 2.0 authorization code flow: authorize (redirect with
//! code and state), token exchange (PKCE checked), user info (seed 003;
//! docs/spec/emulator.md#oauth).

use crate::reply::Reply;
use crate::state::{lock, OauthCode, Shared, Unusable};
use axum::body::Bytes;
use axum::extract::State as Ext;
use axum::http::Uri;
use qianming::kingdee::parse_query;
use qianming::oauth::EXPIRED_ACCESS_TOKEN;
use qianming::server::oauth::{
    check_pkce, error_answer, redirect_with_code, redirect_with_error, token_answer,
    userinfo_answer,
};
use qianming::{constant_time_eq, ErrorKind};

/// How long an authorization code may wait for its exchange.
const CODE_LIFETIME_MS: u64 = 10 * 60 * 1000;

/// The form-decoded pairs of the query and (for a POST) the form body.
fn params(uri: &Uri, body: &[u8]) -> Result<Vec<(String, String)>, ErrorKind> {
    let mut pairs = parse_query(uri.query().unwrap_or_default()).map_err(|e| e.kind())?;
    if !body.is_empty() {
        let body = std::str::from_utf8(body).map_err(|_| ErrorKind::InvalidUnicode)?;
        pairs.extend(parse_query(body).map_err(|e| e.kind())?);
    }
    Ok(pairs)
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn refuse(status: u16, error: &str, kind: ErrorKind) -> Reply {
    Reply::json(status, error_answer(error)).error(kind)
}

/// `GET /oauth2/authorize?client_id=…&redirect_uri=…&response_type=code[&state=…][&code_challenge=…&code_challenge_method=S256]`:
/// logs the first `--apusic-user` in at once and redirects back with a code.
pub async fn authorize(Ext(shared): Ext<Shared>, uri: Uri) -> Reply {
    let pairs = match params(&uri, b"") {
        Ok(p) => p,
        Err(kind) => return refuse(400, "invalid_request", kind),
    };
    let mut state = lock(&shared);
    let client_id = get(&pairs, "client_id").unwrap_or_default();
    let Some(client) = state
        .config
        .oauth_clients
        .iter()
        .find(|c| c.id == client_id)
    else {
        return refuse(400, "invalid_client", ErrorKind::OauthError);
    };
    // RFC 6749 §4.1.2.1: never redirect to an unregistered URI.
    let redirect_uri = client.redirect_uri.clone();
    if get(&pairs, "redirect_uri") != Some(redirect_uri.as_str()) {
        return refuse(400, "invalid_request", ErrorKind::InvalidUrl);
    }
    let client_state = get(&pairs, "state");
    let challenge = get(&pairs, "code_challenge");
    let error = if get(&pairs, "response_type") != Some("code") {
        Some("unsupported_response_type")
    } else if challenge.is_some() && get(&pairs, "code_challenge_method") != Some("S256") {
        Some("invalid_request")
    } else {
        None
    };
    if let Some(error) = error {
        return match redirect_with_error(&redirect_uri, error, client_state) {
            Ok(url) => Reply::redirect(url).error(ErrorKind::OauthError),
            Err(e) => refuse(400, "invalid_request", e.kind()),
        };
    }
    let code = crate::random::hex(16);
    let user = state
        .config
        .apusic_users
        .first()
        .map_or("sso-user".to_string(), |u| u.name.clone());
    let now = state.clock.now_ms();
    let url = match redirect_with_code(&redirect_uri, &code, client_state) {
        Ok(url) => url,
        Err(e) => return refuse(400, "invalid_request", e.kind()),
    };
    state.oauth_codes.insert(
        code,
        OauthCode {
            client_id: client_id.to_string(),
            redirect_uri,
            challenge: challenge.map(str::to_string),
            user,
            expires_at_ms: now.saturating_add(CODE_LIFETIME_MS),
        },
    );
    Reply::redirect(url)
}

/// `POST /oauth2/token?client_id=…&client_secret=…&redirect_uri=…&code=…[&code_verifier=…]`
/// (the parameters may also come as a form body): the seed's form answer `access_token=…&expires=…`
/// (`expires` in seconds).
pub async fn token(Ext(shared): Ext<Shared>, uri: Uri, body: Bytes) -> Reply {
    let pairs = match params(&uri, &body) {
        Ok(p) => p,
        Err(kind) => return refuse(400, "invalid_request", kind),
    };
    let mut state = lock(&shared);
    let (client_id, secret) = (
        get(&pairs, "client_id").unwrap_or_default(),
        get(&pairs, "client_secret").unwrap_or_default(),
    );
    let client_ok = state
        .config
        .oauth_clients
        .iter()
        .any(|c| c.id == client_id && constant_time_eq(c.secret.as_bytes(), secret.as_bytes()));
    if !client_ok {
        return refuse(401, "invalid_client", ErrorKind::OauthError);
    }
    let now = state.clock.now_ms();
    // A code works once, whatever the outcome.
    let code = get(&pairs, "code").and_then(|c| state.oauth_codes.remove(c));
    let Some(code) = code.filter(|c| {
        c.client_id == client_id
            && c.expires_at_ms > now
            && get(&pairs, "redirect_uri") == Some(c.redirect_uri.as_str())
    }) else {
        return refuse(400, "invalid_grant", ErrorKind::OauthError);
    };
    if let Err(e) = check_pkce(code.challenge.as_deref(), get(&pairs, "code_verifier")) {
        return refuse(400, "invalid_grant", e.kind());
    }
    let access_token = crate::random::hex(16);
    let lifetime = state.config.lifetimes.oauth_ms;
    state
        .oauth_tokens
        .issue(&access_token, &code.user, now, lifetime);
    Reply::form(200, token_answer(&access_token, lifetime / 1000))
}

/// `GET /v1.0/oauth2/userinfo?access_token=…`: `{"id":…,"attributes":[…]}`, or
/// `{"error":"expired_accessToken"}`.
pub async fn userinfo(Ext(shared): Ext<Shared>, uri: Uri) -> Reply {
    let pairs = match params(&uri, b"") {
        Ok(p) => p,
        Err(kind) => return refuse(400, "invalid_request", kind),
    };
    let state = lock(&shared);
    let token = get(&pairs, "access_token").unwrap_or_default();
    match state.oauth_tokens.check(token, state.clock.now_ms()) {
        Ok(issued) => Reply::json(
            200,
            userinfo_answer(&issued.subject, &[("loginName", &issued.subject)]),
        ),
        Err(Unusable::Expired) => refuse(401, EXPIRED_ACCESS_TOKEN, ErrorKind::TokenExpired),
        Err(Unusable::Unknown) => refuse(401, "invalid_token", ErrorKind::OauthError),
    }
}
