//! The canonical request of the Kingdee gateway (ALGORITHMS.md §1.2): one place, used by the
//! signer and the verifier alike.

use crate::encode::{
    gateway_after_java_into, gateway_encode_into, gateway_twice_into, java_encode_into,
    EncodedBytes,
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
    write_canonical_query(&mut out, pairs, &mut Scratch::default())?;
    Ok(out)
}

/// Reusable working memory for sorting query pairs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    /// Pair indices, sorted by their keys.
    order: Vec<usize>,
}

/// The sort key of a pair, `G(name) "=" J(value)`, as a stream of bytes.
fn sort_key<'a>(pair: &(&'a str, &'a str)) -> impl Iterator<Item = u8> + 'a {
    EncodedBytes::gateway(pair.0)
        .chain(core::iter::once(b'='))
        .chain(EncodedBytes::java(pair.1))
}

/// Appends the canonical query of `pairs` to `out` (see [`canonical_query`]).
pub(crate) fn write_canonical_query(
    out: &mut String,
    pairs: &[(&str, &str)],
    scratch: &mut Scratch,
) -> Result<()> {
    limits::check_len(
        "the number of query parameters",
        pairs.len(),
        limits::MAX_QUERY_PAIRS,
    )?;
    if pairs.is_empty() {
        return Ok(());
    }
    for (name, value) in pairs {
        limits::check_text("a query name", name)?;
        limits::check_text("a query value", value)?;
    }
    let order = &mut scratch.order;
    order.clear();
    order.extend(0..pairs.len());
    // Sorted on the encoded `G(name)=J(value)` without writing it out.
    crate::sort::sort_unstable_by(order, |&a, &b| sort_key(&pairs[a]).cmp(sort_key(&pairs[b])));
    // G is one-to-one and never writes `=`, so equal names sort next to each other.
    for window in order.windows(2) {
        if pairs[window[0]].0 == pairs[window[1]].0 {
            return Err(Error::new(
                ErrorKind::DuplicateQueryName,
                format!("query parameter {:?} is given twice", pairs[window[0]].0),
            ));
        }
    }
    let mut first = true;
    for &index in order.iter() {
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

/// Appends the query string to put on the wire: `J(name)=J(value)` joined by `&`, in the
/// caller's order, without the pairs that have an empty name (the gateway drops them too).
pub(crate) fn write_wire_query(out: &mut String, pairs: &[(&str, &str)]) {
    let mut first = true;
    for (name, value) in pairs.iter().filter(|(name, _)| !name.is_empty()) {
        if !first {
            out.push('&');
        }
        first = false;
        java_encode_into(out, name);
        out.push('=');
        java_encode_into(out, value);
    }
}

/// Where the parts of a string to sign lie within it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StringToSign {
    /// The canonical path.
    pub(crate) path: (usize, usize),
    /// The canonical query.
    pub(crate) query: (usize, usize),
    /// The whole string to sign.
    pub(crate) whole: (usize, usize),
}

/// Appends the string to sign to `out`. `headers` yields the signed headers (name as listed,
/// value) in the order of the signed header list.
pub(crate) fn write_string_to_sign<'h>(
    out: &mut String,
    method: Method,
    path: &str,
    pairs: &[(&str, &str)],
    headers: impl Iterator<Item = (&'h str, &'h str)>,
    scratch: &mut Scratch,
) -> Result<StringToSign> {
    let start = out.len();
    out.push_str(method.as_str());
    out.push('\n');
    let path_start = out.len();
    gateway_encode_into(out, path);
    let path_end = out.len();
    out.push('\n');
    write_canonical_query(out, pairs, scratch)?;
    let query_end = out.len();
    out.push('\n');
    for (name, value) in headers {
        let start = out.len();
        out.push_str(name);
        if let Some(pushed) = out.get_mut(start..) {
            pushed.make_ascii_lowercase();
        }
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    Ok(StringToSign {
        path: (path_start, path_end),
        query: (path_end + 1, query_end),
        whole: (start, out.len()),
    })
}
