//! Replay protection as a step of verification, for one process or many
//! (docs/spec/common.md#replay-protection).
//!
//! A verifier that accepted a request names what must be remembered: a [`ReplayTicket`],
//! "record this key until this time; refuse it if it is already there". Whoever holds the
//! memory decides, through [`ReplayStore`]. The core's store is the in-memory, bounded
//! [`ReplayGuard`]; a fleet of servers behind a load balancer shares one store instead (the
//! bindings ship a Redis one: `SET key 1 NX PX ttl`). Nothing here reads a clock: `now` is
//! passed in, and the guard never lets it run backwards (see [`ReplayGuard::observe`]).

use crate::error::{Error, ErrorKind, Result};
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;

/// What a verifier asks a replay store to remember: `key` until `expires_at_ms`.
///
/// Keys are printable ASCII and name the scheme (`kingdee:…`, `weaver:…`), so one store can
/// serve several verifiers. A key holds nothing secret: only what travelled in the request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplayTicket {
    /// The key to record.
    pub key: String,
    /// When the entry may be forgotten: past it, the request fails the time window anyway.
    pub expires_at_ms: u64,
}

impl ReplayTicket {
    /// A ticket for `key` until `expires_at_ms`.
    pub fn new(key: String, expires_at_ms: u64) -> Self {
        ReplayTicket { key, expires_at_ms }
    }

    /// How long a store must keep the entry, seen at `now_ms` (at least 1 ms, so a store with
    /// a time to live never gets 0, which would mean "forever" or an error).
    ///
    /// ```
    /// let t = qianming::replay::ReplayTicket::new("k".into(), 1_000);
    /// assert_eq!((t.ttl_ms(400), t.ttl_ms(1_000), t.ttl_ms(5_000)), (600, 1, 1));
    /// ```
    pub fn ttl_ms(&self, now_ms: u64) -> u64 {
        self.expires_at_ms.saturating_sub(now_ms).max(1)
    }
}

/// A place that remembers tickets: refuses a key it holds (`replayed`), records it otherwise.
/// A store that cannot answer must fail closed (`replay_store_unavailable`), never accept.
pub trait ReplayStore {
    /// Records `ticket` seen at `now_ms`, or refuses it.
    fn record(&mut self, ticket: &ReplayTicket, now_ms: u64) -> Result<()>;
}

/// The in-memory replay store: bounded, forgets each entry once it expires.
///
/// Memory is bounded by the entries still live, and never exceeds `capacity` entries: when
/// that many are held, a new one is refused with `replay_cache_full` rather than let memory
/// grow. Time only moves forward here: the guard keeps the highest `now` it has seen
/// ([`ReplayGuard::observe`]), so a clock stepped back cannot bring an evicted entry's
/// request back to life.
#[derive(Debug, Clone)]
pub struct ReplayGuard {
    expiry_of: BTreeMap<Vec<u8>, u64>,
    by_expiry: BTreeSet<(u64, Vec<u8>)>,
    window_ms: u64,
    capacity: usize,
    high_water_ms: u64,
}

impl ReplayGuard {
    /// Default most live entries held at once: 65,536.
    pub const DEFAULT_CAPACITY: usize = 65_536;

    /// A guard whose [`ReplayGuard::check_and_record`] remembers a key for `window_ms` past
    /// its timestamp.
    pub fn new(window_ms: u64) -> Self {
        ReplayGuard {
            expiry_of: BTreeMap::new(),
            by_expiry: BTreeSet::new(),
            window_ms,
            capacity: Self::DEFAULT_CAPACITY,
            high_water_ms: 0,
        }
    }

    /// Sets the most live entries held at once (at least 1).
    pub fn with_capacity(mut self, capacity: usize) -> Self {
        self.set_capacity(capacity);
        self
    }

    /// Changes the most live entries held at once (at least 1); entries already held stay.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity.max(1);
    }

    /// The most live entries held at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Changes how long [`ReplayGuard::check_and_record`] remembers a key past its timestamp;
    /// entries already held keep their expiry.
    pub fn set_window_ms(&mut self, window_ms: u64) {
        self.window_ms = window_ms;
    }

    /// How many entries are held now.
    pub fn len(&self) -> usize {
        self.expiry_of.len()
    }

    /// Whether no entry is held.
    pub fn is_empty(&self) -> bool {
        self.expiry_of.is_empty()
    }

    /// Whether `key` is held and still live at `now_ms` (or the highest `now` seen, if later):
    /// a request with this key would be `replayed`. Only reads; nothing is evicted.
    ///
    /// ```
    /// let mut guard = qianming::replay::ReplayGuard::new(1_000);
    /// guard.check_and_record(b"k", 100, 100)?;
    /// assert!(guard.holds(b"k", 1_100) && !guard.holds(b"k", 1_101) && !guard.holds(b"j", 100));
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn holds(&self, key: &[u8], now_ms: u64) -> bool {
        let now = self.high_water_ms.max(now_ms);
        self.expiry_of
            .get(key)
            .is_some_and(|&expires| expires >= now)
    }

    /// Takes `now_ms` into account and returns the time the guard judges by: the highest
    /// `now` seen so far. Expiry is judged by it too ([`ReplayGuard::check_not_forgotten`]),
    /// so a clock that steps back (NTP, or a `now` read before a lock was taken) cannot
    /// reopen a window.
    ///
    /// ```
    /// let mut guard = qianming::replay::ReplayGuard::new(1_000);
    /// assert_eq!(guard.observe(5_000), 5_000);
    /// assert_eq!(guard.observe(4_000), 5_000);
    /// ```
    pub fn observe(&mut self, now_ms: u64) -> u64 {
        self.high_water_ms = self.high_water_ms.max(now_ms);
        self.high_water_ms
    }

    /// Forgets entries that expired before `now_ms` (or the highest `now` seen, if later).
    pub fn evict(&mut self, now_ms: u64) {
        let now = self.observe(now_ms);
        while let Some((expires, _)) = self.by_expiry.first() {
            if *expires >= now {
                break;
            }
            if let Some((_, key)) = self.by_expiry.pop_first() {
                self.expiry_of.remove(&key);
            }
        }
    }

    /// Refuses `ticket` as `expired` when its entry could already have been forgotten: it
    /// expires before the highest `now` seen, though the caller's clock (stepped back) may
    /// still call it fresh. A verifier asks this before it records the ticket.
    pub fn check_not_forgotten(&mut self, ticket: &ReplayTicket, now_ms: u64) -> Result<()> {
        let high_water = self.observe(now_ms);
        if ticket.expires_at_ms < high_water {
            return Err(Error::new(
                ErrorKind::Expired,
                alloc::format!(
                    "the request left its window {} ms before the latest time this verifier has seen (the clock was stepped back)",
                    high_water - ticket.expires_at_ms
                ),
            ));
        }
        Ok(())
    }

    /// Records `key` until `expires_at_ms`, seen at `now_ms`. A key already held →
    /// `replayed`; no room → `replay_cache_full`.
    pub fn record_until(&mut self, key: &[u8], expires_at_ms: u64, now_ms: u64) -> Result<()> {
        self.evict(now_ms);
        if self.expiry_of.contains_key(key) {
            return Err(Error::new(
                ErrorKind::Replayed,
                "this signed request was already accepted once; each works once, so a retry must sign again",
            ));
        }
        if self.expiry_of.len() >= self.capacity {
            return Err(Error::new(
                ErrorKind::ReplayCacheFull,
                "the replay guard holds its maximum of live entries",
            ));
        }
        self.expiry_of.insert(key.to_vec(), expires_at_ms);
        self.by_expiry.insert((expires_at_ms, key.to_vec()));
        Ok(())
    }

    /// Records `key` (the canonical bytes of a signed request) made at `timestamp_ms`, seen
    /// at `now_ms`: kept until the timestamp leaves the window.
    pub fn check_and_record(&mut self, key: &[u8], timestamp_ms: u64, now_ms: u64) -> Result<()> {
        self.record_until(key, timestamp_ms.saturating_add(self.window_ms), now_ms)
    }
}

impl ReplayStore for ReplayGuard {
    /// Refuses a ticket that could already have been forgotten
    /// ([`ReplayGuard::check_not_forgotten`]), then records it.
    fn record(&mut self, ticket: &ReplayTicket, now_ms: u64) -> Result<()> {
        self.check_not_forgotten(ticket, now_ms)?;
        self.record_until(ticket.key.as_bytes(), ticket.expires_at_ms, now_ms)
    }
}

/// Appends `part` to a ticket key with its length first, so no two lists of parts make the
/// same key (`a:b` + `c` differs from `a` + `b:c`).
pub(crate) fn push_key_part(key: &mut String, part: &str) {
    key.push(':');
    let mut digits = crate::decimal::itoa_buffer();
    key.push_str(crate::decimal::format_u64(part.len() as u64, &mut digits));
    key.push(':');
    key.push_str(part);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_stays_bounded_under_many_entries() {
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

    #[test]
    fn a_key_is_refused_whatever_its_timestamp() {
        let mut guard = ReplayGuard::new(1_000);
        assert!(guard.check_and_record(b"k", 100, 100).is_ok());
        assert_eq!(
            guard.check_and_record(b"k", 900, 900).map_err(|e| e.kind()),
            Err(ErrorKind::Replayed)
        );
    }

    #[test]
    fn a_clock_stepped_back_does_not_bring_entries_back() {
        let mut guard = ReplayGuard::new(1_000);
        assert!(guard.check_and_record(b"old", 0, 0).is_ok());
        // Time moves on: the entry is evicted.
        assert!(guard.check_and_record(b"new", 5_000, 5_000).is_ok());
        assert_eq!(guard.len(), 1);
        // The clock steps back: the guard still judges by 5,000.
        assert_eq!(guard.observe(500), 5_000);
    }

    #[test]
    fn ticket_keys_cannot_collide_by_splitting_differently() {
        let key = |parts: &[&str]| {
            let mut k = String::from("t");
            for p in parts {
                push_key_part(&mut k, p);
            }
            k
        };
        assert_ne!(key(&["a:b", "c"]), key(&["a", "b:c"]));
        assert_eq!(key(&["ab", "c"]), "t:2:ab:1:c");
    }
}
