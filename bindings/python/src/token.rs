//! `qianming.token`: the lifetime helper shared by every system, and the vendor refusal
//! (`Refusal`, defined beside the exceptions that carry it, in `errors`).

use pyo3::prelude::*;
use qianming::token::{self, Lifetime};

use crate::convert::{millis, optional_unsigned, unsigned};
use crate::errors::PyRefusal;

/// When a token (and optionally its refresh token) stops being good, in milliseconds since
/// the epoch, and what to do with it now: ``action(now_ms, skew_ms)`` answers ``"reuse"``,
/// ``"refresh"`` or ``"login_again"`` (reuse while ``now + skew < expires_at_ms``; else refresh
/// while ``now + skew < refresh_expires_at_ms``; else log in again). Arithmetic saturates.
/// Immutable: the ``with_*`` methods return a new lifetime.
///
/// >>> from qianming import token
/// >>> life = token.Lifetime.from_lifetime(1_700_000_000_000, token.KINGDEE_TOKEN_LIFETIME_MS)
/// >>> life.expires_at_ms
/// 1700086400000
/// >>> life.action(now_ms=1_700_000_001_000)
/// 'reuse'
/// >>> life.action(now_ms=1_700_086_370_000, skew_ms=60_000)
/// 'login_again'
/// >>> edge = token.Lifetime.from_exp_seconds(1686393296).with_refresh_exp_seconds(1687595696)
/// >>> edge
/// Lifetime(expires_at_ms=1686393296000, refresh_expires_at_ms=1687595696000)
/// >>> edge.action(now_ms=1686393296000), edge.action(now_ms=1687595696000)
/// ('refresh', 'login_again')
#[pyclass(name = "Lifetime", module = "qianming.token", frozen)]
pub(crate) struct PyLifetime {
    pub(crate) inner: Lifetime,
}

impl From<Lifetime> for PyLifetime {
    fn from(inner: Lifetime) -> Self {
        PyLifetime { inner }
    }
}

#[pymethods]
impl PyLifetime {
    /// A lifetime ending at ``expires_at_ms`` (and the refresh token's at
    /// ``refresh_expires_at_ms``, if any).
    #[new]
    #[pyo3(signature = (expires_at_ms, *, refresh_expires_at_ms=None))]
    fn new(
        expires_at_ms: &Bound<'_, PyAny>,
        refresh_expires_at_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut inner = Lifetime::from_lifetime(unsigned(expires_at_ms, "expires_at_ms")?, 0);
        if let Some(r) = optional_unsigned(refresh_expires_at_ms, "refresh_expires_at_ms")? {
            inner = inner.with_refresh_until(r);
        }
        Ok(inner.into())
    }

    /// A token issued at ``issued_at_ms`` that lives ``lifetime_ms``.
    #[staticmethod]
    #[pyo3(signature = (issued_at_ms, lifetime_ms))]
    fn from_lifetime(
        issued_at_ms: &Bound<'_, PyAny>,
        lifetime_ms: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(Lifetime::from_lifetime(
            unsigned(issued_at_ms, "issued_at_ms")?,
            unsigned(lifetime_ms, "lifetime_ms")?,
        )
        .into())
    }

    /// A token whose JWT ``exp`` claim (seconds since the epoch) says when it expires.
    #[staticmethod]
    #[pyo3(signature = (exp))]
    fn from_exp_seconds(exp: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Lifetime::from_exp_seconds(unsigned(exp, "exp")?).into())
    }

    /// This lifetime with a refresh token good strictly before ``refresh_expires_at_ms``.
    #[pyo3(signature = (refresh_expires_at_ms))]
    fn with_refresh_until(&self, refresh_expires_at_ms: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(self
            .inner
            .with_refresh_until(unsigned(refresh_expires_at_ms, "refresh_expires_at_ms")?)
            .into())
    }

    /// This lifetime with a refresh token whose ``exp`` claim is ``exp`` seconds.
    #[pyo3(signature = (exp))]
    fn with_refresh_exp_seconds(&self, exp: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(self
            .inner
            .with_refresh_exp_seconds(unsigned(exp, "exp")?)
            .into())
    }

    /// The access token is good strictly before this instant (ms).
    #[getter]
    fn expires_at_ms(&self) -> u64 {
        self.inner.expires_at_ms
    }

    /// The refresh token is good strictly before this instant (ms); ``None``: no refresh token.
    #[getter]
    fn refresh_expires_at_ms(&self) -> Option<u64> {
        self.inner.refresh_expires_at_ms
    }

    /// ``"reuse"``, ``"refresh"`` or ``"login_again"`` at ``now_ms`` (default now), renewing
    /// ``skew_ms`` early (default ``DEFAULT_SKEW_MS``, one minute).
    #[pyo3(signature = (now_ms=None, skew_ms=None))]
    fn action(
        &self,
        now_ms: Option<&Bound<'_, PyAny>>,
        skew_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<&'static str> {
        let now = millis(now_ms, "now_ms")?;
        let skew = optional_unsigned(skew_ms, "skew_ms")?.unwrap_or(token::DEFAULT_SKEW_MS);
        Ok(self.inner.action(now, skew).name())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyLifetime>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        let refresh = self
            .inner
            .refresh_expires_at_ms
            .map_or(0, |r| r.rotate_left(17) ^ 1);
        self.inner.expires_at_ms ^ refresh
    }

    fn __repr__(&self) -> String {
        match self.inner.refresh_expires_at_ms {
            Some(r) => format!(
                "Lifetime(expires_at_ms={}, refresh_expires_at_ms={r})",
                self.inner.expires_at_ms
            ),
            None => format!("Lifetime(expires_at_ms={})", self.inner.expires_at_ms),
        }
    }
}

/// Adds the token classes and constants to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Lifetime", py.get_type::<PyLifetime>())?;
    m.add("Refusal", py.get_type::<PyRefusal>())?;
    m.add(
        "KINGDEE_TOKEN_LIFETIME_MS",
        token::KINGDEE_TOKEN_LIFETIME_MS,
    )?;
    m.add("WEAVER_TOKEN_LIFETIME_MS", token::WEAVER_TOKEN_LIFETIME_MS)?;
    m.add("EDGE_ACCESS_LIFETIME_MS", token::EDGE_ACCESS_LIFETIME_MS)?;
    m.add("EDGE_REFRESH_LIFETIME_MS", token::EDGE_REFRESH_LIFETIME_MS)?;
    m.add("DEFAULT_SKEW_MS", token::DEFAULT_SKEW_MS)?;
    Ok(())
}
