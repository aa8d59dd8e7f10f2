//! The signature doctor (docs/spec/doctor.md): given what a client sent and the secret, it
//! recomputes the signature under each known client mistake and names the one that reproduces
//! what the client sent, as a stable [`Verdict`] with explanations in English and Chinese.
//!
//! - [`diagnose_kingdee`]: a received Kingdee request (its `X-Api-Signature`);
//! - [`diagnose_weaver`]: a received Weaver `sign`;
//! - [`parse_request`]: a request as people have it (a `curl` command, a raw HTTP request, a
//!   HAR entry) turned into the parts [`diagnose_kingdee`] reads;
//! - [`compare_string_to_sign`]: where a client's own string to sign first differs from the
//!   gateway's, and the mistake that difference is typical of.
//!
//! **What the doctor never shows.** Its results hold what the request carried and what can be
//! rebuilt from it without the secret (canonical parts, strings to sign, times, the shape of a
//! decrypted sign), never the signature, HMAC or MD5 the request should carry: they are safe to
//! log and to return to the client that asks why it was refused, so a server may run the doctor
//! on every refusal. Signatures and MD5s are compared in constant time.

mod compare;
pub mod kingdee;
mod kingdee_recipe;
pub mod paste;
mod verdict;
pub mod weaver;

pub use compare::{compare_string_to_sign, StringToSignComparison};
pub use kingdee::KingdeeDiagnosis;
pub use paste::{parse_request, PastedRequest, RequestFormat};
pub use verdict::{Vendor, Verdict};
pub use weaver::WeaverDiagnosis;

use crate::replay::ReplayTicket;

/// What the doctor asks to tell `replayed` from `valid`: whether the replay ticket of a request
/// that is otherwise valid is already held (only read, never recorded). The verifiers answer
/// from their replay guards; a caller whose guard lives elsewhere (a verifier in another
/// WebAssembly module, a shared store) implements it.
pub trait SeenBy {
    /// Whether `ticket` is held at `now_ms`.
    fn has_seen(&self, ticket: &ReplayTicket, now_ms: u64) -> bool;
}

impl SeenBy for crate::kingdee::Verifier {
    fn has_seen(&self, ticket: &ReplayTicket, now_ms: u64) -> bool {
        crate::kingdee::Verifier::has_seen(self, ticket, now_ms)
    }
}

impl SeenBy for crate::weaver::Verifier {
    fn has_seen(&self, ticket: &ReplayTicket, now_ms: u64) -> bool {
        crate::weaver::Verifier::has_seen(self, ticket, now_ms)
    }
}

/// The window both vendors allow by default, either way: five minutes.
pub const DEFAULT_WINDOW_MS: u64 = 5 * 60 * 1000;

/// The Kingdee doctor: see [`kingdee::diagnose`].
pub fn diagnose_kingdee(
    client_secret: &str,
    request: &crate::kingdee::ReceivedRequest<'_>,
    now_ms: u64,
    window_ms: u64,
    seen_by: Option<&crate::kingdee::Verifier>,
) -> crate::Result<KingdeeDiagnosis> {
    let seen_by = seen_by.map(|v| v as &dyn SeenBy);
    kingdee::diagnose(client_secret, request, now_ms, window_ms, seen_by)
}

/// The Weaver doctor: see [`weaver::diagnose`].
pub fn diagnose_weaver(
    appid: &str,
    secret: &str,
    aes_key: &str,
    sign: &str,
    now_ms: u64,
    window_ms: u64,
    seen_by: Option<&crate::weaver::Verifier>,
) -> crate::Result<WeaverDiagnosis> {
    let seen_by = seen_by.map(|v| v as &dyn SeenBy);
    weaver::diagnose(appid, secret, aes_key, sign, now_ms, window_ms, seen_by)
}

/// `now − then` in milliseconds, saturated to 64 bits.
fn difference(now_ms: u64, then_ms: u64) -> i64 {
    let d = i128::from(now_ms) - i128::from(then_ms);
    i64::try_from(d).unwrap_or(if d < 0 { i64::MIN } else { i64::MAX })
}

/// Judges a signed timestamp whose signature is right: `None` inside the window, else
/// `timestamp_in_seconds` (read as seconds it would be inside), `expired` or `from_the_future`;
/// with the difference in milliseconds (`now − timestamp`, or `now − timestamp × 1000` for
/// seconds).
fn judge_time(timestamp_ms: u64, now_ms: u64, window_ms: u64) -> (Option<Verdict>, i64) {
    let inside =
        |ts: u64| ts.saturating_add(window_ms) >= now_ms && ts <= now_ms.saturating_add(window_ms);
    if inside(timestamp_ms) {
        return (None, difference(now_ms, timestamp_ms));
    }
    if let Some(as_ms) = timestamp_ms.checked_mul(1000) {
        // A time in seconds loses up to 999 ms: judge the whole second.
        if inside(as_ms) || inside(as_ms.saturating_add(999)) {
            return (Some(Verdict::TimestampInSeconds), difference(now_ms, as_ms));
        }
    }
    let verdict = if timestamp_ms < now_ms {
        Verdict::Expired
    } else {
        Verdict::FromTheFuture
    };
    (Some(verdict), difference(now_ms, timestamp_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_verdicts_at_the_edges() {
        let w = DEFAULT_WINDOW_MS;
        let now = 1_700_000_000_000;
        assert_eq!(judge_time(now - w, now, w), (None, 300_000));
        assert_eq!(judge_time(now + w, now, w), (None, -300_000));
        assert_eq!(
            judge_time(now - w - 1, now, w),
            (Some(Verdict::Expired), 300_001)
        );
        assert_eq!(
            judge_time(now + w + 1, now, w),
            (Some(Verdict::FromTheFuture), -300_001)
        );
        assert_eq!(
            judge_time(1_700_000_000, now, w),
            (Some(Verdict::TimestampInSeconds), 0)
        );
        assert_eq!(
            judge_time(1_699_999_990, now, w),
            (Some(Verdict::TimestampInSeconds), 10_000)
        );
        assert_eq!(judge_time(0, u64::MAX, w).1, i64::MAX);
        assert_eq!(
            judge_time(u64::MAX, 0, w),
            (Some(Verdict::FromTheFuture), i64::MIN)
        );
    }
}
