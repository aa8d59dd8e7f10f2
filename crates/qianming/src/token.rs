//! What the five systems' token answers have in common: a vendor refusal, the answer of a
//! parser (granted or refused), and the lifetime helper that says whether to reuse a token,
//! refresh it or log in again. Pure: the time is always passed in. Spec:
//! docs/spec/common.md#granted-or-refused and docs/spec/common.md#token-lifetimes.

use crate::error::{Error, ErrorKind, Result};
use alloc::format;
use alloc::string::String;
use core::fmt;

/// Kingdee `app-token` lifetime: 24 hours, in milliseconds.
pub const KINGDEE_TOKEN_LIFETIME_MS: u64 = 24 * 60 * 60 * 1000;
/// Weaver token lifetime: 30 minutes, in milliseconds.
pub const WEAVER_TOKEN_LIFETIME_MS: u64 = 30 * 60 * 1000;
/// IoT edge gateway access token lifetime when its JWT says nothing: about 2 hours.
pub const EDGE_ACCESS_LIFETIME_MS: u64 = 2 * 60 * 60 * 1000;
/// IoT edge gateway refresh token lifetime when its JWT says nothing: about 14 days.
pub const EDGE_REFRESH_LIFETIME_MS: u64 = 14 * 24 * 60 * 60 * 1000;
/// A sensible skew margin: renew a token one minute before it expires.
pub const DEFAULT_SKEW_MS: u64 = 60 * 1000;

/// A vendor said no, in a well-formed answer. Keeps everything the vendor sent to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal {
    /// The error kind the vendor's code or message maps to (for example
    /// [`ErrorKind::AppidDisabled`]; [`ErrorKind::VendorError`] when nothing more specific fits).
    pub kind: ErrorKind,
    /// The vendor's code as text: Kingdee `errcode`, Apusic `exit_code`, edge gateway `code`.
    pub code: Option<String>,
    /// The vendor's message: Kingdee `description`, Weaver `msg`, Apusic `message`.
    pub message: String,
    /// Weaver `batchkey` (the key of the server's log entry), when sent.
    pub batchkey: Option<String>,
}

impl Refusal {
    /// A refusal of `kind` with the vendor's message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Refusal {
            kind,
            code: None,
            message: message.into(),
            batchkey: None,
        }
    }

    /// Sets the vendor's code.
    pub fn with_code(mut self, code: Option<String>) -> Self {
        self.code = code;
        self
    }

    /// Sets the Weaver batch key.
    pub fn with_batchkey(mut self, batchkey: Option<String>) -> Self {
        self.batchkey = batchkey;
        self
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the server refused")?;
        if let Some(code) = &self.code {
            write!(f, " with code {code}")?;
        }
        write!(f, ": {:?}", self.message)?;
        if let Some(batchkey) = &self.batchkey {
            write!(f, " (batchkey {batchkey})")?;
        }
        Ok(())
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::new(refusal.kind, format!("{refusal}"))
    }
}

/// What a token answer said: a token, or a well-formed refusal. A malformed answer is an
/// [`Error`] of the parser instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T> {
    /// The server granted a token.
    Granted(T),
    /// The server refused; everything it said is kept.
    Refused(Refusal),
}

impl<T> Answer<T> {
    /// The token, or the refusal as an [`Error`] of the refusal's kind whose detail carries
    /// the vendor's code, message and batch key.
    pub fn into_result(self) -> Result<T> {
        match self {
            Answer::Granted(t) => Ok(t),
            Answer::Refused(r) => Err(r.into()),
        }
    }

    /// The refusal, if the server refused.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Answer::Granted(_) => None,
            Answer::Refused(r) => Some(r),
        }
    }
}

/// What to do with a token now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenAction {
    /// The token is good for longer than the skew margin: use it.
    Reuse,
    /// The token is (nearly) expired but the refresh token is still good: refresh.
    Refresh,
    /// Nothing is good any more (or there is no refresh token): log in again.
    LoginAgain,
}

impl TokenAction {
    /// `reuse`, `refresh` or `login_again` (stable names, as in the vectors).
    pub const fn name(self) -> &'static str {
        match self {
            TokenAction::Reuse => "reuse",
            TokenAction::Refresh => "refresh",
            TokenAction::LoginAgain => "login_again",
        }
    }
}

/// When a token (and optionally its refresh token) stops being good, in milliseconds since
/// the epoch.
///
/// ```
/// use qianming::token::{Lifetime, TokenAction, KINGDEE_TOKEN_LIFETIME_MS};
/// let issued = 1_700_000_000_000;
/// let life = Lifetime::from_lifetime(issued, KINGDEE_TOKEN_LIFETIME_MS);
/// assert_eq!(life.action(issued + 1000, 60_000), TokenAction::Reuse);
/// assert_eq!(life.action(issued + KINGDEE_TOKEN_LIFETIME_MS - 30_000, 60_000), TokenAction::LoginAgain);
///
/// // IoT edge gateway: exp claims in seconds; refresh until the refresh token's exp.
/// let edge = Lifetime::from_exp_seconds(1686393296).with_refresh_exp_seconds(1687595696);
/// assert_eq!(edge.action(1686393296_000, 60_000), TokenAction::Refresh);
/// assert_eq!(edge.action(1687595696_000, 60_000), TokenAction::LoginAgain);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lifetime {
    /// The access token is good strictly before this instant (ms).
    pub expires_at_ms: u64,
    /// The refresh token is good strictly before this instant (ms); `None`: no refresh token.
    pub refresh_expires_at_ms: Option<u64>,
}

impl Lifetime {
    /// A token issued at `issued_at_ms` that lives `lifetime_ms` (saturating).
    pub const fn from_lifetime(issued_at_ms: u64, lifetime_ms: u64) -> Self {
        Lifetime {
            expires_at_ms: issued_at_ms.saturating_add(lifetime_ms),
            refresh_expires_at_ms: None,
        }
    }

    /// A token whose JWT `exp` claim (seconds since the epoch) says when it expires.
    pub const fn from_exp_seconds(exp: u64) -> Self {
        Lifetime {
            expires_at_ms: exp.saturating_mul(1000),
            refresh_expires_at_ms: None,
        }
    }

    /// Adds a refresh token good strictly before `refresh_expires_at_ms`.
    pub const fn with_refresh_until(mut self, refresh_expires_at_ms: u64) -> Self {
        self.refresh_expires_at_ms = Some(refresh_expires_at_ms);
        self
    }

    /// Adds a refresh token whose `exp` claim is `exp` seconds.
    pub const fn with_refresh_exp_seconds(self, exp: u64) -> Self {
        self.with_refresh_until(exp.saturating_mul(1000))
    }

    /// Whether to reuse, refresh or log in again at `now_ms`, renewing `skew_ms` early:
    /// reuse while `now + skew < expires_at`; else refresh while `now + skew <
    /// refresh_expires_at`; else log in again.
    pub const fn action(&self, now_ms: u64, skew_ms: u64) -> TokenAction {
        let horizon = now_ms.saturating_add(skew_ms);
        if horizon < self.expires_at_ms {
            return TokenAction::Reuse;
        }
        match self.refresh_expires_at_ms {
            Some(until) if horizon < until => TokenAction::Refresh,
            _ => TokenAction::LoginAgain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturates_and_orders() {
        let life = Lifetime::from_lifetime(u64::MAX - 1, 10);
        assert_eq!(life.expires_at_ms, u64::MAX);
        assert_eq!(life.action(u64::MAX, u64::MAX), TokenAction::LoginAgain);
        let life = Lifetime::from_lifetime(1000, 1000).with_refresh_until(5000);
        assert_eq!(life.action(0, 0), TokenAction::Reuse);
        assert_eq!(life.action(1999, 0), TokenAction::Reuse);
        assert_eq!(life.action(2000, 0), TokenAction::Refresh);
        assert_eq!(life.action(1500, 500), TokenAction::Refresh);
        assert_eq!(life.action(4999, 0), TokenAction::Refresh);
        assert_eq!(life.action(5000, 0), TokenAction::LoginAgain);
    }

    #[test]
    fn refusal_becomes_an_error_with_the_vendor_data() {
        let r = Refusal::new(ErrorKind::VendorError, "授权密钥校验失败")
            .with_code(Some("1001".into()))
            .with_batchkey(Some("k".into()));
        let e = Answer::<()>::Refused(r).into_result().expect_err("refused");
        assert_eq!(e.kind(), ErrorKind::VendorError);
        assert!(e.detail().contains("1001") && e.detail().contains("授权密钥校验失败"));
    }
}
