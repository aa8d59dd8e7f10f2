//! `qianming.k3cloud`: Kingdee K3Cloud (金蝶云星空) WebAPI: the gateway-signed call headers and
//! the `LoginBySign` / `LoginByAppSecret` session login. Stateless: the identity (account id,
//! user name, AppID, AppSecret, locale, organisation) goes with every call.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBool, PyInt};
use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};
use qianming::{Error, ErrorKind};

use crate::convert::{
    given_timestamp, millis, now_ms, optional_text, parse_answer, py_repr, run, text,
};
use crate::errors::{check, to_py};
use crate::http::PyHttpRequest;

/// An optional locale id: ``None`` → the core's ``DEFAULT_LCID``; an ``int`` that fits in 32
/// bits; any other ``int`` → `invalid_field`.
fn lcid(obj: Option<&Bound<'_, PyAny>>) -> PyResult<u32> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(k3cloud::DEFAULT_LCID);
    };
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return obj.extract::<u32>().map_err(|_| {
            to_py(Error::new(
                ErrorKind::InvalidField,
                format!("lcid {obj} is not a locale id that fits in 32 bits (2052, 3076, 1033, …)"),
            ))
        });
    }
    Err(PyTypeError::new_err(format!(
        "lcid must be int or None, not {}",
        obj.get_type().name()?
    )))
}

/// The identity of a call, converted and checked by the core (`Identity::new`, then the
/// locale and, when given, the organisation number).
fn identity(
    acct_id: &Bound<'_, PyAny>,
    user_name: &Bound<'_, PyAny>,
    app_id: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    lcid_obj: Option<&Bound<'_, PyAny>>,
    org_num: Option<&Bound<'_, PyAny>>,
) -> PyResult<Identity> {
    let acct_id = text(acct_id, "acct_id")?;
    let user_name = text(user_name, "user_name")?;
    let app_id = text(app_id, "app_id")?;
    let app_secret = text(app_secret, "app_secret")?;
    let lcid = lcid(lcid_obj)?;
    let org_num = optional_text(org_num, "org_num")?;
    let id = check(Identity::new(&acct_id, &user_name, &app_id, &app_secret))?.with_lcid(lcid);
    match org_num {
        Some(org_num) => check(id.with_org_num(&org_num)),
        None => Ok(id),
    }
}

/// `"ms"` / `"s"` as the core reads them; ``None`` → the core's default (milliseconds).
fn timestamp_unit(obj: Option<&Bound<'_, PyAny>>) -> PyResult<TimestampUnit> {
    match optional_text(obj, "timestamp_unit")? {
        Some(name) => check(TimestampUnit::parse(&name)),
        None => Ok(TimestampUnit::default()),
    }
}

/// `"sha256"` / `"sha1"` as the core reads them; ``None`` → the core's default (SHA-256).
fn login_hash(obj: Option<&Bound<'_, PyAny>>) -> PyResult<LoginHash> {
    match optional_text(obj, "hash")? {
        Some(name) => check(LoginHash::parse(&name)),
        None => Ok(LoginHash::default()),
    }
}

/// A `LoginBySign` timestamp in seconds: ``None`` → now.
fn seconds(obj: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    match obj.filter(|o| !o.is_none()) {
        Some(obj) => given_timestamp(obj, "timestamp_s", "seconds"),
        None => Ok(TimestampUnit::Seconds.from_ms(now_ms())),
    }
}

/// The client id and the gateway secret an AppID carries: ``<client id>_<masked secret>``,
/// the 32-character masked part unmasked as Kingdee's SDKs do (other lengths unchanged). An
/// AppID without exactly one ``_`` between two non-empty parts raises ``InvalidFieldError``.
///
/// >>> from qianming import k3cloud
/// >>> c = k3cloud.gateway_credentials("224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4")
/// >>> c.client_id, c.gateway_secret
/// ('224245', 'UVJWUANVXl8KXFlfWV1YSBNCShcUQRNL')
/// >>> c
/// GatewayCredentials(client_id='224245', gateway_secret=<redacted>)
#[pyfunction]
#[pyo3(signature = (app_id))]
fn k3cloud_gateway_credentials(app_id: &Bound<'_, PyAny>) -> PyResult<GatewayCredentials> {
    let c = check(k3cloud::gateway_credentials(&text(app_id, "app_id")?))?;
    Ok(GatewayCredentials {
        client_id: c.client_id,
        gateway_secret: c.gateway_secret.expose().to_string(),
    })
}

/// The signed headers of a ``POST`` to ``url`` (an ``http(s)`` URL, the service's
/// ``….common.kdsvc``) at ``timestamp_ms`` (default now), with the intermediate texts.
/// ``timestamp_unit`` is ``"ms"`` (Kingdee's Java SDK; the default, ``DEFAULT_TIMESTAMP_UNIT``)
/// or ``"s"`` (the Python, PHP, Node and Go SDKs); ``lcid`` defaults to ``DEFAULT_LCID``,
/// ``org_num`` to ``"0"``. ``request`` builds the whole request.
///
/// >>> from qianming import k3cloud
/// >>> s = k3cloud.sign("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4",
/// ...     "s3cret", "https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc",
/// ...     timestamp_ms=1700000000123, timestamp_unit="s")
/// >>> s.timestamp, s.app_data
/// ('1700000000', '62a8f6b6c2a1b2,demo,2052,0')
/// >>> [name for name, _ in s.headers][:3]
/// ['X-Api-ClientID', 'X-Api-Auth-Version', 'x-api-timestamp']
#[pyfunction]
#[pyo3(signature = (acct_id, user_name, app_id, app_secret, url, *, timestamp_ms=None, timestamp_unit=None, lcid=None, org_num=None))]
#[allow(clippy::too_many_arguments)]
fn k3cloud_sign(
    acct_id: &Bound<'_, PyAny>,
    user_name: &Bound<'_, PyAny>,
    app_id: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    timestamp_ms: Option<&Bound<'_, PyAny>>,
    timestamp_unit: Option<&Bound<'_, PyAny>>,
    lcid: Option<&Bound<'_, PyAny>>,
    org_num: Option<&Bound<'_, PyAny>>,
) -> PyResult<SignedHeaders> {
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, org_num)?;
    let unit = self::timestamp_unit(timestamp_unit)?;
    let url = text(url, "url")?;
    let at = millis(timestamp_ms, "timestamp_ms")?;
    let s = check(id.sign(&url, unit, at))?;
    Ok(SignedHeaders {
        timestamp: s.timestamp,
        string_to_sign: s.string_to_sign,
        api_signature: s.api_signature,
        app_data: s.app_data,
        kd_signature: s.kd_signature,
        headers: s.headers,
    })
}

/// The signed ``POST`` of ``body`` (JSON text, for example ``{"formid":…,"data":…}``) to
/// ``url``: the nine headers of ``sign`` and ``Content-Type: application/json``. Arguments as
/// ``sign``.
///
/// >>> from qianming import k3cloud
/// >>> req = k3cloud.request("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4",
/// ...     "s3cret", "https://erp.example.com/k3cloud/x.common.kdsvc", '{"formid":"BD_MATERIAL"}',
/// ...     timestamp_ms=1)
/// >>> req.method, req.header("x-api-timestamp"), req.headers[-1], req.body
/// ('POST', '1', ('Content-Type', 'application/json'), '{"formid":"BD_MATERIAL"}')
#[pyfunction]
#[pyo3(signature = (acct_id, user_name, app_id, app_secret, url, body, *, timestamp_ms=None, timestamp_unit=None, lcid=None, org_num=None))]
#[allow(clippy::too_many_arguments)]
fn k3cloud_request(
    py: Python<'_>,
    acct_id: &Bound<'_, PyAny>,
    user_name: &Bound<'_, PyAny>,
    app_id: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    timestamp_ms: Option<&Bound<'_, PyAny>>,
    timestamp_unit: Option<&Bound<'_, PyAny>>,
    lcid: Option<&Bound<'_, PyAny>>,
    org_num: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, org_num)?;
    let unit = self::timestamp_unit(timestamp_unit)?;
    let url = text(url, "url")?;
    let body = text(body, "body")?;
    let at = millis(timestamp_ms, "timestamp_ms")?;
    check(run(py, body.len(), || id.request(&url, &body, unit, at))).map(PyHttpRequest::from)
}

/// The ``LoginBySign`` sign at ``timestamp_s`` (seconds, default now): hex SHA-256 (``hash``
/// ``"sha256"``, the default ``DEFAULT_LOGIN_HASH``) or SHA-1 (``"sha1"``, servers before
/// 8.0.0.202205) of the account id, user name, AppID, AppSecret and timestamp, sorted and
/// concatenated. Any texts are accepted (the request builders check the identity).
///
/// >>> from qianming import k3cloud
/// >>> k3cloud.login_sign("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4",
/// ...                    "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 1700000000)
/// 'd2f9a52ebbcaa4354903fd4fce18a4414193dc0366f48f76a82086eebfa75de4'
#[pyfunction]
#[pyo3(signature = (acct_id, user_name, app_id, app_secret, timestamp_s=None, *, hash=None))]
fn k3cloud_login_sign(
    acct_id: &Bound<'_, PyAny>,
    user_name: &Bound<'_, PyAny>,
    app_id: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    timestamp_s: Option<&Bound<'_, PyAny>>,
    hash: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let acct_id = text(acct_id, "acct_id")?;
    let user_name = text(user_name, "user_name")?;
    let app_id = text(app_id, "app_id")?;
    let app_secret = text(app_secret, "app_secret")?;
    let hash = login_hash(hash)?;
    let ts = seconds(timestamp_s)?;
    check(k3cloud::login_sign(
        &acct_id,
        &user_name,
        &app_id,
        &app_secret,
        ts,
        hash,
    ))
}

/// ``POST <server_url>/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign.common.kdsvc``
/// with the JSON body ``{"parameters":[acct_id, user_name, app_id, timestamp_s, sign, lcid]}``.
/// ``server_url`` is the site (``https://host/k3cloud``), an ``http(s)`` URL without query;
/// ``timestamp_s`` defaults to now, ``hash`` and ``lcid`` as in ``login_sign`` and ``sign``.
/// Send it, then read the session with ``parse_login_answer``.
///
/// >>> from qianming import k3cloud
/// >>> req = k3cloud.login_by_sign_request("https://erp.example.com/k3cloud/", "62a8f6b6c2a1b2",
/// ...     "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "0d1f5a5e3c1b4a7f9e2d8c6b4a291735",
/// ...     1700000000)
/// >>> req.url
/// 'https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign.common.kdsvc'
/// >>> req.body
/// '{"parameters":["62a8f6b6c2a1b2","demo","224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4",1700000000,"d2f9a52ebbcaa4354903fd4fce18a4414193dc0366f48f76a82086eebfa75de4",2052]}'
#[pyfunction]
#[pyo3(signature = (server_url, acct_id, user_name, app_id, app_secret, timestamp_s=None, *, lcid=None, hash=None))]
#[allow(clippy::too_many_arguments)]
fn k3cloud_login_by_sign_request(
    server_url: &Bound<'_, PyAny>,
    acct_id: &Bound<'_, PyAny>,
    user_name: &Bound<'_, PyAny>,
    app_id: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    timestamp_s: Option<&Bound<'_, PyAny>>,
    lcid: Option<&Bound<'_, PyAny>>,
    hash: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    // The order of the CLI's checks: hash, timestamp, identity, URL.
    let hash = login_hash(hash)?;
    let ts = seconds(timestamp_s)?;
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, None)?;
    let server_url = text(server_url, "server_url")?;
    check(id.login_by_sign_request(&server_url, ts, hash)).map(PyHttpRequest::from)
}

/// ``POST <server_url>/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret.common.kdsvc``
/// with ``{"parameters":[acct_id, user_name, app_id, app_secret, lcid]}``: the AppSecret
/// travels in the body, which is why Kingdee asks integrations to move to
/// ``login_by_sign_request``.
///
/// >>> from qianming import k3cloud
/// >>> req = k3cloud.login_by_app_secret_request("https://erp.example.com/k3cloud", "62a8f6b6c2a1b2",
/// ...     "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret", lcid=1033)
/// >>> req.body
/// '{"parameters":["62a8f6b6c2a1b2","demo","224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4","s3cret",1033]}'
#[pyfunction]
#[pyo3(signature = (server_url, acct_id, user_name, app_id, app_secret, *, lcid=None))]
fn k3cloud_login_by_app_secret_request(
    server_url: &Bound<'_, PyAny>,
    acct_id: &Bound<'_, PyAny>,
    user_name: &Bound<'_, PyAny>,
    app_id: &Bound<'_, PyAny>,
    app_secret: &Bound<'_, PyAny>,
    lcid: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let id = identity(acct_id, user_name, app_id, app_secret, lcid, None)?;
    let server_url = text(server_url, "server_url")?;
    check(id.login_by_app_secret_request(&server_url)).map(PyHttpRequest::from)
}

/// Parses the answer of ``LoginBySign``, ``LoginByAppSecret`` or ``ValidateUser`` (``bytes``
/// or ``str``) into a ``Session``. A ``LoginResultType`` other than 1 raises
/// ``LoginFailedError`` whose ``.refusal`` keeps the value (as the code) and ``Message``; a
/// malformed body raises ``InvalidJsonError``, ``MissingFieldError`` or ``InvalidFieldError``.
///
/// >>> from qianming import k3cloud
/// >>> s = k3cloud.parse_login_answer(
/// ...     '{"Message":null,"LoginResultType":1,"KDSVCSessionId":"8c6f1a2e-sess","IsSuccessByAPI":true}')
/// >>> s.session_id, s.message, s.is_success_by_api
/// ('8c6f1a2e-sess', None, True)
/// >>> s
/// Session(session_id=<redacted>, message=None, is_success_by_api=True)
/// >>> import qianming
/// >>> try:
/// ...     k3cloud.parse_login_answer('{"Message":"用户名或密码错误！","LoginResultType":0}')
/// ... except qianming.LoginFailedError as e:
/// ...     print(e.vendor_code, e.vendor_message)
/// 0 用户名或密码错误！
#[pyfunction]
#[pyo3(signature = (body))]
fn k3cloud_parse_login_answer(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Session> {
    let s = parse_answer(py, body, k3cloud::parse_login_answer)?;
    Ok(Session {
        session_id: s.session_id.expose().to_string(),
        message: s.message,
        is_success_by_api: s.is_success_by_api,
    })
}

/// The headers of a call in a session: ``kdservice-sessionid: <id>`` and
/// ``Cookie: kdservice-sessionid=<id>``, as a ``list`` of ``(name, value)`` tuples. An id that
/// cannot travel in a header or a cookie raises ``InvalidHeaderValueError``.
///
/// >>> from qianming import k3cloud
/// >>> k3cloud.session_headers("8c6f1a2e-sess")
/// [('kdservice-sessionid', '8c6f1a2e-sess'), ('Cookie', 'kdservice-sessionid=8c6f1a2e-sess')]
#[pyfunction]
#[pyo3(signature = (session_id))]
fn k3cloud_session_headers(session_id: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let session_id: PyBackedStr = text(session_id, "session_id")?;
    check(k3cloud::session_headers(&session_id))
}

/// What an AppID carries for the API gateway (the ``repr`` hides the secret).
#[pyclass(
    name = "GatewayCredentials",
    module = "qianming.k3cloud",
    frozen,
    get_all
)]
pub(crate) struct GatewayCredentials {
    /// The part before ``_``: ``X-Api-ClientID``.
    client_id: String,
    /// The HMAC key of ``X-Api-Signature`` (Base64 text; its bytes are the key).
    gateway_secret: String,
}

#[pymethods]
impl GatewayCredentials {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "GatewayCredentials(client_id={}, gateway_secret=<redacted>)",
            py_repr(py, Some(&self.client_id))?
        ))
    }
}

/// The signed headers of a call and the texts they were made from.
#[pyclass(name = "SignedHeaders", module = "qianming.k3cloud", frozen, get_all)]
pub(crate) struct SignedHeaders {
    /// The timestamp (and nonce) as sent, in the unit asked for.
    timestamp: String,
    /// The string the gateway signature covers.
    string_to_sign: String,
    /// ``X-Api-Signature``.
    api_signature: String,
    /// ``acct_id,user_name,lcid,org_num``: ``X-Kd-Appdata`` before Base64.
    app_data: String,
    /// ``X-Kd-Signature``.
    kd_signature: String,
    /// The nine headers in order, as ``(name, value)`` tuples.
    headers: Vec<(String, String)>,
}

#[pymethods]
impl SignedHeaders {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "SignedHeaders(timestamp={}, api_signature={}, kd_signature={})",
            py_repr(py, Some(&self.timestamp))?,
            py_repr(py, Some(&self.api_signature))?,
            py_repr(py, Some(&self.kd_signature))?
        ))
    }
}

/// A K3Cloud session (the ``repr`` hides the id): send it with ``session_headers``.
#[pyclass(name = "Session", module = "qianming.k3cloud", frozen, get_all)]
pub(crate) struct Session {
    /// ``KDSVCSessionId``.
    session_id: String,
    /// ``Message``, or ``None``.
    message: Option<String>,
    /// ``IsSuccessByAPI``, or ``None`` when absent.
    is_success_by_api: Option<bool>,
}

#[pymethods]
impl Session {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let flag = match self.is_success_by_api {
            None => "None",
            Some(true) => "True",
            Some(false) => "False",
        };
        Ok(format!(
            "Session(session_id=<redacted>, message={}, is_success_by_api={flag})",
            py_repr(py, self.message.as_deref())?
        ))
    }
}

/// Adds the K3Cloud functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(k3cloud_gateway_credentials, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_sign, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_request, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_login_sign, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_login_by_sign_request, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_login_by_app_secret_request, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_parse_login_answer, m)?)?;
    m.add_function(wrap_pyfunction!(k3cloud_session_headers, m)?)?;
    m.add(
        "K3CloudGatewayCredentials",
        py.get_type::<GatewayCredentials>(),
    )?;
    m.add("K3CloudSignedHeaders", py.get_type::<SignedHeaders>())?;
    m.add("K3CloudSession", py.get_type::<Session>())?;
    m.add("K3CLOUD_DEFAULT_LCID", k3cloud::DEFAULT_LCID)?;
    m.add(
        "K3CLOUD_DEFAULT_TIMESTAMP_UNIT",
        TimestampUnit::default().as_str(),
    )?;
    m.add("K3CLOUD_DEFAULT_LOGIN_HASH", LoginHash::default().as_str())?;
    m.add("K3CLOUD_SESSION_COOKIE", k3cloud::SESSION_COOKIE)?;
    Ok(())
}
