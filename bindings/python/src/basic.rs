//! `qianming.basic`: HTTP Basic credentials (RFC 7617) as the Apusic management API uses them.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use qianming::basic::{self, AuthorizationMode};

use crate::convert::{optional_text, py_repr, text};
use crate::errors::check;

/// ``Base64(user ":" password)``; a user name containing ``:`` is refused.
///
/// >>> from qianming import basic
/// >>> basic.credentials("admin", "admin123")
/// 'YWRtaW46YWRtaW4xMjM='
/// >>> basic.credentials("a:b", "c")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidUserNameError: the user name contains ':', which RFC 7617 forbids (the server would split there)
#[pyfunction]
#[pyo3(signature = (user, password))]
fn basic_credentials(user: &Bound<'_, PyAny>, password: &Bound<'_, PyAny>) -> PyResult<String> {
    let user = text(user, "user")?;
    let password = text(password, "password")?;
    check(basic::credentials(&user, &password))
}

/// The ``Authorization`` header value: ``Basic <credentials>``, or with ``mode="raw"`` the bare
/// credentials (as the Apusic document writes it).
///
/// >>> from qianming import basic
/// >>> basic.authorization_header("Aladdin", "open sesame")
/// 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='
/// >>> basic.authorization_header("Aladdin", "open sesame", mode="raw")
/// 'QWxhZGRpbjpvcGVuIHNlc2FtZQ=='
#[pyfunction]
#[pyo3(signature = (user, password, *, mode=None))]
fn basic_authorization_header(
    user: &Bound<'_, PyAny>,
    password: &Bound<'_, PyAny>,
    mode: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let user = text(user, "user")?;
    let password = text(password, "password")?;
    let mode = match optional_text(mode, "mode")? {
        None => AuthorizationMode::Basic,
        Some(name) => AuthorizationMode::parse(&name).ok_or_else(|| {
            PyValueError::new_err(format!("mode must be 'basic' or 'raw', not {:?}", &*name))
        })?,
    };
    check(basic::authorization_header(&user, &password, mode))
}

/// Parses a received ``Authorization: Basic …`` header into ``Credentials``.
///
/// >>> from qianming import basic
/// >>> c = basic.parse_authorization("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
/// >>> c.user, c.password
/// ('Aladdin', 'open sesame')
/// >>> c
/// Credentials(user='Aladdin', password=<redacted>)
/// >>> basic.parse_authorization("Bearer x")
/// Traceback (most recent call last):
/// ...
/// qianming.InvalidSchemeError: the Authorization header is not 'Basic <credentials>'
#[pyfunction]
#[pyo3(signature = (header))]
fn basic_parse_authorization(header: &Bound<'_, PyAny>) -> PyResult<Credentials> {
    let header = text(header, "header")?;
    check(basic::parse_authorization(&header)).map(Credentials::from)
}

/// Parses bare credentials (the raw mode's header value).
///
/// >>> from qianming import basic
/// >>> basic.parse_credentials("YWRtaW46YWRtaW4xMjM=").password
/// 'admin123'
#[pyfunction]
#[pyo3(signature = (value))]
fn basic_parse_credentials(value: &Bound<'_, PyAny>) -> PyResult<Credentials> {
    let value = text(value, "value")?;
    check(basic::parse_credentials(&value)).map(Credentials::from)
}

/// A user name and password decoded from a received header (the ``repr`` hides the password).
#[pyclass(name = "Credentials", module = "qianming.basic", frozen)]
pub(crate) struct Credentials {
    inner: basic::Credentials,
}

impl From<basic::Credentials> for Credentials {
    fn from(inner: basic::Credentials) -> Self {
        Credentials { inner }
    }
}

#[pymethods]
impl Credentials {
    /// The user name (never contains ``:``).
    #[getter]
    fn user(&self) -> &str {
        &self.inner.user
    }
    /// The password (may contain ``:``).
    #[getter]
    fn password(&self) -> &str {
        self.inner.password.expose()
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Credentials(user={}, password=<redacted>)",
            py_repr(py, Some(&self.inner.user))?
        ))
    }
}

/// Adds the Basic functions and classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(basic_credentials, m)?)?;
    m.add_function(wrap_pyfunction!(basic_authorization_header, m)?)?;
    m.add_function(wrap_pyfunction!(basic_parse_authorization, m)?)?;
    m.add_function(wrap_pyfunction!(basic_parse_credentials, m)?)?;
    m.add("Credentials", m.py().get_type::<Credentials>())?;
    Ok(())
}
