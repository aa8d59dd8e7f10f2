//! The Kingdee request signer (`X-Api-Signature`, auth version 2.0):
//! docs/spec/kingdee.md#request-signature, with the inputs it refuses in
//! docs/spec/kingdee.md#refusals.

use super::canonical::{write_string_to_sign, write_wire_query, Scratch, StringToSign};
use super::headers::{self, SIGNER_HEADERS};
use crate::decimal::{format_u64, itoa_buffer};
use crate::digest::{Digest, HmacKey, HEX_LEN};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
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
pub struct SignedRequest {
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

impl SignedRequest {
    /// The value of one of the six `X-Api-*` headers, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request target to send for the (unencoded) `path` that was signed: see
    /// [`path_and_query`].
    pub fn path_and_query(&self, path: &str) -> String {
        path_and_query(path, &self.wire_query)
    }

    /// The request to send: `base_url` (a trailing `/` dropped) followed by
    /// [`Self::path_and_query`], the six `X-Api-*` headers, then `extra_headers`: the extra
    /// signed headers, which are the caller's to send. What the CLI prints as `--format curl`
    /// ([`HttpRequest::to_curl`]).
    ///
    /// ```
    /// use qianming::kingdee::{Request, Signer};
    /// let signer = Signer::new("123456", "0123456789abcdef0123456789abcdef")?;
    /// let out = signer.sign(&Request::new("GET", "/a b"), "1700000000000", "1234567890")?;
    /// let request = out.http_request("https://api.kingdee.com/", "/a b", &[("X-Tenant", "t1"), ("X-Empty", "")])?;
    /// assert_eq!(request.url, "https://api.kingdee.com/a%20b");
    /// assert_eq!(request.headers.len(), 8);
    /// let curl = request.to_curl();
    /// assert!(curl.starts_with("curl -X GET 'https://api.kingdee.com/a%20b'"));
    /// assert!(curl.contains("-H 'X-Empty;'"), "curl's spelling of an empty header");
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn http_request(
        &self,
        base_url: &str,
        path: &str,
        extra_headers: &[(&str, &str)],
    ) -> Result<HttpRequest> {
        let url = format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            self.path_and_query(path)
        );
        let mut request = HttpRequest::new(self.method, url)?;
        for (name, value) in &self.headers {
            request = request.with_header(name, value)?;
        }
        // An extra signed header may be empty, and is sent so.
        for (name, value) in extra_headers {
            request = request.with_header_allow_empty(name, value)?;
        }
        Ok(request)
    }
}

/// The request target to send: the signed `path` percent-encoded for the request line
/// ([`crate::encode::path_encode`]: `/` kept, a space, `%`, `#`, `?` and non-ASCII escaped),
/// then `?wire_query`, or no `?` when the wire query is empty.
///
/// ```
/// use qianming::kingdee::path_and_query;
/// assert_eq!(path_and_query("/a", "b=1"), "/a?b=1");
/// assert_eq!(path_and_query("/a", ""), "/a");
/// assert_eq!(path_and_query("/jdy/物料/a b#1", "k=v"), "/jdy/%E7%89%A9%E6%96%99/a%20b%231?k=v");
/// ```
pub fn path_and_query(path: &str, wire_query: &str) -> String {
    let mut target = String::with_capacity(path.len() + path.len() / 2 + 1 + wire_query.len());
    crate::encode::path_encode_into(&mut target, path);
    if !wire_query.is_empty() {
        target.push('?');
        target.push_str(wire_query);
    }
    target
}

/// Signs Kingdee gateway requests for one client. The HMAC is keyed once, when the signer is
/// made, and reused for every request; a signer is `Send + Sync` and can be shared.
///
/// The signer keeps no copy of the client secret, only the HMAC's keyed state (the two
/// SHA-256 states after the padded key blocks, 64 bytes), which is zeroized when the signer is
/// dropped. That state signs like the secret itself, so treat a signer as a secret.
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
    mac: HmacKey,
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
            mac: HmacKey::new(client_secret.expose_bytes()),
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
    ) -> Result<SignedRequest> {
        let mut buffer = SigningBuffer::default();
        self.sign_into(request, timestamp, nonce, &mut buffer)
            .map(|signed| signed.to_output())
    }

    /// Signs with a numeric timestamp in milliseconds.
    pub fn sign_at(
        &self,
        request: &Request<'_>,
        timestamp_ms: u64,
        nonce: &str,
    ) -> Result<SignedRequest> {
        let mut buffer = itoa_buffer();
        self.sign(request, format_u64(timestamp_ms, &mut buffer), nonce)
    }

    /// Signs into a reusable `buffer` and returns a borrowed view of the result: after the
    /// buffer has grown once, signing allocates nothing. This is the hot path behind
    /// [`Signer::sign`], for servers and bindings that sign in a loop.
    ///
    /// ```
    /// use qianming::kingdee::{Request, Signer, SigningBuffer};
    /// let signer = Signer::new("123456", "s3cret")?;
    /// let mut buffer = SigningBuffer::default();
    /// let signed = signer.sign_into(&Request::new("GET", "/a"), "1700000000000", "42", &mut buffer)?;
    /// assert_eq!(signed.headers()[4], ("X-Api-SignHeaders", "X-Api-Nonce,X-Api-TimeStamp"));
    /// assert_eq!(signed.signature().len(), 88);
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn sign_into<'b>(
        &'b self,
        request: &Request<'_>,
        timestamp: &'b str,
        nonce: &'b str,
        buffer: &'b mut SigningBuffer,
    ) -> Result<SignedRequestRef<'b>> {
        let method = Method::parse(request.method)?;
        crate::timestamp::check_text(timestamp)?;
        limits::check_text("the nonce", nonce)?;
        http::check_header_value("the nonce", nonce, false)?;
        limits::check_text("the path", request.path)?;
        check_sign_headers(request.sign_headers)?;

        let signed = SignedOrder::new(request.sign_headers, nonce, timestamp);

        let SigningBuffer { text, scratch } = buffer;
        text.clear();
        let sts = write_string_to_sign(
            text,
            method,
            request.path,
            request.query,
            signed.iter(),
            scratch,
        )?;
        let digest = Digest::compute(&self.mac, &text.as_bytes()[sts.whole.0..sts.whole.1]);
        let (start, end) = push_range(text, digest.hex_and_signature());
        let (hex, signature) = ((start, start + HEX_LEN), (start + HEX_LEN, end));
        let list_start = text.len();
        for (i, (name, _)) in signed.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(name);
        }
        let list = (list_start, text.len());
        let wire_start = text.len();
        write_wire_query(text, request.query, scratch);
        Ok(SignedRequestRef {
            method,
            text: text.as_str(),
            sts,
            hex,
            signature,
            list,
            wire: (wire_start, text.len()),
            client_id: &self.client_id,
            timestamp,
            nonce,
        })
    }
}

/// Appends `part` to `text` and returns where it lies.
fn push_range(text: &mut String, part: &str) -> (usize, usize) {
    let start = text.len();
    text.push_str(part);
    (start, text.len())
}

/// Most signed headers: the extras plus nonce and timestamp.
const MAX_SIGNED: usize = limits::MAX_SIGN_HEADERS + 2;

/// The signed headers in signing order — the extras plus nonce and timestamp, sorted by the
/// bytes of their names as spelled — as indices on the stack (0 nonce, 1 timestamp, 2 + i the
/// i-th extra), so ordering them allocates nothing.
struct SignedOrder<'r, 'a> {
    extras: &'r [SignHeader<'a>],
    nonce: &'a str,
    timestamp: &'a str,
    order: [u8; MAX_SIGNED],
    count: usize,
}

impl<'r, 'a> SignedOrder<'r, 'a> {
    /// Orders `extras` (at most [`limits::MAX_SIGN_HEADERS`], already checked) with the
    /// nonce and timestamp.
    fn new(extras: &'r [SignHeader<'a>], nonce: &'a str, timestamp: &'a str) -> Self {
        let mut order = [0u8; MAX_SIGNED];
        let count = (extras.len() + 2).min(MAX_SIGNED);
        for (i, slot) in order.iter_mut().enumerate().take(count) {
            *slot = i as u8;
        }
        let mut ordered = SignedOrder {
            extras,
            nonce,
            timestamp,
            order,
            count,
        };
        if count > 2 {
            let mut order = ordered.order;
            crate::sort::sort_unstable_by(&mut order[..count], |&a, &b| {
                ordered.name(a).as_bytes().cmp(ordered.name(b).as_bytes())
            });
            ordered.order = order;
        }
        ordered
    }

    fn entry(&self, index: u8) -> (&'a str, &'a str) {
        match index {
            0 => (headers::NONCE, self.nonce),
            1 => (headers::TIMESTAMP, self.timestamp),
            i => self
                .extras
                .get(usize::from(i) - 2)
                .map(|h| (h.name, h.value.unwrap_or_default()))
                .unwrap_or_default(),
        }
    }

    fn name(&self, index: u8) -> &'a str {
        self.entry(index).0
    }

    /// (name as listed, value) in signing order.
    fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.order[..self.count].iter().map(|&i| self.entry(i))
    }
}

/// Reusable memory for [`Signer::sign_into`].
#[derive(Debug, Default, Clone)]
pub struct SigningBuffer {
    text: String,
    scratch: Scratch,
}

/// A signed request, borrowed from a [`SigningBuffer`]: the same parts as [`SignedRequest`]
/// without owning them.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequestRef<'b> {
    method: Method,
    text: &'b str,
    sts: StringToSign,
    hex: (usize, usize),
    signature: (usize, usize),
    list: (usize, usize),
    wire: (usize, usize),
    client_id: &'b str,
    timestamp: &'b str,
    nonce: &'b str,
}

impl<'b> SignedRequestRef<'b> {
    fn part(&self, range: (usize, usize)) -> &'b str {
        self.text.get(range.0..range.1).unwrap_or_default()
    }

    /// The upper-case method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// `G(path)`.
    pub fn canonical_path(&self) -> &'b str {
        self.part(self.sts.path)
    }

    /// The canonical query.
    pub fn canonical_query(&self) -> &'b str {
        self.part(self.sts.query)
    }

    /// The exact text that was MACed.
    pub fn string_to_sign(&self) -> &'b str {
        self.part(self.sts.whole)
    }

    /// Lowercase hex of the HMAC.
    pub fn hmac_hex(&self) -> &'b str {
        self.part(self.hex)
    }

    /// The value of `X-Api-Signature`.
    pub fn signature(&self) -> &'b str {
        self.part(self.signature)
    }

    /// The value of `X-Api-SignHeaders`: the signed header names joined by `,`.
    pub fn signed_header_list(&self) -> &'b str {
        self.part(self.list)
    }

    /// The signed header names, in signing order.
    pub fn signed_headers(&self) -> impl Iterator<Item = &'b str> {
        self.signed_header_list().split(',')
    }

    /// The query string to put on the wire.
    pub fn wire_query(&self) -> &'b str {
        self.part(self.wire)
    }

    /// The six `X-Api-*` headers to send, in the order of [`SIGNER_HEADERS`].
    pub fn headers(&self) -> [(&'static str, &'b str); 6] {
        [
            (headers::CLIENT_ID, self.client_id),
            (headers::AUTH_VERSION, headers::AUTH_VERSION_VALUE),
            (headers::TIMESTAMP, self.timestamp),
            (headers::NONCE, self.nonce),
            (headers::SIGN_HEADERS, self.signed_header_list()),
            (headers::SIGNATURE, self.signature()),
        ]
    }

    /// An owned copy of every part.
    pub fn to_output(&self) -> SignedRequest {
        SignedRequest {
            method: self.method,
            canonical_path: self.canonical_path().to_string(),
            canonical_query: self.canonical_query().to_string(),
            signed_headers: self.signed_headers().map(str::to_string).collect(),
            string_to_sign: self.string_to_sign().to_string(),
            hmac_hex: self.hmac_hex().to_string(),
            signature: self.signature().to_string(),
            headers: self
                .headers()
                .iter()
                .map(|(n, v)| (*n, v.to_string()))
                .collect(),
            wire_query: self.wire_query().to_string(),
        }
    }
}

/// Validates the extra headers: each name a token, not one of the signer's own headers, not
/// repeated; each value present and able to travel in a header.
fn check_sign_headers(sign_headers: &[SignHeader<'_>]) -> Result<()> {
    limits::check_len(
        "the number of extra signed headers",
        sign_headers.len(),
        limits::MAX_SIGN_HEADERS,
    )?;
    for (i, header) in sign_headers.iter().enumerate() {
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
        if sign_headers[..i]
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(header.name))
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
    }
    Ok(())
}
