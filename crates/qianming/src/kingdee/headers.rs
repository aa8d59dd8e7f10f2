//! Names of the headers the Kingdee signer sets, and the signed header list.

/// `X-Api-ClientID`: the client id.
pub const CLIENT_ID: &str = "X-Api-ClientID";
/// `X-Api-Auth-Version`: always `2.0`.
pub const AUTH_VERSION: &str = "X-Api-Auth-Version";
/// `X-Api-TimeStamp`: milliseconds since the epoch.
pub const TIMESTAMP: &str = "X-Api-TimeStamp";
/// `X-Api-Nonce`: the nonce.
pub const NONCE: &str = "X-Api-Nonce";
/// `X-Api-SignHeaders`: the signed header names joined by `,`.
pub const SIGN_HEADERS: &str = "X-Api-SignHeaders";
/// `X-Api-Signature`: the signature.
pub const SIGNATURE: &str = "X-Api-Signature";
/// The value of `X-Api-Auth-Version`.
pub const AUTH_VERSION_VALUE: &str = "2.0";

/// The headers the signer sets itself, in the order [`SignedRequest::headers`] lists them.
///
/// [`SignedRequest::headers`]: super::SignedRequest::headers
pub const SIGNER_HEADERS: [&str; 6] = [
    CLIENT_ID,
    AUTH_VERSION,
    TIMESTAMP,
    NONCE,
    SIGN_HEADERS,
    SIGNATURE,
];

/// Where the signer header `name` (compared case-insensitively, as HTTP header names are)
/// stands in [`SIGNER_HEADERS`], or `None` for any other name.
///
/// ```
/// use qianming::kingdee::headers::{signer_header_index, SIGNER_HEADERS};
/// assert_eq!(signer_header_index("x-api-signature"), Some(5));
/// assert_eq!(SIGNER_HEADERS[5], "X-Api-Signature");
/// assert_eq!(signer_header_index("Content-Type"), None);
/// ```
pub fn signer_header_index(name: &str) -> Option<usize> {
    SIGNER_HEADERS
        .iter()
        .position(|header| header.eq_ignore_ascii_case(name))
}
