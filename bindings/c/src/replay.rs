//! Replay state: the verifier handles' replay guard, and the tickets a verifier's
//! `_verify_stateless` asks a shared replay store to remember.

use crate::output::qm_str;
use qianming::replay::ReplayTicket;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// What a verifier handle holds: the verifier whose replay guard the guarded `_verify` uses,
/// behind a mutex (so two threads verifying the same request get one success and one
/// replay), and a copy with the same settings for the calls that keep no state (no lock).
pub(crate) struct Guarded<V> {
    guarded: Mutex<V>,
    stateless: V,
}

impl<V: Clone> Guarded<V> {
    pub(crate) fn new(verifier: V) -> Self {
        Guarded {
            stateless: verifier.clone(),
            guarded: Mutex::new(verifier),
        }
    }
}

impl<V> Guarded<V> {
    /// The verifier with the replay guard. A panic while the lock was held cannot leave the
    /// guard half-updated in a way that matters (it would at worst forget or keep one
    /// request), so a poisoned lock is reused.
    pub(crate) fn lock(&self) -> MutexGuard<'_, V> {
        self.guarded.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The copy for the calls that keep no replay state.
    pub(crate) fn stateless(&self) -> &V {
        &self.stateless
    }
}

/// What a replay store shared by several servers (Redis, a database) must remember after a
/// `_verify_stateless` call accepted a request: `key` until `expires_at_ms`. Record it
/// atomically, and accept the request only if the key was not there yet (Redis:
/// `SET <key> 1 NX PX <qm_replay_ttl_ms(expires_at_ms, now_ms)>`, a nil reply is a replay);
/// when the store cannot be asked, refuse the request (fail closed).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_replay_ticket {
    /// The key, a view into the caller's buffer: UTF-8 text naming the scheme (`kingdee:…`,
    /// `weaver:…`) and what travelled in the request (client id and nonce, or appid and
    /// sign); nothing secret. One store can serve every verifier.
    pub key: qm_str,
    /// Until when the key must be kept, ms since the epoch: past it, the request fails the
    /// time window anyway.
    pub expires_at_ms: u64,
}

impl qm_replay_ticket {
    /// The ticket's expiry with `key` written by the caller.
    pub(crate) fn new(key: qm_str, ticket: &ReplayTicket) -> Self {
        qm_replay_ticket {
            key,
            expires_at_ms: ticket.expires_at_ms,
        }
    }
}

/// The body of `qm_replay_ttl_ms`.
fn ttl_ms(expires_at_ms: u64, now_ms: u64) -> u64 {
    ReplayTicket::new(String::new(), expires_at_ms).ttl_ms(now_ms)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/replay.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ttl_is_the_core_one() {
        assert_eq!(qm_replay_ttl_ms(1_000, 400), 600);
        assert_eq!(qm_replay_ttl_ms(1_000, 1_000), 1);
        assert_eq!(qm_replay_ttl_ms(1_000, 5_000), 1);
    }
}
