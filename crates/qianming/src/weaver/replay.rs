//! A bounded replay guard: remembers each accepted sign until it could no longer pass the
//! time window, then forgets it. Time is passed in; nothing here reads a clock.

use crate::error::{Error, ErrorKind, Result};
use alloc::collections::BTreeSet;
use alloc::vec::Vec;

/// Remembers signs seen within the window so each works once.
///
/// Entries are keyed by the sign's own timestamp. Every call first evicts the entries whose
/// timestamp is older than `now - window` (they would fail the window check anyway), so the
/// memory held is bounded by the signs that are still live, and never exceeds `capacity`
/// entries: when that many live entries are held, a new one is refused with
/// `replay_cache_full` rather than let memory grow.
#[derive(Debug, Clone)]
pub struct ReplayGuard {
    seen: BTreeSet<(u64, Vec<u8>)>,
    window_ms: u64,
    capacity: usize,
}

impl ReplayGuard {
    /// Default most live entries held at once: 65,536.
    pub const DEFAULT_CAPACITY: usize = 65_536;

    /// A guard that remembers signs for `window_ms` past their timestamp.
    pub fn new(window_ms: u64) -> Self {
        ReplayGuard {
            seen: BTreeSet::new(),
            window_ms,
            capacity: Self::DEFAULT_CAPACITY,
        }
    }

    /// Sets the most live entries held at once (at least 1).
    pub fn with_capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity.max(1);
        self
    }

    /// Changes the most live entries held at once (at least 1); entries already held stay.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity.max(1);
    }

    /// How many entries are held now.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no entry is held.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Forgets entries that can no longer pass the window at `now_ms`.
    pub fn evict(&mut self, now_ms: u64) {
        let cutoff = now_ms.saturating_sub(self.window_ms);
        if self.seen.first().is_some_and(|(ts, _)| *ts < cutoff) {
            self.seen = self.seen.split_off(&(cutoff, Vec::new()));
        }
    }

    /// Records `key` (the canonical bytes of a sign) made at `timestamp_ms`, seen at `now_ms`.
    /// A key already recorded → `replayed`; no room → `replay_cache_full`.
    pub fn check_and_record(&mut self, key: &[u8], timestamp_ms: u64, now_ms: u64) -> Result<()> {
        self.evict(now_ms);
        let entry = (timestamp_ms, key.to_vec());
        if self.seen.contains(&entry) {
            return Err(Error::new(
                ErrorKind::Replayed,
                "this sign was already used; each sign works once, so a retry must sign again (禁用重复签名获取token)",
            ));
        }
        if self.seen.len() >= self.capacity {
            return Err(Error::new(
                ErrorKind::ReplayCacheFull,
                "the replay guard holds its maximum of live signs",
            ));
        }
        self.seen.insert(entry);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_stays_bounded_under_many_signs() {
        let mut guard = ReplayGuard::new(1_000);
        for i in 0..100_000u64 {
            let now = i * 10;
            assert!(guard.check_and_record(&i.to_be_bytes(), now, now).is_ok());
            assert!(guard.len() <= 101, "{} entries at step {i}", guard.len());
        }
    }

    #[test]
    fn replays_are_refused_and_capacity_is_enforced() {
        let mut guard = ReplayGuard::new(1_000).with_capacity(2);
        assert!(guard.check_and_record(b"a", 10, 10).is_ok());
        assert_eq!(
            guard.check_and_record(b"a", 10, 20).map_err(|e| e.kind()),
            Err(ErrorKind::Replayed)
        );
        assert!(guard.check_and_record(b"b", 11, 20).is_ok());
        assert_eq!(
            guard.check_and_record(b"c", 12, 20).map_err(|e| e.kind()),
            Err(ErrorKind::ReplayCacheFull)
        );
        // Once the old entries leave the window there is room again.
        assert!(guard.check_and_record(b"c", 2_000, 2_000).is_ok());
    }
}
