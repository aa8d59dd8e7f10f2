//! `qianming.dingtalk`: the custom robot webhook sign. DingTalk's encrypted event callbacks
//! are the WXBizMsgCrypt scheme of `qianming.wecom`.

use pyo3::prelude::*;
use qianming::dingtalk;

use crate::convert::{given_timestamp, py_repr, text};
use crate::errors::check;

/// The sign of a robot webhook call at ``timestamp_ms`` (milliseconds; DingTalk refuses one
/// more than an hour away from its clock): ``Base64(HmacSHA256(secret, timestamp_ms "\n"
/// secret))``. Send ``&timestamp=<timestamp_ms>&sign=<sign_urlencoded>`` after the webhook
/// URL. The secret (``SEC…``) must not be empty (``EmptySecretError``).
///
/// >>> from qianming import dingtalk
/// >>> s = dingtalk.robot_sign("this is secret", 1700000000000)
/// >>> s.sign, s.sign_urlencoded
/// ('sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=', 'sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D')
/// >>> dingtalk.robot_sign("", 1)
/// Traceback (most recent call last):
/// ...
/// qianming.EmptySecretError: the robot secret (SEC…) is empty
#[pyfunction]
#[pyo3(signature = (secret, timestamp_ms))]
fn dingtalk_robot_sign(
    secret: &Bound<'_, PyAny>,
    timestamp_ms: &Bound<'_, PyAny>,
) -> PyResult<RobotSign> {
    let secret = text(secret, "secret")?;
    let ts = given_timestamp(timestamp_ms, "timestamp_ms", "milliseconds")?;
    let s = check(dingtalk::robot_sign(&secret, ts))?;
    Ok(RobotSign {
        sign: s.sign,
        sign_urlencoded: s.sign_urlencoded,
    })
}

/// A robot sign, bare and URL-encoded.
#[pyclass(name = "RobotSign", module = "qianming.dingtalk", frozen, get_all)]
pub(crate) struct RobotSign {
    /// Base64 of the HMAC-SHA256 tag.
    sign: String,
    /// ``sign`` as ``java.net.URLEncoder`` encodes it (``+ / =`` escaped): the ``sign`` query
    /// value.
    sign_urlencoded: String,
}

#[pymethods]
impl RobotSign {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RobotSign(sign={})",
            py_repr(py, Some(&self.sign))?
        ))
    }
}

/// Adds the DingTalk functions and classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(dingtalk_robot_sign, m)?)?;
    m.add("DingTalkRobotSign", m.py().get_type::<RobotSign>())?;
    Ok(())
}
