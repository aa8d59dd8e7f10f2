//! `qianming.doctor`: the signature doctor (docs/spec/doctor.md). Given what a client sent and
//! the secret, the core recomputes the signature under each known client mistake and names the
//! one that reproduces it. Reports never hold the signature or MD5 the request should carry:
//! they are safe to log and to show the client.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use qianming::doctor::{self, KingdeeDiagnosis, RequestFormat, Verdict, WeaverDiagnosis};

use crate::convert::{millis, optional_text, optional_unsigned, py_repr, run, text};
use crate::errors::check;
use crate::kingdee_verifier::{with_received, KingdeeVerifier};
use crate::weaver::{credentials, WeaverVerifier};

fn names(verdicts: &[Verdict]) -> Vec<String> {
    verdicts.iter().map(|v| v.name().to_owned()).collect()
}

/// The window: `window_ms` when given, else the verifier's, else the vendors' five minutes.
fn window(window_ms: Option<&Bound<'_, PyAny>>, verifier_window: Option<u64>) -> PyResult<u64> {
    Ok(optional_unsigned(window_ms, "window_ms")?
        .or(verifier_window)
        .unwrap_or(doctor::DEFAULT_WINDOW_MS))
}

/// The verifier argument as `T`, or `None`; anything else is a `TypeError`.
fn verifier_arg<'py, T: pyo3::PyClass>(
    verifier: Option<&Bound<'py, PyAny>>,
    expected: &str,
) -> PyResult<Option<Bound<'py, T>>> {
    match verifier.filter(|v| !v.is_none()) {
        None => Ok(None),
        Some(v) => v
            .cast::<T>()
            .map(|v| Some(v.clone()))
            .map_err(|_| crate::convert::type_error("verifier", expected, v)),
    }
}

/// What the Kingdee doctor found (``doctor.kingdee``, ``doctor.kingdee_pasted``): the verdict's
/// stable name and code, what it means in English and Chinese, and what the gateway rebuilds
/// from the request. Never the signature or HMAC the request should carry.
#[pyclass(name = "KingdeeReport", module = "qianming.doctor", frozen, get_all)]
pub(crate) struct KingdeeReport {
    /// The verdict's stable name: ``"valid"``, the (first) mistake, or ``"unexplained"``.
    verdict: &'static str,
    /// The verdict's stable numeric code.
    verdict_code: u32,
    /// What the verdict means and what to do, in English.
    explanation: &'static str,
    /// The same in Chinese.
    explanation_zh: &'static str,
    /// Every mistake that together reproduce the request, the verdict's first.
    mistakes: Vec<String>,
    /// ``X-Api-ClientID`` as received.
    client_id: String,
    /// ``X-Api-Nonce`` as received.
    nonce: String,
    /// ``X-Api-TimeStamp`` as a number.
    timestamp_ms: u64,
    /// The time the request was judged at.
    now_ms: u64,
    /// The window the timestamp had to be in, either way.
    window_ms: u64,
    /// ``now_ms - timestamp_ms`` (positive: in the past); for ``timestamp_in_seconds``,
    /// ``now_ms - timestamp * 1000``.
    time_difference_ms: i64,
    /// The canonical path the gateway builds.
    canonical_path: String,
    /// The canonical query the gateway builds.
    canonical_query: String,
    /// The signed header names in signing order.
    signed_headers: Vec<String>,
    /// The string to sign the gateway builds (no secret in it).
    string_to_sign: String,
    /// The string to sign the client used when reproduced; ``None`` when ``unexplained``.
    client_string_to_sign: Option<String>,
}

impl From<KingdeeDiagnosis> for KingdeeReport {
    fn from(d: KingdeeDiagnosis) -> Self {
        KingdeeReport {
            verdict: d.verdict.name(),
            verdict_code: d.verdict.code(),
            explanation: d.verdict.explanation(),
            explanation_zh: d.verdict.explanation_zh(),
            mistakes: names(&d.mistakes),
            client_id: d.client_id,
            nonce: d.nonce,
            timestamp_ms: d.timestamp_ms,
            now_ms: d.now_ms,
            window_ms: d.window_ms,
            time_difference_ms: d.time_difference_ms,
            canonical_path: d.canonical_path,
            canonical_query: d.canonical_query,
            signed_headers: d.signed_headers,
            string_to_sign: d.string_to_sign,
            client_string_to_sign: d.client_string_to_sign,
        }
    }
}

#[pymethods]
impl KingdeeReport {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "KingdeeReport(verdict={}, mistakes={:?}, time_difference_ms={})",
            py_repr(py, Some(self.verdict))?,
            self.mistakes,
            self.time_difference_ms
        ))
    }
}

/// What the Weaver doctor found (``doctor.weaver``). Never the MD5 the sign should carry:
/// only the shape of what it decrypted to and the recipe the client followed.
#[pyclass(name = "WeaverReport", module = "qianming.doctor", frozen, get_all)]
pub(crate) struct WeaverReport {
    /// The verdict's stable name: ``"valid"``, the (first) mistake, or ``"unexplained"``.
    verdict: &'static str,
    /// The verdict's stable numeric code.
    verdict_code: u32,
    /// What the verdict means and what to do, in English.
    explanation: &'static str,
    /// The same in Chinese.
    explanation_zh: &'static str,
    /// Every mistake found, the verdict's first (for ``unexplained``, those established
    /// before the doctor got stuck).
    mistakes: Vec<String>,
    /// The time the sign was judged at.
    now_ms: u64,
    /// The window the timestamp had to be in, either way.
    window_ms: u64,
    /// The timestamp inside the sign; ``None`` when it did not decrypt to
    /// ``<digits>_<32 hex>``.
    timestamp_ms: Option<u64>,
    /// ``now_ms - timestamp_ms`` (positive: in the past); ``None`` as ``timestamp_ms``.
    time_difference_ms: Option<i64>,
    /// The shape of the decrypted sign without its digits; ``None`` when it did not decrypt.
    plaintext_layout: Option<String>,
    /// How the client made the sign, as a formula of names; ``None`` when not reproduced.
    client_recipe: Option<String>,
}

impl From<WeaverDiagnosis> for WeaverReport {
    fn from(d: WeaverDiagnosis) -> Self {
        WeaverReport {
            verdict: d.verdict.name(),
            verdict_code: d.verdict.code(),
            explanation: d.verdict.explanation(),
            explanation_zh: d.verdict.explanation_zh(),
            mistakes: names(&d.mistakes),
            now_ms: d.now_ms,
            window_ms: d.window_ms,
            timestamp_ms: d.timestamp_ms,
            time_difference_ms: d.time_difference_ms,
            plaintext_layout: d.plaintext_layout,
            client_recipe: d.client_recipe,
        }
    }
}

#[pymethods]
impl WeaverReport {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "WeaverReport(verdict={}, mistakes={:?}, time_difference_ms={})",
            py_repr(py, Some(self.verdict))?,
            self.mistakes,
            self.time_difference_ms
                .map_or_else(|| "None".to_owned(), |d| d.to_string())
        ))
    }
}

/// A request read from pasted text (``doctor.kingdee_pasted``) and the doctor's report on it.
#[pyclass(name = "PastedRequest", module = "qianming.doctor", frozen, get_all)]
pub(crate) struct PastedRequest {
    /// The method as written.
    method: String,
    /// The request target as it travels (path and query, percent-encoded).
    target: String,
    /// The path, decoded as the gateway decodes it.
    path: String,
    /// The query pairs, decoded, in order.
    query: Vec<(String, String)>,
    /// The headers in order, names as written.
    headers: Vec<(String, String)>,
    /// The body; ``None`` when there is none.
    body: Option<String>,
    /// The doctor's report on the request.
    report: Py<KingdeeReport>,
}

#[pymethods]
impl PastedRequest {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "PastedRequest(method={}, target={}, verdict={})",
            py_repr(py, Some(&self.method))?,
            py_repr(py, Some(&self.target))?,
            py_repr(py, Some(self.report.get().verdict))?
        ))
    }
}

/// Where a client's own string to sign first differs from the gateway's
/// (``doctor.compare_string_to_sign``).
#[pyclass(
    name = "StringToSignComparison",
    module = "qianming.doctor",
    frozen,
    get_all
)]
pub(crate) struct StringToSignComparison {
    /// Whether the two are the same text.
    identical: bool,
    /// The line of the first difference, from 1 (0 when identical).
    line: usize,
    /// The column of the first difference in characters, from 1 (0 when identical).
    column: usize,
    /// The part that line holds: ``method``, ``canonical_path``, ``canonical_query`` or
    /// ``header_line`` (empty when identical).
    part: &'static str,
    /// Up to 12 characters of the gateway's string from the difference on.
    expected_excerpt: String,
    /// Up to 12 characters of the client's string from the difference on.
    pasted_excerpt: String,
    /// The stable name of the mistake this difference is typical of, or ``None``.
    mistake: Option<&'static str>,
    /// That mistake's explanation in English, or ``None``.
    explanation: Option<&'static str>,
    /// The same in Chinese, or ``None``.
    explanation_zh: Option<&'static str>,
}

#[pymethods]
impl StringToSignComparison {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "StringToSignComparison(identical={}, line={}, column={}, part={}, mistake={})",
            if self.identical { "True" } else { "False" },
            self.line,
            self.column,
            py_repr(py, Some(self.part))?,
            py_repr(py, self.mistake)?
        ))
    }
}

/// The Kingdee doctor: recomputes a received request's ``X-Api-Signature`` under each known
/// client mistake and names the one that reproduces it. ``path`` and ``query`` decoded, as for
/// ``kingdee.Verifier.verify``; judged at ``now_ms`` (default now) with ``window_ms`` either way
/// (default: the verifier's, else five minutes). With ``verifier`` (a ``kingdee.Verifier``,
/// only read), a request it already accepted is ``replayed``. Raises only for a request too
/// malformed to rebuild (``MissingHeaderError``, ``EmptySecretError``, …).
///
/// >>> from qianming import doctor, kingdee
/// >>> out = kingdee.Signer("123456", "s3cret").sign("GET", "/a", query={"q": "x=y"},
/// ...                                              timestamp=1700000000, nonce="42")
/// >>> r = doctor.kingdee("s3cret", "GET", "/a", query={"q": "x=y"}, headers=out.headers,
/// ...                    now_ms=1700000000000)
/// >>> r.verdict, r.time_difference_ms
/// ('timestamp_in_seconds', 0)
/// >>> r.explanation_zh[:6]
/// '时间戳用了秒'
#[pyfunction]
#[pyo3(signature = (client_secret, method, path, *, headers, query=None, now_ms=None, window_ms=None, verifier=None))]
#[allow(clippy::too_many_arguments)]
fn doctor_kingdee(
    py: Python<'_>,
    client_secret: &Bound<'_, PyAny>,
    method: &Bound<'_, PyAny>,
    path: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    query: Option<&Bound<'_, PyAny>>,
    now_ms: Option<&Bound<'_, PyAny>>,
    window_ms: Option<&Bound<'_, PyAny>>,
    verifier: Option<&Bound<'_, PyAny>>,
) -> PyResult<KingdeeReport> {
    let secret = text(client_secret, "client_secret")?;
    let now = millis(now_ms, "now_ms")?;
    let seen = verifier_arg::<KingdeeVerifier>(verifier, "a kingdee.Verifier or None")?;
    let seen = seen.as_ref().map(|v| v.get());
    let window = window(window_ms, seen.map(|v| v.lock().window_ms()))?;
    let d = with_received(py, method, path, query, headers, |r| match seen {
        None => doctor::diagnose_kingdee(&secret, r, now, window, None),
        Some(v) => doctor::diagnose_kingdee(&secret, r, now, window, Some(&v.lock())),
    })?;
    Ok(KingdeeReport::from(d))
}

/// Reads a request as people have it and runs the Kingdee doctor on it: ``text`` is a
/// ``curl`` command (as browsers' "Copy as cURL" and ``qianming kingdee sign --format curl``
/// print it), a raw HTTP request or a HAR entry; ``format`` is ``"detect"`` (default),
/// ``"curl"``, ``"http"`` or ``"har"``. Other arguments as for ``doctor.kingdee``. Text that is
/// not such a request raises ``InvalidFieldError`` (``InvalidJsonError`` for a HAR that is not
/// JSON, ``InputTooLargeError`` beyond the limits).
///
/// >>> from qianming import doctor, kingdee
/// >>> out = kingdee.Signer("123456", "s3cret").sign("GET", "/a", timestamp=1700000000000,
/// ...                                              nonce="42")
/// >>> raw = "GET /a HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in out.headers.items())
/// >>> p = doctor.kingdee_pasted("s3cret", raw + "\r\n", now_ms=1700000000000)
/// >>> p.method, p.path, p.report.verdict
/// ('GET', '/a', 'valid')
/// >>> doctor.kingdee_pasted("s3cret", "curl 'https://h/a")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidFieldError: the curl command has an unterminated single quote
#[pyfunction]
#[pyo3(signature = (client_secret, text, *, format=None, now_ms=None, window_ms=None, verifier=None))]
fn doctor_kingdee_pasted(
    py: Python<'_>,
    client_secret: &Bound<'_, PyAny>,
    text: &Bound<'_, PyAny>,
    format: Option<&Bound<'_, PyAny>>,
    now_ms: Option<&Bound<'_, PyAny>>,
    window_ms: Option<&Bound<'_, PyAny>>,
    verifier: Option<&Bound<'_, PyAny>>,
) -> PyResult<PastedRequest> {
    let secret = crate::convert::text(client_secret, "client_secret")?;
    let pasted = crate::convert::text(text, "text")?;
    let format = match optional_text(format, "format")? {
        None => RequestFormat::Detect,
        Some(name) => RequestFormat::from_name(&name).ok_or_else(|| {
            crate::errors::to_py(qianming::Error::new(
                qianming::ErrorKind::InvalidField,
                format!("format must be detect, curl, http or har, not {:?}", &*name),
            ))
        })?,
    };
    let now = millis(now_ms, "now_ms")?;
    let seen = verifier_arg::<KingdeeVerifier>(verifier, "a kingdee.Verifier or None")?;
    let seen = seen.as_ref().map(|v| v.get());
    let window = window(window_ms, seen.map(|v| v.lock().window_ms()))?;
    let (request, d) = check(run(py, pasted.len(), || {
        let request = doctor::parse_request(&pasted, format)?;
        let d = request.with_received(|r| match seen {
            None => doctor::diagnose_kingdee(&secret, r, now, window, None),
            Some(v) => doctor::diagnose_kingdee(&secret, r, now, window, Some(&v.lock())),
        })?;
        Ok((request, d))
    }))?;
    Ok(PastedRequest {
        method: request.method,
        target: request.target,
        path: request.path,
        query: request.query,
        headers: request.headers,
        body: request.body,
        report: Py::new(py, KingdeeReport::from(d))?,
    })
}

/// The Weaver doctor: decrypts and checks a received ``sign`` under each known client mistake
/// and names the one that reproduces it. Judged at ``now_ms`` (default now) with ``window_ms``
/// either way (default: the verifier's, else five minutes). With ``verifier`` (a
/// ``weaver.Verifier``, only read), a sign it already accepted is ``replayed``. Raises only for
/// unusable input (``InvalidKeyLengthError``, ``InputTooLargeError``).
///
/// >>> from qianming import doctor, weaver
/// >>> sign = weaver.sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)
/// >>> r = doctor.weaver("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", sign,
/// ...                   now_ms=1742369934096)
/// >>> r.verdict, r.time_difference_ms
/// ('expired', 700000)
#[pyfunction]
#[pyo3(signature = (appid, secret, aes_key, sign, *, now_ms=None, window_ms=None, verifier=None))]
#[allow(clippy::too_many_arguments)]
fn doctor_weaver(
    py: Python<'_>,
    appid: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
    aes_key: &Bound<'_, PyAny>,
    sign: &Bound<'_, PyAny>,
    now_ms: Option<&Bound<'_, PyAny>>,
    window_ms: Option<&Bound<'_, PyAny>>,
    verifier: Option<&Bound<'_, PyAny>>,
) -> PyResult<WeaverReport> {
    let (appid, secret, key) = credentials(appid, secret, aes_key)?;
    let sign: PyBackedStr = text(sign, "sign")?;
    let now = millis(now_ms, "now_ms")?;
    let seen = verifier_arg::<WeaverVerifier>(verifier, "a weaver.Verifier or None")?;
    let seen = seen.as_ref().map(|v| v.get());
    let window = window(window_ms, seen.map(|v| v.lock().window_ms()))?;
    let d = check(run(py, sign.len(), || match seen {
        None => doctor::diagnose_weaver(&appid, &secret, &key, &sign, now, window, None),
        Some(v) => {
            doctor::diagnose_weaver(&appid, &secret, &key, &sign, now, window, Some(&v.lock()))
        }
    }))?;
    Ok(WeaverReport::from(d))
}

/// Where a client's own string to sign (``pasted``, as it printed it: CR LF or literal ``\n``
/// accepted) first differs from the gateway's (``expected``, e.g. ``KingdeeReport.string_to_sign``),
/// and the mistake that difference is typical of.
///
/// >>> from qianming import doctor
/// >>> c = doctor.compare_string_to_sign("GET\n%2Fa\nq=x%253Dy\n", "GET\n%2Fa\nq=x%3Dy\n")
/// >>> c.line, c.part, c.mistake
/// (3, 'canonical_query', 'query_encoded_once')
#[pyfunction]
fn doctor_compare_string_to_sign(
    expected: &Bound<'_, PyAny>,
    pasted: &Bound<'_, PyAny>,
) -> PyResult<StringToSignComparison> {
    let expected = text(expected, "expected")?;
    let pasted = text(pasted, "pasted")?;
    let c = doctor::compare_string_to_sign(&expected, &pasted);
    Ok(StringToSignComparison {
        identical: c.identical,
        line: c.line,
        column: c.column,
        part: c.part,
        expected_excerpt: c.expected_excerpt,
        pasted_excerpt: c.pasted_excerpt,
        mistake: c.mistake.map(Verdict::name),
        explanation: c.mistake.map(Verdict::explanation),
        explanation_zh: c.mistake.map(Verdict::explanation_zh),
    })
}

/// Adds the doctor's functions and classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(doctor_kingdee, m)?)?;
    m.add_function(wrap_pyfunction!(doctor_kingdee_pasted, m)?)?;
    m.add_function(wrap_pyfunction!(doctor_weaver, m)?)?;
    m.add_function(wrap_pyfunction!(doctor_compare_string_to_sign, m)?)?;
    m.add("DoctorKingdeeReport", py.get_type::<KingdeeReport>())?;
    m.add("DoctorWeaverReport", py.get_type::<WeaverReport>())?;
    m.add("DoctorPastedRequest", py.get_type::<PastedRequest>())?;
    m.add(
        "DoctorStringToSignComparison",
        py.get_type::<StringToSignComparison>(),
    )?;
    m.add("DOCTOR_DEFAULT_WINDOW_MS", doctor::DEFAULT_WINDOW_MS)?;
    let verdicts: Vec<(&str, u32, &str, &str)> = Verdict::ALL
        .iter()
        .map(|v| (v.name(), v.code(), v.explanation(), v.explanation_zh()))
        .collect();
    m.add("DOCTOR_VERDICTS", verdicts)?;
    Ok(())
}
