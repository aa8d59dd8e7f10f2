//! HTTP rules shared by every signer and request builder: methods, header names and values,
//! URLs (docs/spec/common.md#header-names, docs/spec/common.md#header-values,
//! docs/spec/common.md#urls).

use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

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

/// A request for any HTTP client to send: what every request builder returns (sans-IO).
///
/// Every builder checks what it puts here: the URL is visible ASCII with no white space (so no
/// CR or LF can split the request line), header names are HTTP tokens and header values pass
/// [`check_header_value`]. The request carries credentials (authorization headers, signs,
/// tokens, and for the vendors that want them, secrets in the query), so log it with care.
///
/// ```
/// use qianming::http::{HttpRequest, Method};
/// let request = HttpRequest::new(Method::Get, "https://example.com/a?b=c")?
///     .with_header("Accept", "application/json")?;
/// assert_eq!(request.header("accept"), Some("application/json"));
/// assert!(request.clone().with_header("X-Evil", "a\r\nInjected: 1").is_err());
/// assert!(HttpRequest::new(Method::Get, "https://example.com/\r\nX: 1").is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, percent-encoded, visible ASCII only.
    pub url: String,
    /// The headers to send, in order, names as spelled.
    pub headers: Vec<(String, String)>,
    /// The body, if any (text: JSON or a form).
    pub body: Option<String>,
}

impl HttpRequest {
    /// A request with no headers and no body; refuses a URL that fails [`check_url`].
    pub fn new(method: Method, url: impl Into<String>) -> Result<Self> {
        let url = url.into();
        check_url(&url)?;
        Ok(HttpRequest {
            method,
            url,
            headers: Vec::new(),
            body: None,
        })
    }

    /// Adds a header after checking its name ([`check_header_name`]) and value
    /// ([`check_header_value`], empty refused): no CR, LF or other control character can
    /// reach the wire.
    pub fn with_header(mut self, name: &str, value: &str) -> Result<Self> {
        check_header_name(name)?;
        limits::check_text("a header value", value)?;
        check_header_value(name, value, false)?;
        self.headers.push((name.to_string(), value.to_string()));
        Ok(self)
    }

    /// Like [`Self::with_header`], but an empty value is kept: the extra signed headers of a
    /// Kingdee request may be empty ([`crate::kingdee::SignedRequest::http_request`]). The curl
    /// form sends it as `-H 'Name;'`, curl's spelling of an empty header.
    pub fn with_header_allow_empty(mut self, name: &str, value: &str) -> Result<Self> {
        check_header_name(name)?;
        limits::check_text("a header value", value)?;
        check_header_value(name, value, true)?;
        self.headers.push((name.to_string(), value.to_string()));
        Ok(self)
    }

    /// Sets the body.
    pub fn with_body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request as a POSIX-shell `curl` command, one option per line, ending in a newline;
    /// the doctor reads it back ([`crate::doctor::parse_request`]).
    ///
    /// ```
    /// use qianming::http::{HttpRequest, Method};
    /// let request = HttpRequest::new(Method::Post, "https://h/a")?.with_header("A", "it's")?.with_body("{}");
    /// assert_eq!(request.to_curl(), "curl -X POST 'https://h/a' \\\n  -H 'A: it'\\''s' \\\n  --data-raw '{}'\n");
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn to_curl(&self) -> String {
        let mut cmd = format!(
            "curl -X {} {}",
            self.method.as_str(),
            shell_quote(&self.url)
        );
        for (name, value) in &self.headers {
            cmd.push_str(" \\\n  -H ");
            // `Name:` would make curl drop the header; `Name;` sends it empty.
            let header = if value.is_empty() {
                format!("{name};")
            } else {
                format!("{name}: {value}")
            };
            cmd.push_str(&shell_quote(&header));
        }
        if let Some(body) = &self.body {
            cmd.push_str(" \\\n  --data-raw ");
            cmd.push_str(&shell_quote(body));
        }
        cmd.push('\n');
        cmd
    }

    /// The request as text: `METHOD URL`, one `Name: value` line per header, then a blank line
    /// and the body, if any.
    pub fn to_http_text(&self) -> String {
        let mut text = format!("{} {}\n", self.method.as_str(), self.url);
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\n"));
        }
        if let Some(body) = &self.body {
            text.push('\n');
            text.push_str(body);
            text.push('\n');
        }
        text
    }
}

/// Quotes `text` as one word for a POSIX shell: inside `'…'`, each `'` as `'\\''`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r#"'\''"#))
}

/// Checks a URL a builder produced or received: at most [`limits::MAX_URL_BYTES`], visible
/// ASCII only (no space, CR, LF or other control character, nothing above `~`).
pub fn check_url(url: &str) -> Result<()> {
    limits::check_len("the URL", url.len(), limits::MAX_URL_BYTES)?;
    if url.is_empty() || !url.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(Error::new(
            ErrorKind::InvalidUrl,
            "the URL is empty or has white space, control or non-ASCII characters",
        ));
    }
    Ok(())
}

/// Checks a caller's base URL and returns it without trailing `/`: `http://` or `https://`
/// (any case), a non-empty authority without user info (`@`), no query (`?`) or fragment
/// (`#`), and what [`check_url`] demands. A path prefix is allowed (`https://h/api/apusic`).
///
/// ```
/// use qianming::http::base_url;
/// assert_eq!(base_url("https://sso.example.com/api/apusic/").unwrap(), "https://sso.example.com/api/apusic");
/// for bad in ["ftp://h", "https://", "https://u:p@h", "https://h/?a", "https://h\r\n", "h:80"] {
///     assert_eq!(base_url(bad).unwrap_err().kind().name(), "invalid_url", "{bad}");
/// }
/// ```
pub fn base_url(url: &str) -> Result<&str> {
    check_url(url)?;
    let invalid = |why: &str| {
        Error::new(
            ErrorKind::InvalidUrl,
            format!("the base URL {why}; give it as http(s)://host[:port][/path]"),
        )
    };
    let lower_prefix = |p: &str| url.len() >= p.len() && url[..p.len()].eq_ignore_ascii_case(p);
    let rest = if lower_prefix("https://") {
        &url[8..]
    } else if lower_prefix("http://") {
        &url[7..]
    } else {
        return Err(invalid("does not start with http:// or https://"));
    };
    if url.contains(['?', '#']) {
        return Err(invalid("has a query or a fragment"));
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        return Err(invalid("has no host"));
    }
    if authority.contains('@') {
        return Err(invalid("carries user info (user@host)"));
    }
    Ok(url.trim_end_matches('/'))
}

/// Appends `?name=value&…` (or `&…` when `url` already has a query) with each name and value
/// form-encoded by [`crate::encode::gateway_encode`]: `A–Z a–z 0–9 - _ . ~` kept, a space
/// as `+`, every other byte as `%XX`.
pub(crate) fn push_query(url: &mut String, pairs: &[(&str, &str)]) -> Result<()> {
    for (i, (name, value)) in pairs.iter().enumerate() {
        limits::check_text("a query value", value)?;
        url.push(if i == 0 && !url.contains('?') {
            '?'
        } else {
            '&'
        });
        crate::encode::gateway_encode_into(url, name);
        url.push('=');
        crate::encode::gateway_encode_into(url, value);
    }
    Ok(())
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
