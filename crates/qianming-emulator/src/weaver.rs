//! Weaver `POST /api/cus/token/auth/getToken` (seed 002; docs/spec/emulator.md#weaver).

use crate::reply::{Reply, TIME_DIFFERENCE_HEADER};
use crate::state::{lock, Shared};
use axum::extract::State as Ext;
use axum::http::{HeaderMap, HeaderName};
use qianming::doctor::{self, Verdict};
use qianming::server::weaver::{batchkey, refusal, token_answer};
use qianming::ErrorKind;

/// The token endpoint: verifies `sign` for `appid` (window, replay) and issues a token; every
/// answer is HTTP 200, a refusal `status: false` with the seed's message and the doctor's verdict.
pub async fn get_token(Ext(shared): Ext<Shared>, headers: HeaderMap) -> Reply {
    let mut state = lock(&shared);
    let now = state.clock.now_ms();
    let window = state.window_ms();
    let key = batchkey(now, &crate::random::alnum(4));
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let (appid, sign) = (header("appid"), header("sign"));
    if state.config.weaver_disabled.iter().any(|d| d == appid) {
        return Reply::json(200, refusal(&key, ErrorKind::AppidDisabled, appid))
            .error(ErrorKind::AppidDisabled);
    }
    let Some(entry) = state.weaver.get_mut(appid) else {
        return Reply::json(200, refusal(&key, ErrorKind::SignMismatch, appid))
            .error(ErrorKind::SignMismatch)
            .verdict(Verdict::Unexplained);
    };
    match entry.verifier.verify(sign, now) {
        Ok(_) => {
            let token = crate::random::uuid();
            let lifetime = state.config.lifetimes.weaver_ms;
            state.weaver_tokens.issue(&token, appid, now, lifetime);
            Reply::json(200, token_answer(&key, &token))
        }
        Err(error) => {
            let app = &entry.app;
            let mut reply =
                Reply::json(200, refusal(&key, error.kind(), appid)).error(error.kind());
            if let Ok(found) = doctor::diagnose_weaver(
                &app.appid,
                &app.secret,
                &app.aes_key,
                sign,
                now,
                window,
                Some(&entry.verifier),
            ) {
                reply = reply.verdict(found.verdict);
                if let Some(diff) = found.time_difference_ms {
                    reply = reply.with(
                        HeaderName::from_static(TIME_DIFFERENCE_HEADER),
                        diff.to_string(),
                    );
                }
            }
            reply
        }
    }
}
