//! `qianming.HttpRequest`: what every request builder returns, for any HTTP client to send.

use pyo3::prelude::*;
use qianming::http;

use crate::convert::text;

/// A request to send (the core builds it; qianming never does IO): ``method``, ``url``,
/// ``headers`` (a ``list`` of ``(name, value)`` tuples in the order to send them; the order is
/// part of what the vendors document, and ``dict(request.headers)`` gives a mapping) and
/// ``body`` (``str`` or ``None``). Every header value was checked: no CR/LF can reach the wire.
/// The request may carry credentials, so the ``repr`` shows neither the query nor header values.
///
/// >>> from qianming import weaver
/// >>> req = weaver.token_request("http://10.0.0.1", appid="weaverappid", sign="48433ec4")
/// >>> req.method, req.url, req.body
/// ('POST', 'http://10.0.0.1/api/cus/token/auth/getToken', None)
/// >>> req.headers
/// [('Content-Type', 'application/json'), ('appid', 'weaverappid'), ('sign', '48433ec4')]
/// >>> req.header("SIGN")
/// '48433ec4'
/// >>> req
/// HttpRequest(method='POST', url='http://10.0.0.1/api/cus/token/auth/getToken', headers=['Content-Type', 'appid', 'sign'])
#[pyclass(name = "HttpRequest", module = "qianming", frozen)]
pub(crate) struct PyHttpRequest {
    pub(crate) inner: http::HttpRequest,
}

impl From<http::HttpRequest> for PyHttpRequest {
    fn from(inner: http::HttpRequest) -> Self {
        PyHttpRequest { inner }
    }
}

/// `repr` of a request: method, URL without its query, header names.
pub(crate) fn request_repr(class: &str, r: &http::HttpRequest, extra: &str) -> String {
    let url = r.url.split('?').next().unwrap_or_default();
    let query = if r.url.contains('?') { "?…" } else { "" };
    let names: Vec<String> = r.headers.iter().map(|(n, _)| format!("'{n}'")).collect();
    format!(
        "{class}(method='{}', url='{url}{query}', headers=[{}]{extra})",
        r.method.as_str(),
        names.join(", ")
    )
}

impl PyHttpRequest {
    /// The headers as `(name, value)` pairs, in order (``headers``).
    pub(crate) fn header_pairs(&self) -> Vec<(&str, &str)> {
        self.inner
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    /// The value of the first header named `name` (any case), or `None` (``header(name)``).
    pub(crate) fn find_header(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<&str>> {
        Ok(self.inner.header(&text(name, "name")?))
    }
}

#[pymethods]
impl PyHttpRequest {
    /// The upper-case method.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }
    /// The absolute URL, percent-encoded (visible ASCII only).
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }
    /// The headers as a new ``list`` of ``(name, value)`` tuples, in order.
    #[getter]
    fn headers(&self) -> Vec<(&str, &str)> {
        self.header_pairs()
    }
    /// The body (JSON or form text), or ``None``.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }
    /// The value of the first header named ``name`` (any case), or ``None``.
    #[pyo3(signature = (name))]
    fn header(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<&str>> {
        self.find_header(name)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyHttpRequest>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __repr__(&self) -> String {
        request_repr("HttpRequest", &self.inner, "")
    }
}

/// Adds `HttpRequest` to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("HttpRequest", m.py().get_type::<PyHttpRequest>())
}
