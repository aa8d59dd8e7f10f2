//! `qianming.wecom`: the WXBizMsgCrypt callbacks of WeCom, WeChat official accounts and
//! DingTalk (`msg_signature`, decrypt, the encrypted passive reply).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use qianming::wecom::{self, MsgCrypt, RANDOM_LEN};

use crate::convert::{py_repr, random_bytes, run, text};
use crate::errors::check;

/// ``msg_signature``: lower-case hex SHA-1 of ``token``, ``timestamp``, ``nonce`` and
/// ``encrypt``, sorted and concatenated. The timestamp (the query parameter, seconds) must be
/// decimal digits.
///
/// >>> from qianming import wecom
/// >>> wecom.msg_signature("QDG6eK", "1409659589", "263014780",
/// ...     "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")
/// '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3'
/// >>> wecom.msg_signature("QDG6eK", "17e9", "n", "e")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidTimestampError: timestamp "17e9" is not a non-negative decimal integer of seconds
#[pyfunction]
#[pyo3(signature = (token, timestamp, nonce, encrypt))]
fn wecom_msg_signature(
    py: Python<'_>,
    token: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    nonce: &Bound<'_, PyAny>,
    encrypt: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let token = text(token, "token")?;
    let timestamp = text(timestamp, "timestamp")?;
    let nonce = text(nonce, "nonce")?;
    let encrypt = text(encrypt, "encrypt")?;
    check(run(py, encrypt.len(), || {
        wecom::msg_signature(&token, &timestamp, &nonce, &encrypt)
    }))
}

/// Checks a received ``msg_signature`` in constant time: returns ``None``, or raises
/// ``SignatureMismatchError``.
///
/// >>> from qianming import wecom
/// >>> echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="
/// >>> wecom.verify_msg_signature("QDG6eK", "1409659589", "263014780", echostr,
/// ...                            "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3")
/// >>> wecom.verify_msg_signature("QDG6eK", "1409659590", "263014780", echostr,
/// ...                            "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3")
/// Traceback (most recent call last):
/// ...
/// qianming.SignatureMismatchError: the msg_signature does not match the token, timestamp, nonce and encrypt
#[pyfunction]
#[pyo3(signature = (token, timestamp, nonce, encrypt, signature))]
fn wecom_verify_msg_signature(
    py: Python<'_>,
    token: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    nonce: &Bound<'_, PyAny>,
    encrypt: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let token = text(token, "token")?;
    let timestamp = text(timestamp, "timestamp")?;
    let nonce = text(nonce, "nonce")?;
    let encrypt = text(encrypt, "encrypt")?;
    let signature = text(signature, "signature")?;
    check(run(py, encrypt.len(), || {
        wecom::verify_msg_signature(&token, &timestamp, &nonce, &encrypt, &signature)
    }))
}

/// The message inside ``encrypt`` (a callback's ``Encrypt`` or a URL check's ``echostr``,
/// URL-decoded), checked against ``receive_id`` (the corp id, app id, suite id or DingTalk
/// key; empty for WeCom's personal third-party apps). A wrong key raises
/// ``UndecryptableError``; a message made for another receiver, ``SignMismatchError``. Check
/// the signature first (``verify_and_decrypt`` does both).
///
/// >>> from qianming import wecom
/// >>> wecom.decrypt("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7",
/// ...     "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")
/// '1616140317555161061'
/// >>> wecom.decrypt("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx0000000000000000",
/// ...     "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")
/// Traceback (most recent call last):
/// ...
/// qianming.SignMismatchError: the message was encrypted for another receive id (corp id, app id or suite id)
#[pyfunction]
#[pyo3(signature = (encoding_aes_key, receive_id, encrypt))]
fn wecom_decrypt(
    py: Python<'_>,
    encoding_aes_key: &Bound<'_, PyAny>,
    receive_id: &Bound<'_, PyAny>,
    encrypt: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let key = text(encoding_aes_key, "encoding_aes_key")?;
    let receive_id = text(receive_id, "receive_id")?;
    let encrypt = text(encrypt, "encrypt")?;
    check(run(py, encrypt.len(), || {
        MsgCrypt::new(&key)?.decrypt(&encrypt, &receive_id)
    }))
}

/// The 16 random bytes of ``encrypt_reply`` from 32 hex digits (``InvalidFieldError``
/// otherwise), for randomness carried as text (the CLI's ``--random-hex``, the vectors).
///
/// >>> from qianming import wecom
/// >>> wecom.random_from_hex("00112233445566778899aabbccddeeff")
/// b'\x00\x11"3DUfw\x88\x99\xaa\xbb\xcc\xdd\xee\xff'
/// >>> wecom.random_from_hex("0011")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidFieldError: the random prefix must be 32 hex digits (16 bytes)
#[pyfunction]
#[pyo3(signature = (random_hex))]
fn wecom_random_from_hex<'py>(
    py: Python<'py>,
    random_hex: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let random = check(wecom::random_from_hex(&text(random_hex, "random_hex")?))?;
    Ok(PyBytes::new(py, &random))
}

/// A passive reply: ``message`` (usually the reply XML) encrypted for ``receive_id`` and
/// signed with ``token``, ``timestamp`` and ``nonce`` (Tencent's ``EncryptMsg`` without the
/// XML envelope). ``random`` is the 16 bytes that open the plaintext; left out, they are drawn
/// with ``secrets.token_bytes``. Returns an ``EncryptedReply`` (``encrypt``, ``signature``).
///
/// >>> from qianming import wecom
/// >>> key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
/// >>> reply = wecom.encrypt_reply(key, "wx5823bf96d3bd56c7", "<xml/>", token="QDG6eK",
/// ...                             timestamp="1409659589", nonce="n1", random=bytes(16))
/// >>> reply
/// EncryptedReply(encrypt='dfcu7pOxWg63TnYmNfybOsOs2BUv8JxBeZlC3vTTilPZEbfTBXWSi2X609vlIPy0+Eq/d8Gkp+gw5CODdSOU2g==', signature='c4db5d2d0dc892de993fba47bda7fb3c70feb465')
/// >>> wecom.verify_and_decrypt("QDG6eK", key, "wx5823bf96d3bd56c7", timestamp="1409659589",
/// ...     nonce="n1", encrypt=reply.encrypt, msg_signature=reply.signature)
/// '<xml/>'
#[pyfunction]
#[pyo3(signature = (encoding_aes_key, receive_id, message, *, token, timestamp, nonce, random=None))]
#[allow(clippy::too_many_arguments)]
fn wecom_encrypt_reply(
    py: Python<'_>,
    encoding_aes_key: &Bound<'_, PyAny>,
    receive_id: &Bound<'_, PyAny>,
    message: &Bound<'_, PyAny>,
    token: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    nonce: &Bound<'_, PyAny>,
    random: Option<&Bound<'_, PyAny>>,
) -> PyResult<EncryptedReply> {
    let key = text(encoding_aes_key, "encoding_aes_key")?;
    let receive_id = text(receive_id, "receive_id")?;
    let message = text(message, "message")?;
    let token = text(token, "token")?;
    let timestamp = text(timestamp, "timestamp")?;
    let nonce = text(nonce, "nonce")?;
    let random = random_bytes::<RANDOM_LEN>(py, random, "random")?;
    let reply = check(run(py, message.len(), || {
        wecom::encrypt_reply(
            &key,
            &receive_id,
            &message,
            &random,
            &token,
            &timestamp,
            &nonce,
        )
    }))?;
    Ok(EncryptedReply {
        encrypt: reply.encrypt,
        signature: reply.signature,
    })
}

/// A received callback (``VerifyURL`` / ``DecryptMsg``): checks ``msg_signature`` first
/// (``SignatureMismatchError``), then decrypts and checks the receive id (see ``decrypt``).
/// Returns the message: the URL check's echo text, or the event XML (or JSON for DingTalk).
///
/// >>> from qianming import wecom
/// >>> wecom.verify_and_decrypt("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
/// ...     "wx5823bf96d3bd56c7", timestamp="1409659589", nonce="263014780",
/// ...     encrypt="P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
/// ...     msg_signature="5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3")
/// '1616140317555161061'
#[pyfunction]
#[pyo3(signature = (token, encoding_aes_key, receive_id, *, timestamp, nonce, encrypt, msg_signature))]
#[allow(clippy::too_many_arguments)]
fn wecom_verify_and_decrypt(
    py: Python<'_>,
    token: &Bound<'_, PyAny>,
    encoding_aes_key: &Bound<'_, PyAny>,
    receive_id: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    nonce: &Bound<'_, PyAny>,
    encrypt: &Bound<'_, PyAny>,
    msg_signature: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let token = text(token, "token")?;
    let key = text(encoding_aes_key, "encoding_aes_key")?;
    let receive_id = text(receive_id, "receive_id")?;
    let timestamp = text(timestamp, "timestamp")?;
    let nonce = text(nonce, "nonce")?;
    let encrypt = text(encrypt, "encrypt")?;
    let msg_signature = text(msg_signature, "msg_signature")?;
    check(run(py, encrypt.len(), || {
        wecom::verify_and_decrypt(
            &token,
            &key,
            &receive_id,
            &timestamp,
            &nonce,
            &encrypt,
            &msg_signature,
        )
    }))
}

/// An encrypted passive reply: put ``encrypt`` and ``signature`` (as ``MsgSignature``) in the
/// reply envelope with the timestamp and nonce that were signed.
#[pyclass(name = "EncryptedReply", module = "qianming.wecom", frozen, get_all)]
pub(crate) struct EncryptedReply {
    /// Base64 of the ciphertext: the reply's ``Encrypt``.
    encrypt: String,
    /// ``msg_signature`` over the token, timestamp, nonce and ``encrypt``.
    signature: String,
}

#[pymethods]
impl EncryptedReply {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "EncryptedReply(encrypt={}, signature={})",
            py_repr(py, Some(&self.encrypt))?,
            py_repr(py, Some(&self.signature))?
        ))
    }
}

/// Adds the WXBizMsgCrypt functions, classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(wecom_msg_signature, m)?)?;
    m.add_function(wrap_pyfunction!(wecom_verify_msg_signature, m)?)?;
    m.add_function(wrap_pyfunction!(wecom_decrypt, m)?)?;
    m.add_function(wrap_pyfunction!(wecom_random_from_hex, m)?)?;
    m.add_function(wrap_pyfunction!(wecom_encrypt_reply, m)?)?;
    m.add_function(wrap_pyfunction!(wecom_verify_and_decrypt, m)?)?;
    m.add("WeComEncryptedReply", m.py().get_type::<EncryptedReply>())?;
    m.add("WECOM_RANDOM_LEN", RANDOM_LEN)?;
    m.add("WECOM_ENCODING_AES_KEY_LEN", wecom::ENCODING_AES_KEY_LEN)?;
    Ok(())
}
