//! The Kingdee gateway: the app-token endpoint and the business calls under `/jdy/`, each
//! signed with `X-Api-*` headers (seed 001; docs/spec/emulator.md#kingdee).

use crate::reply::{Reply, TIME_DIFFERENCE_HEADER};
use crate::state::{lock, Shared, State, Unusable};
use axum::extract::State as Ext;
use axum::http::{HeaderMap, HeaderName, Method, Uri};
use qianming::doctor::{self, Verdict};
use qianming::kingdee::headers::CLIENT_ID;
use qianming::kingdee::{parse_request_target, ReceivedRequest, TOKEN_PATH};
use qianming::server::kingdee::{business_answer, check_app_signature, token_answer, Refusal};
use qianming::ErrorKind;

/// The header a business call carries its app-token in.
pub const APP_TOKEN_HEADER: &str = "app-token";

fn refuse(refusal: Refusal, kind: ErrorKind) -> Reply {
    let (status, _, _) = refusal.parts();
    Reply::json(status, refusal.body()).error(kind)
}

/// Every request to the gateway: the signature first, then the app-token endpoint or a
/// business call.
pub async fn gateway(
    Ext(shared): Ext<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Reply {
    let mut state = lock(&shared);
    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    let decoded = match parse_request_target(target) {
        Ok(decoded) => decoded,
        Err(e) => return refuse(Refusal::Signature, e.kind()),
    };
    let mut received_headers = Vec::with_capacity(headers.len());
    for (name, value) in &headers {
        match value.to_str() {
            Ok(value) => received_headers.push((name.as_str(), value)),
            Err(_) => return refuse(Refusal::Signature, ErrorKind::InvalidHeaderValue),
        }
    }
    let query: Vec<(&str, &str)> = decoded
        .query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let received = ReceivedRequest::new(method.as_str(), &decoded.path, &query, &received_headers);
    if let Err(reply) = check_signature(
        &mut state,
        &received,
        headers.get(CLIENT_ID).and_then(|v| v.to_str().ok()),
    ) {
        return reply;
    }
    if decoded.path == TOKEN_PATH && method == Method::GET {
        app_token(&mut state, &query)
    } else {
        business(
            &state,
            &decoded.path,
            headers.get(APP_TOKEN_HEADER).and_then(|v| v.to_str().ok()),
        )
    }
}

/// Verifies `X-Api-Signature` (and the replay guard); a refusal carries the doctor's verdict.
fn check_signature(
    state: &mut State,
    received: &ReceivedRequest<'_>,
    client_id: Option<&str>,
) -> Result<(), Reply> {
    let now = state.clock.now_ms();
    let window = state.window_ms();
    let Some(client_id) = client_id else {
        return Err(refuse(Refusal::Signature, ErrorKind::MissingHeader));
    };
    let Some(entry) = state.kingdee.get_mut(client_id) else {
        // No secret to recompute with: no known mistake can explain it.
        return Err(refuse(Refusal::UnknownClient, ErrorKind::SignatureMismatch)
            .verdict(Verdict::Unexplained));
    };
    let Err(error) = entry.verifier.verify(received, now) else {
        return Ok(());
    };
    let mut reply = refuse(Refusal::Signature, error.kind());
    if let Ok(found) = doctor::diagnose_kingdee(
        &entry.client.secret,
        received,
        now,
        window,
        Some(&entry.verifier),
    ) {
        reply = reply.verdict(found.verdict).with(
            HeaderName::from_static(TIME_DIFFERENCE_HEADER),
            found.time_difference_ms.to_string(),
        );
    }
    Err(reply)
}

/// `GET /jdyconnector/app_management/kingdee_auth_token?app_key=…&app_signature=…[&uid=…]`.
fn app_token(state: &mut State, query: &[(&str, &str)]) -> Reply {
    let param = |name: &str| query.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let (Some(app_key), Some(app_signature)) = (param("app_key"), param("app_signature")) else {
        return refuse(Refusal::AppSecret, ErrorKind::MissingField);
    };
    let Some(index) = state
        .config
        .kingdee_apps
        .iter()
        .position(|a| a.key == app_key)
    else {
        return refuse(Refusal::AppSecret, ErrorKind::SignatureMismatch);
    };
    if let Err(e) = check_app_signature(
        app_key,
        &state.config.kingdee_apps[index].secret,
        app_signature,
    ) {
        return refuse(Refusal::AppSecret, e.kind());
    }
    let uid = param("uid")
        .and_then(|u| u.parse().ok())
        .unwrap_or(700_000 + index as u64);
    let token = crate::random::hex(16);
    let now = state.clock.now_ms();
    let lifetime = state.config.lifetimes.kingdee_ms;
    state.kingdee_tokens.issue(&token, app_key, now, lifetime);
    Reply::json(200, token_answer(uid, &token))
}

/// A business call: any other path, answered when it carries a live app-token.
fn business(state: &State, path: &str, app_token: Option<&str>) -> Reply {
    let Some(app_token) = app_token else {
        return refuse(Refusal::AppToken, ErrorKind::MissingHeader);
    };
    match state.kingdee_tokens.check(app_token, state.clock.now_ms()) {
        Ok(issued) => Reply::json(
            200,
            business_answer(&[("app_key", &issued.subject), ("path", path)]),
        ),
        Err(Unusable::Expired) => refuse(Refusal::AppToken, ErrorKind::TokenExpired),
        Err(Unusable::Unknown) => refuse(Refusal::AppToken, ErrorKind::InvalidField),
    }
}
