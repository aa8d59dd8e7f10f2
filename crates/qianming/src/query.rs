//! Query strings and request targets as a server receives them, decoded into the pairs and
//! path that were signed (docs/spec/common.md#query-string-parsing). Shared by the Kingdee verifier,
//! the doctor and the OAuth callback and answer readers.

use crate::error::Result;
use crate::limits;
use alloc::string::String;
use alloc::vec::Vec;

/// Parses a query string as it arrives on the wire (`a=1&b=x%3Dy`) into decoded pairs, for
/// a verifier. `+` is a space; a part without `=` has an empty value; empty parts are skipped.
///
/// ```
/// let pairs = qianming::query::parse_query("app_key=abc&sig=ab%3D%3D&flag").unwrap();
/// assert_eq!(pairs, vec![("app_key".into(), "abc".into()), ("sig".into(), "ab==".into()), ("flag".into(), String::new())]);
/// ```
pub fn parse_query(raw: &str) -> Result<Vec<(String, String)>> {
    let raw = raw.strip_prefix('?').unwrap_or(raw);
    limits::check_text("the query string", raw)?;
    let mut pairs = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        limits::check_len(
            "the number of query parameters",
            pairs.len() + 1,
            limits::MAX_QUERY_PAIRS,
        )?;
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((
            crate::encode::form_decode(name)?,
            crate::encode::form_decode(value)?,
        ));
    }
    limits::check_text("the query string", raw)?;
    Ok(pairs)
}

/// A request target (`/path?query`, as on the request line) decoded as the gateway decodes it
/// before re-canonicalising: the path and the query pairs that were signed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodedTarget {
    /// The path, percent-decoded (`%XX` only: `+` stays `+`).
    pub path: String,
    /// The query pairs, form-decoded as [`parse_query`] does.
    pub query: Vec<(String, String)>,
}

/// Decodes a request target as it travels (the inverse of [`crate::kingdee::path_and_query`]): the part before
/// the first `?` by [`crate::encode::percent_decode`], the rest by [`parse_query`]. What a
/// server (or a client plugin holding an encoded URL) passes to the verifier (or the signer).
///
/// ```
/// let t = qianming::query::parse_request_target("/jdy/%E7%89%A9%E6%96%99/a%20b+c?k=v+w").unwrap();
/// assert_eq!(t.path, "/jdy/物料/a b+c");
/// assert_eq!(t.query, vec![("k".into(), "v w".into())]);
/// ```
pub fn parse_request_target(target: &str) -> Result<DecodedTarget> {
    limits::check_text("the request target", target)?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(DecodedTarget {
        path: crate::encode::percent_decode(path)?,
        query: parse_query(query)?,
    })
}
