//! The canonical request of the Kingdee gateway (ALGORITHMS.md §1.2): one place, used by the
//! signer and the verifier alike.

use crate::encode::{
    gateway_after_java_into, gateway_encode_into, gateway_twice_into, java_encode_into,
};
use crate::error::{Error, ErrorKind, Result};
use crate::http::Method;
use crate::limits;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// `G(path)`: the canonical path.
///
/// ```
/// assert_eq!(qianming::kingdee::canonical_path("/jdy/v2/a b"), "%2Fjdy%2Fv2%2Fa+b");
/// ```
pub fn canonical_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + path.len() / 2);
    gateway_encode_into(&mut out, path);
    out
}

/// The canonical query of `pairs` (name, value), in whatever order the caller lists them.
///
/// Each pair becomes `G(name) "=" J(value)`; those strings are sorted by bytes; each is then
/// split at its first `=`, pairs with an empty name are dropped and the rest written as
/// `G(name part) "=" G(value part)`, joined by `&`. Duplicate names are refused.
///
/// ```
/// let q = qianming::kingdee::canonical_query(&[("b", "x=y"), ("a", "1 2"), ("", "gone")]).unwrap();
/// assert_eq!(q, "a=1%2B2&b=x%253Dy");
/// ```
pub fn canonical_query(pairs: &[(&str, &str)]) -> Result<String> {
    let mut out = String::new();
    canonical_query_into(&mut out, pairs)?;
    Ok(out)
}

/// Appends the canonical query of `pairs` to `out` (see [`canonical_query`]).
pub(crate) fn canonical_query_into(out: &mut String, pairs: &[(&str, &str)]) -> Result<()> {
    limits::check_len(
        "the number of query parameters",
        pairs.len(),
        limits::MAX_QUERY_PAIRS,
    )?;
    if pairs.is_empty() {
        return Ok(());
    }
    // Every sort key `G(name)=J(value)` lives in one buffer; `keys` holds (start, name end, end, pair).
    let mut buffer = String::new();
    let mut keys: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(pairs.len());
    for (index, (name, value)) in pairs.iter().enumerate() {
        limits::check_text("a query name", name)?;
        limits::check_text("a query value", value)?;
        let start = buffer.len();
        gateway_encode_into(&mut buffer, name);
        let name_end = buffer.len();
        buffer.push('=');
        java_encode_into(&mut buffer, value);
        keys.push((start, name_end, buffer.len(), index));
    }
    keys.sort_unstable_by(|a, b| buffer[a.0..a.2].cmp(&buffer[b.0..b.2]));
    // G never writes `=`, so equal names sort next to each other.
    for window in keys.windows(2) {
        if buffer[window[0].0..window[0].1] == buffer[window[1].0..window[1].1] {
            return Err(Error::new(
                ErrorKind::DuplicateQueryName,
                format!("query parameter {:?} is given twice", pairs[window[0].3].0),
            ));
        }
    }
    out.reserve(buffer.len() + buffer.len() / 2);
    let mut first = true;
    for &(_, _, _, index) in &keys {
        let (name, value) = pairs[index];
        if name.is_empty() {
            continue;
        }
        if !first {
            out.push('&');
        }
        first = false;
        gateway_twice_into(out, name);
        out.push('=');
        gateway_after_java_into(out, value);
    }
    Ok(())
}

/// The query string to put on the wire: `J(name)=J(value)` joined by `&`, in the caller's
/// order, without the pairs that have an empty name (the gateway drops them too).
pub(crate) fn wire_query(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs.iter().filter(|(name, _)| !name.is_empty()) {
        if !out.is_empty() {
            out.push('&');
        }
        java_encode_into(&mut out, name);
        out.push('=');
        java_encode_into(&mut out, value);
    }
    out
}

/// Writes the string to sign. `headers` are the signed headers (name as listed, value) in
/// the order of the signed header list.
pub(crate) fn write_string_to_sign(
    out: &mut String,
    method: Method,
    canonical_path: &str,
    canonical_query: &str,
    headers: &[(&str, &str)],
) {
    out.push_str(method.as_str());
    out.push('\n');
    out.push_str(canonical_path);
    out.push('\n');
    out.push_str(canonical_query);
    out.push('\n');
    for (name, value) in headers {
        for c in name.chars() {
            out.push(c.to_ascii_lowercase());
        }
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
}
