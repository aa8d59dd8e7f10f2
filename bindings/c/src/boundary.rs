//! The panic boundary every `extern "C"` body sits behind.

use crate::status::qm_status;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `body`, turning `Err(status)` into that status and a panic into `qm_status::Panic`.
/// Unwind safety: on a panic no output has been written (outputs are written last), and the
/// only shared state, the Weaver verifier's mutex, recovers from poisoning.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), qm_status>) -> qm_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => qm_status::Ok,
        Ok(Err(status)) => status,
        Err(_) => qm_status::Panic,
    }
}

/// Like [`guard`] for functions that return nothing (the `_free` functions).
pub(crate) fn guard_void(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status() {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let status = guard(|| panic!("boom"));
        std::panic::set_hook(previous);
        assert_eq!(status, qm_status::Panic);
        assert_eq!(guard(|| Ok(())), qm_status::Ok);
        assert_eq!(guard(|| Err(qm_status::Expired)), qm_status::Expired);
    }
}
