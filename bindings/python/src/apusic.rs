//! `qianming.apusic`: the Apusic management session (token request, answer, later-call headers).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use qianming::apusic;
use qianming::basic::AuthorizationMode;

use crate::convert::{flag, optional_text, parse_answer, text};
use crate::errors::check;
use crate::http::PyHttpRequest;

/// ``https://<host>:6848`` for a host name, an IPv4 address or a bracketed IPv6 address.
///
/// >>> from qianming import apusic
/// >>> apusic.base_url_for_host("172.20.140.17")
/// 'https://172.20.140.17:6848'
/// >>> apusic.base_url_for_host("h/evil")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidUrlError: "h/evil" is not a host name, an IPv4 address or a bracketed IPv6 address
#[pyfunction]
#[pyo3(signature = (host))]
fn apusic_base_url_for_host(host: &Bound<'_, PyAny>) -> PyResult<String> {
    check(apusic::base_url_for_host(&text(host, "host")?))
}

/// ``POST <base_url>/management/sessions`` with the headers of the spec
/// (docs/spec/apusic.md#management-session-request), in order:
/// ``Content-Type``, ``Accept``, ``X-Requested-By: Apusic``, ``Cache-Control``,
/// ``Authorization`` (``Basic <credentials>``, or with ``mode="raw"`` the bare credentials as the
/// seed writes it) and ``remoteHostName``; body ``{}``.
///
/// >>> from qianming import apusic
/// >>> req = apusic.session_request(apusic.base_url_for_host("172.20.140.17"), user="admin",
/// ...                              password="admin123", remote_host_name="10.0.0.8")
/// >>> req.method, req.url, req.body
/// ('POST', 'https://172.20.140.17:6848/management/sessions', '{}')
/// >>> req.header("Authorization"), req.header("remoteHostName")
/// ('Basic YWRtaW46YWRtaW4xMjM=', '10.0.0.8')
#[pyfunction]
#[pyo3(signature = (base_url, *, user, password, remote_host_name, mode=None))]
fn apusic_session_request(
    base_url: &Bound<'_, PyAny>,
    user: &Bound<'_, PyAny>,
    password: &Bound<'_, PyAny>,
    remote_host_name: &Bound<'_, PyAny>,
    mode: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let mode = match optional_text(mode, "mode")? {
        None => AuthorizationMode::Basic,
        Some(name) => AuthorizationMode::parse(&name).ok_or_else(|| {
            PyValueError::new_err(format!("mode must be 'basic' or 'raw', not {:?}", &*name))
        })?,
    };
    check(apusic::session_request(
        &text(base_url, "base_url")?,
        &text(user, "user")?,
        &text(password, "password")?,
        mode,
        &text(remote_host_name, "remote_host_name")?,
    ))
    .map(PyHttpRequest::from)
}

/// Parses the session answer ``{"message", "exit_code", "extraProperties": {"token"}}``
/// (``bytes`` or ``str``) into a ``SessionToken``. An exit code other than ``SUCCESS`` raises
/// ``LoginFailedError`` whose ``.refusal`` keeps the exit code and message; a malformed body
/// (an HTML 401 page…) raises ``InvalidJsonError``, ``MissingFieldError``, ….
///
/// >>> from qianming import apusic
/// >>> t = apusic.parse_session_answer(
/// ...     b'{"message":"","exit_code":"SUCCESS","extraProperties":{"token":"2d8085c8"}}')
/// >>> t.token, t.message
/// ('2d8085c8', '')
/// >>> apusic.parse_session_answer('{"message":"bad user","exit_code":"FAILURE"}')
/// Traceback (most recent call last):
/// ...
/// qianming.LoginFailedError: the server refused with code FAILURE: "bad user"
#[pyfunction]
#[pyo3(signature = (body))]
fn apusic_parse_session_answer(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<SessionToken> {
    let t = parse_answer(py, body, apusic::parse_session_answer)?;
    Ok(SessionToken {
        token: t.token.expose().to_string(),
        message: t.message,
    })
}

/// The headers of a later management call, as a ``list`` of ``(name, value)`` tuples:
/// ``Cookie: <cookie_name>=<token>`` (default cookie ``gfrestdtoken``), ``X-Auth-Token`` when
/// ``x_auth_token`` is true, then ``X-Requested-By: Apusic``. A token that could inject a header
/// or another cookie is refused.
///
/// >>> from qianming import apusic
/// >>> apusic.call_headers("2d8085c8", x_auth_token=True)
/// [('Cookie', 'gfrestdtoken=2d8085c8'), ('X-Auth-Token', '2d8085c8'), ('X-Requested-By', 'Apusic')]
/// >>> apusic.call_headers("a;admin=1")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidHeaderValueError: the token contains a character a cookie value cannot carry (" , ; \ or white space)
#[pyfunction]
#[pyo3(signature = (token, *, cookie_name=None, x_auth_token=None))]
fn apusic_call_headers(
    token: &Bound<'_, PyAny>,
    cookie_name: Option<&Bound<'_, PyAny>>,
    x_auth_token: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(String, String)>> {
    let token = text(token, "token")?;
    let cookie = optional_text(cookie_name, "cookie_name")?;
    let x_auth = match x_auth_token.filter(|x| !x.is_none()) {
        Some(x) => flag(x, "x_auth_token")?,
        None => false,
    };
    check(apusic::call_headers(
        &token,
        cookie.as_deref().unwrap_or(apusic::DEFAULT_TOKEN_COOKIE),
        x_auth,
    ))
}

/// An Apusic management token (the ``repr`` hides it).
#[pyclass(name = "SessionToken", module = "qianming.apusic", frozen, get_all)]
pub(crate) struct SessionToken {
    /// ``extraProperties.token``.
    token: String,
    /// ``message``, if present.
    message: Option<String>,
}

#[pymethods]
impl SessionToken {
    fn __repr__(&self) -> String {
        "SessionToken(token=<redacted>)".to_string()
    }
}

/// Adds the Apusic functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(apusic_base_url_for_host, m)?)?;
    m.add_function(wrap_pyfunction!(apusic_session_request, m)?)?;
    m.add_function(wrap_pyfunction!(apusic_parse_session_answer, m)?)?;
    m.add_function(wrap_pyfunction!(apusic_call_headers, m)?)?;
    m.add("ApusicSessionToken", m.py().get_type::<SessionToken>())?;
    m.add("APUSIC_DEFAULT_PORT", apusic::DEFAULT_PORT)?;
    m.add("APUSIC_SESSIONS_PATH", apusic::SESSIONS_PATH)?;
    m.add("APUSIC_DEFAULT_TOKEN_COOKIE", apusic::DEFAULT_TOKEN_COOKIE)?;
    m.add("APUSIC_REQUESTED_BY", apusic::REQUESTED_BY)?;
    Ok(())
}
