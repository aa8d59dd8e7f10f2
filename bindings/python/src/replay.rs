//! `qianming.replay`: the replay ticket a verifier hands to a shared store, and the one step
//! that asks a Python store to record it (the Redis store itself is Python: `replay.py`); and
//! what both verifier classes (Kingdee's, Weaver's) share around their replay guard: its
//! settings, the getters and ``repr`` that read it, the ``replay`` ticket of a result.

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use qianming::replay::ReplayTicket;
use qianming::{Error, ErrorKind};

use crate::convert::{millis, py_repr, text, unsigned};
use crate::errors::{to_py, QianmingError};

/// What a verifier asks a replay store to remember so a request works once: ``key`` until
/// ``expires_at_ms`` (ms since the epoch). Keys name their scheme (``kingdee:…``,
/// ``weaver:…``) and hold only what travelled in the request, nothing secret.
///
/// >>> from qianming.replay import ReplayTicket
/// >>> t = ReplayTicket("kingdee:1:a:2:42", 1_000)
/// >>> t.ttl_ms(now_ms=400), t.ttl_ms(now_ms=1_000), t.ttl_ms(now_ms=5_000)
/// (600, 1, 1)
/// >>> t
/// ReplayTicket(key='kingdee:1:a:2:42', expires_at_ms=1000)
#[pyclass(name = "ReplayTicket", module = "qianming.replay", frozen, eq)]
#[derive(PartialEq, Eq)]
pub(crate) struct PyReplayTicket {
    inner: ReplayTicket,
}

impl From<ReplayTicket> for PyReplayTicket {
    fn from(inner: ReplayTicket) -> Self {
        PyReplayTicket { inner }
    }
}

#[pymethods]
impl PyReplayTicket {
    /// A ticket for ``key`` until ``expires_at_ms`` (a store's own tests make them; verifiers
    /// return theirs as ``Verified.replay``).
    #[new]
    #[pyo3(signature = (key, expires_at_ms))]
    fn new(key: &Bound<'_, PyAny>, expires_at_ms: &Bound<'_, PyAny>) -> PyResult<Self> {
        let key = text(key, "key")?.to_string();
        Ok(ReplayTicket::new(key, unsigned(expires_at_ms, "expires_at_ms")?).into())
    }

    /// The key to record.
    #[getter]
    fn key(&self) -> &str {
        &self.inner.key
    }

    /// When the entry may be forgotten (ms since the epoch): past it, the request fails the
    /// time window anyway.
    #[getter]
    fn expires_at_ms(&self) -> u64 {
        self.inner.expires_at_ms
    }

    /// How long a store must keep the entry, seen at ``now_ms`` (default now): at least 1 ms,
    /// so a time to live is never 0. The ``PX`` of Redis's ``SET key 1 NX PX ttl``.
    #[pyo3(signature = (now_ms=None))]
    fn ttl_ms(&self, now_ms: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
        Ok(self.inner.ttl_ms(millis(now_ms, "now_ms")?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "ReplayTicket(key={}, expires_at_ms={})",
            py_repr(py, Some(&self.inner.key))?,
            self.inner.expires_at_ms
        ))
    }
}

/// The ticket of a verified request as a new Python object (what `Verified.replay` returns).
pub(crate) fn ticket(
    py: Python<'_>,
    key: &str,
    expires_at_ms: u64,
) -> PyResult<Py<PyReplayTicket>> {
    Py::new(
        py,
        PyReplayTicket::from(ReplayTicket::new(key.to_owned(), expires_at_ms)),
    )
}

/// `replay_store_unavailable` with `detail`.
fn unavailable(detail: String) -> PyErr {
    to_py(Error::new(ErrorKind::ReplayStoreUnavailable, detail))
}

/// Asks `store` to record `ticket` seen at `now_ms` (`store.record(ticket, now_ms)`), failing
/// closed: the store refuses by raising a `QianmingError` (`ReplayedError`,
/// `ReplayStoreUnavailableError`), which passes through; any other `Exception` from it, or an
/// answer other than `None`, becomes `ReplayStoreUnavailableError` (the original as its
/// `__cause__`). Only then is the request accepted.
pub(crate) fn record_in(
    py: Python<'_>,
    store: &Bound<'_, PyAny>,
    key: &str,
    expires_at_ms: u64,
    now_ms: u64,
) -> PyResult<()> {
    let ticket = ticket(py, key, expires_at_ms)?;
    match store.call_method1("record", (ticket, now_ms)) {
        Ok(answer) if answer.is_none() => Ok(()),
        Ok(answer) => Err(unavailable(format!(
            "the replay store's record() returned {} instead of None (a store refuses by raising); the request is refused",
            answer.repr().map_or_else(|_| String::from("?"), |r| r.to_string())
        ))),
        Err(err) if err.is_instance_of::<QianmingError>(py) => Err(err),
        Err(err) if err.is_instance_of::<PyException>(py) => {
            let failed = unavailable(format!(
                "the replay store failed ({}: {}); the request is refused",
                err.get_type(py)
                    .name()
                    .map_or_else(|_| String::from("?"), |n| n.to_string()),
                err.value(py)
            ));
            failed.set_cause(py, Some(err));
            Err(failed)
        }
        // KeyboardInterrupt, SystemExit, …: not the store's verdict; the request is not
        // accepted either.
        Err(err) => Err(err),
    }
}

/// A verifier's answer that names the ticket a shared replay store records.
pub(crate) trait Replayable {
    /// The replay key and until when it must be remembered.
    fn replay_ticket(&self) -> &ReplayTicket;
}

impl Replayable for qianming::kingdee::Verified {
    fn replay_ticket(&self) -> &ReplayTicket {
        &self.replay
    }
}

impl Replayable for qianming::weaver::Verified {
    fn replay_ticket(&self) -> &ReplayTicket {
        &self.replay
    }
}

/// The `verify(..., store=...)` of every verifier: without a store (`None`), `own_guard` (the
/// verifier's own replay guard); with one, `stateless` (run without the verifier's lock held
/// afterwards: the store may wait on the network), then the ticket recorded in `store` at
/// `now_ms` (see [`record_in`]): accepted only if the store accepts it.
pub(crate) fn verify_once<V: Replayable>(
    py: Python<'_>,
    store: Option<&Bound<'_, PyAny>>,
    now_ms: u64,
    own_guard: impl FnOnce() -> PyResult<V>,
    stateless: impl FnOnce() -> PyResult<V>,
) -> PyResult<V> {
    match store.filter(|s| !s.is_none()) {
        None => own_guard(),
        Some(store) => {
            let v = stateless()?;
            let ticket = v.replay_ticket();
            record_in(py, store, &ticket.key, ticket.expires_at_ms, now_ms)?;
            Ok(v)
        }
    }
}

/// Adds `ReplayTicket` to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ReplayTicket", m.py().get_type::<PyReplayTicket>())
}

/// The replay-guard settings of a core verifier's builder, which every verifier class's
/// constructor takes (``window_ms``, ``replay_capacity``).
pub(crate) trait GuardSettings: Sized {
    /// The core's `with_window_ms`.
    fn with_window_ms(self, window_ms: u64) -> Self;
    /// The core's `with_replay_capacity`.
    fn with_replay_capacity(self, capacity: usize) -> Self;
}

macro_rules! guard_settings {
    ($($verifier:ty),+) => {$(
        impl GuardSettings for $verifier {
            fn with_window_ms(self, window_ms: u64) -> Self {
                <$verifier>::with_window_ms(self, window_ms)
            }
            fn with_replay_capacity(self, capacity: usize) -> Self {
                <$verifier>::with_replay_capacity(self, capacity)
            }
        }
    )+};
}

guard_settings!(qianming::kingdee::Verifier, qianming::weaver::Verifier);

/// `verifier` with a constructor's optional settings applied (converted by the caller, in the
/// order of its arguments).
pub(crate) fn configured<V: GuardSettings>(
    mut verifier: V,
    window_ms: Option<u64>,
    replay_capacity: Option<usize>,
) -> V {
    if let Some(window) = window_ms {
        verifier = verifier.with_window_ms(window);
    }
    if let Some(capacity) = replay_capacity {
        verifier = verifier.with_replay_capacity(capacity);
    }
    verifier
}

/// Writes `#[pymethods] impl $class` for a verifier class whose core verifier is behind its
/// `lock()` (pyo3 expands no macro inside such a block): the getters ``window_ms`` and
/// ``remembered`` (each class gives their docs), ``__repr__`` (`$opening`, then the window
/// and the count), then the class's own methods.
macro_rules! guarded_pymethods {
    (
        impl $class:ident, repr $opening:literal;
        $(#[$window_doc:meta])* window_ms;
        $(#[$remembered_doc:meta])* remembered;
        $($items:tt)*
    ) => {
        #[pymethods]
        impl $class {
            $(#[$window_doc])*
            #[getter]
            fn window_ms(&self) -> u64 {
                self.lock().window_ms()
            }

            $(#[$remembered_doc])*
            #[getter]
            fn remembered(&self) -> usize {
                self.lock().remembered()
            }

            fn __repr__(&self) -> String {
                // One lock: a second `lock()` in the same expression would wait on the first
                // guard, which lives to the end of the statement (the mutex is not reentrant).
                let inner = self.lock();
                format!(
                    concat!($opening, "window_ms={}, remembered={})"),
                    inner.window_ms(),
                    inner.remembered()
                )
            }

            $($items)*
        }
    };
}
pub(crate) use guarded_pymethods;

/// Writes `#[pymethods] impl $class` for a verification result that keeps `replay_key` and
/// `replay_expires_at_ms`: its ``replay`` getter, then the class's own methods.
macro_rules! verified_pymethods {
    (impl $class:ident; $($items:tt)*) => {
        #[pymethods]
        impl $class {
            /// ``replay_key`` and ``replay_expires_at_ms`` as the ``ReplayTicket`` a shared
            /// store records (``store.record(v.replay, now_ms)``; its ``ttl_ms(now_ms)`` is the
            /// time to live).
            #[getter]
            fn replay(&self, py: Python<'_>) -> PyResult<Py<$crate::replay::PyReplayTicket>> {
                $crate::replay::ticket(py, &self.replay_key, self.replay_expires_at_ms)
            }

            $($items)*
        }
    };
}
pub(crate) use verified_pymethods;
