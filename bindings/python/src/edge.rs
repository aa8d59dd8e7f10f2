//! `qianming.edge`: the IoT edge gateway (login, refresh, answer, `x-token`, JWT claims).

use pyo3::prelude::*;
use qianming::edge;

use crate::convert::{parse_answer, py_repr, py_repr_u64, text};
use crate::errors::check;
use crate::http::PyHttpRequest;
use crate::token::PyLifetime;

/// ``POST <base_url>/v1.0/openapi/auth/login`` with ``Content-Type: application/json`` and the
/// body ``{"username":…,"password":…}`` (compact JSON).
///
/// >>> from qianming import edge
/// >>> req = edge.login_request("http://127.0.0.1:58081", username="admin", password="123456")
/// >>> req.url, req.body
/// ('http://127.0.0.1:58081/v1.0/openapi/auth/login', '{"username":"admin","password":"123456"}')
#[pyfunction]
#[pyo3(signature = (base_url, *, username, password))]
fn edge_login_request(
    base_url: &Bound<'_, PyAny>,
    username: &Bound<'_, PyAny>,
    password: &Bound<'_, PyAny>,
) -> PyResult<PyHttpRequest> {
    check(edge::login_request(
        &text(base_url, "base_url")?,
        &text(username, "username")?,
        &text(password, "password")?,
    ))
    .map(PyHttpRequest::from)
}

/// ``POST <base_url>/v1.0/openapi/token/<refresh_token>``, the token encoded as one path
/// segment (``/ ? # %`` in it cannot change the path).
///
/// >>> from qianming import edge
/// >>> edge.refresh_request("http://127.0.0.1:58081", refresh_token="../auth/login?x").url
/// 'http://127.0.0.1:58081/v1.0/openapi/token/..%2Fauth%2Flogin%3Fx'
#[pyfunction]
#[pyo3(signature = (base_url, *, refresh_token))]
fn edge_refresh_request(
    base_url: &Bound<'_, PyAny>,
    refresh_token: &Bound<'_, PyAny>,
) -> PyResult<PyHttpRequest> {
    check(edge::refresh_request(
        &text(base_url, "base_url")?,
        &text(refresh_token, "refresh_token")?,
    ))
    .map(PyHttpRequest::from)
}

/// The header ``("x-token", access_token)`` for every other call; a token that cannot travel
/// in a header unchanged (CR/LF, non-ASCII, empty) is refused.
///
/// >>> from qianming import edge
/// >>> edge.x_token_header("ABCDEFJ")
/// ('x-token', 'ABCDEFJ')
#[pyfunction]
#[pyo3(signature = (access_token))]
fn edge_x_token_header(access_token: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    check(edge::x_token_header(&text(access_token, "access_token")?))
}

/// Parses a login or refresh answer ``{"code", "success", "t", "result": {…}}`` (``bytes`` or
/// ``str``) into an ``EdgeToken``. ``success: false`` raises ``LoginFailedError`` whose
/// ``.refusal`` keeps ``code`` and the message.
///
/// >>> from qianming import edge
/// >>> t = edge.parse_token_answer(b'{"code":0,"success":true,"t":1686386096216,'
/// ...     b'"result":{"access_token":"a.b.c","expire":1686393296}}')
/// >>> t.access_token, t.expire, t.lifetime.expires_at_ms
/// ('a.b.c', 1686393296, 1686393296000)
/// >>> edge.parse_token_answer(b'{"code":7,"success":false,"msg":"bad password"}')
/// Traceback (most recent call last):
/// ...
/// qianming.LoginFailedError: the server refused with code 7: "bad password"
#[pyfunction]
#[pyo3(signature = (body))]
fn edge_parse_token_answer(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<EdgeToken> {
    let t = parse_answer(py, body, edge::parse_token_answer)?;
    Ok(EdgeToken {
        access_token: t.access_token.expose().to_string(),
        refresh_token: t.refresh_token.map(|r| r.expose().to_string()),
        expire: t.expire,
        t: t.t,
        code: t.code,
        lifetime: Py::new(py, PyLifetime::from(t.lifetime))?,
    })
}

/// Reads the claims of a JWT **without checking its signature** (the gateway's tokens are the
/// server's to verify; use the claims to schedule a refresh, never to trust the token).
///
/// >>> from qianming import edge
/// >>> jwt = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJRCI6MSwiVXNlcm5hbWUiOiJhZG1pbiIsImV4cCI6"
/// ...        "MTY4NjM5MzI5NiwiaXNzIjoiZWRnZS1nYXRld2F5IiwibmJmIjoxNjg2Mzg2MDk2fQ.jtD5t23hfs21PdH"
/// ...        "V6qeqqhqU2o17BJ4KS0rXqdUOsh0")
/// >>> c = edge.read_jwt_claims(jwt)
/// >>> c.exp, c.iat, c.nbf, c.iss
/// (1686393296, None, 1686386096, 'edge-gateway')
#[pyfunction]
#[pyo3(signature = (jwt))]
fn edge_read_jwt_claims(jwt: &Bound<'_, PyAny>) -> PyResult<JwtClaims> {
    let c = check(edge::read_jwt_claims(&text(jwt, "jwt")?))?;
    Ok(JwtClaims {
        exp: c.exp,
        iat: c.iat,
        nbf: c.nbf,
        iss: c.iss,
        payload_json: c.payload_json,
    })
}

/// Tokens from an edge gateway login or refresh answer (the ``repr`` hides them).
#[pyclass(name = "EdgeToken", module = "qianming.edge", frozen, get_all)]
pub(crate) struct EdgeToken {
    /// ``result.access_token`` (a JWT).
    access_token: String,
    /// ``result.refresh_token`` (a JWT), or ``None``.
    refresh_token: Option<String>,
    /// ``result.expire``: when the access token expires, seconds since the epoch.
    expire: u64,
    /// ``t``: the server's clock when it answered, milliseconds, or ``None``.
    t: Option<u64>,
    /// ``code`` as text, or ``None``.
    code: Option<String>,
    /// Reuse until ``expire``; refresh until the refresh token's ``exp`` (or ``t`` + 14 days).
    lifetime: Py<PyLifetime>,
}

#[pymethods]
impl EdgeToken {
    fn __repr__(&self) -> String {
        format!("EdgeToken(access_token=<redacted>, expire={})", self.expire)
    }
}

/// The registered claims of a JWT payload (read, not verified).
#[pyclass(name = "JwtClaims", module = "qianming.edge", frozen, get_all)]
pub(crate) struct JwtClaims {
    /// ``exp``: expiry, seconds since the epoch, or ``None``.
    exp: Option<u64>,
    /// ``iat``: issue time, seconds since the epoch, or ``None``.
    iat: Option<u64>,
    /// ``nbf``: not before, seconds since the epoch, or ``None``.
    nbf: Option<u64>,
    /// ``iss``: the issuer, or ``None``.
    iss: Option<String>,
    /// The decoded payload as the JSON text the token carries.
    payload_json: String,
}

#[pymethods]
impl JwtClaims {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "JwtClaims(exp={}, iat={}, nbf={}, iss={})",
            py_repr_u64(self.exp),
            py_repr_u64(self.iat),
            py_repr_u64(self.nbf),
            py_repr(py, self.iss.as_deref())?
        ))
    }
}

/// Adds the edge gateway functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(edge_login_request, m)?)?;
    m.add_function(wrap_pyfunction!(edge_refresh_request, m)?)?;
    m.add_function(wrap_pyfunction!(edge_x_token_header, m)?)?;
    m.add_function(wrap_pyfunction!(edge_parse_token_answer, m)?)?;
    m.add_function(wrap_pyfunction!(edge_read_jwt_claims, m)?)?;
    m.add("EdgeToken", py.get_type::<EdgeToken>())?;
    m.add("JwtClaims", py.get_type::<JwtClaims>())?;
    m.add("EDGE_DEFAULT_PORT", edge::DEFAULT_PORT)?;
    m.add("EDGE_LOGIN_PATH", edge::LOGIN_PATH)?;
    m.add("EDGE_REFRESH_PATH_PREFIX", edge::REFRESH_PATH_PREFIX)?;
    m.add("EDGE_TOKEN_HEADER", edge::TOKEN_HEADER)?;
    Ok(())
}
