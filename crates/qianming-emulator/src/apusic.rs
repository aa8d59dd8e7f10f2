//! The Apusic management REST interface: `POST /management/sessions` (Basic or raw
//! credentials) and calls carrying the session token (seed 000; docs/spec/emulator.md#apusic).

use crate::reply::Reply;
use crate::state::{lock, Shared, Unusable};
use axum::extract::State as Ext;
use axum::http::{header, HeaderMap, Method, Uri};
use qianming::apusic::{DEFAULT_TOKEN_COOKIE, REQUESTED_BY};
use qianming::basic::{parse_authorization, parse_credentials};
use qianming::server::apusic::{command_answer, failure_answer, presented_token, session_answer};
use qianming::{constant_time_eq, ErrorKind};

/// Stock GlassFish's name of the session cookie, also accepted.
const GLASSFISH_COOKIE: &str = "gfresttoken";

fn refuse(status: u16, message: &str, kind: ErrorKind) -> Reply {
    Reply::json(status, failure_answer(message)).error(kind)
}

fn text(headers: &HeaderMap, name: impl axum::http::header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Every non-GET call must carry `X-Requested-By` (GlassFish's CSRF guard answers 400).
fn requested_by(method: &Method, headers: &HeaderMap) -> Result<(), Reply> {
    if method != Method::GET && text(headers, "x-requested-by").is_none() {
        let message = format!(
            "X-Requested-By header is required (for example X-Requested-By: {REQUESTED_BY})"
        );
        return Err(refuse(400, &message, ErrorKind::MissingHeader));
    }
    Ok(())
}

/// `POST /management/sessions`: `Authorization: Basic <base64(user:password)>`, or the bare
/// credentials (the seed's raw mode); answers the session token.
pub async fn sessions(Ext(shared): Ext<Shared>, method: Method, headers: HeaderMap) -> Reply {
    if let Err(reply) = requested_by(&method, &headers) {
        return reply;
    }
    let Some(authorization) = text(&headers, header::AUTHORIZATION) else {
        return refuse(401, "Authorization required", ErrorKind::MissingHeader);
    };
    let basic = authorization
        .trim_start()
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("basic "));
    let parsed = if basic {
        parse_authorization(authorization)
    } else {
        parse_credentials(authorization)
    };
    let credentials = match parsed {
        Ok(c) => c,
        Err(e) => return refuse(401, "Authorization failed", e.kind()),
    };
    let mut state = lock(&shared);
    let known = state.config.apusic_users.iter().any(|u| {
        u.name == credentials.user
            && constant_time_eq(u.password.as_bytes(), credentials.password.expose_bytes())
    });
    if !known {
        return refuse(401, "Authorization failed", ErrorKind::LoginFailed);
    }
    let token = crate::random::hex(16);
    let now = state.clock.now_ms();
    let lifetime = state.config.lifetimes.apusic_ms;
    state
        .apusic_sessions
        .issue(&token, &credentials.user, now, lifetime);
    Reply::json(200, session_answer(&token))
}

/// Any other call under `/management/`: needs the session token (cookie `gfrestdtoken`, or
/// `gfresttoken`, or header `X-Auth-Token`).
pub async fn protected(
    Ext(shared): Ext<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Reply {
    if let Err(reply) = requested_by(&method, &headers) {
        return reply;
    }
    let cookie = text(&headers, header::COOKIE);
    let auth = text(&headers, "x-auth-token");
    let token = presented_token(cookie, auth, DEFAULT_TOKEN_COOKIE)
        .or_else(|_| presented_token(cookie, auth, GLASSFISH_COOKIE));
    let token = match token {
        Ok(t) => t,
        Err(e) => return refuse(401, "Authorization required: no session token", e.kind()),
    };
    let state = lock(&shared);
    match state.apusic_sessions.check(token, state.clock.now_ms()) {
        Ok(issued) => Reply::json(
            200,
            command_answer(&format!("{} as {}", uri.path(), issued.subject)),
        ),
        Err(Unusable::Expired) => refuse(401, "the session has expired", ErrorKind::TokenExpired),
        Err(Unusable::Unknown) => refuse(401, "unknown session token", ErrorKind::InvalidField),
    }
}
