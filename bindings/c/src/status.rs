//! `qm_status`: the result of every function, and its stable names and messages.

use core::ffi::{c_char, CStr};
use qianming::ErrorKind;

/// The result of every libqianming function.
///
/// `QM_STATUS_OK` is 0. Every core error kind has the status whose value is the kind's stable
/// code (1, 2, …); those values are shared with every other binding and are never reused.
/// Statuses that only the C ABI can produce start at 1000, leaving room for new core kinds.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum qm_status {
    /// Success: the outputs were written.
    Ok = 0,
    /// A client secret, app secret or Weaver secret is empty.
    EmptySecret = 1,
    /// A timestamp is not a non-negative decimal integer (or does not fit in 64 bits).
    InvalidTimestamp = 2,
    /// A value that must travel in an HTTP header cannot travel unchanged.
    InvalidHeaderValue = 3,
    /// A header name is not an HTTP token (RFC 9110 `tchar`).
    InvalidHeaderName = 4,
    /// A header to sign was named but given no value (its value pointer is NULL).
    MissingHeaderValue = 5,
    /// An extra header to sign names one of the headers the signer sets itself.
    ReservedHeader = 6,
    /// The same header is given twice (names compare case-insensitively).
    DuplicateHeader = 7,
    /// The same query parameter name is given twice.
    DuplicateQueryName = 8,
    /// The HTTP method is not GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS.
    UnsupportedMethod = 9,
    /// Decoded text is not valid Unicode (for example Basic credentials that are not UTF-8).
    InvalidUnicode = 10,
    /// An input is larger than the core's documented limits.
    InputTooLarge = 11,
    /// An AES key is not 16, 24 or 32 bytes long.
    InvalidKeyLength = 12,
    /// A Weaver sign is not hex, or does not decrypt and unpad to UTF-8 text.
    Undecryptable = 13,
    /// A decrypted Weaver sign is not `<digits>_<32 hex>`.
    MalformedSign = 14,
    /// A decrypted Weaver sign carries the MD5 of another appid or secret.
    SignMismatch = 15,
    /// A timestamp is older than the validity window.
    Expired = 16,
    /// A timestamp lies too far in the future.
    FutureTimestamp = 17,
    /// The same Weaver sign was already used.
    Replayed = 18,
    /// The Weaver replay guard is full of live entries.
    ReplayCacheFull = 19,
    /// A received Kingdee request signature does not match the recomputed one.
    SignatureMismatch = 20,
    /// A header the verifier needs is missing from the received request.
    MissingHeader = 21,
    /// The received `X-Api-Auth-Version` is not `2.0`.
    UnsupportedAuthVersion = 22,
    /// A received query string has a malformed percent escape.
    InvalidPercentEncoding = 23,
    /// A Basic user name contains `:`.
    InvalidUserName = 24,
    /// An `Authorization` header is not `Basic <credentials>`.
    InvalidScheme = 25,
    /// Basic credentials are not strict, padded, standard Base64.
    InvalidBase64 = 26,
    /// Decoded Basic credentials have no `:` between user and password.
    MissingSeparator = 27,
    /// A received request signs a header list that leaves out the nonce or the timestamp.
    InvalidSignedHeaders = 28,
    /// An answer body is not the JSON (or form) document expected: not JSON at all, an HTML
    /// error page, truncated, empty where a document is required, or a number out of range.
    InvalidJson = 29,
    /// An answer lacks a field qianming needs (for example `token` when `status` is true).
    MissingField = 30,
    /// A field of an answer, or an input value for a builder, has the wrong type or shape (a
    /// string where a number belongs, a negative or fractional number, an empty token).
    InvalidField = 31,
    /// The vendor refused with a code or message qianming does not map to a more specific kind;
    /// the detail carries the vendor's code and message.
    VendorError = 32,
    /// Weaver: the appid is disabled (server: 应用标识appid==>>…已被禁用).
    AppidDisabled = 33,
    /// An access token has expired (Apusic unified identity: `expired_accessToken`).
    TokenExpired = 34,
    /// Apusic unified identity: the user info answer is empty because the SSO user is not
    /// bound to an account of this application.
    AccountNotBound = 35,
    /// OAuth callback: `state` is missing or differs from the value the caller sent (possible
    /// CSRF or a mixed-up login).
    StateMismatch = 36,
    /// The OAuth server answered with an `error` parameter (in a callback or a token answer);
    /// the detail carries `error` and `error_description`.
    OauthError = 37,
    /// The server refused a login or refresh (Apusic `exit_code` other than `SUCCESS`, IoT edge
    /// gateway `success: false`); the detail carries the server's code and message.
    LoginFailed = 38,
    /// A base URL or host is not usable: not `http://` or `https://`, has white space, control
    /// or non-ASCII characters, user info, a query or a fragment.
    InvalidUrl = 39,
    /// A JWT is not three dot-separated base64url segments whose middle one is a JSON object
    /// with well-typed `exp`, `iat`, `nbf` and `iss` claims.
    InvalidJwt = 40,
    /// A PKCE code verifier is not 43 to 128 characters of `A–Z a–z 0–9 - . _ ~` (RFC 7636).
    InvalidCodeVerifier = 41,
    /// A shared replay store could not be asked whether a request was seen before;
    /// verification fails closed.
    ReplayStoreUnavailable = 42,
    /// A received query carries data the signature does not cover (a pair with an empty name).
    UnsignedQueryData = 43,
    /// A required pointer argument is NULL. Nothing was written.
    NullArgument = 1000,
    /// A `(ptr, len)` string argument is not valid UTF-8. Nothing was written.
    InvalidUtf8 = 1001,
    /// The output buffer is too small: `*out_len` holds the size needed; call again with a
    /// buffer at least that large. Nothing else was written.
    InsufficientSize = 1002,
    /// libqianming panicked (a bug): the panic was caught at the ABI boundary and nothing was
    /// written.
    Panic = 1003,
    /// The core refused with an error kind this build of libqianming has no status for (a
    /// newer core than the binding; cannot happen with the shipped library).
    UnknownError = 1004,
}

impl From<ErrorKind> for qm_status {
    fn from(kind: ErrorKind) -> Self {
        use qm_status as S;
        match kind {
            ErrorKind::EmptySecret => S::EmptySecret,
            ErrorKind::InvalidTimestamp => S::InvalidTimestamp,
            ErrorKind::InvalidHeaderValue => S::InvalidHeaderValue,
            ErrorKind::InvalidHeaderName => S::InvalidHeaderName,
            ErrorKind::MissingHeaderValue => S::MissingHeaderValue,
            ErrorKind::ReservedHeader => S::ReservedHeader,
            ErrorKind::DuplicateHeader => S::DuplicateHeader,
            ErrorKind::DuplicateQueryName => S::DuplicateQueryName,
            ErrorKind::UnsupportedMethod => S::UnsupportedMethod,
            ErrorKind::InvalidUnicode => S::InvalidUnicode,
            ErrorKind::InputTooLarge => S::InputTooLarge,
            ErrorKind::InvalidKeyLength => S::InvalidKeyLength,
            ErrorKind::Undecryptable => S::Undecryptable,
            ErrorKind::MalformedSign => S::MalformedSign,
            ErrorKind::SignMismatch => S::SignMismatch,
            ErrorKind::Expired => S::Expired,
            ErrorKind::FutureTimestamp => S::FutureTimestamp,
            ErrorKind::Replayed => S::Replayed,
            ErrorKind::ReplayCacheFull => S::ReplayCacheFull,
            ErrorKind::SignatureMismatch => S::SignatureMismatch,
            ErrorKind::MissingHeader => S::MissingHeader,
            ErrorKind::UnsupportedAuthVersion => S::UnsupportedAuthVersion,
            ErrorKind::InvalidPercentEncoding => S::InvalidPercentEncoding,
            ErrorKind::InvalidUserName => S::InvalidUserName,
            ErrorKind::InvalidScheme => S::InvalidScheme,
            ErrorKind::InvalidBase64 => S::InvalidBase64,
            ErrorKind::MissingSeparator => S::MissingSeparator,
            ErrorKind::InvalidSignedHeaders => S::InvalidSignedHeaders,
            ErrorKind::InvalidJson => S::InvalidJson,
            ErrorKind::MissingField => S::MissingField,
            ErrorKind::InvalidField => S::InvalidField,
            ErrorKind::VendorError => S::VendorError,
            ErrorKind::AppidDisabled => S::AppidDisabled,
            ErrorKind::TokenExpired => S::TokenExpired,
            ErrorKind::AccountNotBound => S::AccountNotBound,
            ErrorKind::StateMismatch => S::StateMismatch,
            ErrorKind::OauthError => S::OauthError,
            ErrorKind::LoginFailed => S::LoginFailed,
            ErrorKind::InvalidUrl => S::InvalidUrl,
            ErrorKind::InvalidJwt => S::InvalidJwt,
            ErrorKind::InvalidCodeVerifier => S::InvalidCodeVerifier,
            ErrorKind::ReplayStoreUnavailable => S::ReplayStoreUnavailable,
            ErrorKind::UnsignedQueryData => S::UnsignedQueryData,
            _ => S::UnknownError,
        }
    }
}

/// The static message of a status, as Rust text (what `qm_status_message` returns).
pub(crate) fn message_of(status: qm_status) -> &'static str {
    // SAFETY: `qm_status_message` returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(qm_status_message(status as u32)) }
        .to_str()
        .unwrap_or("unknown status")
}

/// Room for one NUL-terminated kind name or message in the static tables below.
const TEXT_CAP: usize = 96;
const KIND_COUNT: usize = ErrorKind::ALL.len();

/// The names (`messages == false`) or messages of every core kind, NUL-terminated, built at
/// compile time so the lookups below return static strings without allocating.
const fn kind_texts(messages: bool) -> [[u8; TEXT_CAP]; KIND_COUNT] {
    let mut table = [[0u8; TEXT_CAP]; KIND_COUNT];
    let mut i = 0;
    while i < KIND_COUNT {
        let kind = ErrorKind::ALL[i];
        let text = if messages {
            kind.message()
        } else {
            kind.name()
        }
        .as_bytes();
        assert!(text.len() < TEXT_CAP, "raise TEXT_CAP");
        let mut j = 0;
        while j < text.len() {
            table[i][j] = text[j];
            j += 1;
        }
        i += 1;
    }
    table
}

static KIND_NAMES: [[u8; TEXT_CAP]; KIND_COUNT] = kind_texts(false);
static KIND_MESSAGES: [[u8; TEXT_CAP]; KIND_COUNT] = kind_texts(true);

/// The (name, message) of a status that is not a core kind, or `None`.
fn abi_text(status: u32) -> Option<(&'static CStr, &'static CStr)> {
    Some(match status {
        0 => (c"ok", c"success"),
        1000 => (c"null_argument", c"a required pointer argument is NULL"),
        1001 => (c"invalid_utf8", c"a string argument is not valid UTF-8"),
        1002 => (
            c"insufficient_size",
            c"the output buffer is too small; out_len holds the size needed",
        ),
        1003 => (c"panic", c"libqianming panicked; the call had no effect"),
        1004 => (
            c"unknown_error",
            c"the core refused with an error kind this library version does not know",
        ),
        _ => return None,
    })
}

fn kind_text(status: u32, table: &'static [[u8; TEXT_CAP]; KIND_COUNT]) -> *const c_char {
    let index = ErrorKind::ALL.iter().position(|k| k.code() == status);
    match index {
        Some(i) => table[i].as_ptr().cast(),
        None => core::ptr::null(),
    }
}

/// The body of `qm_status_name`.
fn name(status: u32) -> *const c_char {
    match abi_text(status) {
        Some((name, _)) => name.as_ptr(),
        None => or_unknown(kind_text(status, &KIND_NAMES), c"unknown_status"),
    }
}

/// The body of `qm_status_message`.
fn message(status: u32) -> *const c_char {
    match abi_text(status) {
        Some((_, message)) => message.as_ptr(),
        None => or_unknown(kind_text(status, &KIND_MESSAGES), c"unknown status"),
    }
}

fn or_unknown(text: *const c_char, unknown: &'static CStr) -> *const c_char {
    if text.is_null() {
        unknown.as_ptr()
    } else {
        text
    }
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/status.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ptr: *const c_char) -> &'static str {
        // SAFETY: both lookups return pointers to static NUL-terminated strings.
        unsafe { CStr::from_ptr(ptr) }
            .to_str()
            .unwrap_or("<not utf-8>")
    }

    #[test]
    fn every_core_kind_has_a_status_with_its_value_and_name() {
        for &kind in ErrorKind::ALL {
            let status = qm_status::from(kind);
            assert_ne!(status, qm_status::UnknownError, "{kind:?} has no status");
            assert_eq!(status as u32, kind.code(), "{kind:?}");
            assert_eq!(text(qm_status_name(status as u32)), kind.name());
            assert_eq!(text(qm_status_message(status as u32)), kind.message());
        }
    }

    #[test]
    fn abi_statuses_leave_room_for_new_kinds_and_have_names() {
        let abi = [
            (qm_status::Ok, "ok"),
            (qm_status::NullArgument, "null_argument"),
            (qm_status::InvalidUtf8, "invalid_utf8"),
            (qm_status::InsufficientSize, "insufficient_size"),
            (qm_status::Panic, "panic"),
            (qm_status::UnknownError, "unknown_error"),
        ];
        for (status, name) in abi {
            assert_eq!(text(qm_status_name(status as u32)), name);
            assert!(ErrorKind::from_code(status as u32).is_none());
            assert!(!text(qm_status_message(status as u32)).is_empty());
        }
        assert_eq!(text(qm_status_name(999)), "unknown_status");
        assert_eq!(text(qm_status_message(u32::MAX)), "unknown status");
    }
}
