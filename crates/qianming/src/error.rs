//! The one error type of qianming and its stable kinds.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, $message:literal; )*) => {
        /// Why qianming refused an input or an answer.
        ///
        /// Every kind has a stable snake_case [`name`](ErrorKind::name) and a stable numeric
        /// [`code`](ErrorKind::code). Both are a public contract shared by the CLI `--jsonl`
        /// output, the C status values, the Python exception `.kind` and the JS `Error.kind`:
        /// kinds are added, never renamed or renumbered. The table of every kind is in the spec,
        /// docs/spec/common.md#error-kinds (scripts/check-doc-links.py checks it lists them all).
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in code order.
            pub const ALL: &'static [ErrorKind] = &[ $( ErrorKind::$variant, )* ];

            /// The stable snake_case name of this kind.
            pub const fn name(self) -> &'static str {
                match self { $( ErrorKind::$variant => $name, )* }
            }

            /// The stable numeric code of this kind (the C ABI status value).
            pub const fn code(self) -> u32 {
                match self { $( ErrorKind::$variant => $code, )* }
            }

            /// A short, static, human-readable description of this kind.
            pub const fn message(self) -> &'static str {
                match self { $( ErrorKind::$variant => $message, )* }
            }

            /// Looks a kind up by its stable name.
            pub fn from_name(name: &str) -> Option<ErrorKind> {
                match name { $( $name => Some(ErrorKind::$variant), )* _ => None }
            }

            /// Looks a kind up by its stable numeric code.
            pub const fn from_code(code: u32) -> Option<ErrorKind> {
                match code { $( $code => Some(ErrorKind::$variant), )* _ => None }
            }
        }
    };
}

error_kinds! {
    /// A client secret, app secret or Weaver secret is empty.
    EmptySecret = 1, "empty_secret", "the secret is empty";
    /// A timestamp is not a non-negative decimal integer (or does not fit in 64 bits).
    InvalidTimestamp = 2, "invalid_timestamp", "the timestamp is not a non-negative decimal integer";
    /// A value that must travel in an HTTP header cannot travel unchanged (empty where
    /// required, non-ASCII, control characters, leading or trailing white space).
    InvalidHeaderValue = 3, "invalid_header_value", "the value cannot travel in an HTTP header unchanged";
    /// A header name is not an HTTP token (RFC 9110 `tchar`).
    InvalidHeaderName = 4, "invalid_header_name", "the header name is not an HTTP token";
    /// A header to sign was named but given no value.
    MissingHeaderValue = 5, "missing_header_value", "a header to sign has no value";
    /// An extra header to sign names one of the headers the signer sets itself.
    ReservedHeader = 6, "reserved_header", "the header is set by the signer itself";
    /// The same extra header to sign is given twice (names compare case-insensitively).
    DuplicateHeader = 7, "duplicate_header", "the same header is given twice";
    /// The same query parameter name is given twice.
    DuplicateQueryName = 8, "duplicate_query_name", "the same query parameter name is given twice";
    /// The HTTP method is not GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS.
    UnsupportedMethod = 9, "unsupported_method", "the HTTP method is not supported";
    /// Text is not valid Unicode (for example a lone UTF-16 surrogate) or bytes are not UTF-8.
    InvalidUnicode = 10, "invalid_unicode", "the text is not valid Unicode";
    /// An input is larger than qianming's documented limits.
    InputTooLarge = 11, "input_too_large", "the input is larger than the documented limit";
    /// An AES key is not 16, 24 or 32 bytes long.
    InvalidKeyLength = 12, "invalid_key_length", "the AES key must be 16, 24 or 32 bytes";
    /// A Weaver sign is not hex, or does not decrypt and unpad to UTF-8 text
    /// (server: 签名解密异常).
    Undecryptable = 13, "undecryptable", "the sign cannot be decrypted";
    /// A decrypted Weaver sign is not `<digits>_<32 hex>` (server: appid或sign参数值异常).
    MalformedSign = 14, "malformed_sign", "the decrypted sign is not <timestamp>_<md5>";
    /// A decrypted Weaver sign carries the MD5 of another appid or secret
    /// (server: appid或sign参数值异常).
    SignMismatch = 15, "sign_mismatch", "the sign was made for another appid or secret";
    /// A timestamp is older than the validity window (server: 签名已过期).
    Expired = 16, "expired", "the timestamp is older than the validity window";
    /// A timestamp lies too far in the future (server: 签名已过期).
    FutureTimestamp = 17, "future_timestamp", "the timestamp lies too far in the future";
    /// The same sign was already used (server: 禁用重复签名获取token).
    Replayed = 18, "replayed", "the same sign was already used";
    /// The replay guard is full of live entries and cannot remember another one.
    ReplayCacheFull = 19, "replay_cache_full", "the replay guard is full";
    /// A received Kingdee request signature does not match the recomputed one.
    SignatureMismatch = 20, "signature_mismatch", "the signature does not match";
    /// A header the verifier needs is missing from the received request.
    MissingHeader = 21, "missing_header", "a required header is missing";
    /// The received `X-Api-Auth-Version` is not `2.0`.
    UnsupportedAuthVersion = 22, "unsupported_auth_version", "the auth version is not 2.0";
    /// A received query string has a malformed percent escape.
    InvalidPercentEncoding = 23, "invalid_percent_encoding", "the query string has a malformed percent escape";
    /// A Basic user name contains `:` (RFC 7617).
    InvalidUserName = 24, "invalid_user_name", "the user name must not contain ':'";
    /// An `Authorization` header does not use the `Basic` scheme or is not shaped like one.
    InvalidScheme = 25, "invalid_scheme", "the Authorization header is not 'Basic <credentials>'";
    /// Basic credentials are not strict, padded, standard Base64.
    InvalidBase64 = 26, "invalid_base64", "the credentials are not strict Base64";
    /// Decoded Basic credentials have no `:` between user and password.
    MissingSeparator = 27, "missing_separator", "the credentials have no ':' separator";
    /// A received request signs a header list that leaves out the nonce or the timestamp.
    InvalidSignedHeaders = 28, "invalid_signed_headers", "the signed header list is not acceptable";
    /// An answer body is not the JSON (or form) document expected: not JSON at all, an HTML
    /// error page, truncated, empty where a document is required, or a number out of range.
    InvalidJson = 29, "invalid_json", "the answer is not a well-formed document of the expected shape";
    /// An answer lacks a field qianming needs (for example `token` when `status` is true).
    MissingField = 30, "missing_field", "a required field is missing from the answer";
    /// A field of an answer, or an input value for a builder, has the wrong type or shape (a
    /// string where a number belongs, a negative or fractional number, an empty token).
    InvalidField = 31, "invalid_field", "a field has the wrong type or shape";
    /// The vendor refused with a code or message qianming does not map to a more specific kind;
    /// the detail carries the vendor's code and message.
    VendorError = 32, "vendor_error", "the vendor refused the request";
    /// Weaver: the appid is disabled (server: 应用标识appid==>>…已被禁用).
    AppidDisabled = 33, "appid_disabled", "the appid is disabled";
    /// An access token has expired (Apusic unified identity: `expired_accessToken`).
    TokenExpired = 34, "token_expired", "the access token has expired";
    /// Apusic unified identity: the user info answer is empty because the SSO user is not
    /// bound to an account of this application.
    AccountNotBound = 35, "account_not_bound", "the SSO user is not bound to an application account";
    /// OAuth callback: `state` is missing or differs from the value the caller sent (possible
    /// CSRF or a mixed-up login).
    StateMismatch = 36, "state_mismatch", "the OAuth state does not match";
    /// The OAuth server answered with an `error` parameter (in a callback or a token answer);
    /// the detail carries `error` and `error_description`.
    OauthError = 37, "oauth_error", "the OAuth server returned an error";
    /// The server refused a login or refresh (Apusic `exit_code` other than `SUCCESS`, IoT edge
    /// gateway `success: false`); the detail carries the server's code and message.
    LoginFailed = 38, "login_failed", "the server refused the login";
    /// A base URL or host is not usable: not `http://` or `https://`, has white space, control
    /// or non-ASCII characters, user info, a query or a fragment.
    InvalidUrl = 39, "invalid_url", "the URL or host is not acceptable";
    /// A JWT is not three dot-separated base64url segments whose middle one is a JSON object
    /// with well-typed `exp`, `iat`, `nbf` and `iss` claims.
    InvalidJwt = 40, "invalid_jwt", "the JWT is malformed";
    /// A PKCE code verifier is not 43 to 128 characters of `A–Z a–z 0–9 - . _ ~` (RFC 7636).
    InvalidCodeVerifier = 41, "invalid_code_verifier", "the PKCE code verifier is malformed";
    /// A shared replay store (for example Redis) could not be asked whether a request was
    /// seen before; verification fails closed rather than accept a possible replay.
    ReplayStoreUnavailable = 42, "replay_store_unavailable", "the replay store cannot be reached";
    /// A received query carries data the signature does not cover (a pair with an empty
    /// name); refused unless the verifier is made lenient on purpose.
    UnsignedQueryData = 43, "unsigned_query_data", "the query carries data the signature does not cover";
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error from qianming: a stable [`ErrorKind`] plus a human-readable detail.
///
/// The detail never contains secret material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    detail: Cow<'static, str>,
}

impl Error {
    /// Creates an error of `kind` with a detail message.
    // Errors are the cold path: one out-of-line copy, not one inlined into every check
    // (which mostly costs WebAssembly size).
    #[cold]
    #[inline(never)]
    pub fn new(kind: ErrorKind, detail: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind,
            detail: detail.into(),
        }
    }

    /// The stable kind of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable detail of this error (never contains secrets).
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The detail message as an owned string.
    pub fn into_detail(self) -> String {
        self.detail.into_owned()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl core::error::Error for Error {}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind, kind.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_are_unique_and_round_trip() {
        for (i, kind) in ErrorKind::ALL.iter().enumerate() {
            assert_eq!(ErrorKind::from_name(kind.name()), Some(*kind));
            assert_eq!(ErrorKind::from_code(kind.code()), Some(*kind));
            for other in &ErrorKind::ALL[i + 1..] {
                assert_ne!(kind.name(), other.name());
                assert_ne!(kind.code(), other.code());
            }
        }
    }
}
