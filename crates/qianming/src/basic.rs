//! HTTP Basic credentials (RFC 7617), as the Apusic management API uses them
//! (docs/spec/apusic.md#basic-credentials): `Base64(user ":" password)`.

use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use crate::secret::Secret;
use alloc::format;
use alloc::string::String;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// How the `Authorization` header carries the credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthorizationMode {
    /// `Basic <credentials>` (RFC 7617; the default).
    #[default]
    Basic,
    /// The bare `<credentials>`, as the Apusic document writes it.
    Raw,
}

impl AuthorizationMode {
    /// Parses `basic` or `raw` (any case).
    pub fn parse(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("basic") {
            Some(AuthorizationMode::Basic)
        } else if name.eq_ignore_ascii_case("raw") {
            Some(AuthorizationMode::Raw)
        } else {
            None
        }
    }
}

/// A user name and password decoded from a received header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Credentials {
    /// The user name (never contains `:`).
    pub user: String,
    /// The password (may contain `:`).
    pub password: Secret,
}

/// `Base64(user ":" password)`. A user name containing `:` is refused (`invalid_user_name`).
///
/// ```
/// assert_eq!(qianming::basic::credentials("admin", "admin123").unwrap(), "YWRtaW46YWRtaW4xMjM=");
/// assert_eq!(qianming::basic::credentials("a:b", "c").unwrap_err().kind().name(), "invalid_user_name");
/// ```
pub fn credentials(user: &str, password: &str) -> Result<String> {
    if user.contains(':') {
        return Err(Error::new(
            ErrorKind::InvalidUserName,
            "the user name contains ':', which RFC 7617 forbids (the server would split there)",
        ));
    }
    limits::check_text("the user name", user)?;
    limits::check_text("the password", password)?;
    let joined = Secret::new(format!("{user}:{password}"));
    Ok(STANDARD.encode(joined.expose_bytes()))
}

/// The `Authorization` header value: `Basic <credentials>` or, in raw mode, the bare value.
///
/// ```
/// use qianming::basic::{authorization_header, AuthorizationMode};
/// assert_eq!(authorization_header("Aladdin", "open sesame", AuthorizationMode::Basic).unwrap(),
///            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
/// ```
pub fn authorization_header(user: &str, password: &str, mode: AuthorizationMode) -> Result<String> {
    let credentials = credentials(user, password)?;
    Ok(match mode {
        AuthorizationMode::Basic => format!("Basic {credentials}"),
        AuthorizationMode::Raw => credentials,
    })
}

/// Parses a received `Authorization` header: the scheme `Basic` in any case, one or more
/// spaces, then strict padded standard Base64 of UTF-8 `user:password`, split at the first
/// `:`. Surrounding spaces or tabs (HTTP optional white space) are ignored.
///
/// ```
/// let c = qianming::basic::parse_authorization("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
/// assert_eq!((c.user.as_str(), c.password.expose()), ("Aladdin", "open sesame"));
/// ```
pub fn parse_authorization(header: &str) -> Result<Credentials> {
    limits::check_len(
        "the Authorization header",
        header.len(),
        limits::MAX_AUTHORIZATION_BYTES,
    )?;
    let header = header.trim_matches([' ', '\t']);
    let bad_scheme = || {
        Error::new(
            ErrorKind::InvalidScheme,
            "the Authorization header is not 'Basic <credentials>'",
        )
    };
    let (scheme, rest) = header.split_once(' ').ok_or_else(bad_scheme)?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return Err(bad_scheme());
    }
    parse_credentials(rest.trim_start_matches(' '))
}

/// Parses bare credentials (the raw mode's header value): strict Base64 of `user:password`.
pub fn parse_credentials(value: &str) -> Result<Credentials> {
    limits::check_len(
        "the credentials",
        value.len(),
        limits::MAX_AUTHORIZATION_BYTES,
    )?;
    let decoded = Secret::new(String::new());
    let bytes = STANDARD.decode(value).map_err(|_| {
        Error::new(
            ErrorKind::InvalidBase64,
            "the credentials are not strict, padded, standard Base64",
        )
    })?;
    drop(decoded);
    let text = String::from_utf8(bytes).map_err(|e| {
        let mut bytes = e.into_bytes();
        zeroize::Zeroize::zeroize(&mut bytes);
        Error::new(
            ErrorKind::InvalidUnicode,
            "the decoded credentials are not UTF-8",
        )
    })?;
    let text = Secret::new(text);
    let (user, password) = text.expose().split_once(':').ok_or_else(|| {
        Error::new(
            ErrorKind::MissingSeparator,
            "the decoded credentials have no ':' between user and password",
        )
    })?;
    Ok(Credentials {
        user: String::from(user),
        password: Secret::new(password),
    })
}
