//! `qianming.weaver`: the archive-token `sign`, `explain`, a pre-keyed `Signer` and the
//! server-side `Verifier` with its replay guard.

use std::sync::{Mutex, MutexGuard};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use qianming::weaver;

use crate::convert::{
    millis, optional_replay_capacity, optional_unsigned, parse_answer_at, py_repr, run, text,
    text_fn, unpoisoned,
};
use crate::errors::check;
use crate::http::PyHttpRequest;
use crate::replay::{configured, guarded_pymethods, verified_pymethods, verify_once};
use crate::token::PyLifetime;

/// The appid, secret and AES key most Weaver calls start with, as text.
pub(crate) fn credentials(
    appid: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
    aes_key: &Bound<'_, PyAny>,
) -> PyResult<(PyBackedStr, PyBackedStr, PyBackedStr)> {
    Ok((
        text(appid, "appid")?,
        text(secret, "secret")?,
        text(aes_key, "aes_key")?,
    ))
}

/// ``sign`` and ``explain`` take the same arguments and differ in the core function they call
/// (and the result it gives): this writes such a function once. The credentials are converted
/// by [`credentials`], ``timestamp_ms`` defaults to now, and the core runs without the GIL when
/// the input is large.
macro_rules! sign_inputs_fn {
    ($(#[$attr:meta])* fn $name:ident -> $ret:ty = $core:path;) => {
        $(#[$attr])*
        #[pyfunction]
        #[pyo3(signature = (appid, secret, aes_key, timestamp_ms=None))]
        fn $name(
            py: Python<'_>,
            appid: &Bound<'_, PyAny>,
            secret: &Bound<'_, PyAny>,
            aes_key: &Bound<'_, PyAny>,
            timestamp_ms: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<$ret> {
            let (appid, secret, key) = credentials(appid, secret, aes_key)?;
            let ts = millis(timestamp_ms, "timestamp_ms")?;
            check(run(py, appid.len() + secret.len() + key.len(), || {
                $core(&appid, &secret, &key, ts)
            }))
            .map(<$ret>::from)
        }
    };
}

sign_inputs_fn! {
    /// Weaver ``sign``: hex of AES-ECB-PKCS#7(aes_key, ``timestamp_ms "_" MD5_UPPER(appid ":" secret)``).
    /// ``timestamp_ms`` defaults to now. For many signs with one key, ``Signer`` is faster.
    ///
    /// >>> from qianming import weaver
    /// >>> weaver.sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)
    /// '48433ec4195d3d4f2c9a922eeb887ee99efc8b34155b2bd4e147370de8d80954b04dbe29a019802759029ab51c8bc6a1'
    /// >>> weaver.sign("weaverappid", "weaversecret", "short", 1)
    /// Traceback (most recent call last):
    /// ...
    /// qianming.InvalidKeyLengthError: the AES key is 5 bytes; it must be 16, 24 or 32 bytes (AES-128/192/256)
    fn weaver_sign -> String = weaver::sign;
}

sign_inputs_fn! {
    /// The sign with the MD5 and plaintext it is made of.
    ///
    /// >>> from qianming import weaver
    /// >>> e = weaver.explain("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)
    /// >>> e.md5_upper, e.plaintext
    /// ('9A4F96168413AFA4C5BE4E60A859DEA0', '1742369234096_9A4F96168413AFA4C5BE4E60A859DEA0')
    /// >>> e.sign[:8]
    /// '48433ec4'
    fn weaver_explain -> Explanation = weaver::explain;
}

text_fn! {
    /// ``MD5_UPPER(appid ":" secret)``.
    ///
    /// >>> from qianming import weaver
    /// >>> weaver.md5_upper("weaverappid", "weaversecret")
    /// '9A4F96168413AFA4C5BE4E60A859DEA0'
    fn weaver_md5_upper<'py>(_py, appid, secret) -> String {
        Ok(weaver::md5_upper(&appid, &secret))
    }
}

/// A Weaver sign with the values it is made of.
#[pyclass(name = "Explanation", module = "qianming.weaver", frozen, get_all)]
pub(crate) struct Explanation {
    /// ``MD5_UPPER(appid ":" secret)``.
    md5_upper: String,
    /// ``timestamp_ms "_" md5_upper``: what is encrypted.
    plaintext: String,
    /// Lowercase hex of the ciphertext: the ``sign`` header.
    sign: String,
}

impl From<weaver::Explanation> for Explanation {
    fn from(e: weaver::Explanation) -> Self {
        Explanation {
            md5_upper: e.md5_upper,
            plaintext: e.plaintext,
            sign: e.sign,
        }
    }
}

#[pymethods]
impl Explanation {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Explanation(plaintext={}, sign={})",
            py_repr(py, Some(&self.plaintext))?,
            py_repr(py, Some(&self.sign))?
        ))
    }
}

/// Makes Weaver signs for one appid; the MD5 and the AES key schedule are computed once.
///
/// >>> from qianming import weaver
/// >>> signer = weaver.Signer("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
/// >>> signer.sign(1742369234096)[:8], signer.appid
/// ('48433ec4', 'weaverappid')
/// >>> len(signer.sign())  # timestamp_ms defaults to now
/// 96
#[pyclass(name = "Signer", module = "qianming.weaver", frozen)]
pub(crate) struct WeaverSigner {
    inner: weaver::Signer,
}

#[pymethods]
impl WeaverSigner {
    #[new]
    #[pyo3(signature = (appid, secret, aes_key))]
    fn new(
        appid: &Bound<'_, PyAny>,
        secret: &Bound<'_, PyAny>,
        aes_key: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let (appid, secret, key) = credentials(appid, secret, aes_key)?;
        Ok(WeaverSigner {
            inner: check(weaver::Signer::new(&appid, &secret, &key))?,
        })
    }

    /// The appid this signer signs for.
    #[getter]
    fn appid(&self) -> &str {
        self.inner.appid()
    }

    /// The sign for ``timestamp_ms`` (default now).
    #[pyo3(signature = (timestamp_ms=None))]
    fn sign(&self, timestamp_ms: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let ts = millis(timestamp_ms, "timestamp_ms")?;
        // Fixed, tiny work (the MD5 is precomputed; three AES blocks): the GIL is kept, as
        // for every input below DETACH_MIN_BYTES.
        Ok(self.inner.sign(ts))
    }

    /// The sign for ``timestamp_ms`` (default now) with its MD5 and plaintext.
    #[pyo3(signature = (timestamp_ms=None))]
    fn explain(&self, timestamp_ms: Option<&Bound<'_, PyAny>>) -> PyResult<Explanation> {
        let ts = millis(timestamp_ms, "timestamp_ms")?;
        Ok(Explanation::from(self.inner.explain(ts)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Signer(appid={}, secret=<redacted>, aes_key=<redacted>)",
            py_repr(py, Some(self.inner.appid()))?
        ))
    }
}

/// Verifies Weaver signs the way the Weaver server does, each failure its own exception:
/// ``UndecryptableError`` (签名解密异常), ``MalformedSignError`` and ``SignMismatchError``
/// (appid或sign参数值异常), ``ExpiredError`` and ``FutureTimestampError`` (签名已过期),
/// ``ReplayedError`` (禁用重复签名获取token). ``verify`` remembers each accepted sign until
/// it leaves the window, so a sign works once; the guard is locked, so a verifier can be
/// shared between threads. Servers behind a load balancer pass ``store=`` a shared store
/// (``qianming.replay.RedisReplayStore``) so a sign accepted by one is refused by the others.
///
/// >>> from qianming import weaver
/// >>> s = weaver.sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)
/// >>> verifier = weaver.Verifier("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
/// >>> verifier.verify(s, now_ms=1742369260000).timestamp_ms
/// 1742369234096
/// >>> verifier.verify(s, now_ms=1742369261000)
/// Traceback (most recent call last):
/// ...
/// qianming.ReplayedError: this sign was already used; each sign works once, so a retry must sign again (禁用重复签名获取token)
/// >>> verifier.remembered
/// 1
#[pyclass(name = "Verifier", module = "qianming.weaver", frozen)]
pub(crate) struct WeaverVerifier {
    inner: Mutex<weaver::Verifier>,
}

impl WeaverVerifier {
    pub(crate) fn lock(&self) -> MutexGuard<'_, weaver::Verifier> {
        unpoisoned(&self.inner)
    }
}

guarded_pymethods! {
    impl WeaverVerifier, repr "Verifier(";
    /// The validity window in milliseconds.
    window_ms;
    /// How many signs the replay guard remembers now.
    remembered;

    #[new]
    #[pyo3(signature = (appid, secret, aes_key, *, window_ms=None, max_future_ms=None, replay_capacity=None))]
    fn new(
        appid: &Bound<'_, PyAny>,
        secret: &Bound<'_, PyAny>,
        aes_key: &Bound<'_, PyAny>,
        window_ms: Option<&Bound<'_, PyAny>>,
        max_future_ms: Option<&Bound<'_, PyAny>>,
        replay_capacity: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let (appid, secret, key) = credentials(appid, secret, aes_key)?;
        let inner = check(weaver::Verifier::new(&appid, &secret, &key))?;
        let window = optional_unsigned(window_ms, "window_ms")?;
        let future = optional_unsigned(max_future_ms, "max_future_ms")?;
        let capacity = optional_replay_capacity(replay_capacity)?;
        // The window first: it also sets the allowance for the future, which `future` overrides.
        let mut inner = configured(inner, window, capacity);
        if let Some(future) = future {
            inner = inner.with_max_future_ms(future);
        }
        Ok(WeaverVerifier {
            inner: Mutex::new(inner),
        })
    }

    /// Verifies ``sign`` at ``now_ms`` (default now) and records it, so it works only once.
    ///
    /// ``store``: a shared replay store (``qianming.replay.ReplayStore``, e.g.
    /// ``RedisReplayStore``) used instead of this verifier's own guard: the sign is checked as
    /// by ``verify_stateless``, then ``store.record(verified.replay, now_ms)`` must pass. A
    /// store that fails (anything but a ``QianmingError``, or an answer other than ``None``)
    /// refuses the sign with ``ReplayStoreUnavailableError``: never accepted.
    #[pyo3(signature = (sign, now_ms=None, *, store=None))]
    fn verify(
        &self,
        py: Python<'_>,
        sign: &Bound<'_, PyAny>,
        now_ms: Option<&Bound<'_, PyAny>>,
        store: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<WeaverVerified> {
        let sign = text(sign, "sign")?;
        let now = millis(now_ms, "now_ms")?;
        verify_once(
            py,
            store,
            now,
            || check(run(py, sign.len(), || self.lock().verify(&sign, now))),
            || {
                check(run(py, sign.len(), || {
                    self.lock().verify_stateless(&sign, now)
                }))
            },
        )
        .map(WeaverVerified::from)
    }

    /// Verifies ``sign`` at ``now_ms`` (default now) without any replay state: the caller
    /// records ``Verified.replay`` in a shared store and refuses the sign if the store had it
    /// (``verify(..., store=...)`` does exactly that). Alone, it accepts a replay.
    #[pyo3(signature = (sign, now_ms=None))]
    fn verify_stateless(
        &self,
        py: Python<'_>,
        sign: &Bound<'_, PyAny>,
        now_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<WeaverVerified> {
        let sign = text(sign, "sign")?;
        let now = millis(now_ms, "now_ms")?;
        let v = check(run(py, sign.len(), || {
            self.lock().verify_stateless(&sign, now)
        }))?;
        Ok(WeaverVerified::from(v))
    }
}

/// What a successful Weaver verification established. (The decrypted plaintext is not kept:
/// its MD5 part is what the server checks, as secret as the secret.)
#[pyclass(name = "Verified", module = "qianming.weaver", frozen, get_all)]
pub(crate) struct WeaverVerified {
    /// The timestamp inside the sign, in milliseconds.
    timestamp_ms: u64,
    /// What a shared replay store must remember (the appid and the sign) …
    replay_key: String,
    /// … and until when (ms since the epoch).
    replay_expires_at_ms: u64,
}

impl From<weaver::Verified> for WeaverVerified {
    fn from(v: weaver::Verified) -> Self {
        WeaverVerified {
            timestamp_ms: v.timestamp_ms,
            replay_key: v.replay.key,
            replay_expires_at_ms: v.replay.expires_at_ms,
        }
    }
}

verified_pymethods! {
    impl WeaverVerified;

    fn __repr__(&self) -> String {
        format!("Verified(timestamp_ms={})", self.timestamp_ms)
    }
}

/// ``POST <base_url>/api/cus/token/auth/getToken`` with headers ``Content-Type``, ``appid`` and
/// ``sign`` and no body. ``appid`` and ``sign`` must be able to travel in a header (no CR/LF).
///
/// >>> from qianming import weaver
/// >>> req = weaver.token_request("http://10.0.0.1", appid="weaverappid", sign="48433ec4")
/// >>> req.url, req.header("appid")
/// ('http://10.0.0.1/api/cus/token/auth/getToken', 'weaverappid')
/// >>> weaver.token_request("http://10.0.0.1", appid="a\r\nX: y", sign="s")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidHeaderValueError: appid contains a control character, so it cannot travel in an HTTP header unchanged
#[pyfunction]
#[pyo3(signature = (base_url, *, appid, sign))]
fn weaver_token_request(
    base_url: &Bound<'_, PyAny>,
    appid: &Bound<'_, PyAny>,
    sign: &Bound<'_, PyAny>,
) -> PyResult<PyHttpRequest> {
    check(weaver::token_request(
        &text(base_url, "base_url")?,
        &text(appid, "appid")?,
        &text(sign, "sign")?,
    ))
    .map(PyHttpRequest::from)
}

/// ``token_request`` with a fresh sign made by ``signer`` at ``timestamp_ms`` (default now).
/// Each sign works once: a retry must build a new request.
///
/// >>> from qianming import weaver
/// >>> signer = weaver.Signer("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
/// >>> req = weaver.signed_token_request(signer, "http://10.0.0.1", timestamp_ms=1742369234096)
/// >>> req.header("sign") == signer.sign(1742369234096)
/// True
#[pyfunction]
#[pyo3(signature = (signer, base_url, *, timestamp_ms=None))]
fn weaver_signed_token_request(
    signer: &Bound<'_, WeaverSigner>,
    base_url: &Bound<'_, PyAny>,
    timestamp_ms: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let ts = millis(timestamp_ms, "timestamp_ms")?;
    check(weaver::signed_token_request(
        &signer.get().inner,
        &text(base_url, "base_url")?,
        ts,
    ))
    .map(PyHttpRequest::from)
}

/// Parses the token answer ``{"batchkey","msg","status","token"}`` (``bytes`` or ``str``)
/// received at ``received_at_ms`` (default now) into a ``Token`` (lifetime 30 minutes).
/// ``status: false`` raises the exception of the message's kind — ``AppidDisabledError``,
/// ``SignMismatchError``, ``ReplayedError``, ``UndecryptableError``, ``ExpiredError``, else
/// ``VendorErrorError`` — with ``.refusal`` keeping ``msg`` and ``batchkey``.
///
/// >>> from qianming import weaver
/// >>> t = weaver.parse_token_answer(
/// ...     '{"batchkey":"k","msg":"获取成功!","status":true,"token":"fdca51c0"}'.encode(),
/// ...     received_at_ms=0)
/// >>> t.token, t.msg, t.lifetime.expires_at_ms
/// ('fdca51c0', '获取成功!', 1800000)
/// >>> import qianming
/// >>> try:
/// ...     weaver.parse_token_answer('{"batchkey":"b1","msg":"签名已过期,请确认!!!","status":false}')
/// ... except qianming.ExpiredError as e:
/// ...     print(e.vendor_message, e.batchkey)
/// 签名已过期,请确认!!! b1
#[pyfunction]
#[pyo3(signature = (body, *, received_at_ms=None))]
fn weaver_parse_token_answer(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    received_at_ms: Option<&Bound<'_, PyAny>>,
) -> PyResult<WeaverToken> {
    let t = parse_answer_at(py, body, received_at_ms, weaver::parse_token_answer)?;
    Ok(WeaverToken {
        token: t.token.expose().to_string(),
        msg: t.msg,
        batchkey: t.batchkey,
        lifetime: Py::new(py, PyLifetime::from(t.lifetime))?,
    })
}

/// A Weaver token (the ``repr`` hides it).
#[pyclass(name = "Token", module = "qianming.weaver", frozen, get_all)]
pub(crate) struct WeaverToken {
    /// ``token``.
    token: String,
    /// ``msg`` (``获取成功!``), or ``None``.
    msg: Option<String>,
    /// ``batchkey`` (the key of the server's log entry), or ``None``.
    batchkey: Option<String>,
    /// 30 minutes from the time the answer was received.
    lifetime: Py<PyLifetime>,
}

#[pymethods]
impl WeaverToken {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Token(token=<redacted>, batchkey={})",
            py_repr(py, self.batchkey.as_deref())?
        ))
    }
}

/// Adds the Weaver functions and classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(weaver_sign, m)?)?;
    m.add_function(wrap_pyfunction!(weaver_explain, m)?)?;
    m.add_function(wrap_pyfunction!(weaver_md5_upper, m)?)?;
    m.add("WeaverSigner", py.get_type::<WeaverSigner>())?;
    m.add("WeaverVerifier", py.get_type::<WeaverVerifier>())?;
    m.add("WeaverVerified", py.get_type::<WeaverVerified>())?;
    m.add("WeaverExplanation", py.get_type::<Explanation>())?;
    m.add_function(wrap_pyfunction!(weaver_token_request, m)?)?;
    m.add_function(wrap_pyfunction!(weaver_signed_token_request, m)?)?;
    m.add_function(wrap_pyfunction!(weaver_parse_token_answer, m)?)?;
    m.add("WeaverToken", py.get_type::<WeaverToken>())?;
    m.add("WEAVER_TOKEN_PATH", weaver::TOKEN_PATH)?;
    Ok(())
}
