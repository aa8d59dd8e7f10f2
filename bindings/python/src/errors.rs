//! The one place where a core [`qianming::Error`] becomes a Python exception.
//!
//! The exception classes are generated from [`ErrorKind::ALL`] when the module loads: one
//! subclass of `qianming.QianmingError` per kind, named after the kind (`empty_secret` →
//! `EmptySecretError`), with the stable name as the class attribute `kind` and the numeric
//! code as `code`. A kind added to the core gets its class without a change here; an error
//! whose kind has no class (which cannot happen today) is raised as the base class, with
//! `.kind` still set on the instance. A vendor refusal's exception carries a `Refusal`
//! (`qianming.token.Refusal`, defined here; `token` registers it). Imports flow one way:
//! `token` → `convert` → `errors`.

use std::collections::HashMap;
use std::ffi::CString;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use qianming::token::{Answer, Refusal};
use qianming::{Error, ErrorKind};

create_exception!(
    qianming,
    QianmingError,
    PyValueError,
    "Base class of every error qianming raises for a refused input or answer.\n\n\
     ``kind`` is the stable snake_case name of the error kind (shared with the CLI, the C and\n\
     JS bindings); ``str(error)`` is a human-readable detail that never contains secrets."
);

/// Exception class of each kind, by stable name; filled once when the module loads.
static CLASSES: PyOnceLock<HashMap<&'static str, Py<PyType>>> = PyOnceLock::new();

/// `empty_secret` → `EmptySecretError`.
pub(crate) fn class_name(kind_name: &str) -> String {
    let mut out = String::with_capacity(kind_name.len() + 5);
    for word in kind_name.split('_').filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out.push_str("Error");
    out
}

fn c_string(text: String) -> PyResult<CString> {
    CString::new(text).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Adds `QianmingError`, one subclass per [`ErrorKind`] and `ERROR_CLASSES` (kind name →
/// class) to the module; returns the exception names (the module's `__all__`, so that
/// `from qianming._native import *` exports exactly the exceptions).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<Vec<String>> {
    let py = m.py();
    let base = py.get_type::<QianmingError>();
    base.setattr("kind", "")?;
    base.setattr("code", 0u32)?;
    // Set on the instance when a vendor refused in a well-formed answer (see `refused`).
    base.setattr("refusal", py.None())?;
    base.setattr("vendor_code", py.None())?;
    base.setattr("vendor_message", py.None())?;
    base.setattr("batchkey", py.None())?;
    m.add("QianmingError", &base)?;
    let by_kind = PyDict::new(py);
    let mut names = vec![String::from("QianmingError")];
    let mut classes = HashMap::with_capacity(ErrorKind::ALL.len());
    for &kind in ErrorKind::ALL {
        let name = class_name(kind.name());
        let doc = c_string(format!(
            "Raised when {} (``kind == {:?}``, ``code == {}``).",
            kind.message(),
            kind.name(),
            kind.code()
        ))?;
        let class = PyErr::new_type(
            py,
            &c_string(format!("qianming.{name}"))?,
            Some(&doc),
            Some(&base),
            None,
        )?;
        let class = class.bind(py);
        class.setattr("kind", kind.name())?;
        class.setattr("code", kind.code())?;
        m.add(name.as_str(), class)?;
        by_kind.set_item(kind.name(), class)?;
        classes.insert(kind.name(), class.clone().unbind());
        names.push(name);
    }
    // A second import (a sub-interpreter) keeps the first table; the classes are equal in kind.
    let _ = CLASSES.set(py, classes);
    m.add("ERROR_CLASSES", by_kind)?;
    Ok(names)
}

/// Converts a core error into the exception of its kind (or `QianmingError` when its kind has
/// no class), with `.kind` set on the instance and the core's detail as the message.
pub(crate) fn to_py(err: Error) -> PyErr {
    Python::attach(|py| {
        let kind = err.kind().name();
        let class = CLASSES
            .get(py)
            .and_then(|classes| classes.get(kind))
            .map(|class| class.bind(py).clone())
            .unwrap_or_else(|| py.get_type::<QianmingError>());
        match class.call1((err.detail(),)) {
            Ok(instance) => match instance.setattr("kind", kind) {
                Ok(()) => PyErr::from_value(instance),
                Err(e) => e,
            },
            Err(e) => e,
        }
    })
}

/// A vendor refusal as the exception of its kind, carrying what the vendor said: `.refusal`
/// (a `qianming.token.Refusal`) and the shortcuts `.vendor_code`, `.vendor_message` and
/// `.batchkey`. (`.code` stays the kind's number, as on every other qianming error.)
pub(crate) fn refused(refusal: Refusal) -> PyErr {
    let err = to_py(Error::from(refusal.clone()));
    Python::attach(|py| {
        let value = err.value(py);
        let set = || -> PyResult<()> {
            value.setattr("vendor_code", refusal.code.as_deref())?;
            value.setattr("vendor_message", refusal.message.as_str())?;
            value.setattr("batchkey", refusal.batchkey.as_deref())?;
            value.setattr("refusal", Py::new(py, PyRefusal::from(refusal))?)?;
            Ok(())
        };
        match set() {
            Ok(()) => err.clone_ref(py),
            Err(e) => e,
        }
    })
}

/// What a vendor said when it refused, in a well-formed answer. Found as ``.refusal`` on the
/// exception a token parser raises (whose class is the mapped kind: ``VendorErrorError``,
/// ``AppidDisabledError``, ``LoginFailedError``, …).
///
/// >>> import qianming
/// >>> from qianming import kingdee
/// >>> try:
/// ...     kingdee.parse_token_answer(b'{"errcode":1001,"description":"bad"}', received_at_ms=0)
/// ... except qianming.VendorErrorError as e:
/// ...     print(e.refusal)
/// Refusal(kind='vendor_error', code='1001', message='bad', batchkey=None)
#[pyclass(name = "Refusal", module = "qianming.token", frozen, get_all)]
pub(crate) struct PyRefusal {
    /// The stable name of the error kind the vendor's code or message maps to.
    kind: &'static str,
    /// The vendor's code as text (Kingdee ``errcode``, Apusic ``exit_code``, edge ``code``).
    code: Option<String>,
    /// The vendor's message (Kingdee ``description``, Weaver ``msg``, Apusic ``message``).
    message: String,
    /// Weaver ``batchkey`` (the key of the server's log entry), when sent.
    batchkey: Option<String>,
}

impl From<Refusal> for PyRefusal {
    fn from(r: Refusal) -> Self {
        PyRefusal {
            kind: r.kind.name(),
            code: r.code,
            message: r.message,
            batchkey: r.batchkey,
        }
    }
}

#[pymethods]
impl PyRefusal {
    // Texts in Python's own `repr` (quotes and escapes as Python writes them).
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Refusal(kind='{}', code={}, message={}, batchkey={})",
            self.kind,
            self.code.as_deref().into_pyobject(py)?.repr()?,
            self.message.as_str().into_pyobject(py)?.repr()?,
            self.batchkey.as_deref().into_pyobject(py)?.repr()?
        ))
    }
}

/// The token of a parser's answer; a refusal raises with [`refused`], a malformed answer with
/// [`to_py`].
pub(crate) fn granted<T>(answer: qianming::Result<Answer<T>>) -> PyResult<T> {
    match answer {
        Ok(Answer::Granted(token)) => Ok(token),
        Ok(Answer::Refused(refusal)) => Err(refused(refusal)),
        Err(e) => Err(to_py(e)),
    }
}

/// Converts a core result, mapping its error with [`to_py`].
pub(crate) fn check<T>(result: qianming::Result<T>) -> PyResult<T> {
    result.map_err(to_py)
}
