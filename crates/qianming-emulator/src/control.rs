//! The emulator's own endpoints under `/_emulator/` (no real system has them): the clock,
//! expiring every token, and failure injection, for tests that change them while running.

use crate::config::ClockSetting;
use crate::reply::Reply;
use crate::state::{lock, Shared};
use axum::extract::State as Ext;
use axum::http::Uri;
use qianming::kingdee::parse_query;

/// The number value of query parameter `name`.
fn number<T: std::str::FromStr>(uri: &Uri, name: &str) -> Result<Option<T>, Reply> {
    let pairs = parse_query(uri.query().unwrap_or_default())
        .map_err(|e| Reply::text(400, e.to_string()))?;
    match pairs.iter().find(|(n, _)| n == name) {
        None => Ok(None),
        Some((_, v)) => v
            .parse()
            .map(Some)
            .map_err(|_| Reply::text(400, format!("{name} is not a number"))),
    }
}

fn now_answer(now_ms: u64) -> Reply {
    Reply::json(200, format!("{{\"now_ms\":{now_ms}}}"))
}

/// `GET /_emulator/clock`: `{"now_ms":…}`.
pub async fn clock(Ext(shared): Ext<Shared>) -> Reply {
    now_answer(lock(&shared).clock.now_ms())
}

/// `POST /_emulator/clock?frozen_at_ms=N` (freeze), `?shift_ms=±N` (the machine's clock
/// shifted, running), or `?advance_ms=N` (move the current clock forward); answers the new now.
pub async fn set_clock(Ext(shared): Ext<Shared>, uri: Uri) -> Reply {
    let parsed = (|| {
        Ok((
            number::<u64>(&uri, "frozen_at_ms")?,
            number::<i64>(&uri, "shift_ms")?,
            number::<u64>(&uri, "advance_ms")?,
        ))
    })();
    let (frozen, shift, advance) = match parsed {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let mut state = lock(&shared);
    if let Some(ms) = frozen {
        state.clock.0 = ClockSetting::Frozen(ms);
    }
    if let Some(by) = shift {
        state.clock.0 = ClockSetting::Shifted(by);
    }
    if let Some(by) = advance {
        state.clock.0 = match state.clock.0 {
            ClockSetting::Frozen(ms) => ClockSetting::Frozen(ms.saturating_add(by)),
            ClockSetting::Shifted(s) => {
                ClockSetting::Shifted(s.saturating_add(i64::try_from(by).unwrap_or(i64::MAX)))
            }
        };
    }
    now_answer(state.clock.now_ms())
}

/// `POST /_emulator/expire-tokens`: every token and code issued so far stops working now.
pub async fn expire_tokens(Ext(shared): Ext<Shared>) -> Reply {
    lock(&shared).expire_all();
    Reply::text(200, "every token issued so far has expired\n")
}

/// `POST /_emulator/failures?status=503[&count=N][&slow_ms=M]`: answer `status` (a 5xx) to the
/// next `count` requests (every request without `count`; `status=0` stops), and wait `slow_ms`
/// before each answer.
pub async fn failures(Ext(shared): Ext<Shared>, uri: Uri) -> Reply {
    let parsed = (|| {
        Ok((
            number::<u16>(&uri, "status")?,
            number::<u64>(&uri, "count")?,
            number::<u64>(&uri, "slow_ms")?,
        ))
    })();
    let (status, count, slow_ms) = match parsed {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    if let Some(s) = status.filter(|s| *s != 0 && !(500..600).contains(s)) {
        return Reply::text(400, format!("status {s} is not a 5xx"));
    }
    let mut state = lock(&shared);
    if status.is_some() {
        state.failures.status = status.filter(|s| *s != 0);
        state.failures.count = count;
    }
    if let Some(ms) = slow_ms {
        state.failures.slow_ms = ms;
    }
    Reply::text(200, format!("{:?}\n", state.failures))
}
