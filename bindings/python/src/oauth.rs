//! `qianming.oauth`: Apusic unified identity, OAuth 2.0 authorization code (+ PKCE S256).

use pyo3::prelude::*;
use qianming::oauth;

use crate::convert::{optional_text, py_repr, py_repr_u64, run, text};
use crate::errors::check;
use crate::http::PyHttpRequest;

/// The PKCE S256 challenge of a code verifier: ``base64url-no-pad(SHA-256(verifier))``
/// (RFC 7636). The verifier must be 43 to 128 characters of ``A-Z a-z 0-9 - . _ ~``;
/// ``secrets.token_urlsafe(32)`` makes a good one.
///
/// >>> from qianming import oauth
/// >>> oauth.pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
/// 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
/// >>> oauth.pkce_challenge("short")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidCodeVerifierError: the PKCE code verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~
#[pyfunction]
#[pyo3(signature = (code_verifier))]
fn oauth_pkce_challenge(code_verifier: &Bound<'_, PyAny>) -> PyResult<String> {
    check(oauth::pkce_challenge(&text(
        code_verifier,
        "code_verifier",
    )?))
}

/// The URL to send the user's browser to: ``<base_url>/oauth2/authorize?client_id=…&
/// redirect_uri=…&response_type=code[&state=…][&code_challenge=…&code_challenge_method=S256]``.
/// ``state`` is your unguessable value (check it with ``parse_callback``); ``code_verifier``
/// adds the PKCE S256 challenge.
///
/// >>> from qianming import oauth
/// >>> oauth.authorize_url("http://sso.example.com/api/apusic", client_id="7119",
/// ...                     redirect_uri="http://127.0.0.1:8080/cb", state="xyz")
/// 'http://sso.example.com/api/apusic/oauth2/authorize?client_id=7119&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb&response_type=code&state=xyz'
#[pyfunction]
#[pyo3(signature = (base_url, *, client_id, redirect_uri, state=None, code_verifier=None))]
fn oauth_authorize_url(
    base_url: &Bound<'_, PyAny>,
    client_id: &Bound<'_, PyAny>,
    redirect_uri: &Bound<'_, PyAny>,
    state: Option<&Bound<'_, PyAny>>,
    code_verifier: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let state = optional_text(state, "state")?;
    let verifier = optional_text(code_verifier, "code_verifier")?;
    check(oauth::authorize_url(
        &text(base_url, "base_url")?,
        &text(client_id, "client_id")?,
        &text(redirect_uri, "redirect_uri")?,
        state.as_deref(),
        verifier.as_deref(),
    ))
}

/// Parses the callback URL (or its query string) the browser arrived with into a
/// ``Callback``. ``expected_state`` (required, not empty: the state sent with the authorize
/// URL) must equal the callback's ``state`` (``StateMismatchError``, compared in constant
/// time); an empty one raises ``InvalidFieldError``; an ``error`` parameter raises
/// ``OauthErrorError``; no ``code`` raises ``MissingFieldError``.
///
/// >>> from qianming import oauth
/// >>> cb = oauth.parse_callback("http://127.0.0.1:8080/cb?code=586za9&state=xyz", expected_state="xyz")
/// >>> cb.code, cb.state
/// ('586za9', 'xyz')
/// >>> oauth.parse_callback("/cb?code=1&state=abc", expected_state="xyz")
/// Traceback (most recent call last):
/// ...
/// qianming.StateMismatchError: the callback's state differs from the one sent
#[pyfunction]
#[pyo3(signature = (url_or_query, *, expected_state))]
fn oauth_parse_callback(
    url_or_query: &Bound<'_, PyAny>,
    expected_state: &Bound<'_, PyAny>,
) -> PyResult<Callback> {
    let expected = text(expected_state, "expected_state")?;
    let cb = check(oauth::parse_callback(
        &text(url_or_query, "url_or_query")?,
        &expected,
    ))?;
    Ok(Callback {
        code: cb.code,
        state: cb.state,
    })
}

/// The token exchange: ``POST <base_url>/oauth2/token?client_id=…&client_secret=…&
/// redirect_uri=…&code=…[&code_verifier=…]`` with no body, as the seed documents it (the
/// secret travels in the query: keep this URL out of logs).
///
/// >>> from qianming import oauth
/// >>> req = oauth.token_request("http://sso/api/apusic", client_id="R9Zy", client_secret="sdfj",
/// ...                           redirect_uri="http://app/cb", code="34fd")
/// >>> req.method, req.url
/// ('POST', 'http://sso/api/apusic/oauth2/token?client_id=R9Zy&client_secret=sdfj&redirect_uri=http%3A%2F%2Fapp%2Fcb&code=34fd')
/// >>> req
/// HttpRequest(method='POST', url='http://sso/api/apusic/oauth2/token?…', headers=['Accept'])
#[pyfunction]
#[pyo3(signature = (base_url, *, client_id, client_secret, redirect_uri, code, code_verifier=None))]
fn oauth_token_request(
    base_url: &Bound<'_, PyAny>,
    client_id: &Bound<'_, PyAny>,
    client_secret: &Bound<'_, PyAny>,
    redirect_uri: &Bound<'_, PyAny>,
    code: &Bound<'_, PyAny>,
    code_verifier: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let verifier = optional_text(code_verifier, "code_verifier")?;
    check(oauth::token_request(
        &text(base_url, "base_url")?,
        &text(client_id, "client_id")?,
        &text(client_secret, "client_secret")?,
        &text(redirect_uri, "redirect_uri")?,
        &text(code, "code")?,
        verifier.as_deref(),
    ))
    .map(PyHttpRequest::from)
}

/// Parses the token answer, form-encoded (``access_token=…&expires=…``) or JSON, into an
/// ``AccessToken``. An ``error`` field raises ``OauthErrorError``.
///
/// >>> from qianming import oauth
/// >>> t = oauth.parse_token_answer(b"access_token=623239c3&expires=7200")
/// >>> t.access_token, t.expires
/// ('623239c3', 7200)
/// >>> oauth.parse_token_answer('{"access_token":"623239c3"}').expires is None
/// True
#[pyfunction]
#[pyo3(signature = (body))]
fn oauth_parse_token_answer(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<AccessToken> {
    let body = crate::convert::body(body)?;
    let t = check(run(py, body.len(), || oauth::parse_token_answer(&body)))?;
    Ok(AccessToken {
        access_token: t.access_token.expose().to_string(),
        expires: t.expires,
    })
}

/// ``GET <base_url>/v1.0/oauth2/userinfo?access_token=…`` with ``Accept: application/json``.
///
/// >>> from qianming import oauth
/// >>> oauth.userinfo_request("http://sso/api/apusic", access_token="R9Zy").url
/// 'http://sso/api/apusic/v1.0/oauth2/userinfo?access_token=R9Zy'
#[pyfunction]
#[pyo3(signature = (base_url, *, access_token))]
fn oauth_userinfo_request(
    base_url: &Bound<'_, PyAny>,
    access_token: &Bound<'_, PyAny>,
) -> PyResult<PyHttpRequest> {
    check(oauth::userinfo_request(
        &text(base_url, "base_url")?,
        &text(access_token, "access_token")?,
    ))
    .map(PyHttpRequest::from)
}

/// Parses the user info answer ``{"id": …, "attributes": [{…}, …]}`` into a ``UserInfo``. An
/// empty body raises ``AccountNotBoundError``; ``{"error": "expired_accessToken"}`` raises
/// ``TokenExpiredError``.
///
/// >>> from qianming import oauth
/// >>> u = oauth.parse_userinfo_answer(b'{"id": "10138640", "attributes": [{"IDPEmail": "a@b"}]}')
/// >>> u.id, u.attributes
/// ('10138640', [('IDPEmail', 'a@b')])
/// >>> oauth.parse_userinfo_answer(b"")
/// Traceback (most recent call last):
/// ...
/// qianming.AccountNotBoundError: the user info answer is empty: the SSO user is not bound to an account of this application
#[pyfunction]
#[pyo3(signature = (body))]
fn oauth_parse_userinfo_answer(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<UserInfo> {
    let body = crate::convert::body(body)?;
    let u = check(run(py, body.len(), || oauth::parse_userinfo_answer(&body)))?;
    Ok(UserInfo {
        id: u.id,
        attributes: u.attributes,
    })
}

/// What the authorization server sent back to the redirect URI.
#[pyclass(name = "Callback", module = "qianming.oauth", frozen, get_all)]
pub(crate) struct Callback {
    /// The authorization code.
    code: String,
    /// The ``state`` the server echoed, if any.
    state: Option<String>,
}

#[pymethods]
impl Callback {
    fn __repr__(&self) -> String {
        "Callback(code=<redacted>)".to_string()
    }
}

/// An OAuth access token (the ``repr`` hides it).
#[pyclass(name = "AccessToken", module = "qianming.oauth", frozen, get_all)]
pub(crate) struct AccessToken {
    /// ``access_token``.
    access_token: String,
    /// ``expires`` (or ``expires_in``) as sent, unit undocumented by the vendor; or ``None``.
    expires: Option<u64>,
}

#[pymethods]
impl AccessToken {
    fn __repr__(&self) -> String {
        format!(
            "AccessToken(access_token=<redacted>, expires={})",
            py_repr_u64(self.expires)
        )
    }
}

/// The user the SSO server vouches for.
#[pyclass(name = "UserInfo", module = "qianming.oauth", frozen, get_all)]
pub(crate) struct UserInfo {
    /// The user's account in this application (text).
    id: String,
    /// The ``attributes`` flattened into ``(name, value)`` tuples in order (a value that is not
    /// a string is kept as its compact JSON text).
    attributes: Vec<(String, String)>,
}

#[pymethods]
impl UserInfo {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "UserInfo(id={}, attributes={})",
            py_repr(py, Some(&self.id))?,
            self.attributes.len()
        ))
    }
}

/// Adds the OAuth functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(oauth_pkce_challenge, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_authorize_url, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_parse_callback, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_token_request, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_parse_token_answer, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_userinfo_request, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_parse_userinfo_answer, m)?)?;
    m.add("OauthCallback", py.get_type::<Callback>())?;
    m.add("OauthAccessToken", py.get_type::<AccessToken>())?;
    m.add("OauthUserInfo", py.get_type::<UserInfo>())?;
    m.add("OAUTH_AUTHORIZE_PATH", oauth::AUTHORIZE_PATH)?;
    m.add("OAUTH_TOKEN_PATH", oauth::TOKEN_PATH)?;
    m.add("OAUTH_USERINFO_PATH", oauth::USERINFO_PATH)?;
    Ok(())
}
