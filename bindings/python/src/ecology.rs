//! `qianming.ecology`: Weaver e-cology 9 (泛微 E9) OpenAPI: registration, the RSA-encrypted
//! token request, the token answer and the headers of each call.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use qianming::ecology::{self, ServerKey, SEED_LEN};

use crate::convert::{
    millis, optional_unsigned, parse_answer, py_repr, random_bytes, run, text, text_fn,
};
use crate::errors::{check, granted};
use crate::http::PyHttpRequest;
use crate::token::PyLifetime;

/// The 32 bytes of one encryption: the caller's, or drawn with ``secrets.token_bytes``.
fn seed(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<[u8; SEED_LEN]> {
    random_bytes::<SEED_LEN>(py, obj, "seed")
}

/// Reads ``spk`` (or any e-cology public key): Base64 of the DER SubjectPublicKeyInfo of an
/// RSA key (white space skipped). Not Base64, or PEM armour, raises ``InvalidBase64Error``;
/// DER of something else (a PKCS#1 key, another algorithm), ``InvalidFieldError``.
///
/// >>> from qianming import ecology
/// >>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
/// >>> k = ecology.server_key(SPK)
/// >>> k
/// ServerKey(bits=1024, max_plaintext_len=117)
#[pyfunction]
#[pyo3(signature = (spk))]
fn ecology_server_key(spk: &Bound<'_, PyAny>) -> PyResult<PyServerKey> {
    let key = check(ServerKey::from_spk(&text(spk, "spk")?))?;
    Ok(PyServerKey {
        bits: key.bits(),
        max_plaintext_len: key.max_plaintext_len(),
    })
}

/// ``Base64(RSA-PKCS#1 v1.5 encrypt(spk, UTF-8 of plaintext))``, what e-cology's ``secret``
/// and ``userid`` headers carry. ``seed``: the 32 random bytes of this one encryption
/// (``bytes``); left out, they are drawn with ``secrets.token_bytes``. An empty text raises
/// ``InvalidFieldError``; one longer than the key takes (``ServerKey.max_plaintext_len``),
/// ``InputTooLargeError``.
///
/// >>> from qianming import ecology
/// >>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
/// >>> a = ecology.encrypt(SPK, "1", seed=bytes(32))
/// >>> len(a), a == ecology.encrypt(SPK, "1", seed=bytes(32)), a == ecology.encrypt(SPK, "1")
/// (172, True, False)
#[pyfunction]
#[pyo3(signature = (spk, plaintext, *, seed=None))]
fn ecology_encrypt(
    py: Python<'_>,
    spk: &Bound<'_, PyAny>,
    plaintext: &Bound<'_, PyAny>,
    seed: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let spk = text(spk, "spk")?;
    let plaintext = text(plaintext, "plaintext")?;
    let seed = self::seed(py, seed)?;
    check(ServerKey::from_spk(&spk).and_then(|key| key.encrypt(&plaintext, &seed)))
}

/// The 32-byte seed of ``encrypt`` from 64 hex digits (``InvalidFieldError`` otherwise), for
/// randomness carried as text (the CLI's ``--seed-hex``, the vectors).
///
/// >>> from qianming import ecology
/// >>> ecology.seed_from_hex("ab" * 32) == b"\xab" * 32
/// True
/// >>> ecology.seed_from_hex("00")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidFieldError: the seed must be 64 hex digits (32 random bytes)
#[pyfunction]
#[pyo3(signature = (seed_hex))]
fn ecology_seed_from_hex<'py>(
    py: Python<'py>,
    seed_hex: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let seed = check(ecology::seed_from_hex(&text(seed_hex, "seed_hex")?))?;
    Ok(PyBytes::new(py, &seed))
}

text_fn! {
    /// ``POST <base_url>/api/ec/dev/auth/regist`` with headers ``appid`` and ``cpk`` (the client's
    /// public key, read as ``server_key`` reads keys). ``base_url`` is the OA site, an ``http(s)``
    /// URL without query.
    ///
    /// >>> from qianming import ecology
    /// >>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
    /// >>> req = ecology.regist_request("http://oa.example.com", "EEAA5436-7577-4BE0-8C6C-89E9D88805EA", SPK)
    /// >>> req.url, [name for name, _ in req.headers]
    /// ('http://oa.example.com/api/ec/dev/auth/regist', ['appid', 'cpk'])
    fn ecology_regist_request<'py>(_py, base_url, appid, cpk) -> PyHttpRequest {
        check(ecology::regist_request(&base_url, &appid, &cpk)).map(PyHttpRequest::from)
    }
}

/// Parses the registration answer (``bytes`` or ``str``) into a ``Registration``
/// (``secrit``, ``spk``, ``message``). ``status: false`` raises ``VendorErrorError`` whose
/// ``.refusal`` keeps ``errcode`` and ``errmsg``; a malformed body raises
/// ``InvalidJsonError``, ``MissingFieldError``, ``InvalidFieldError`` or
/// ``InvalidBase64Error``.
///
/// >>> from qianming import ecology
/// >>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
/// >>> r = ecology.parse_regist_answer(
/// ...     '{"msg":"ok","status":true,"secrit":"e0ab4a73-e9c6","spk":"' + SPK + '"}')
/// >>> r.secrit, r.spk == SPK, r.message
/// ('e0ab4a73-e9c6', True, 'ok')
/// >>> r
/// Registration(secrit=<redacted>, message='ok')
#[pyfunction]
#[pyo3(signature = (body))]
fn ecology_parse_regist_answer(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Registration> {
    let r = parse_answer(py, body, ecology::parse_regist_answer)?;
    Ok(Registration {
        secrit: r.secrit.expose().to_string(),
        spk: r.spk,
        message: r.message,
    })
}

/// ``POST <base_url>/api/ec/dev/auth/applytoken`` with headers ``appid`` and ``secret`` =
/// ``encrypt(spk, secrit)``, and ``time`` when ``time_s`` (the token lifetime to ask for, in
/// seconds) is given. ``seed`` as in ``encrypt`` (left out: ``secrets.token_bytes``). An empty
/// ``secrit`` raises ``EmptySecretError``.
///
/// >>> from qianming import ecology
/// >>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
/// >>> req = ecology.applytoken_request("http://oa.example.com", "APP1", SPK, "e0ab4a73", time_s=3600)
/// >>> req.url, [name for name, _ in req.headers], req.header("time")
/// ('http://oa.example.com/api/ec/dev/auth/applytoken', ['appid', 'secret', 'time'], '3600')
#[pyfunction]
#[pyo3(signature = (base_url, appid, spk, secrit, *, seed=None, time_s=None))]
#[allow(clippy::too_many_arguments)]
fn ecology_applytoken_request(
    py: Python<'_>,
    base_url: &Bound<'_, PyAny>,
    appid: &Bound<'_, PyAny>,
    spk: &Bound<'_, PyAny>,
    secrit: &Bound<'_, PyAny>,
    seed: Option<&Bound<'_, PyAny>>,
    time_s: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHttpRequest> {
    let base_url = text(base_url, "base_url")?;
    let appid = text(appid, "appid")?;
    let spk = text(spk, "spk")?;
    let secrit = text(secrit, "secrit")?;
    let seed = self::seed(py, seed)?;
    let time_s = optional_unsigned(time_s, "time_s")?;
    check(ecology::applytoken_request(
        &base_url, &appid, &spk, &secrit, &seed, time_s,
    ))
    .map(PyHttpRequest::from)
}

/// Parses the token answer (``bytes`` or ``str``) received at ``received_at_ms`` (default
/// now) into a ``Token`` that lives ``lifetime_s`` seconds (default
/// ``DEFAULT_TOKEN_LIFETIME_S``, Weaver's 30 minutes; pass the ``time_s`` the request asked
/// for). ``status: false`` raises ``UndecryptableError`` (the secret did not decrypt: 解密失败),
/// ``SignMismatchError`` (认证信息错误) or ``VendorErrorError``, each with ``.refusal``.
///
/// >>> from qianming import ecology
/// >>> t = ecology.parse_token_answer(
/// ...     '{"msg":"获取成功!","code":0,"status":true,"token":"770a10d8-0b15"}', received_at_ms=1000)
/// >>> t.token, t.message, t.lifetime.expires_at_ms
/// ('770a10d8-0b15', '获取成功!', 1801000)
/// >>> t
/// Token(token=<redacted>, message='获取成功!')
/// >>> import qianming
/// >>> try:
/// ...     ecology.parse_token_answer('{"msg":"解密失败！","code":-1,"status":false}')
/// ... except qianming.UndecryptableError as e:
/// ...     print(e.vendor_code, e.vendor_message)
/// -1 解密失败！
#[pyfunction]
#[pyo3(signature = (body, *, received_at_ms=None, lifetime_s=None))]
fn ecology_parse_token_answer(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    received_at_ms: Option<&Bound<'_, PyAny>>,
    lifetime_s: Option<&Bound<'_, PyAny>>,
) -> PyResult<Token> {
    let body = crate::convert::body(body)?;
    let at = millis(received_at_ms, "received_at_ms")?;
    let lifetime_s =
        optional_unsigned(lifetime_s, "lifetime_s")?.unwrap_or(ecology::DEFAULT_TOKEN_LIFETIME_S);
    let t = granted(run(py, body.len(), || {
        ecology::parse_token_answer(&body, at, lifetime_s)
    }))?;
    Ok(Token {
        token: t.token.expose().to_string(),
        message: t.message,
        lifetime: Py::new(py, PyLifetime::from(t.lifetime))?,
    })
}

/// The headers of a call with a token, as a ``list`` of ``(name, value)`` tuples: ``appid``,
/// ``token`` and ``userid`` = ``encrypt(spk, userid)`` (the OA user id, for example ``"1"``).
/// ``seed`` as in ``encrypt``. POST bodies go as
/// ``application/x-www-form-urlencoded; charset=utf-8``.
///
/// >>> from qianming import ecology
/// >>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
/// >>> headers = ecology.call_headers("APP1", "770a10d8", SPK, "1")
/// >>> [name for name, _ in headers], headers[1][1]
/// (['appid', 'token', 'userid'], '770a10d8')
#[pyfunction]
#[pyo3(signature = (appid, token, spk, userid, *, seed=None))]
fn ecology_call_headers(
    py: Python<'_>,
    appid: &Bound<'_, PyAny>,
    token: &Bound<'_, PyAny>,
    spk: &Bound<'_, PyAny>,
    userid: &Bound<'_, PyAny>,
    seed: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(String, String)>> {
    let appid = text(appid, "appid")?;
    let token = text(token, "token")?;
    let spk = text(spk, "spk")?;
    let userid = text(userid, "userid")?;
    let seed = self::seed(py, seed)?;
    check(ecology::call_headers(&appid, &token, &spk, &userid, &seed))
}

/// An RSA public key as e-cology exchanges them: its size and the longest text one encryption
/// takes.
#[pyclass(name = "ServerKey", module = "qianming.ecology", frozen, get_all)]
pub(crate) struct PyServerKey {
    /// The size of the modulus in bits.
    bits: usize,
    /// The longest text (UTF-8 bytes) one encryption takes: the modulus length less 11.
    max_plaintext_len: usize,
}

#[pymethods]
impl PyServerKey {
    fn __repr__(&self) -> String {
        format!(
            "ServerKey(bits={}, max_plaintext_len={})",
            self.bits, self.max_plaintext_len
        )
    }
}

/// A granted registration (the ``repr`` hides ``secrit``).
#[pyclass(name = "Registration", module = "qianming.ecology", frozen, get_all)]
pub(crate) struct Registration {
    /// ``secrit`` (sic): the secret to encrypt for the token request.
    secrit: String,
    /// ``spk``: the server's public key, as sent.
    spk: String,
    /// ``msg``, or ``None``.
    message: Option<String>,
}

#[pymethods]
impl Registration {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Registration(secrit=<redacted>, message={})",
            py_repr(py, self.message.as_deref())?
        ))
    }
}

/// An e-cology access token (the ``repr`` hides it).
#[pyclass(name = "Token", module = "qianming.ecology", frozen, get_all)]
pub(crate) struct Token {
    /// ``token``: send it with ``call_headers``.
    token: String,
    /// ``msg``, or ``None``.
    message: Option<String>,
    /// Reception time plus the lifetime.
    lifetime: Py<PyLifetime>,
}

#[pymethods]
impl Token {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Token(token=<redacted>, message={})",
            py_repr(py, self.message.as_deref())?
        ))
    }
}

/// Adds the e-cology functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(ecology_server_key, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_encrypt, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_seed_from_hex, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_regist_request, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_parse_regist_answer, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_applytoken_request, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_parse_token_answer, m)?)?;
    m.add_function(wrap_pyfunction!(ecology_call_headers, m)?)?;
    m.add("EcologyServerKey", py.get_type::<PyServerKey>())?;
    m.add("EcologyRegistration", py.get_type::<Registration>())?;
    m.add("EcologyToken", py.get_type::<Token>())?;
    m.add("ECOLOGY_SEED_LEN", SEED_LEN)?;
    m.add(
        "ECOLOGY_DEFAULT_TOKEN_LIFETIME_S",
        ecology::DEFAULT_TOKEN_LIFETIME_S,
    )?;
    Ok(())
}
