//! A bounded front end to `serde_json` for vendor answers: size and depth limits checked
//! before parsing, typed errors for every way an answer can be wrong.

use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use alloc::format;
use alloc::string::{String, ToString};
use serde_json_alloc::{Map, Value};

/// A JSON object.
pub(crate) type Object = Map<String, Value>;

/// Checks the size limit, strips white space (and a UTF-8 byte-order mark) around `body`.
pub(crate) fn trimmed<'a>(what: &str, body: &'a [u8]) -> Result<&'a [u8]> {
    if body.len() > limits::MAX_ANSWER_BYTES {
        return Err(Error::new(
            ErrorKind::InputTooLarge,
            format!(
                "{what} is {} bytes; the limit is {}",
                body.len(),
                limits::MAX_ANSWER_BYTES
            ),
        ));
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let end = body
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    Ok(&body[start..end])
}

/// Refuses nesting deeper than [`limits::MAX_JSON_DEPTH`] with one linear pass (strings are
/// skipped, so brackets inside them do not count).
fn check_depth(what: &str, body: &[u8]) -> Result<()> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in body {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limits::MAX_JSON_DEPTH {
                    return Err(Error::new(
                        ErrorKind::InputTooLarge,
                        format!(
                            "{what} nests arrays or objects deeper than {}",
                            limits::MAX_JSON_DEPTH
                        ),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parses an answer that must be one JSON object. `what` names the answer in errors.
pub(crate) fn parse_object(what: &str, body: &[u8]) -> Result<Object> {
    let body = trimmed(what, body)?;
    parse_trimmed_object(what, body)
}

/// [`parse_object`] for a body already passed through [`trimmed`].
pub(crate) fn parse_trimmed_object(what: &str, body: &[u8]) -> Result<Object> {
    let invalid = |why: String| Error::new(ErrorKind::InvalidJson, format!("{what} {why}"));
    match body.first() {
        None => return Err(invalid("is empty".to_string())),
        Some(b'<') => {
            return Err(invalid(
                "looks like an HTML or XML page (an HTTP error page or a proxy), not JSON"
                    .to_string(),
            ))
        }
        Some(_) => {}
    }
    check_depth(what, body)?;
    let value: Value = serde_json_alloc::from_slice(body).map_err(|e| {
        let why = if e.is_eof() {
            "is truncated (the JSON ends early)"
        } else if e.is_syntax() {
            "is not valid JSON"
        } else {
            "is not acceptable JSON"
        };
        invalid(format!("{why}: {e}"))
    })?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(invalid("is JSON but not an object".to_string())),
    }
}

/// A field, with `null` treated as absent.
pub(crate) fn get<'a>(object: &'a Object, name: &str) -> Option<&'a Value> {
    object.get(name).filter(|v| !v.is_null())
}

fn missing(what: &str, name: &str) -> Error {
    Error::new(
        ErrorKind::MissingField,
        format!("{what} has no field {name:?}"),
    )
}

fn wrong(what: &str, name: &str, want: &str) -> Error {
    Error::new(
        ErrorKind::InvalidField,
        format!("field {name:?} of {what} is not {want}"),
    )
}

/// A required string field.
pub(crate) fn req_str<'a>(object: &'a Object, what: &str, name: &str) -> Result<&'a str> {
    opt_str(object, what, name)?.ok_or_else(|| missing(what, name))
}

/// A required, non-empty string field (a token).
pub(crate) fn req_token<'a>(object: &'a Object, what: &str, name: &str) -> Result<&'a str> {
    let token = req_str(object, what, name)?;
    if token.is_empty() {
        return Err(wrong(what, name, "a non-empty string"));
    }
    Ok(token)
}

/// An optional string field (absent or `null` → `None`).
pub(crate) fn opt_str<'a>(object: &'a Object, what: &str, name: &str) -> Result<Option<&'a str>> {
    match get(object, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong(what, name, "a string")),
    }
}

/// A required boolean field.
pub(crate) fn req_bool(object: &Object, what: &str, name: &str) -> Result<bool> {
    match get(object, name) {
        None => Err(missing(what, name)),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(wrong(what, name, "true or false")),
    }
}

/// An optional non-negative integer field that fits in 64 bits.
pub(crate) fn opt_u64(object: &Object, what: &str, name: &str) -> Result<Option<u64>> {
    match get(object, name) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| wrong(what, name, "a non-negative integer that fits in 64 bits")),
    }
}

/// A required non-negative integer field that fits in 64 bits.
pub(crate) fn req_u64(object: &Object, what: &str, name: &str) -> Result<u64> {
    opt_u64(object, what, name)?.ok_or_else(|| missing(what, name))
}

/// An optional code: an integer (kept as its decimal text) or a string.
pub(crate) fn opt_code(object: &Object, what: &str, name: &str) -> Result<Option<String>> {
    match get(object, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v @ Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Some(v.to_string())),
        Some(_) => Err(wrong(what, name, "an integer or a string")),
    }
}

/// A required object field.
pub(crate) fn req_object<'a>(object: &'a Object, what: &str, name: &str) -> Result<&'a Object> {
    match get(object, name) {
        None => Err(missing(what, name)),
        Some(Value::Object(o)) => Ok(o),
        Some(_) => Err(wrong(what, name, "an object")),
    }
}

/// Writes `text` as a JSON string literal (quotes included): `"` and `\` escaped, `\b \f \n
/// \r \t` in short form, other control characters as `\u00XX`; everything else as is (UTF-8).
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Compact JSON text of `value` with object keys in byte order at every level, so the text
/// does not depend on whether serde_json keeps insertion order (its `preserve_order`
/// feature). Depth is bounded by the [`limits::MAX_JSON_DEPTH`] check done before parsing.
pub(crate) fn canonical_text(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: alloc::vec::Vec<(&String, &Value)> = map.iter().collect();
            crate::sort::sort_unstable_by(&mut entries, |a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;

    fn kind(body: &[u8]) -> ErrorKind {
        parse_object("t", body)
            .map(|_| ())
            .expect_err("refused")
            .kind()
    }

    #[test]
    fn hostile_bodies_give_typed_errors() {
        assert_eq!(kind(b""), ErrorKind::InvalidJson);
        assert_eq!(kind(b"  \n "), ErrorKind::InvalidJson);
        assert_eq!(
            kind(b"<html><body>502</body></html>"),
            ErrorKind::InvalidJson
        );
        assert_eq!(kind(b"{\"a\":"), ErrorKind::InvalidJson);
        assert_eq!(kind(b"[1]"), ErrorKind::InvalidJson);
        assert_eq!(kind(b"{\"a\":1e400}"), ErrorKind::InvalidJson);
        assert_eq!(kind(b"{\"a\":\"\xff\"}"), ErrorKind::InvalidJson);
        let deep: Vec<u8> = [vec![b'['; 100_000], vec![b']'; 100_000]].concat();
        assert_eq!(kind(&deep), ErrorKind::InputTooLarge);
        let mut big = b"{\"a\":\"".to_vec();
        big.resize(1 << 20, b'a');
        assert_eq!(kind(&big), ErrorKind::InputTooLarge);
        // Brackets inside strings do not count towards the depth.
        let brackets = format!("{{\"a\":\"{}\"}}", "[".repeat(1000));
        assert!(parse_object("t", brackets.as_bytes()).is_ok());
        assert!(parse_object("t", b"\xEF\xBB\xBF {\"a\":1} ").is_ok());
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let text = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{7f}中";
        let mut ours = String::new();
        push_string(&mut ours, text);
        let theirs =
            serde_json_alloc::to_string(&Value::String(text.to_string())).expect("serialize");
        assert_eq!(ours, theirs);
    }
}
