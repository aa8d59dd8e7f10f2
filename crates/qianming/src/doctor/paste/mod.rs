//! Requests as people have them (docs/spec/doctor.md#pasted-requests): a `curl` command (as
//! browsers' "Copy as cURL (bash)" and `qianming … --format curl` print it), a raw HTTP request,
//! or a HAR entry, read into the parts a verifier or the doctor takes.

mod curl;
mod curl_options;
mod har;
mod http;
mod shell;

pub use har::parse_har_entries;

use crate::error::{Error, ErrorKind, Result};
use crate::kingdee::ReceivedRequest;
use crate::limits;
use crate::query::parse_request_target;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Which form a pasted request has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RequestFormat {
    /// Decide from the text: `curl …` is a curl command, `{…}` a HAR document, anything else
    /// a raw HTTP request.
    #[default]
    Detect,
    /// A `curl` command line in POSIX shell syntax.
    Curl,
    /// A raw HTTP/1.1 request (request line, headers, blank line, body), or HTTP/2 pseudo
    /// headers (`:method`, `:path`, …) followed by the others.
    Http,
    /// A HAR document (`{"log": {"entries": […]}}`), one entry, or one entry's `request`.
    Har,
}

impl RequestFormat {
    /// The stable names: `detect`, `curl`, `http`, `har`.
    pub const fn name(self) -> &'static str {
        match self {
            RequestFormat::Detect => "detect",
            RequestFormat::Curl => "curl",
            RequestFormat::Http => "http",
            RequestFormat::Har => "har",
        }
    }

    /// Looks a format up by its stable name.
    pub fn from_name(name: &str) -> Option<RequestFormat> {
        [
            RequestFormat::Detect,
            RequestFormat::Curl,
            RequestFormat::Http,
            RequestFormat::Har,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// A request read from pasted text: what a server would have received.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PastedRequest {
    /// The method as written (a verifier accepts any case).
    pub method: String,
    /// The request target as it travels: the path and query, percent-encoded.
    pub target: String,
    /// The path, decoded as the gateway decodes it.
    pub path: String,
    /// The query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, in order, names as written (HTTP/2 pseudo headers left out).
    pub headers: Vec<(String, String)>,
    /// The body, when there is one.
    pub body: Option<String>,
}

impl PastedRequest {
    /// A request of `method` to `target` (path and query as they travel), decoded.
    fn new(method: &str, target: &str) -> Result<Self> {
        crate::http::check_header_name(method)
            .map_err(|_| invalid(alloc::format!("the method {method:?} is not an HTTP token")))?;
        // A URL without a path (`https://h?x=1`) asks for `/`.
        let target = if target.starts_with('/') {
            target.to_string()
        } else {
            alloc::format!("/{target}")
        };
        let decoded = parse_request_target(&target)?;
        Ok(PastedRequest {
            method: method.to_string(),
            target,
            path: decoded.path,
            query: decoded.query,
            headers: Vec::new(),
            body: None,
        })
    }

    /// Adds a header after checking its name and the limits.
    fn push_header(&mut self, name: &str, value: &str) -> Result<()> {
        crate::http::check_header_name(name)?;
        limits::check_text("a header value", value)?;
        limits::check_len(
            "the number of headers",
            self.headers.len() + 1,
            limits::MAX_PASTED_HEADERS,
        )?;
        self.headers.push((name.to_string(), value.to_string()));
        Ok(())
    }

    /// The value of the first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Calls `f` with this request as a verifier (or the doctor) takes it.
    ///
    /// ```
    /// use qianming::doctor::{parse_request, RequestFormat};
    /// let pasted = parse_request("GET /a%20b?k=v+w HTTP/1.1\r\nHost: h\r\n\r\n", RequestFormat::Http)?;
    /// let path = pasted.with_received(|r| r.path().to_string());
    /// assert_eq!(path, "/a b");
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn with_received<R>(&self, f: impl FnOnce(&ReceivedRequest<'_>) -> R) -> R {
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        f(&ReceivedRequest::new(
            &self.method,
            &self.path,
            &query,
            &headers,
        ))
    }
}

/// Reads a request pasted as `format`. Text beyond [`limits::MAX_PASTED_REQUEST_BYTES`] or
/// with more than [`limits::MAX_PASTED_HEADERS`] headers is `input_too_large`; text that is not
/// a request of that form is `invalid_field` (a HAR document that is not JSON, `invalid_json`);
/// a target that does not decode, `invalid_percent_encoding` or `invalid_unicode`.
///
/// ```
/// use qianming::doctor::{parse_request, RequestFormat};
/// let curl = "curl -X GET 'https://api.kingdee.com/jdy/v2/bd/material?search=M6+bolt' \\\n  -H 'X-Api-Nonce: 42'";
/// let pasted = parse_request(curl, RequestFormat::Detect)?;
/// assert_eq!((pasted.method.as_str(), pasted.path.as_str()), ("GET", "/jdy/v2/bd/material"));
/// assert_eq!(pasted.query, vec![("search".into(), "M6 bolt".into())]);
/// assert_eq!(pasted.header("x-api-nonce"), Some("42"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_request(text: &str, format: RequestFormat) -> Result<PastedRequest> {
    limits::check_len(
        "the pasted request",
        text.len(),
        limits::MAX_PASTED_REQUEST_BYTES,
    )?;
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let format = match format {
        RequestFormat::Detect if trimmed.starts_with("curl") => RequestFormat::Curl,
        RequestFormat::Detect if trimmed.starts_with('{') => RequestFormat::Har,
        RequestFormat::Detect => RequestFormat::Http,
        other => other,
    };
    match format {
        RequestFormat::Curl => curl::parse(trimmed),
        RequestFormat::Har => har::parse(trimmed),
        _ => http::parse(trimmed),
    }
}

/// `invalid_field` with `detail`: pasted text that is not a request of the expected form.
fn invalid(detail: impl Into<alloc::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidField, detail)
}

/// The request target (path and query, fragment dropped) of a URL as curl, a browser or a
/// proxy-form request line gives it: `https://host/p?q`, `//host/p`, `host/p` or `/p?q`.
fn target_of_url(url: &str) -> &str {
    let url = url.split('#').next().unwrap_or_default();
    let after_scheme = match url.find("://") {
        Some(at) if url[..at].bytes().all(|b| b.is_ascii_alphabetic()) => &url[at + 3..],
        _ if url.starts_with("//") => &url[2..],
        _ if url.starts_with('/') => return url,
        _ => url,
    };
    match after_scheme.find(['/', '?']) {
        Some(at) => &after_scheme[at..],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_of_urls() {
        for (url, target) in [
            ("https://api.kingdee.com/a/b?c=d#frag", "/a/b?c=d"),
            ("HTTP://h:8080", ""),
            ("http://h?x=1", "?x=1"),
            ("//h/p", "/p"),
            ("h/p?q", "/p?q"),
            ("/p?q", "/p?q"),
        ] {
            assert_eq!(target_of_url(url), target, "{url}");
        }
    }

    #[test]
    fn formats_by_name_and_detection() -> Result<()> {
        for f in [
            RequestFormat::Detect,
            RequestFormat::Curl,
            RequestFormat::Http,
            RequestFormat::Har,
        ] {
            assert_eq!(RequestFormat::from_name(f.name()), Some(f));
        }
        let http = parse_request(
            "\r\nPOST /x HTTP/1.1\r\nA: 1\r\n\r\n{}",
            RequestFormat::Detect,
        )?;
        assert_eq!(
            (http.method.as_str(), http.body.as_deref()),
            ("POST", Some("{}"))
        );
        let har = parse_request(
            r#"{"method":"GET","url":"https://h/y?a=1","headers":[]}"#,
            RequestFormat::Detect,
        )?;
        assert_eq!(har.target, "/y?a=1");
        let big = "x".repeat(limits::MAX_PASTED_REQUEST_BYTES + 1);
        assert_eq!(
            parse_request(&big, RequestFormat::Http).map_err(|e| e.kind()),
            Err(ErrorKind::InputTooLarge)
        );
        Ok(())
    }
}
