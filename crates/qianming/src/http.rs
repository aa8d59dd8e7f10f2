//! HTTP rules shared by every signer and request builder: methods, header names and values.

use crate::error::{Error, ErrorKind, Result};
use alloc::format;

/// An HTTP method qianming signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
    /// `PATCH`
    Patch,
    /// `OPTIONS`
    Options,
}

impl Method {
    /// Parses a method name in any case; anything else is `unsupported_method`.
    ///
    /// ```
    /// use qianming::http::Method;
    /// assert_eq!(Method::parse("post").unwrap(), Method::Post);
    /// assert!(Method::parse("TRACE").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<Method> {
        const ALL: [Method; 7] = [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Delete,
            Method::Head,
            Method::Patch,
            Method::Options,
        ];
        ALL.into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UnsupportedMethod,
                    "the method must be GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS",
                )
            })
    }

    /// The upper-case method name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Options => "OPTIONS",
        }
    }
}

/// Whether `b` is an RFC 9110 `tchar`.
const fn is_tchar(b: u8) -> bool {
    matches!(b,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9'
        | b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.'
        | b'^' | b'_' | b'`' | b'|' | b'~')
}

/// Checks that `name` is an HTTP header name (a non-empty RFC 9110 token).
pub fn check_header_name(name: &str) -> Result<()> {
    if name.is_empty() || !name.bytes().all(is_tchar) {
        return Err(Error::new(
            ErrorKind::InvalidHeaderName,
            format!("header name {name:?} is not an HTTP token"),
        ));
    }
    Ok(())
}

/// Checks that `value` can travel in an HTTP header unchanged: visible ASCII with interior
/// spaces or tabs, no control characters (CR and LF included), no leading or trailing white
/// space. `what` names the value in the error; `allow_empty` says whether `""` is acceptable.
pub fn check_header_value(what: &str, value: &str, allow_empty: bool) -> Result<()> {
    let bytes = value.as_bytes();
    let reason = if bytes.is_empty() {
        (!allow_empty).then_some("is empty")
    } else if !bytes
        .iter()
        .all(|&b| b == b' ' || b == b'\t' || (0x21..=0x7e).contains(&b))
    {
        Some(if bytes.iter().any(|&b| b >= 0x80) {
            "is not ASCII"
        } else {
            "contains a control character"
        })
    } else if matches!(bytes.first(), Some(b' ' | b'\t'))
        || matches!(bytes.last(), Some(b' ' | b'\t'))
    {
        Some("has leading or trailing white space")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Error::new(
            ErrorKind::InvalidHeaderValue,
            format!("{what} {reason}, so it cannot travel in an HTTP header unchanged"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values() {
        assert!(check_header_value("v", "a b\tc", false).is_ok());
        assert!(check_header_value("v", "", true).is_ok());
        for bad in ["", " a", "a ", "a\r\nb", "中", "\u{7f}"] {
            assert_eq!(
                check_header_value("v", bad, false).map_err(|e| e.kind()),
                Err(ErrorKind::InvalidHeaderValue),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn header_names() {
        assert!(check_header_name("X-Api-Nonce").is_ok());
        assert!(check_header_name("a!#$%&'*+-.^_`|~9").is_ok());
        for bad in ["", "a b", "a:b", "Ａ", "a\n"] {
            assert!(check_header_name(bad).is_err(), "{bad:?}");
        }
    }
}
