//! The boundary every `extern "C"` body sits behind: the `ffi_fn!` macro (panics, NULL
//! outputs, argument conversion), core errors becoming statuses, and the per-thread record of
//! the last failure's detail message (`qm_last_error_message`).

use crate::status::qm_status;
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The body of an `extern "C"` function: `ffi_fn!(name = conversion(args), …, { body })`.
///
/// Behind the panic boundary ([`guard`]), converts the C arguments in the order written,
/// stopping at the first refusal, then runs `body` (a `Result<(), qm_status>`; `return`
/// leaves it) with the names bound. The conversions are those of [`args`]: `out` (a NULL
/// output is refused before any work), `text`, `bytes`, `borrowed` (handles), `buffer`, `answer_out`, …;
/// `pairs`, `sign_headers` and `received` convert later, where the body uses them. Each one
/// refuses NULL where it must and judges lengths before reading. The order decides which
/// refusal a call with several bad arguments reports; every call site keeps one convention:
/// required outputs, inputs, the buffer, then what converts later. The call sites are
/// generated from `abi.toml` (see `abi_gen.rs`), which applies that order; their `body` is a
/// call of the function's body in its module.
macro_rules! ffi_fn {
    ($($name:ident = $conv:ident($($arg:expr),* $(,)?),)* $body:block $(,)?) => {
        $crate::boundary::guard(|| {
            // SAFETY: every conversion is given the C arguments of the function around this
            // call, whose `# Safety` section is the caller's promise: each `(ptr, len)` pair
            // and array is readable for its length and stays unchanged during the call, each
            // output is writable, each handle is NULL or live, and no input overlaps an
            // output. The conversions refuse NULL (unless optional) and judge every length
            // before reading, so they only rely on that promise.
            let ($($name,)*) = unsafe { ($($crate::boundary::args::$conv($($arg),*)?,)*) };
            $body
        })
    };
}
pub(crate) use ffi_fn;

/// The conversions `ffi_fn!` applies, by the names its call sites use.
pub(crate) mod args {
    pub(crate) use crate::http::answer_out;
    pub(crate) use crate::input::{
        borrowed, bytes, long_text, long_texts, optional_borrowed, optional_text, pairs,
        pasted_text, random_prefix, received, seed, sign_headers, text, texts,
    };
    pub(crate) use crate::output::{buffer, inout, items, out};
}

thread_local! {
    /// The detail of the last failed call on this thread.
    static LAST_DETAIL: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether the running call already recorded a core detail (set by `record_detail`).
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Remembers `detail` as the message of the call that is failing on this thread. Called when
/// a core error becomes a status, so the core's own detail is kept.
pub(crate) fn record_detail(detail: &str) {
    let _ = LAST_DETAIL.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            last.clear();
            last.push_str(detail);
        }
    });
    let _ = PENDING.try_with(|p| p.set(true));
}

impl From<qianming::Error> for qm_status {
    /// Also records the core's detail message for `qm_last_error_message`.
    fn from(error: qianming::Error) -> Self {
        record_detail(error.detail());
        error.kind().into()
    }
}

/// Finishes a call: a failure without a core detail records the status's static message.
fn finish(status: qm_status) -> qm_status {
    let recorded = PENDING.try_with(|p| p.replace(false)).unwrap_or(false);
    if status != qm_status::Ok && !recorded {
        let message = crate::status::message_of(status);
        record_detail(message);
        let _ = PENDING.try_with(|p| p.set(false));
    }
    status
}

/// Runs `f` with the last recorded detail (empty if no call failed on this thread yet).
pub(crate) fn with_last_detail<R>(f: impl FnOnce(&str) -> R) -> R {
    let mut f = Some(f);
    let done = LAST_DETAIL.try_with(|last| {
        let last = last.try_borrow().ok()?;
        f.take().map(|f| f(&last))
    });
    match (done, f) {
        (Ok(Some(result)), _) => result,
        (_, Some(f)) => f(""),
        // `f` is taken only together with a successful borrow, which then returns its result.
        (_, None) => unreachable!("with_last_detail ran its closure without a result"),
    }
}

/// Runs `body`, turning `Err(status)` into that status and a panic into `qm_status::Panic`.
/// Unwind safety: on a panic no output has been written (outputs are written last), and the
/// only shared state, the Weaver verifier's mutex, recovers from poisoning.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), qm_status>) -> qm_status {
    let status = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => qm_status::Ok,
        Ok(Err(status)) => status,
        Err(_) => {
            let _ = PENDING.try_with(|p| p.set(false));
            qm_status::Panic
        }
    };
    finish(status)
}

/// Releases a handle made by `Box::into_raw` (the `_free` functions); NULL is a no-op.
///
/// # Safety
/// `handle` must be NULL or a handle of this type not yet released.
pub(crate) unsafe fn release<T>(handle: *mut T) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if !handle.is_null() {
            // SAFETY: made by `Box::into_raw` (the caller's contract), released once.
            drop(unsafe { Box::from_raw(handle) });
        }
    }));
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

    #[test]
    fn the_core_detail_is_kept_and_abi_failures_get_their_message() {
        let status = guard(|| {
            Err(
                qianming::Error::new(qianming::ErrorKind::Expired, "the sign is 9 ms too old")
                    .into(),
            )
        });
        assert_eq!(status, qm_status::Expired);
        assert_eq!(with_last_detail(str::to_string), "the sign is 9 ms too old");
        assert_eq!(guard(|| Ok(())), qm_status::Ok);
        assert_eq!(with_last_detail(str::to_string), "the sign is 9 ms too old");
        assert_eq!(
            guard(|| Err(qm_status::NullArgument)),
            qm_status::NullArgument
        );
        assert_eq!(
            with_last_detail(str::to_string),
            "a required pointer argument is NULL"
        );
    }
}
