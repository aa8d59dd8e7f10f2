//! `qianming.kingdee.Verifier`: the server side of Kingdee signatures, with its replay guard,
//! shared replay stores, the safe `diagnose` and the revealing explanation.

use std::sync::{Mutex, MutexGuard};

use pyo3::exceptions::PyDeprecationWarning;
use pyo3::prelude::*;
use qianming::kingdee::{self, ReceivedRequest};

use crate::convert::{
    millis, optional_replay_capacity, optional_unsigned, pairs, py_repr, py_repr_u64, run, text,
    text_pairs, unpoisoned,
};
use crate::errors::check;
use crate::kingdee::pairs_len;
use crate::replay::{configured, guarded_pymethods, verified_pymethods, verify_once};

/// Verifies received Kingdee-signed requests: rebuilds the string to sign, compares the
/// signature in constant time, checks every signed header value and the timestamp window
/// (default five minutes either side of now), and refuses a replay: each client id and nonce
/// works once (a bounded in-memory guard, shared by the threads using this verifier; servers
/// behind a load balancer pass ``store=`` a shared store such as
/// ``qianming.replay.RedisReplayStore``). Pass the *decoded* query pairs (see
/// ``parse_query``) and all headers. A query pair with an empty name (``?=x``), which the
/// signature does not cover, is refused (``UnsignedQueryDataError``) unless
/// ``lenient_query=True`` restores the vendor gateway's leniency.
///
/// >>> from qianming import kingdee
/// >>> out = kingdee.Signer("123456", "s3cret").sign("GET", "/a", query={"x": "1 2"},
/// ...                                              timestamp=1700000000000, nonce="42")
/// >>> verifier = kingdee.Verifier("s3cret")
/// >>> v = verifier.verify("GET", "/a", query=kingdee.parse_query(out.wire_query),
/// ...                     headers=out.headers, now_ms=1700000060000)
/// >>> v.client_id, v.timestamp_ms, v.nonce
/// ('123456', 1700000000000, '42')
/// >>> verifier.verify("GET", "/a", query=kingdee.parse_query(out.wire_query),
/// ...                 headers=out.headers, now_ms=1700000061000)
/// Traceback (most recent call last):
/// ...
/// qianming.ReplayedError: this signed request was already accepted once; each works once, so a retry must sign again
/// >>> verifier.verify("GET", "/b", headers=out.headers, now_ms=1700000060000)
/// Traceback (most recent call last):
/// ...
/// qianming.SignatureMismatchError: X-Api-Signature does not match the request (HTTP 519 at the gateway)
#[pyclass(name = "Verifier", module = "qianming.kingdee", frozen)]
pub(crate) struct KingdeeVerifier {
    inner: Mutex<kingdee::Verifier>,
}

impl KingdeeVerifier {
    pub(crate) fn lock(&self) -> MutexGuard<'_, kingdee::Verifier> {
        unpoisoned(&self.inner)
    }

    /// Converts a received request and runs `f` on it with this verifier locked (see
    /// [`with_received`]).
    fn judge<T: Send>(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        query: Option<&Bound<'_, PyAny>>,
        headers: &Bound<'_, PyAny>,
        f: impl FnOnce(&mut kingdee::Verifier, &ReceivedRequest<'_>) -> qianming::Result<T> + Send,
    ) -> PyResult<T> {
        with_received(py, method, path, query, headers, |r| f(&mut self.lock(), r))
    }
}

/// Converts the parts of a received request and runs `f` on it (without the GIL when large).
/// `f` must not call into Python: it may hold the verifier's lock.
pub(crate) fn with_received<T: Send>(
    py: Python<'_>,
    method: &Bound<'_, PyAny>,
    path: &Bound<'_, PyAny>,
    query: Option<&Bound<'_, PyAny>>,
    headers: &Bound<'_, PyAny>,
    f: impl FnOnce(&ReceivedRequest<'_>) -> qianming::Result<T> + Send,
) -> PyResult<T> {
    let method = text(method, "method")?;
    let path = text(path, "path")?;
    let query = pairs(query, "query", false)?;
    let headers = pairs(Some(headers), "headers", false)?;
    let size = method.len() + path.len() + pairs_len(&query) + pairs_len(&headers);
    check(run(py, size, || {
        let query = text_pairs(&query);
        let headers = text_pairs(&headers);
        f(&ReceivedRequest::new(&method, &path, &query, &headers))
    }))
}

/// Writes the pyo3 methods of `KingdeeVerifier` (through [`guarded_pymethods`], with the
/// `guard` section): the methods given as items, then one method per `judge` line. Those
/// methods take the same received request (``method, path, *, headers, query=None``, then
/// ``now_ms=None`` when the line names it), convert it with [`with_received`] and differ only
/// in the core call and its result: the one signature is written here once. `deprecated`
/// makes the method warn first.
macro_rules! judging_pymethods {
    (
        $(
            $(#[$doc:meta])*
            judge fn $name:ident($($now:ident)?) -> $ret:ty = |$v:ident, $r:ident| $call:expr
                $(, deprecated $warning:literal)?;
        )*
        guard { $($guard:tt)* }
        items { $($items:tt)* }
    ) => {
        guarded_pymethods! {
            $($guard)*
            $($items)*
            $(
                $(#[$doc])*
                #[pyo3(signature = (method, path, *, headers, query=None $(, $now=None)?))]
                fn $name(
                    &self,
                    py: Python<'_>,
                    method: &Bound<'_, PyAny>,
                    path: &Bound<'_, PyAny>,
                    headers: &Bound<'_, PyAny>,
                    query: Option<&Bound<'_, PyAny>>
                    $(, $now: Option<&Bound<'_, PyAny>>)?
                ) -> PyResult<$ret> {
                    $(PyErr::warn(py, &py.get_type::<PyDeprecationWarning>(), $warning, 1)?;)?
                    $(let $now = millis($now, stringify!($now))?;)?
                    self.judge(py, method, path, query, headers, |$v, $r| $call)
                        .map(<$ret>::from)
                }
            )*
        }
    };
}

judging_pymethods! {
    /// Like ``verify`` without any replay state: the caller records ``Verified.replay`` in a
    /// shared store and refuses the request if the store had it (``verify(..., store=...)``
    /// does exactly that). Alone, it accepts a replay.
    judge fn verify_stateless(now_ms) -> Verified = |v, r| v.verify_stateless(r, now_ms);

    /// What can safely be said about a received request at ``now_ms`` (default now): the
    /// canonical parts rebuilt from it and the verdict ``verify_stateless`` gives (the replay
    /// guard is neither consulted nor changed), **never the expected signature or HMAC**. Fit
    /// to log, or to tell a client why it was refused. Only a request too malformed to rebuild
    /// (a missing header, an unsupported method, …) raises. Returns ``Diagnosis``.
    ///
    /// >>> from qianming import kingdee
    /// >>> out = kingdee.Signer("123456", "s3cret").sign("GET", "/a", timestamp=1700000000000,
    /// ...                                              nonce="42")
    /// >>> d = kingdee.Verifier("other").diagnose("GET", "/a", headers=out.headers,
    /// ...                                        now_ms=1700000000000)
    /// >>> d.ok, d.kind, d.canonical_path
    /// (False, 'signature_mismatch', '%2Fa')
    judge fn diagnose(now_ms) -> Diagnosis = |v, r| v.diagnose(r, now_ms);

    /// **Reveals the signature the request should carry** (and its HMAC): for debugging your
    /// own client on your own machine. **Never send its output back to a client, nor log it
    /// where clients can read it**: it lets anyone forge the request. A server uses
    /// ``diagnose``. Rebuilds the string to sign without judging the request; returns
    /// ``VerifyExplanation``.
    judge fn explain_revealing_signature() -> VerifyExplanation =
        |v, r| v.explain_revealing_signature(r);

    /// Deprecated: the old name of ``explain_revealing_signature`` (which reveals the expected
    /// signature: never send it to a client). Emits ``DeprecationWarning``; servers use
    /// ``diagnose``.
    judge fn explain() -> VerifyExplanation = |v, r| v.explain_revealing_signature(r),
        deprecated c"Verifier.explain reveals the expected signature and is renamed explain_revealing_signature; a server answers or logs with diagnose instead";

    guard {
        impl KingdeeVerifier, repr "Verifier(client_secret=<redacted>, ";
        /// How far (ms) a timestamp may lie from now, in either direction.
        window_ms;
        /// How many requests (client id and nonce) the in-memory replay guard remembers now.
        remembered;
    }

    items {
        #[new]
        #[pyo3(signature = (client_secret, *, window_ms=None, replay_capacity=None, lenient_query=false))]
        fn new(
            client_secret: &Bound<'_, PyAny>,
            window_ms: Option<&Bound<'_, PyAny>>,
            replay_capacity: Option<&Bound<'_, PyAny>>,
            lenient_query: bool,
        ) -> PyResult<Self> {
            let secret = text(client_secret, "client_secret")?;
            let inner = check(kingdee::Verifier::new(&secret))?.with_lenient_query(lenient_query);
            let window = optional_unsigned(window_ms, "window_ms")?;
            let capacity = optional_replay_capacity(replay_capacity)?;
            Ok(KingdeeVerifier {
                inner: Mutex::new(configured(inner, window, capacity)),
            })
        }

        /// Verifies a received request at ``now_ms`` (default now) and records its client id and
        /// nonce, so it works only once (``ReplayedError`` after that). ``path``: decoded;
        /// ``query``: decoded (name, value) pairs; ``headers``: a mapping or (name, value) pairs,
        /// any case. Returns ``Verified``; raises the ``QianmingError`` subclass of the failure.
        ///
        /// ``store``: a shared replay store (``qianming.replay.ReplayStore``, e.g.
        /// ``RedisReplayStore``) used instead of this verifier's own guard: the request is checked
        /// as by ``verify_stateless``, then ``store.record(verified.replay, now_ms)`` must pass. A
        /// store that fails (anything but a ``QianmingError``, or an answer other than ``None``)
        /// refuses the request with ``ReplayStoreUnavailableError``: never accepted.
        #[pyo3(signature = (method, path, *, headers, query=None, now_ms=None, store=None))]
        #[allow(clippy::too_many_arguments)]
        fn verify(
            &self,
            py: Python<'_>,
            method: &Bound<'_, PyAny>,
            path: &Bound<'_, PyAny>,
            headers: &Bound<'_, PyAny>,
            query: Option<&Bound<'_, PyAny>>,
            now_ms: Option<&Bound<'_, PyAny>>,
            store: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Verified> {
            let now = millis(now_ms, "now_ms")?;
            verify_once(
                py,
                store,
                now,
                || self.judge(py, method, path, query, headers, |v, r| v.verify(r, now)),
                || {
                    self.judge(py, method, path, query, headers, |v, r| {
                        v.verify_stateless(r, now)
                    })
                },
            )
            .map(Verified::from)
        }
    }
}

/// What a successful Kingdee verification established.
#[pyclass(name = "Verified", module = "qianming.kingdee", frozen, get_all)]
pub(crate) struct Verified {
    /// The ``X-Api-ClientID`` of the request.
    client_id: String,
    /// The signed timestamp in milliseconds.
    timestamp_ms: u64,
    /// The signed nonce.
    nonce: String,
    /// What a shared replay store must remember (the client id and nonce) …
    replay_key: String,
    /// … and until when (ms since the epoch).
    replay_expires_at_ms: u64,
}

impl From<kingdee::Verified> for Verified {
    fn from(v: kingdee::Verified) -> Self {
        Verified {
            client_id: v.client_id,
            timestamp_ms: v.timestamp_ms,
            nonce: v.nonce,
            replay_key: v.replay.key,
            replay_expires_at_ms: v.replay.expires_at_ms,
        }
    }
}

verified_pymethods! {
    impl Verified;

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Verified(client_id={}, timestamp_ms={}, nonce={})",
            py_repr(py, Some(&self.client_id))?,
            self.timestamp_ms,
            py_repr(py, Some(&self.nonce))?
        ))
    }
}

/// What ``Verifier.diagnose`` can safely tell about a received request: the canonical parts
/// and the verdict, never the expected signature. ``ok`` is ``True`` when the request passes
/// every stateless check (``timestamp_ms`` is then its timestamp); otherwise ``kind`` and
/// ``detail`` say why it is refused (as the exception ``verify`` would raise).
#[pyclass(name = "Diagnosis", module = "qianming.kingdee", frozen, get_all)]
pub(crate) struct Diagnosis {
    /// ``G(path)`` of the received path.
    canonical_path: String,
    /// The canonical query of the received pairs.
    canonical_query: String,
    /// The signed header names in signing order.
    signed_headers: Vec<String>,
    /// The string to sign the verifier rebuilt (made of the request alone).
    string_to_sign: String,
    /// Whether the request passes the signature, header, query and window checks.
    ok: bool,
    /// The signed timestamp in milliseconds when ``ok``, else ``None``.
    timestamp_ms: Option<u64>,
    /// The error kind of the refusal (``"signature_mismatch"``, ``"expired"``, …), or ``None``.
    kind: Option<String>,
    /// The refusal's human-readable detail (no secret), or ``None``.
    detail: Option<String>,
}

impl From<kingdee::Diagnosis> for Diagnosis {
    fn from(d: kingdee::Diagnosis) -> Self {
        let (timestamp_ms, kind, detail) = match d.verdict {
            Ok(ts) => (Some(ts), None, None),
            Err(e) => (
                None,
                Some(e.kind().name().to_owned()),
                Some(e.detail().to_owned()),
            ),
        };
        Diagnosis {
            canonical_path: d.canonical_path,
            canonical_query: d.canonical_query,
            signed_headers: d.signed_headers,
            string_to_sign: d.string_to_sign,
            ok: timestamp_ms.is_some(),
            timestamp_ms,
            kind,
            detail,
        }
    }
}

#[pymethods]
impl Diagnosis {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Diagnosis(ok={}, kind={}, timestamp_ms={}, canonical_path={})",
            if self.ok { "True" } else { "False" },
            py_repr(py, self.kind.as_deref())?,
            py_repr_u64(self.timestamp_ms),
            py_repr(py, Some(&self.canonical_path))?
        ))
    }
}

/// The verifier's view of a received request **with the expected signature** (see
/// ``Verifier.explain_revealing_signature``): never send it to a client.
#[pyclass(
    name = "VerifyExplanation",
    module = "qianming.kingdee",
    frozen,
    get_all
)]
pub(crate) struct VerifyExplanation {
    /// ``G(path)`` of the received path.
    canonical_path: String,
    /// The canonical query of the received pairs.
    canonical_query: String,
    /// The signed header names in signing order.
    signed_headers: Vec<String>,
    /// The string to sign the verifier rebuilt.
    string_to_sign: String,
    /// Lowercase hex of the HMAC the verifier computed.
    hmac_hex: String,
    /// The signature the request should carry.
    expected_signature: String,
    /// The signature the request carries (empty when missing).
    received_signature: String,
}

impl From<kingdee::VerifyExplanation> for VerifyExplanation {
    fn from(e: kingdee::VerifyExplanation) -> Self {
        VerifyExplanation {
            canonical_path: e.canonical_path,
            canonical_query: e.canonical_query,
            signed_headers: e.signed_headers,
            string_to_sign: e.string_to_sign,
            hmac_hex: e.hmac_hex,
            expected_signature: e.expected_signature,
            received_signature: e.received_signature,
        }
    }
}

#[pymethods]
impl VerifyExplanation {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "VerifyExplanation(expected_signature={}, received_signature={})",
            py_repr(py, Some(&self.expected_signature))?,
            py_repr(py, Some(&self.received_signature))?
        ))
    }
}

/// Adds the Kingdee verifier's classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("KingdeeVerifier", py.get_type::<KingdeeVerifier>())?;
    m.add("KingdeeVerified", py.get_type::<Verified>())?;
    m.add("KingdeeDiagnosis", py.get_type::<Diagnosis>())?;
    m.add("VerifyExplanation", py.get_type::<VerifyExplanation>())?;
    Ok(())
}
