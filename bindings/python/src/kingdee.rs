//! `qianming.kingdee`: `app_signature`, the request `Signer`, the app-token calls (the
//! server-side `Verifier` is in `kingdee_verifier.rs`).

use std::cell::RefCell;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use qianming::http::Method;
use qianming::kingdee::{self, headers, Request, SignHeader, SignedRequestRef, SigningBuffer};

use crate::convert::{
    self, kingdee_timestamp, pairs, py_repr, run, text, text_fn, text_pairs, unsigned, NonceText,
    Timestamp, DETACH_MIN_BYTES,
};
use crate::errors::check;
use crate::http::PyHttpRequest;
use crate::token::PyLifetime;

text_fn! {
    /// Kingdee ``app_signature``: Base64 of the lowercase hex of HMAC-SHA256(app_secret, app_key).
    ///
    /// >>> from qianming import kingdee
    /// >>> kingdee.app_signature("abc", "abc123")
    /// 'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=='
    /// >>> kingdee.app_signature(app_key="abc", app_secret="")
    /// Traceback (most recent call last):
    /// ...
    /// qianming.EmptySecretError: the app secret is empty
    fn app_signature<'py>(py, app_key, app_secret) -> Bound<'py, PyString> {
        let signature = check(run(py, app_key.len() + app_secret.len(), || {
            kingdee::app_signature_text(&app_key, &app_secret)
        }))?;
        Ok(PyString::new(py, &signature))
    }
}

text_fn! {
    /// ``app_signature`` with the HMAC hex it is made of.
    ///
    /// >>> from qianming import kingdee
    /// >>> a = kingdee.explain_app_signature("abc", "abc123")
    /// >>> a.hmac_hex
    /// 'd9c1274b251514dc9d67503ab533835c2cc8a7c37f6c7a5e49119367b91c752e'
    /// >>> a.app_signature == kingdee.app_signature("abc", "abc123")
    /// True
    fn explain_app_signature<'py>(py, app_key, app_secret) -> AppSignature {
        let out = check(run(py, app_key.len() + app_secret.len(), || {
            kingdee::explain_app_signature(&app_key, &app_secret)
        }))?;
        Ok(AppSignature {
            hmac_hex: out.hmac_hex,
            app_signature: out.app_signature,
        })
    }
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
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AppSignature(app_signature={})",
            py_repr(py, Some(&self.app_signature))?
        ))
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

/// Decodes a request target as it travels (``/path?query``, percent-encoded) the way the
/// gateway does before checking the signature: the path by ``percent_decode``, the query by
/// ``parse_query``. Returns ``(path, pairs)``: what ``Signer.sign`` and ``Verifier.verify``
/// take.
///
/// >>> from qianming import kingdee
/// >>> kingdee.parse_request_target("/jdy/%E7%89%A9%E6%96%99/a%20b+c?k=v+w")
/// ('/jdy/物料/a b+c', [('k', 'v w')])
#[pyfunction]
#[pyo3(signature = (target))]
fn parse_request_target<'py>(
    py: Python<'py>,
    target: &Bound<'py, PyAny>,
) -> PyResult<(String, Bound<'py, PyList>)> {
    let target = text(target, "target")?;
    let decoded = check(kingdee::parse_request_target(&target))?;
    Ok((decoded.path, PyList::new(py, decoded.query)?))
}

/// A nonce in the vendor SDK's form (ten decimal digits) made from 64 caller-supplied random
/// bits. ``new_nonce()`` supplies them from ``os.urandom``.
///
/// >>> from qianming import kingdee
/// >>> kingdee.nonce_from_entropy(42)
/// '0000000042'
#[pyfunction]
#[pyo3(signature = (entropy))]
fn nonce_from_entropy(entropy: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(kingdee::nonce_from_entropy(unsigned(entropy, "entropy")?))
}

/// A fresh random nonce: ``nonce_from_entropy`` of 64 bits from ``os.urandom`` (drawn 4 KiB
/// at a time; a forked child starts with fresh randomness).
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
    /// `inner.client_id()` as a Python string, made once for every `headers` dict.
    pub(crate) client_id: Py<PyString>,
}

/// Python strings made once: the six header names, `2.0` and the default signed-header list.
pub(crate) struct Constants {
    names: [Py<PyString>; 6],
    pub(crate) auth_version: Py<PyString>,
    pub(crate) default_list: Py<PyString>,
    default_list_text: String,
}

static CONSTANTS: PyOnceLock<Constants> = PyOnceLock::new();

pub(crate) fn constants(py: Python<'_>) -> &Constants {
    CONSTANTS.get_or_init(py, || {
        // What X-Api-SignHeaders says when no extra header is signed.
        let default_list_text = format!("{},{}", headers::NONCE, headers::TIMESTAMP);
        Constants {
            names: headers::SIGNER_HEADERS.map(|n| PyString::intern(py, n).unbind()),
            auth_version: PyString::intern(py, headers::AUTH_VERSION_VALUE).unbind(),
            default_list: PyString::intern(py, &default_list_text).unbind(),
            default_list_text,
        }
    })
}

thread_local! {
    /// One reusable signing buffer per thread: signing allocates nothing in the core once it
    /// has grown. Requests of `DETACH_MIN_BYTES` or more use a buffer of their own, so a
    /// thread does not keep a large one alive.
    static BUFFER: RefCell<SigningBuffer> = RefCell::new(SigningBuffer::default());
}

/// A timestamp or nonce argument kept as the caller's Python string when it was one, so the
/// `headers` dict reuses the object.
pub(crate) enum Given {
    Object(Py<PyString>, PyBackedStr),
    Made(String),
}

impl Given {
    fn as_str(&self) -> &str {
        match self {
            Given::Object(_, s) => s,
            Given::Made(s) => s,
        }
    }
    pub(crate) fn into_py(self, py: Python<'_>) -> Py<PyString> {
        match self {
            Given::Object(o, _) => o,
            Given::Made(s) => PyString::new(py, &s).unbind(),
        }
    }
}

fn given_timestamp(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Given> {
    Ok(match kingdee_timestamp(obj)? {
        Timestamp::Text(text) => match obj.and_then(|o| o.cast::<PyString>().ok()) {
            Some(o) => Given::Object(o.clone().unbind(), text),
            None => Given::Made(text.to_string()),
        },
        Timestamp::Millis(ms) => Given::Made(ms.to_string()),
    })
}

fn given_nonce(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Given> {
    Ok(match convert::nonce(py, obj)? {
        NonceText::Given(text) => match obj.and_then(|o| o.cast::<PyString>().ok()) {
            Some(o) => Given::Object(o.clone().unbind(), text),
            None => Given::Made(text.to_string()),
        },
        NonceText::Made(s) => Given::Made(s),
    })
}

/// The arguments of ``Signer.sign`` as Rust text (shared with the benchmark's floor, so both
/// convert them the same way).
pub(crate) struct SignArgs {
    method: PyBackedStr,
    path: PyBackedStr,
    query: Vec<(PyBackedStr, Option<PyBackedStr>)>,
    extra: Vec<(PyBackedStr, Option<PyBackedStr>)>,
    pub(crate) timestamp: Given,
    pub(crate) nonce: Given,
}

impl SignArgs {
    pub(crate) fn convert(
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        path: &Bound<'_, PyAny>,
        query: Option<&Bound<'_, PyAny>>,
        sign_headers: Option<&Bound<'_, PyAny>>,
        timestamp: Option<&Bound<'_, PyAny>>,
        nonce: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<SignArgs> {
        Ok(SignArgs {
            method: text(method, "method")?,
            path: text(path, "path")?,
            query: pairs(query, "query", false)?,
            extra: pairs(sign_headers, "sign_headers", true)?,
            timestamp: given_timestamp(timestamp)?,
            nonce: given_nonce(py, nonce)?,
        })
    }

    /// Bytes of input text (what decides whether the GIL is released).
    pub(crate) fn size(&self) -> usize {
        self.method.len()
            + self.path.len()
            + pairs_len(&self.query)
            + pairs_len(&self.extra)
            + self.timestamp.as_str().len()
            + self.nonce.as_str().len()
    }
}

#[pymethods]
impl KingdeeSigner {
    #[new]
    #[pyo3(signature = (client_id, client_secret))]
    fn new(
        py: Python<'_>,
        client_id: &Bound<'_, PyAny>,
        client_secret: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let id = text(client_id, "client_id")?;
        let secret = text(client_secret, "client_secret")?;
        let inner = check(kingdee::Signer::new(&id, &secret))?;
        let client_id = PyString::new(py, inner.client_id()).unbind();
        Ok(KingdeeSigner { inner, client_id })
    }

    /// The client id this signer signs for.
    #[getter]
    fn client_id(&self, py: Python<'_>) -> Py<PyString> {
        self.client_id.clone_ref(py)
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
        let args = SignArgs::convert(py, method, path, query, sign_headers, timestamp, nonce)?;
        let parts = self.sign_args(py, &args);
        Ok(SignedRequest {
            parts: check(parts)?,
            client_id: self.client_id.clone_ref(py),
            timestamp: args.timestamp.into_py(py),
            nonce: args.nonce.into_py(py),
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Signer(client_id={}, client_secret=<redacted>)",
            py_repr(py, Some(self.inner.client_id()))?
        ))
    }
}

impl KingdeeSigner {
    /// Signs converted arguments (with the GIL released when they are large).
    pub(crate) fn sign_args(&self, py: Python<'_>, args: &SignArgs) -> qianming::Result<Parts> {
        let size = args.size();
        run(py, size, || {
            let query = text_pairs(&args.query);
            let extra: Vec<SignHeader<'_>> = args
                .extra
                .iter()
                .map(|(name, value)| SignHeader {
                    name,
                    value: value.as_deref(),
                })
                .collect();
            let request = Request::new(&args.method, &args.path)
                .with_query(&query)
                .with_sign_headers(&extra);
            let (timestamp, nonce) = (args.timestamp.as_str(), args.nonce.as_str());
            let sign = |buffer: &mut SigningBuffer| {
                self.inner
                    .sign_into(&request, timestamp, nonce, buffer)
                    .map(|signed| Parts::from_signed(&signed))
            };
            if size >= DETACH_MIN_BYTES {
                sign(&mut SigningBuffer::default())
            } else {
                BUFFER.with(|buffer| sign(&mut buffer.borrow_mut()))
            }
        })
    }
}

/// Bytes of text in name/value pairs.
pub(crate) fn pairs_len(pairs: &[(PyBackedStr, Option<PyBackedStr>)]) -> usize {
    pairs
        .iter()
        .map(|(n, v)| n.len() + v.as_ref().map_or(0, |v| v.len()))
        .sum()
}

/// The owned parts of a signed request, in one string: no Python object is made until an
/// attribute is read.
pub(crate) struct Parts {
    method: Method,
    text: String,
    /// Ranges in `text`: canonical path, canonical query, string to sign, hmac hex, signature,
    /// signed header list, wire query.
    ranges: [(usize, usize); 7],
}

impl Parts {
    fn new(method: Method, parts: [&str; 7]) -> Parts {
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let ranges = parts.map(|p| {
            let start = text.len();
            text.push_str(p);
            (start, text.len())
        });
        Parts {
            method,
            text,
            ranges,
        }
    }

    fn from_signed(s: &SignedRequestRef<'_>) -> Parts {
        Parts::new(
            s.method(),
            [
                s.canonical_path(),
                s.canonical_query(),
                s.string_to_sign(),
                s.hmac_hex(),
                s.signature(),
                s.signed_header_list(),
                s.wire_query(),
            ],
        )
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let (a, b) = self.ranges[i];
        self.text.get(a..b).unwrap_or_default()
    }
}

const CANONICAL_PATH: usize = 0;
const CANONICAL_QUERY: usize = 1;
const STRING_TO_SIGN: usize = 2;
const HMAC_HEX: usize = 3;
pub(crate) const SIGNATURE: usize = 4;
const SIGNED_LIST: usize = 5;
const WIRE_QUERY: usize = 6;

/// What ``Signer.sign`` computed: the headers to send and every intermediate, so a gateway
/// HTTP 519 can be debugged by comparing parts. The parts are kept as one Rust string; each
/// attribute makes its Python object when read.
///
/// >>> from qianming import kingdee
/// >>> out = kingdee.Signer("id", "secret").sign("GET", "/a b", query=[("q", "x y")],
/// ...                                           timestamp=1, nonce="n")
/// >>> out.method, out.canonical_path, out.path_and_query("/a b")
/// ('GET', '%2Fa+b', '/a%20b?q=x+y')
/// >>> out.header("x-api-timestamp")
/// '1'
/// >>> sorted(out.headers)
/// ['X-Api-Auth-Version', 'X-Api-ClientID', 'X-Api-Nonce', 'X-Api-SignHeaders', 'X-Api-Signature', 'X-Api-TimeStamp']
#[pyclass(name = "SignedRequest", module = "qianming.kingdee", frozen)]
pub(crate) struct SignedRequest {
    parts: Parts,
    client_id: Py<PyString>,
    timestamp: Py<PyString>,
    nonce: Py<PyString>,
}

impl SignedRequest {
    /// From the core's owned output (the token request).
    fn from_output(py: Python<'_>, out: &kingdee::SignedRequest) -> SignedRequest {
        let value = |name: &str| out.header(name).unwrap_or_default();
        let list = value(headers::SIGN_HEADERS);
        SignedRequest {
            parts: Parts::new(
                out.method,
                [
                    &out.canonical_path,
                    &out.canonical_query,
                    &out.string_to_sign,
                    &out.hmac_hex,
                    &out.signature,
                    list,
                    &out.wire_query,
                ],
            ),
            client_id: PyString::new(py, value(headers::CLIENT_ID)).unbind(),
            timestamp: PyString::new(py, value(headers::TIMESTAMP)).unbind(),
            nonce: PyString::new(py, value(headers::NONCE)).unbind(),
        }
    }

    /// The six header values, as Python strings, in the order of `SIGNER_HEADERS`.
    fn header_values<'py>(&self, py: Python<'py>) -> [Bound<'py, PyString>; 6] {
        let c = constants(py);
        let list = self.parts.get(SIGNED_LIST);
        let list = if list == c.default_list_text {
            c.default_list.bind(py).clone()
        } else {
            PyString::new(py, list)
        };
        [
            self.client_id.bind(py).clone(),
            c.auth_version.bind(py).clone(),
            self.timestamp.bind(py).clone(),
            self.nonce.bind(py).clone(),
            list,
            PyString::new(py, self.parts.get(SIGNATURE)),
        ]
    }
}

/// The six ``X-Api-*`` headers as a new ``dict``, values in the order of `SIGNER_HEADERS`.
pub(crate) fn headers_dict<'py>(
    py: Python<'py>,
    values: [Bound<'py, PyString>; 6],
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in constants(py).names.iter().zip(values) {
        dict.set_item(name.bind(py), value)?;
    }
    Ok(dict)
}

/// Writes `#[pymethods] impl SignedRequest` (pyo3 expands no macro inside such a block): a
/// getter for each text part kept in [`Parts`], then the other methods as given.
macro_rules! signed_request_pymethods {
    (
        parts { $($(#[$doc:meta])* $name:ident = $index:ident;)* }
        items { $($items:tt)* }
    ) => {
        #[pymethods]
        impl SignedRequest {
            $(
                $(#[$doc])*
                #[getter]
                fn $name(&self) -> &str {
                    self.parts.get($index)
                }
            )*
            $($items)*
        }
    };
}

signed_request_pymethods! {
    parts {
        /// ``G(path)``.
        canonical_path = CANONICAL_PATH;
        /// The canonical query (values encoded twice).
        canonical_query = CANONICAL_QUERY;
        /// The exact text that was MACed; every line ends with a newline.
        string_to_sign = STRING_TO_SIGN;
        /// Lowercase hex of HMAC-SHA256(client secret, string to sign).
        hmac_hex = HMAC_HEX;
        /// The value of ``X-Api-Signature``.
        signature = SIGNATURE;
        /// The query string to put on the wire (form encoding of the pairs, in the given order).
        wire_query = WIRE_QUERY;
    }
    items {
        /// The upper-case method.
        #[getter]
        fn method(&self) -> &'static str {
            self.parts.method.as_str()
        }
        /// The signed header names in signing order, as listed in ``X-Api-SignHeaders``.
        #[getter]
        fn signed_headers(&self) -> Vec<&str> {
            self.parts.get(SIGNED_LIST).split(',').collect()
        }
        /// The six ``X-Api-*`` headers to send, as a new ``dict`` on each access.
        #[getter]
        fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            headers_dict(py, self.header_values(py))
        }
        /// The value of one of the six ``X-Api-*`` headers by case-insensitive name, or ``None``.
        #[pyo3(signature = (name))]
        fn header<'py>(
            &self,
            py: Python<'py>,
            name: &Bound<'py, PyAny>,
        ) -> PyResult<Option<Bound<'py, PyString>>> {
            let name = text(name, "name")?;
            Ok(headers::signer_header_index(&name)
                .and_then(|index| self.header_values(py).into_iter().nth(index)))
        }
        /// The request target to send: the (unencoded) path percent-encoded for the request line
        /// (``/`` kept; space, ``%``, ``#``, ``?`` and non-ASCII escaped), then ``?wire_query``
        /// when there is a query.
        #[pyo3(signature = (path))]
        fn path_and_query(&self, path: &Bound<'_, PyAny>) -> PyResult<String> {
            let path = text(path, "path")?;
            Ok(kingdee::path_and_query(&path, self.parts.get(WIRE_QUERY)))
        }
        fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
            Ok(format!(
                "SignedRequest(method={}, canonical_path={}, signature={})",
                py_repr(py, Some(self.parts.method.as_str()))?,
                py_repr(py, Some(self.parts.get(CANONICAL_PATH)))?,
                py_repr(py, Some(self.parts.get(SIGNATURE)))?
            ))
        }
    }
}

/// Decodes a request path as it arrives on the request line: ``%XX`` escapes only (``+`` stays
/// ``+``), the result must be UTF-8. What a server (and the auth plugins) hand to the signer
/// and verifier, which sign the decoded path.
///
/// >>> from qianming import kingdee
/// >>> kingdee.percent_decode("/jdy/v2/a+b%20%E4%B8%AD")
/// '/jdy/v2/a+b 中'
/// >>> kingdee.percent_decode("/a%2")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidPercentEncodingError: a '%' is not followed by two hex digits
#[pyfunction]
#[pyo3(signature = (path))]
fn percent_decode(path: &Bound<'_, PyAny>) -> PyResult<String> {
    check(qianming::encode::percent_decode(&text(path, "path")?))
}

/// The signed app-token request ``GET <base_url>/jdyconnector/app_management/kingdee_auth_token
/// ?app_key=…&app_signature=…[&uid=…]`` with the six ``X-Api-*`` headers, as a
/// ``TokenRequest`` (an ``HttpRequest`` plus ``app_signature`` and the ``signing`` details).
/// ``timestamp`` (ms, ``int`` or decimal ``str``) defaults to now, ``nonce`` to a random one.
///
/// >>> from qianming import kingdee
/// >>> signer = kingdee.Signer("123456", "0123456789abcdef0123456789abcdef")
/// >>> req = kingdee.token_request(signer, "https://api.kingdee.com", app_key="abc",
/// ...                             app_secret="abc123", timestamp=1700000000000, nonce="1234567890")
/// >>> req.method, req.url.split("&")[0]
/// ('GET', 'https://api.kingdee.com/jdyconnector/app_management/kingdee_auth_token?app_key=abc')
/// >>> req.header("X-Api-Signature") == req.signing.signature
/// True
/// >>> req.app_signature[:8], req.body
/// ('ZDljMTI3', None)
#[pyfunction]
#[pyo3(signature = (signer, base_url, *, app_key, app_secret, uid=None, timestamp=None, nonce=None))]
#[allow(clippy::too_many_arguments)]
fn kingdee_token_request(
    py: Python<'_>,
    signer: &Bound<'_, KingdeeSigner>,
    base_url: &Bound<'_, PyAny>,
    app_key: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    uid: Option<&Bound<'_, PyAny>>,
    timestamp: Option<&Bound<'_, PyAny>>,
    nonce: Option<&Bound<'_, PyAny>>,
) -> PyResult<TokenRequest> {
    let uid = convert::optional_text(uid, "uid")?;
    let timestamp = given_timestamp(timestamp)?;
    let nonce = given_nonce(py, nonce)?;
    let out = check(kingdee::token_request(
        &signer.get().inner,
        &text(base_url, "base_url")?,
        &text(app_key, "app_key")?,
        &text(app_secret, "app_secret")?,
        uid.as_deref(),
        timestamp.as_str(),
        nonce.as_str(),
    ))?;
    Ok(TokenRequest {
        signing: Py::new(py, SignedRequest::from_output(py, &out.signing))?,
        app_signature: out.app_signature,
        request: Py::new(py, PyHttpRequest::from(out.http))?,
    })
}

/// A signed Kingdee app-token request: ``method``, ``url``, ``headers`` (list of tuples),
/// ``body`` and ``header(name)`` as on ``HttpRequest`` (``request`` is that object), plus
/// ``app_signature`` and ``signing`` (the ``SignedRequest``, to debug an HTTP 519).
#[pyclass(name = "TokenRequest", module = "qianming.kingdee", frozen)]
pub(crate) struct TokenRequest {
    request: Py<PyHttpRequest>,
    app_signature: String,
    signing: Py<SignedRequest>,
}

#[pymethods]
impl TokenRequest {
    /// The request to send, as a ``qianming.HttpRequest``.
    #[getter]
    fn request(&self, py: Python<'_>) -> Py<PyHttpRequest> {
        self.request.clone_ref(py)
    }
    /// ``GET``.
    #[getter]
    fn method(&self) -> &'static str {
        self.request.get().inner.method.as_str()
    }
    /// The URL with ``app_key``, ``app_signature`` (and ``uid``) in its query.
    #[getter]
    fn url(&self) -> &str {
        &self.request.get().inner.url
    }
    /// The six ``X-Api-*`` headers as a new ``list`` of ``(name, value)`` tuples.
    #[getter]
    fn headers(&self) -> Vec<(&str, &str)> {
        self.request.get().header_pairs()
    }
    /// ``None``: the request has no body.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.request.get().inner.body.as_deref()
    }
    /// The value of the first header named ``name`` (any case), or ``None``.
    #[pyo3(signature = (name))]
    fn header(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<&str>> {
        self.request.get().find_header(name)
    }
    /// ``app_signature`` (see ``app_signature()``).
    #[getter]
    fn app_signature(&self) -> &str {
        &self.app_signature
    }
    /// Every intermediate of the request signature.
    #[getter]
    fn signing(&self, py: Python<'_>) -> Py<SignedRequest> {
        self.signing.clone_ref(py)
    }
    fn __repr__(&self) -> String {
        crate::http::request_repr("TokenRequest", &self.request.get().inner, "")
    }
}

/// Parses the app-token answer ``{"errcode", "description", "data": {"uid", "app-token"}}``
/// (``bytes`` or ``str``) received at ``received_at_ms`` (default now) into an ``AppToken``
/// (lifetime 24 hours). An ``errcode`` other than 0 raises ``VendorErrorError`` whose
/// ``.refusal`` (and ``.vendor_code``, ``.vendor_message``) keep errcode and description; a
/// malformed body raises ``InvalidJsonError``, ``MissingFieldError``, ``InvalidFieldError`` or
/// ``InputTooLargeError``.
///
/// >>> from qianming import kingdee
/// >>> body = '{"errcode":0,"description":"成功","data":{"uid":"7","app-token":"tok"}}'.encode()
/// >>> t = kingdee.parse_token_answer(body, received_at_ms=1000)
/// >>> t.app_token, t.uid, t.description, t.lifetime.expires_at_ms
/// ('tok', '7', '成功', 86401000)
/// >>> import qianming
/// >>> try:
/// ...     kingdee.parse_token_answer('{"errcode":1001,"description":"授权密钥校验失败"}')
/// ... except qianming.VendorErrorError as e:
/// ...     print(e.kind, e.vendor_code, e.vendor_message)
/// vendor_error 1001 授权密钥校验失败
#[pyfunction]
#[pyo3(signature = (body, *, received_at_ms=None))]
fn kingdee_parse_token_answer(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    received_at_ms: Option<&Bound<'_, PyAny>>,
) -> PyResult<AppToken> {
    let t = convert::parse_answer_at(py, body, received_at_ms, kingdee::parse_token_answer)?;
    Ok(AppToken {
        app_token: t.app_token.expose().to_string(),
        uid: t.uid,
        description: t.description,
        lifetime: Py::new(py, PyLifetime::from(t.lifetime))?,
    })
}

/// A Kingdee app-token (the ``repr`` hides it).
#[pyclass(name = "AppToken", module = "qianming.kingdee", frozen, get_all)]
pub(crate) struct AppToken {
    /// ``data.app-token``.
    app_token: String,
    /// ``data.uid`` as text, or ``None``.
    uid: Option<String>,
    /// ``description`` (``成功`` on success), or ``None``.
    description: Option<String>,
    /// 24 hours from the time the answer was received.
    lifetime: Py<PyLifetime>,
}

#[pymethods]
impl AppToken {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AppToken(app_token=<redacted>, uid={})",
            py_repr(py, self.uid.as_deref())?
        ))
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
    m.add_function(wrap_pyfunction!(parse_request_target, m)?)?;
    m.add_function(wrap_pyfunction!(nonce_from_entropy, m)?)?;
    m.add_function(wrap_pyfunction!(new_nonce, m)?)?;
    m.add("KingdeeSigner", py.get_type::<KingdeeSigner>())?;
    m.add("SignedRequest", py.get_type::<SignedRequest>())?;
    m.add("AppSignature", py.get_type::<AppSignature>())?;
    m.add_function(wrap_pyfunction!(percent_decode, m)?)?;
    m.add_function(wrap_pyfunction!(kingdee_token_request, m)?)?;
    m.add_function(wrap_pyfunction!(kingdee_parse_token_answer, m)?)?;
    m.add("KingdeeTokenRequest", py.get_type::<TokenRequest>())?;
    m.add("KingdeeAppToken", py.get_type::<AppToken>())?;
    m.add("KINGDEE_TOKEN_PATH", kingdee::TOKEN_PATH)?;
    m.add(
        "KINGDEE_SIGNER_HEADERS",
        pyo3::types::PyTuple::new(py, headers::SIGNER_HEADERS)?,
    )?;
    Ok(())
}
