//! The Kingdee request signer (`X-Api-Signature`, auth version 2.0).

use super::canonical::{canonical_path, canonical_query_into, wire_query, write_string_to_sign};
use super::headers::{self, SIGNER_HEADERS};
use crate::decimal::{format_u64, itoa_buffer};
use crate::digest::{self, HmacSha256};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, Method};
use crate::limits;
use crate::secret::Secret;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// An extra header to sign. `value: None` means the caller named the header but gave no
/// value, which is refused (`missing_header_value`) rather than signed as the text `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignHeader<'a> {
    /// The header name, as it will be sent and listed in `X-Api-SignHeaders`.
    pub name: &'a str,
    /// The header value.
    pub value: Option<&'a str>,
}

impl<'a> SignHeader<'a> {
    /// An extra header to sign with its value.
    pub const fn new(name: &'a str, value: &'a str) -> Self {
        SignHeader {
            name,
            value: Some(value),
        }
    }
}

/// The parts of an outgoing request that are signed. All borrowed.
///
/// ```
/// use qianming::kingdee::{Request, SignHeader};
/// let query = [("app_key", "abc")];
/// let extra = [SignHeader::new("Content-Type", "application/json")];
/// let request = Request::new("GET", "/jdyconnector/app_management/kingdee_auth_token")
///     .with_query(&query)
///     .with_sign_headers(&extra);
/// assert_eq!(request.path(), "/jdyconnector/app_management/kingdee_auth_token");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a [(&'a str, &'a str)],
    sign_headers: &'a [SignHeader<'a>],
}

impl<'a> Request<'a> {
    /// A request with a method (any case) and a path, no query and no extra signed headers.
    pub const fn new(method: &'a str, path: &'a str) -> Self {
        Request {
            method,
            path,
            query: &[],
            sign_headers: &[],
        }
    }

    /// Sets the query parameters (name, value), unencoded, in any order.
    pub const fn with_query(mut self, query: &'a [(&'a str, &'a str)]) -> Self {
        self.query = query;
        self
    }

    /// Sets extra headers to sign besides `X-Api-Nonce` and `X-Api-TimeStamp`.
    pub const fn with_sign_headers(mut self, sign_headers: &'a [SignHeader<'a>]) -> Self {
        self.sign_headers = sign_headers;
        self
    }

    /// The method as given.
    pub const fn method(&self) -> &'a str {
        self.method
    }

    /// The path as given.
    pub const fn path(&self) -> &'a str {
        self.path
    }

    /// The query parameters as given.
    pub const fn query(&self) -> &'a [(&'a str, &'a str)] {
        self.query
    }

    /// The extra headers to sign as given.
    pub const fn sign_headers(&self) -> &'a [SignHeader<'a>] {
        self.sign_headers
    }
}

/// Everything the signer computed: the headers to send and every intermediate, so an HTTP 519
/// can be debugged by comparing parts rather than guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningOutput {
    /// The upper-case method.
    pub method: Method,
    /// `G(path)`.
    pub canonical_path: String,
    /// The canonical query (values encoded twice).
    pub canonical_query: String,
    /// The signed header names, in signing order, as listed in `X-Api-SignHeaders`.
    pub signed_headers: Vec<String>,
    /// The exact text that was MACed; every line ends with `\n`.
    pub string_to_sign: String,
    /// Lowercase hex of HMAC-SHA256(client secret, string to sign).
    pub hmac_hex: String,
    /// `Base64(hmac_hex)`: the value of `X-Api-Signature`.
    pub signature: String,
    /// The six `X-Api-*` headers to send, in a fixed order (the extra signed headers are the
    /// caller's to send).
    pub headers: Vec<(&'static str, String)>,
    /// The query string to put on the wire (form encoding of the raw pairs; empty-name pairs
    /// left out).
    pub wire_query: String,
}

impl SigningOutput {
    /// The value of one of the six `X-Api-*` headers, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `path?wire_query`, or the bare path when there is no query.
    pub fn path_and_query(&self, path: &str) -> String {
        if self.wire_query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", self.wire_query)
        }
    }
}

/// Signs Kingdee gateway requests for one client. The HMAC is keyed once, when the signer is
/// made, and reused for every request; a signer is `Send + Sync` and can be shared.
///
/// ```
/// use qianming::kingdee::{Request, Signer};
/// let signer = Signer::new("123456", "0123456789abcdef0123456789abcdef")?;
/// let query = [("app_key", "abc")];
/// let request = Request::new("GET", "/jdyconnector/app_management/kingdee_auth_token").with_query(&query);
/// let out = signer.sign(&request, "1700000000000", "1234567890")?;
/// assert_eq!(out.header("X-Api-SignHeaders"), Some("X-Api-Nonce,X-Api-TimeStamp"));
/// assert_eq!(out.signature.len(), 88);
/// # Ok::<(), qianming::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    client_id: String,
    mac: HmacSha256,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .finish()
    }
}

impl Signer {
    /// A signer for `client_id` with `client_secret`. Refuses an empty secret and a client id
    /// that cannot travel in a header.
    pub fn new(client_id: &str, client_secret: &str) -> Result<Self> {
        Self::with_secret(client_id, &Secret::new(client_secret))
    }

    /// Like [`Signer::new`], with the secret already wrapped.
    pub fn with_secret(client_id: &str, client_secret: &Secret) -> Result<Self> {
        if client_secret.is_empty() {
            return Err(Error::new(
                ErrorKind::EmptySecret,
                "the client secret is empty (the vendor SDK would send an empty signature)",
            ));
        }
        limits::check_text("the client secret", client_secret.expose())?;
        limits::check_text("the client id", client_id)?;
        http::check_header_value("the client id", client_id, false)?;
        Ok(Signer {
            client_id: client_id.to_string(),
            mac: digest::keyed(client_secret.expose_bytes()),
        })
    }

    /// The client id this signer signs for.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Signs `request` at `timestamp` (milliseconds since the epoch, decimal) with `nonce`.
    pub fn sign(
        &self,
        request: &Request<'_>,
        timestamp: &str,
        nonce: &str,
    ) -> Result<SigningOutput> {
        let method = Method::parse(request.method)?;
        check_timestamp(timestamp)?;
        limits::check_text("the nonce", nonce)?;
        http::check_header_value("the nonce", nonce, false)?;
        limits::check_text("the path", request.path)?;
        let extras = check_sign_headers(request.sign_headers)?;
        let signed = headers::signed_header_list(&extras, nonce, timestamp);

        let mut canonical_query = String::new();
        canonical_query_into(&mut canonical_query, request.query)?;
        let canonical_path = canonical_path(request.path);
        let mut string_to_sign = String::with_capacity(
            16 + canonical_path.len() + canonical_query.len() + 64 * signed.len(),
        );
        write_string_to_sign(
            &mut string_to_sign,
            method,
            &canonical_path,
            &canonical_query,
            &signed,
        );
        let (hmac_hex, signature) =
            digest::hex_and_signature(self.mac.clone(), string_to_sign.as_bytes());

        let signed_headers: Vec<String> = signed.iter().map(|(n, _)| n.to_string()).collect();
        let headers = SIGNER_HEADERS
            .iter()
            .map(|&name| {
                let value = match name {
                    headers::CLIENT_ID => self.client_id.clone(),
                    headers::AUTH_VERSION => headers::AUTH_VERSION_VALUE.to_string(),
                    headers::TIMESTAMP => timestamp.to_string(),
                    headers::NONCE => nonce.to_string(),
                    headers::SIGN_HEADERS => signed_headers.join(","),
                    _ => signature.clone(),
                };
                (name, value)
            })
            .collect();
        Ok(SigningOutput {
            method,
            canonical_path,
            canonical_query,
            signed_headers,
            string_to_sign,
            hmac_hex,
            signature,
            headers,
            wire_query: wire_query(request.query),
        })
    }

    /// Signs with a numeric timestamp in milliseconds.
    pub fn sign_at(
        &self,
        request: &Request<'_>,
        timestamp_ms: u64,
        nonce: &str,
    ) -> Result<SigningOutput> {
        let mut buffer = itoa_buffer();
        self.sign(request, format_u64(timestamp_ms, &mut buffer), nonce)
    }
}

/// Checks a timestamp: a non-empty run of ASCII digits that fits in 64 bits.
pub(crate) fn check_timestamp(timestamp: &str) -> Result<u64> {
    let invalid = || {
        Error::new(
            ErrorKind::InvalidTimestamp,
            format!(
                "timestamp {timestamp:?} is not a non-negative decimal integer of milliseconds"
            ),
        )
    };
    if timestamp.is_empty() || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    timestamp.parse::<u64>().map_err(|_| invalid())
}

/// Validates the extra headers: each name a token, not one of the signer's own headers, not
/// repeated; each value present and able to travel in a header.
fn check_sign_headers<'a>(sign_headers: &[SignHeader<'a>]) -> Result<Vec<(&'a str, &'a str)>> {
    limits::check_len(
        "the number of extra signed headers",
        sign_headers.len(),
        limits::MAX_SIGN_HEADERS,
    )?;
    let mut checked: Vec<(&'a str, &'a str)> = Vec::with_capacity(sign_headers.len());
    for header in sign_headers {
        http::check_header_name(header.name)?;
        if SIGNER_HEADERS
            .iter()
            .any(|own| own.eq_ignore_ascii_case(header.name))
        {
            return Err(Error::new(
                ErrorKind::ReservedHeader,
                format!(
                    "{} is set by the signer itself and cannot be an extra signed header",
                    header.name
                ),
            ));
        }
        if checked
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(header.name))
        {
            return Err(Error::new(
                ErrorKind::DuplicateHeader,
                format!("extra signed header {} is given twice", header.name),
            ));
        }
        let value = header.value.ok_or_else(|| {
            Error::new(
                ErrorKind::MissingHeaderValue,
                format!(
                    "extra signed header {} has no value (the vendor SDK would sign the text null)",
                    header.name
                ),
            )
        })?;
        limits::check_text("a signed header value", value)?;
        http::check_header_value(header.name, value, true)?;
        checked.push((header.name, value));
    }
    Ok(checked)
}
