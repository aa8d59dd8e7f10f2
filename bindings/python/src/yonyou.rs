//! `qianming.yonyou`: the Yonyou open platform (YonBIP / YonSuite) self-built app token.

use pyo3::prelude::*;
use qianming::yonyou;

use crate::convert::{given_timestamp, millis, optional_text, parse_answer_at, py_repr, text};
use crate::errors::check;
use crate::http::PyHttpRequest;
use crate::token::PyLifetime;

/// The signature of a token request at ``timestamp_ms``: ``Base64(HmacSHA256(app_secret,
/// "appKey" app_key "timestamp" timestamp_ms))``, bare and URL-encoded. ``token_request``
/// builds the whole request. The app secret must not be empty (``EmptySecretError``).
///
/// >>> from qianming import yonyou
/// >>> s = yonyou.signature("fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7",
/// ...                      "d2ee36a4a0c2f82954894a36c0a4b031", 1547192727928)
/// >>> s.signature, s.signature_urlencoded
/// ('KUEG0ErU627UqOoru2P3vSaF4G77GWc9WOD2hsCw86M=', 'KUEG0ErU627UqOoru2P3vSaF4G77GWc9WOD2hsCw86M%3D')
#[pyfunction]
#[pyo3(signature = (app_key, app_secret, timestamp_ms))]
fn yonyou_signature(
    app_key: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    timestamp_ms: &Bound<'_, PyAny>,
) -> PyResult<Signature> {
    let app_key = text(app_key, "app_key")?;
    let app_secret = text(app_secret, "app_secret")?;
    let ts = given_timestamp(timestamp_ms, "timestamp_ms", "milliseconds")?;
    let s = check(yonyou::signature(&app_key, &app_secret, ts))?;
    Ok(Signature {
        signature: s.signature,
        signature_urlencoded: s.signature_urlencoded,
    })
}

/// ``GET <token_url>?appKey=…&timestamp=…&signature=…`` with ``Accept: application/json``.
/// ``timestamp_ms`` defaults to now; ``token_url`` to ``DEFAULT_TOKEN_URL`` (the public
/// cloud; YonBIP data centres and private deployments have their own), an ``http(s)`` URL
/// without query.
///
/// >>> from qianming import yonyou
/// >>> req = yonyou.token_request("fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7",
/// ...                            "d2ee36a4a0c2f82954894a36c0a4b031", 1547192727928)
/// >>> req.method, req.url
/// ('GET', 'https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken?appKey=fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7&timestamp=1547192727928&signature=KUEG0ErU627UqOoru2P3vSaF4G77GWc9WOD2hsCw86M%3D')
/// >>> yonyou.token_request("k", "s", 1, token_url="https://yonbip.example.com/iuap-api-auth/open-auth/selfAppAuth/getAccessToken").url[:48]
/// 'https://yonbip.example.com/iuap-api-auth/open-au'
#[pyfunction]
#[pyo3(signature = (app_key, app_secret, timestamp_ms=None, *, token_url=None))]
fn yonyou_token_request(
    app_key: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    timestamp_ms: Option<&Bound<'_, PyAny>>,
    token_url: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let token_url = optional_text(token_url, "token_url")?;
    let app_key = text(app_key, "app_key")?;
    let app_secret = text(app_secret, "app_secret")?;
    let ts = millis(timestamp_ms, "timestamp_ms")?;
    check(yonyou::token_request(
        token_url.as_deref().unwrap_or(yonyou::DEFAULT_TOKEN_URL),
        &app_key,
        &app_secret,
        ts,
    ))
    .map(PyHttpRequest::from)
}

/// Parses the token answer ``{"code", "message", "data": {"access_token", "expire"}}``
/// (``bytes`` or ``str``) received at ``received_at_ms`` (default now) into a ``Token`` that
/// lives ``expire`` seconds. A ``code`` other than ``"00000"`` raises ``VendorErrorError``
/// whose ``.refusal`` keeps the code and message; a malformed body raises
/// ``InvalidJsonError``, ``MissingFieldError``, ``InvalidFieldError``.
///
/// >>> from qianming import yonyou
/// >>> t = yonyou.parse_token_answer(
/// ...     '{"code":"00000","message":"成功！","data":{"access_token":"2215d3c7","expire":7200}}',
/// ...     received_at_ms=1000)
/// >>> t.access_token, t.expire_s, t.message, t.lifetime.expires_at_ms
/// ('2215d3c7', 7200, '成功！', 7201000)
/// >>> t
/// Token(access_token=<redacted>, expire_s=7200, message='成功！')
/// >>> import qianming
/// >>> try:
/// ...     yonyou.parse_token_answer('{"code":"310036","message":"非法token"}')
/// ... except qianming.VendorErrorError as e:
/// ...     print(e.vendor_code, e.vendor_message)
/// 310036 非法token
#[pyfunction]
#[pyo3(signature = (body, *, received_at_ms=None))]
fn yonyou_parse_token_answer(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    received_at_ms: Option<&Bound<'_, PyAny>>,
) -> PyResult<Token> {
    let t = parse_answer_at(py, body, received_at_ms, yonyou::parse_token_answer)?;
    Ok(Token {
        access_token: t.access_token.expose().to_string(),
        expire_s: t.expire_s,
        message: t.message,
        lifetime: Py::new(py, PyLifetime::from(t.lifetime))?,
    })
}

/// A token request signature, bare and URL-encoded.
#[pyclass(name = "Signature", module = "qianming.yonyou", frozen, get_all)]
pub(crate) struct Signature {
    /// Base64 of the HMAC-SHA256 tag.
    signature: String,
    /// ``signature`` as ``java.net.URLEncoder`` encodes it (``+ / =`` escaped): the query
    /// value.
    signature_urlencoded: String,
}

#[pymethods]
impl Signature {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Signature(signature={})",
            py_repr(py, Some(&self.signature))?
        ))
    }
}

/// A Yonyou access token (the ``repr`` hides it).
#[pyclass(name = "Token", module = "qianming.yonyou", frozen, get_all)]
pub(crate) struct Token {
    /// ``data.access_token``.
    access_token: String,
    /// ``data.expire``: the lifetime in seconds (7200 in Yonyou's demo).
    expire_s: u64,
    /// ``message`` (``成功！``), or ``None``.
    message: Option<String>,
    /// Reception time plus ``expire_s``.
    lifetime: Py<PyLifetime>,
}

#[pymethods]
impl Token {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Token(access_token=<redacted>, expire_s={}, message={})",
            self.expire_s,
            py_repr(py, self.message.as_deref())?
        ))
    }
}

/// Adds the Yonyou functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(yonyou_signature, m)?)?;
    m.add_function(wrap_pyfunction!(yonyou_token_request, m)?)?;
    m.add_function(wrap_pyfunction!(yonyou_parse_token_answer, m)?)?;
    m.add("YonyouSignature", py.get_type::<Signature>())?;
    m.add("YonyouToken", py.get_type::<Token>())?;
    m.add("YONYOU_DEFAULT_TOKEN_URL", yonyou::DEFAULT_TOKEN_URL)?;
    m.add("YONYOU_SUCCESS_CODE", yonyou::SUCCESS_CODE)?;
    Ok(())
}
