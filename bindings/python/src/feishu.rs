//! `qianming.feishu`: Feishu / Lark custom bot sign, event decryption and the
//! `X-Lark-Signature` of event callbacks.

use pyo3::prelude::*;
use qianming::feishu;

use crate::convert::{given_timestamp, run, text, text_fn};
use crate::errors::check;

/// The sign of a custom bot webhook call at ``timestamp`` (**seconds**; Feishu refuses one
/// more than an hour away): ``Base64(HmacSHA256(key = timestamp "\n" secret, message =
/// empty))``. Send it as ``"sign"`` with ``"timestamp"`` (as text) in the JSON body. The
/// secret must not be empty (``EmptySecretError``).
///
/// >>> from qianming import feishu
/// >>> feishu.bot_sign("secret", 1599360473)
/// 'q4jswNiMy51J5JuQV566yJat0/lQ/c+22kINzUgKsGU='
#[pyfunction]
#[pyo3(signature = (secret, timestamp))]
fn feishu_bot_sign(secret: &Bound<'_, PyAny>, timestamp: &Bound<'_, PyAny>) -> PyResult<String> {
    let secret = text(secret, "secret")?;
    let ts = given_timestamp(timestamp, "timestamp", "seconds")?;
    check(feishu::bot_sign(&secret, ts))
}

text_fn! {
    /// The plaintext of an encrypted event (the ``encrypt`` of ``{"encrypt": "…"}``) for the
    /// app's Encrypt Key. A wrong key raises ``UndecryptableError``; an empty one
    /// ``EmptySecretError``.
    ///
    /// >>> from qianming import feishu
    /// >>> feishu.decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")
    /// 'hello world'
    /// >>> feishu.decrypt("other", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")
    /// Traceback (most recent call last):
    /// ...
    /// qianming.UndecryptableError: the PKCS#7 padding is wrong (a wrong Encrypt Key?)
    fn feishu_decrypt<'py>(py, encrypt_key, encrypt) -> String {
        check(run(py, encrypt.len(), || feishu::decrypt(&encrypt_key, &encrypt)))
    }
}

/// ``X-Lark-Signature``: lower-case hex SHA-256 of the ``X-Lark-Request-Timestamp`` and
/// ``X-Lark-Request-Nonce`` header values, the Encrypt Key and the raw request body
/// (``bytes``, ``bytearray`` or ``str``, exactly as received). An empty Encrypt Key raises
/// ``EmptySecretError``.
///
/// >>> from qianming import feishu
/// >>> feishu.event_signature("1700000000", "n1", "ek_secret", b'{"type":"event"}')
/// '762cc9884e6c108adbc39a60f91735a39dfc2a6bd0d235d61961182e29aefd1a'
#[pyfunction]
#[pyo3(signature = (timestamp, nonce, encrypt_key, body))]
fn feishu_event_signature(
    py: Python<'_>,
    timestamp: &Bound<'_, PyAny>,
    nonce: &Bound<'_, PyAny>,
    encrypt_key: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let timestamp = text(timestamp, "timestamp")?;
    let nonce = text(nonce, "nonce")?;
    let key = text(encrypt_key, "encrypt_key")?;
    let body = crate::convert::body(body)?;
    check(run(py, body.len(), || {
        feishu::event_signature(&timestamp, &nonce, &key, &body)
    }))
}

/// Checks a received ``X-Lark-Signature`` in constant time: returns ``None``, or raises
/// ``SignatureMismatchError`` (``EmptySecretError`` for an empty Encrypt Key).
///
/// >>> from qianming import feishu
/// >>> body = b'{"type":"event"}'
/// >>> s = feishu.event_signature("1700000000", "n1", "ek_secret", body)
/// >>> feishu.verify_event_signature("1700000000", "n1", "ek_secret", body, s)
/// >>> feishu.verify_event_signature("1700000001", "n1", "ek_secret", body, s)
/// Traceback (most recent call last):
/// ...
/// qianming.SignatureMismatchError: the X-Lark-Signature does not match the timestamp, nonce, Encrypt Key and body
#[pyfunction]
#[pyo3(signature = (timestamp, nonce, encrypt_key, body, signature))]
fn feishu_verify_event_signature(
    py: Python<'_>,
    timestamp: &Bound<'_, PyAny>,
    nonce: &Bound<'_, PyAny>,
    encrypt_key: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let timestamp = text(timestamp, "timestamp")?;
    let nonce = text(nonce, "nonce")?;
    let key = text(encrypt_key, "encrypt_key")?;
    let body = crate::convert::body(body)?;
    let signature = text(signature, "signature")?;
    check(run(py, body.len(), || {
        feishu::verify_event_signature(&timestamp, &nonce, &key, &body, &signature)
    }))
}

/// Adds the Feishu functions to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(feishu_bot_sign, m)?)?;
    m.add_function(wrap_pyfunction!(feishu_decrypt, m)?)?;
    m.add_function(wrap_pyfunction!(feishu_event_signature, m)?)?;
    m.add_function(wrap_pyfunction!(feishu_verify_event_signature, m)?)?;
    Ok(())
}
