//! Documented size limits (docs/spec/common.md#limits). Inputs beyond them are refused with
//! `input_too_large`, so no caller can make qianming allocate without bound.

use crate::error::{Error, ErrorKind, Result};

/// Longest single text input (a path, a query name or value, a header value, a secret): 64 KiB.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Most query parameters in one request: 1024.
pub const MAX_QUERY_PAIRS: usize = 1024;
/// Most extra headers to sign in one request: 64.
pub const MAX_SIGN_HEADERS: usize = 64;
/// Longest Weaver sign accepted by the verifier, in hex characters: 1024.
pub const MAX_WEAVER_SIGN_HEX: usize = 1024;
/// Longest `Authorization` header accepted by the Basic parser: 16 KiB.
pub const MAX_AUTHORIZATION_BYTES: usize = 16 * 1024;
/// Largest answer body the token parsers read: 256 KiB. Token answers are a few hundred bytes;
/// a larger body (a megabyte string, a runaway error page) is refused with `input_too_large`
/// before any parsing, so a hostile server cannot make qianming allocate without bound.
pub const MAX_ANSWER_BYTES: usize = 256 * 1024;
/// Deepest nesting of JSON arrays and objects the parsers accept: 32. Checked by a linear scan
/// before parsing (no recursion), so deep nesting gives `input_too_large`, never a stack overflow.
pub const MAX_JSON_DEPTH: usize = 32;
/// Longest JWT the payload reader decodes: 16 KiB.
pub const MAX_JWT_BYTES: usize = 16 * 1024;
/// Longest URL a builder accepts or produces: 16 KiB.
pub const MAX_URL_BYTES: usize = 16 * 1024;
/// Most attributes kept from an Apusic user info answer: 256.
pub const MAX_USER_ATTRIBUTES: usize = 256;

/// Longest pasted request the doctor reads (a curl command, a raw HTTP request, a HAR
/// document): 256 KiB.
pub const MAX_PASTED_REQUEST_BYTES: usize = 256 * 1024;
/// Most headers one pasted request may carry: 256.
pub const MAX_PASTED_HEADERS: usize = 256;

/// Refuses `text` when it is longer than [`MAX_TEXT_BYTES`]; `what` names it in the error.
pub(crate) fn check_text(what: &'static str, text: &str) -> Result<()> {
    check_len(what, text.len(), MAX_TEXT_BYTES)
}

/// Refuses a length above `max`.
pub(crate) fn check_len(what: &'static str, len: usize, max: usize) -> Result<()> {
    if len > max {
        return Err(Error::new(
            ErrorKind::InputTooLarge,
            alloc::format!("{what} is {len} long; the limit is {max}"),
        ));
    }
    Ok(())
}
