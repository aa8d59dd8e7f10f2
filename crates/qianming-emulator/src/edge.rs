//! The IoT edge gateway: login, refresh and calls carrying `x-token` (seed 004;
//! docs/spec/emulator.md#edge). Every answer is HTTP 200; a refusal is `success: false`.

use crate::reply::Reply;
use crate::state::{lock, Shared, State, Unusable};
use axum::body::Bytes;
use axum::extract::{Path, State as Ext};
use axum::http::HeaderMap;
use qianming::edge::TOKEN_HEADER;
use qianming::server::edge::{
    call_answer, failure_answer, mint_jwt, parse_login_body, token_answer, verify_jwt,
};
use qianming::{constant_time_eq, ErrorKind};

/// The `code` of a refused login or refresh.
const LOGIN_REFUSED: u32 = 7;
/// The `code` of a call without a usable `x-token`.
const TOKEN_REFUSED: u32 = 401;

fn refuse(state: &State, code: u32, msg: &str, kind: ErrorKind) -> Reply {
    Reply::json(200, failure_answer(state.clock.now_ms(), code, msg)).error(kind)
}

/// Issues an access and a refresh token to user number `id` (1-based) named `name`.
fn issue(state: &mut State, id: u64, name: &str) -> Reply {
    let now = state.clock.now_ms();
    let lifetimes = state.config.lifetimes;
    let access_exp = now.saturating_add(lifetimes.edge_access_ms) / 1000;
    let refresh_exp = now.saturating_add(lifetimes.edge_refresh_ms) / 1000;
    let access = mint_jwt(&state.edge_keys.0, id, name, now / 1000, access_exp);
    let refresh = mint_jwt(&state.edge_keys.1, id, name, now / 1000, refresh_exp);
    state
        .edge_access
        .issue(&access, name, now, lifetimes.edge_access_ms);
    state
        .edge_refresh
        .issue(&refresh, name, now, lifetimes.edge_refresh_ms);
    Reply::json(200, token_answer(now, &access, access_exp, &refresh))
}

/// `POST /v1.0/openapi/auth/login` with `{"username":…,"password":…}`.
pub async fn login(Ext(shared): Ext<Shared>, body: Bytes) -> Reply {
    let mut state = lock(&shared);
    let (name, password) = match parse_login_body(&body) {
        Ok(parsed) => parsed,
        Err(e) => return refuse(&state, LOGIN_REFUSED, "参数错误", e.kind()),
    };
    let found = state.config.edge_users.iter().position(|u| {
        u.name == name && constant_time_eq(u.password.as_bytes(), password.expose_bytes())
    });
    match found {
        Some(index) => issue(&mut state, index as u64 + 1, &name),
        None => refuse(
            &state,
            LOGIN_REFUSED,
            "用户名或密码错误",
            ErrorKind::LoginFailed,
        ),
    }
}

/// The user a token (access or refresh) of this run speaks for, still alive.
fn holder(state: &State, refresh: bool, token: &str) -> Result<String, ErrorKind> {
    let now = state.clock.now_ms();
    let (key, table) = if refresh {
        (&state.edge_keys.1, &state.edge_refresh)
    } else {
        (&state.edge_keys.0, &state.edge_access)
    };
    let subject = verify_jwt(key, token, now).map_err(|e| e.kind())?;
    match table.check(token, now) {
        Ok(_) => Ok(subject.username),
        Err(Unusable::Expired) => Err(ErrorKind::TokenExpired),
        Err(Unusable::Unknown) => Err(ErrorKind::InvalidJwt),
    }
}

/// `POST /v1.0/openapi/token/{refresh_token}`: a new pair.
pub async fn refresh(Ext(shared): Ext<Shared>, Path(token): Path<String>) -> Reply {
    let mut state = lock(&shared);
    match holder(&state, true, &token) {
        Ok(name) => {
            let id = state
                .config
                .edge_users
                .iter()
                .position(|u| u.name == name)
                .map_or(0, |i| i as u64 + 1);
            issue(&mut state, id, &name)
        }
        Err(kind) => refuse(&state, LOGIN_REFUSED, "refresh token无效或已过期", kind),
    }
}

/// Any other call under `/v1.0/openapi/`: needs a live `x-token`.
pub async fn protected(Ext(shared): Ext<Shared>, headers: HeaderMap) -> Reply {
    let state = lock(&shared);
    let Some(token) = headers.get(TOKEN_HEADER).and_then(|v| v.to_str().ok()) else {
        return refuse(
            &state,
            TOKEN_REFUSED,
            "未登录或非法访问",
            ErrorKind::MissingHeader,
        );
    };
    match holder(&state, false, token) {
        Ok(name) => Reply::json(200, call_answer(state.clock.now_ms(), &name)),
        Err(kind) => refuse(&state, TOKEN_REFUSED, "token无效或已过期", kind),
    }
}
