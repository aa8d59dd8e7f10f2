//! `qianming.kingdee`: `app_signature`, the request `Signer` and the server-side `Verifier`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use qianming::kingdee::{self, ReceivedRequest, Request, SignHeader, SigningOutput};

use crate::convert::{
    self, kingdee_timestamp, millis, pairs, text, text_pairs, unsigned, Timestamp,
};
use crate::errors::check;

/// Kingdee ``app_signature``: Base64 of the lowercase hex of HMAC-SHA256(app_secret, app_key).
///
/// >>> from qianming import kingdee
/// >>> kingdee.app_signature("abc", "abc123")
/// 'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=='
/// >>> kingdee.app_signature(app_key="abc", app_secret="")
/// Traceback (most recent call last):
/// ...
/// qianming.EmptySecretError: the app secret is empty
#[pyfunction]
#[pyo3(signature = (app_key, app_secret))]
fn app_signature(
    py: Python<'_>,
    app_key: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let key = text(app_key, "app_key")?;
    let secret = text(app_secret, "app_secret")?;
    check(py.detach(|| kingdee::app_signature(&key, &secret)))
}

/// ``app_signature`` with the HMAC hex it is made of.
///
/// >>> from qianming import kingdee
/// >>> a = kingdee.explain_app_signature("abc", "abc123")
/// >>> a.hmac_hex
/// 'd9c1274b251514dc9d67503ab533835c2cc8a7c37f6c7a5e49119367b91c752e'
/// >>> a.app_signature == kingdee.app_signature("abc", "abc123")
/// True
#[pyfunction]
#[pyo3(signature = (app_key, app_secret))]
fn explain_app_signature(
    py: Python<'_>,
    app_key: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
) -> PyResult<AppSignature> {
    let key = text(app_key, "app_key")?;
    let secret = text(app_secret, "app_secret")?;
    let out = check(py.detach(|| kingdee::explain_app_signature(&key, &secret)))?;
    Ok(AppSignature {
        hmac_hex: out.hmac_hex,
        app_signature: out.app_signature,
    })
}

/// An ``app_signature`` with its intermediate (see ``explain_app_signature``).
#[pyclass(name = "AppSignature", module = "qianming.kingdee", frozen, get_all)]
pub(crate) struct AppSignature {
    /// Lowercase hex of HMAC-SHA256(app secret, app key).
    hmac_hex: String,
    /// Base64 of ``hmac_hex``: always 88 characters.
    app_signature: String,
}

#[pymethods]
impl AppSignature {
    fn __repr__(&self) -> String {
        format!("AppSignature(app_signature={:?})", self.app_signature)
    }
}

/// The canonical path ``G(path)`` of the string to sign.
///
/// >>> from qianming import kingdee
/// >>> kingdee.canonical_path("/jdy/v2/a b")
/// '%2Fjdy%2Fv2%2Fa+b'
#[pyfunction]
#[pyo3(signature = (path))]
fn canonical_path(path: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(kingdee::canonical_path(&text(path, "path")?))
}

/// The canonical query of the string to sign, for (name, value) pairs in any order.
///
/// >>> from qianming import kingdee
/// >>> kingdee.canonical_query([("b", "x=y"), ("a", "1 2"), ("", "gone")])
/// 'a=1%2B2&b=x%253Dy'
/// >>> kingdee.canonical_query({"a": "1 2", "b": "x=y"})
/// 'a=1%2B2&b=x%253Dy'
#[pyfunction]
#[pyo3(signature = (query))]
fn canonical_query(query: &Bound<'_, PyAny>) -> PyResult<String> {
    let pairs = pairs(Some(query), "query", false)?;
    check(kingdee::canonical_query(&text_pairs(&pairs)))
}

/// Decodes a query string as it arrives on the wire into (name, value) pairs, for a verifier.
/// ``+`` is a space; a part without ``=`` has an empty value; empty parts are skipped.
///
/// >>> from qianming import kingdee
/// >>> kingdee.parse_query("app_key=abc&sig=ab%3D%3D&flag")
/// [('app_key', 'abc'), ('sig', 'ab=='), ('flag', '')]
/// >>> kingdee.parse_query("a=%zz")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidPercentEncoding...
#[pyfunction]
#[pyo3(signature = (raw))]
fn parse_query<'py>(py: Python<'py>, raw: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let raw = text(raw, "raw")?;
    let pairs = check(kingdee::parse_query(&raw))?;
    PyList::new(py, pairs)
}

/// A nonce in the vendor SDK's form (ten decimal digits) made from 64 caller-supplied random
/// bits. ``new_nonce()`` supplies them from ``secrets``.
///
/// >>> from qianming import kingdee
/// >>> kingdee.nonce_from_entropy(42)
/// '0000000042'
#[pyfunction]
#[pyo3(signature = (entropy))]
fn nonce_from_entropy(entropy: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(kingdee::nonce_from_entropy(unsigned(entropy, "entropy")?))
}

/// A fresh random nonce: ``nonce_from_entropy(secrets.randbits(64))``.
///
/// >>> from qianming import kingdee
/// >>> n = kingdee.new_nonce()
/// >>> len(n), n.isdigit()
/// (10, True)
#[pyfunction]
fn new_nonce(py: Python<'_>) -> PyResult<String> {
    Ok(kingdee::nonce_from_entropy(convert::entropy(py)?))
}

/// Signs Kingdee API-gateway requests (auth version 2.0) for one client. The HMAC is keyed
/// once; a signer is immutable and can be shared between threads.
///
/// >>> from qianming import kingdee
/// >>> signer = kingdee.Signer("123456", "0123456789abcdef0123456789abcdef")
/// >>> out = signer.sign("GET", "/jdyconnector/app_management/kingdee_auth_token",
/// ...                   query={"app_key": "abc", "app_signature": "ZDlj=="},
/// ...                   timestamp=1700000000000, nonce="1234567890")
/// >>> out.canonical_query
/// 'app_key=abc&app_signature=ZDlj%253D%253D'
/// >>> out.wire_query
/// 'app_key=abc&app_signature=ZDlj%3D%3D'
/// >>> out.headers["X-Api-SignHeaders"]
/// 'X-Api-Nonce,X-Api-TimeStamp'
/// >>> out.signature == out.headers["X-Api-Signature"]
/// True
/// >>> len(signer.sign("GET", "/a").headers["X-Api-Nonce"])  # timestamp and nonce default
/// 10
#[pyclass(name = "Signer", module = "qianming.kingdee", frozen)]
pub(crate) struct KingdeeSigner {
    inner: kingdee::Signer,
}

#[pymethods]
impl KingdeeSigner {
    #[new]
    #[pyo3(signature = (client_id, client_secret))]
    fn new(client_id: &Bound<'_, PyAny>, client_secret: &Bound<'_, PyAny>) -> PyResult<Self> {
        let id = text(client_id, "client_id")?;
        let secret = text(client_secret, "client_secret")?;
        Ok(KingdeeSigner {
            inner: check(kingdee::Signer::new(&id, &secret))?,
        })
    }

    /// The client id this signer signs for.
    #[getter]
    fn client_id(&self) -> &str {
        self.inner.client_id()
    }

    /// Signs a request. ``query``: unencoded (name, value) pairs or a mapping, any order.
    /// ``sign_headers``: extra headers to sign besides the nonce and the timestamp (send them
    /// yourself). ``timestamp``: milliseconds as ``int`` or decimal ``str``, default now.
    /// ``nonce``: default ten random digits. Returns a ``SignedRequest``.
    ///
    /// >>> from qianming import kingdee
    /// >>> out = kingdee.Signer("id", "secret").sign(
    /// ...     "post", "/a", sign_headers=[("Content-Type", "application/json")],
    /// ...     timestamp="1700000000000", nonce="42")
    /// >>> out.signed_headers
    /// ['Content-Type', 'X-Api-Nonce', 'X-Api-TimeStamp']
    /// >>> print(out.string_to_sign, end="")
    /// POST
    /// %2Fa
    /// <BLANKLINE>
    /// content-type:application/json
    /// x-api-nonce:42
    /// x-api-timestamp:1700000000000
    #[pyo3(signature = (method, path, *, query=None, sign_headers=None, timestamp=None, nonce=None))]
    #[allow(clippy::too_many_arguments)]
    fn sign(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        query: Option<&Bound<'_, PyAny>>,
        sign_headers: Option<&Bound<'_, PyAny>>,
        timestamp: Option<&Bound<'_, PyAny>>,
        nonce: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<SignedRequest> {
        let method = text(method, "method")?;
        let path = text(path, "path")?;
        let query = pairs(query, "query", false)?;
        let extra = pairs(sign_headers, "sign_headers", true)?;
        let timestamp = kingdee_timestamp(timestamp)?;
        let nonce = convert::nonce(py, nonce)?;
        let nonce = nonce.as_str();
        let out = py.detach(|| {
            let query = text_pairs(&query);
            let extra: Vec<SignHeader<'_>> = extra
                .iter()
                .map(|(name, value)| SignHeader {
                    name,
                    value: value.as_deref(),
                })
                .collect();
            let request = Request::new(&method, &path)
                .with_query(&query)
                .with_sign_headers(&extra);
            match &timestamp {
                Timestamp::Text(ts) => self.inner.sign(&request, ts, nonce),
                Timestamp::Millis(ms) => self.inner.sign_at(&request, *ms, nonce),
            }
        });
        Ok(SignedRequest { out: check(out)? })
    }

    fn __repr__(&self) -> String {
        format!(
            "Signer(client_id={:?}, client_secret=<redacted>)",
            self.inner.client_id()
        )
    }
}

/// What ``Signer.sign`` computed: the headers to send and every intermediate, so a gateway
/// HTTP 519 can be debugged by comparing parts.
///
/// >>> from qianming import kingdee
/// >>> out = kingdee.Signer("id", "secret").sign("GET", "/a b", query=[("q", "x y")],
/// ...                                           timestamp=1, nonce="n")
/// >>> out.method, out.canonical_path, out.path_and_query("/a b")
/// ('GET', '%2Fa+b', '/a b?q=x+y')
/// >>> out.header("x-api-timestamp")
/// '1'
/// >>> sorted(out.headers)
/// ['X-Api-Auth-Version', 'X-Api-ClientID', 'X-Api-Nonce', 'X-Api-SignHeaders', 'X-Api-Signature', 'X-Api-TimeStamp']
#[pyclass(name = "SignedRequest", module = "qianming.kingdee", frozen)]
pub(crate) struct SignedRequest {
    out: SigningOutput,
}

#[pymethods]
impl SignedRequest {
    /// The upper-case method.
    #[getter]
    fn method(&self) -> &'static str {
        self.out.method.as_str()
    }
    /// ``G(path)``.
    #[getter]
    fn canonical_path(&self) -> &str {
        &self.out.canonical_path
    }
    /// The canonical query (values encoded twice).
    #[getter]
    fn canonical_query(&self) -> &str {
        &self.out.canonical_query
    }
    /// The signed header names in signing order, as listed in ``X-Api-SignHeaders``.
    #[getter]
    fn signed_headers(&self) -> Vec<&str> {
        self.out.signed_headers.iter().map(String::as_str).collect()
    }
    /// The exact text that was MACed; every line ends with a newline.
    #[getter]
    fn string_to_sign(&self) -> &str {
        &self.out.string_to_sign
    }
    /// Lowercase hex of HMAC-SHA256(client secret, string to sign).
    #[getter]
    fn hmac_hex(&self) -> &str {
        &self.out.hmac_hex
    }
    /// The value of ``X-Api-Signature``.
    #[getter]
    fn signature(&self) -> &str {
        &self.out.signature
    }
    /// The six ``X-Api-*`` headers to send, as a new ``dict`` on each access.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in &self.out.headers {
            dict.set_item(*name, value)?;
        }
        Ok(dict)
    }
    /// The query string to put on the wire (form encoding of the pairs, in the given order).
    #[getter]
    fn wire_query(&self) -> &str {
        &self.out.wire_query
    }
    /// The value of one of the six ``X-Api-*`` headers by case-insensitive name, or ``None``.
    #[pyo3(signature = (name))]
    fn header(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<&str>> {
        Ok(self.out.header(&text(name, "name")?))
    }
    /// ``path?wire_query``, or the bare path when there is no query.
    #[pyo3(signature = (path))]
    fn path_and_query(&self, path: &Bound<'_, PyAny>) -> PyResult<String> {
        Ok(self.out.path_and_query(&text(path, "path")?))
    }
    fn __repr__(&self) -> String {
        format!(
            "SignedRequest(method={:?}, canonical_path={:?}, signature={:?})",
            self.out.method.as_str(),
            self.out.canonical_path,
            self.out.signature
        )
    }
}

/// Verifies received Kingdee-signed requests: rebuilds the string to sign, compares the
/// signature in constant time and checks the timestamp window (default five minutes either
/// side of now). Pass the *decoded* query pairs (see ``parse_query``) and all headers.
///
/// >>> from qianming import kingdee
/// >>> out = kingdee.Signer("123456", "s3cret").sign("GET", "/a", query={"x": "1 2"},
/// ...                                              timestamp=1700000000000, nonce="42")
/// >>> verifier = kingdee.Verifier("s3cret")
/// >>> v = verifier.verify("GET", "/a", query=kingdee.parse_query(out.wire_query),
/// ...                     headers=out.headers, now_ms=1700000060000)
/// >>> v.client_id, v.timestamp_ms, v.nonce
/// ('123456', 1700000000000, '42')
/// >>> verifier.verify("GET", "/b", headers=out.headers, now_ms=1700000060000)
/// Traceback (most recent call last):
/// ...
/// qianming.SignatureMismatchError: X-Api-Signature does not match the request (HTTP 519 at the gateway)
#[pyclass(name = "Verifier", module = "qianming.kingdee", frozen)]
pub(crate) struct KingdeeVerifier {
    inner: kingdee::Verifier,
}

/// Converts the parts of a received request and runs `f` on it without the GIL.
fn with_received<T: Send>(
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
    check(py.detach(|| {
        let query = text_pairs(&query);
        let headers = text_pairs(&headers);
        f(&ReceivedRequest::new(&method, &path, &query, &headers))
    }))
}

#[pymethods]
impl KingdeeVerifier {
    #[new]
    #[pyo3(signature = (client_secret, *, window_ms=None))]
    fn new(
        client_secret: &Bound<'_, PyAny>,
        window_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let secret = text(client_secret, "client_secret")?;
        let mut inner = check(kingdee::Verifier::new(&secret))?;
        if let Some(window) = window_ms.filter(|w| !w.is_none()) {
            inner = inner.with_window_ms(unsigned(window, "window_ms")?);
        }
        Ok(KingdeeVerifier { inner })
    }

    /// How far (ms) a timestamp may lie from now, in either direction.
    #[getter]
    fn window_ms(&self) -> u64 {
        self.inner.window_ms()
    }

    /// Verifies a received request at ``now_ms`` (default now). ``path``: decoded; ``query``:
    /// decoded (name, value) pairs; ``headers``: a mapping or (name, value) pairs, any case.
    /// Returns ``Verified``; raises the ``QianmingError`` subclass of the failure.
    #[pyo3(signature = (method, path, *, headers, query=None, now_ms=None))]
    fn verify(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        query: Option<&Bound<'_, PyAny>>,
        now_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verified> {
        let now = millis(now_ms, "now_ms")?;
        let v = with_received(py, method, path, query, headers, |r| {
            self.inner.verify(r, now)
        })?;
        Ok(Verified {
            client_id: v.client_id,
            timestamp_ms: v.timestamp_ms,
            nonce: v.nonce,
        })
    }

    /// Rebuilds the string to sign of a received request and the signature it should carry,
    /// without judging it (to debug a mismatch). Returns ``VerifyExplanation``.
    #[pyo3(signature = (method, path, *, headers, query=None))]
    fn explain(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        query: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<VerifyExplanation> {
        let e = with_received(py, method, path, query, headers, |r| self.inner.explain(r))?;
        Ok(VerifyExplanation {
            canonical_path: e.canonical_path,
            canonical_query: e.canonical_query,
            signed_headers: e.signed_headers,
            string_to_sign: e.string_to_sign,
            hmac_hex: e.hmac_hex,
            expected_signature: e.expected_signature,
            received_signature: e.received_signature,
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Verifier(client_secret=<redacted>, window_ms={})",
            self.inner.window_ms()
        )
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
}

#[pymethods]
impl Verified {
    fn __repr__(&self) -> String {
        format!(
            "Verified(client_id={:?}, timestamp_ms={}, nonce={:?})",
            self.client_id, self.timestamp_ms, self.nonce
        )
    }
}

/// The verifier's view of a received request (see ``Verifier.explain``).
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

#[pymethods]
impl VerifyExplanation {
    fn __repr__(&self) -> String {
        format!(
            "VerifyExplanation(expected_signature={:?}, received_signature={:?})",
            self.expected_signature, self.received_signature
        )
    }
}

/// Adds the Kingdee functions and classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(app_signature, m)?)?;
    m.add_function(wrap_pyfunction!(explain_app_signature, m)?)?;
    m.add_function(wrap_pyfunction!(canonical_path, m)?)?;
    m.add_function(wrap_pyfunction!(canonical_query, m)?)?;
    m.add_function(wrap_pyfunction!(parse_query, m)?)?;
    m.add_function(wrap_pyfunction!(nonce_from_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(new_nonce, m)?)?;
    m.add("KingdeeSigner", py.get_type::<KingdeeSigner>())?;
    m.add("KingdeeVerifier", py.get_type::<KingdeeVerifier>())?;
    m.add("KingdeeVerified", py.get_type::<Verified>())?;
    m.add("SignedRequest", py.get_type::<SignedRequest>())?;
    m.add("AppSignature", py.get_type::<AppSignature>())?;
    m.add("VerifyExplanation", py.get_type::<VerifyExplanation>())?;
    Ok(())
}
