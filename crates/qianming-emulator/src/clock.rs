//! The emulator's clock: the machine's, shifted, or frozen (the core never reads a clock).

use crate::config::ClockSetting;
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch on the machine's clock.
fn machine_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// The time every check and every issued token uses.
#[derive(Debug, Clone, Copy)]
pub struct Clock(pub ClockSetting);

impl Clock {
    /// Now, in milliseconds since the epoch.
    pub fn now_ms(&self) -> u64 {
        match self.0 {
            ClockSetting::Frozen(ms) => ms,
            ClockSetting::Shifted(by) => machine_ms().saturating_add_signed(by),
        }
    }
}
