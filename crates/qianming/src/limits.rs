//! Documented size limits. Inputs beyond them are refused with `input_too_large`, so no caller
//! can make qianming allocate without bound.

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
