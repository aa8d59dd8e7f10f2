//! `qianming._native`: the private native module behind the `qianming` Python package.
//!
//! This crate holds no algorithm: every function converts Python values to Rust, calls the
//! core crate `qianming`, and converts the answer (or the core's error) back. The Python
//! package `python/qianming` re-exports these objects under their public names.

use pyo3::prelude::*;
use pyo3::types::IntoPyDict;

mod apusic;
mod basic;
mod convert;
mod dingtalk;
mod doctor;
mod ecology;
mod edge;
mod errors;
mod feishu;
mod floor;
mod http;
mod k3cloud;
mod kingdee;
mod kingdee_verifier;
mod oauth;
mod replay;
mod token;
mod weaver;
mod wecom;
mod yonyou;

/// The native module. Names are flat and prefixed (`KingdeeSigner`, `weaver_sign`, …); the
/// pure-Python modules (`qianming.kingdee`, `qianming.weaver`, `qianming.wecom`, …) give them
/// their public names.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let exceptions = errors::register(m)?;
    kingdee::register(m)?;
    kingdee_verifier::register(m)?;
    replay::register(m)?;
    weaver::register(m)?;
    basic::register(m)?;
    http::register(m)?;
    token::register(m)?;
    apusic::register(m)?;
    oauth::register(m)?;
    edge::register(m)?;
    floor::register(m)?;
    doctor::register(m)?;
    wecom::register(m)?;
    dingtalk::register(m)?;
    feishu::register(m)?;
    yonyou::register(m)?;
    k3cloud::register(m)?;
    ecology::register(m)?;
    // A forked child must not reuse the parent's pool of nonce randomness.
    let reset = wrap_pyfunction!(convert::reset_entropy, m)?;
    m.py()
        .import("os")?
        .getattr("register_at_fork")?
        .call((), Some(&[("after_in_child", reset)].into_py_dict(m.py())?))?;
    // `PyModule::add` appends every name to `__all__`; the star import of the package's
    // `__init__` must only bring the exceptions.
    m.setattr("__all__", exceptions)?;
    Ok(())
}
