//! Benchmark floors, not part of the public API (`qianming._native._floor_*`, absent from the
//! `.pyi`): each takes the same arguments as a signing function, converts them the same way
//! and returns the same kind of objects, but signs nothing. `bench/bench_signing.py` divides
//! the real call's time by its floor's, which leaves what signing adds on top of the Python
//! boundary that any extension function pays.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::text_fn;
use crate::errors::check;
use crate::kingdee::{constants, headers_dict, KingdeeSigner, SignArgs, SIGNATURE};

/// A text as long as a signature (`X-Api-Signature` and `app_signature` are 88 characters).
const NOT_A_SIGNATURE: &str =
    "floorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorfloorflo";

/// The floors of ``Signer.sign`` take its arguments (and the signer) and convert them with
/// [`SignArgs::convert`], as it does; they differ in the signature their headers carry, which
/// the body makes from `signer` and the converted `args`.
macro_rules! sign_floor {
    ($(#[$attr:meta])* fn $name:ident($py:ident, $signer:ident, $args:ident) $body:block) => {
        $(#[$attr])*
        #[pyfunction]
        #[pyo3(signature = (signer, method, path, *, query=None, sign_headers=None, timestamp=None, nonce=None))]
        #[allow(clippy::too_many_arguments)]
        fn $name<'py>(
            $py: Python<'py>,
            $signer: &Bound<'py, KingdeeSigner>,
            method: &Bound<'py, PyAny>,
            path: &Bound<'py, PyAny>,
            query: Option<&Bound<'py, PyAny>>,
            sign_headers: Option<&Bound<'py, PyAny>>,
            timestamp: Option<&Bound<'py, PyAny>>,
            nonce: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyDict>> {
            let $args = SignArgs::convert($py, method, path, query, sign_headers, timestamp, nonce)?;
            $body
        }
    };
}

sign_floor! {
    /// ``Signer.sign(...).headers`` without signing: the arguments converted as ``sign`` converts
    /// them, then the same six-entry ``dict`` (with a new 88-character string as the signature).
    fn _floor_sign_request(py, signer, args) {
        floor_headers(py, signer, args, NOT_A_SIGNATURE)
    }
}

sign_floor! {
    /// ``_floor_sign_request`` plus the core's signing (the real signature in the ``dict``): what
    /// ``Signer.sign(...).headers`` would cost without its ``SignedRequest`` object and the
    /// attribute read. Not a goal's floor: it shows how much of the gap to the floor is the core.
    fn _floor_sign_request_with_core(py, signer, args) {
        let parts = check(signer.get().sign_args(py, &args))?;
        floor_headers(py, signer, args, parts.get(SIGNATURE))
    }
}

/// The six-entry ``dict`` of ``Signer.sign(...).headers`` made from the converted arguments
/// and `signature` (a new Python string, as the real headers' is).
fn floor_headers<'py>(
    py: Python<'py>,
    signer: &Bound<'py, KingdeeSigner>,
    args: SignArgs,
    signature: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let c = constants(py);
    headers_dict(
        py,
        [
            signer.get().client_id.bind(py).clone(),
            c.auth_version.bind(py).clone(),
            args.timestamp.into_py(py).into_bound(py),
            args.nonce.into_py(py).into_bound(py),
            c.default_list.bind(py).clone(),
            PyString::new(py, signature),
        ],
    )
}

text_fn! {
    /// ``kingdee.app_signature`` without signing: both arguments converted as it converts them,
    /// a new 88-character ``str`` returned.
    fn _floor_app_signature<'py>(py, app_key, app_secret) -> Bound<'py, PyString> {
        let _converted = (app_key, app_secret);
        Ok(PyString::new(py, NOT_A_SIGNATURE))
    }
}

/// Adds the floors to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_floor_sign_request, m)?)?;
    m.add_function(wrap_pyfunction!(_floor_sign_request_with_core, m)?)?;
    m.add_function(wrap_pyfunction!(_floor_app_signature, m)?)?;
    Ok(())
}
