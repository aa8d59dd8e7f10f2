//! A bounded reader of vendor answers (docs/spec/common.md#reading-answers): size and depth limits
//! checked before parsing, a strict RFC 8259 parser of its own ([`parse`]), and typed errors for
//! every way an answer can be wrong. It replaced serde_json and keeps what serde_json accepted,
//! refused and read, with two exceptions (see [`value`]): [`canonical_text`] writes non-integer
//! numbers as received, and the range of `f64` is decided exactly where serde_json rounded
//! approximately (numbers within about one unit in the last place of `f64::MAX`).

#[cfg(test)]
mod differential;
mod parse;
#[cfg(test)]
mod tests;
mod value;

pub(crate) use value::{canonical_text, push_string, Object, Value};

use crate::decimal::{format_u64, itoa_buffer};
use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use alloc::string::String;
use parse::{Fault, FaultKind};

/// `parts` joined into one error detail (no `format!`: its machinery is large in a `.wasm`).
fn detail(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

fn decimal(value: usize, buffer: &mut crate::decimal::DecimalBuffer) -> &str {
    format_u64(value as u64, buffer)
}

/// The range of `body` without white space (and a UTF-8 byte-order mark) around it.
fn trim(body: &[u8]) -> (usize, usize) {
    let bom = if body.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let start = body[bom..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(body.len(), |i| bom + i);
    let end = body[start..]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| start + i + 1);
    (start, end)
}

fn check_size(what: &str, body: &[u8]) -> Result<()> {
    if body.len() > limits::MAX_ANSWER_BYTES {
        let (mut a, mut b) = (itoa_buffer(), itoa_buffer());
        return Err(Error::new(
            ErrorKind::InputTooLarge,
            detail(&[
                what,
                " is ",
                decimal(body.len(), &mut a),
                " bytes; the limit is ",
                decimal(limits::MAX_ANSWER_BYTES, &mut b),
            ]),
        ));
    }
    Ok(())
}

/// Checks the size limit, strips white space (and a UTF-8 byte-order mark) around `body`.
#[inline(never)]
pub(crate) fn trimmed<'a>(what: &str, body: &'a [u8]) -> Result<&'a [u8]> {
    check_size(what, body)?;
    let (start, end) = trim(body);
    Ok(&body[start..end])
}

fn too_deep(what: &str) -> Error {
    let mut buffer = itoa_buffer();
    Error::new(
        ErrorKind::InputTooLarge,
        detail(&[
            what,
            " nests arrays or objects deeper than ",
            decimal(limits::MAX_JSON_DEPTH, &mut buffer),
        ]),
    )
}

/// Refuses nesting deeper than [`limits::MAX_JSON_DEPTH`] with one linear pass (strings are
/// skipped, so brackets inside them do not count), before the parser runs.
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
                    return Err(too_deep(what));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn invalid(what: &str, why: &str) -> Error {
    Error::new(ErrorKind::InvalidJson, detail(&[what, " ", why]))
}

/// The error for a parser refusal; `offset` is where the parsed text starts in the body.
fn refused(what: &str, offset: usize, fault: Fault) -> Error {
    let mut buffer = itoa_buffer();
    let at = decimal(offset + fault.at, &mut buffer);
    let text = match fault.kind {
        FaultKind::TooDeep => return too_deep(what),
        FaultKind::Truncated => detail(&[
            what,
            " is truncated: the JSON ends early at byte ",
            at,
            " (",
            fault.why,
            ")",
        ]),
        FaultKind::Invalid => detail(&[what, " is not valid JSON: ", fault.why, " at byte ", at]),
    };
    Error::new(ErrorKind::InvalidJson, text)
}

/// Parses an answer that must be one JSON object. `what` names the answer in errors, which
/// give byte offsets into `body`.
#[inline(never)]
pub(crate) fn parse_object(what: &str, body: &[u8]) -> Result<Object> {
    check_size(what, body)?;
    let (offset, end) = trim(body);
    let text = &body[offset..end];
    match text.first() {
        None => return Err(invalid(what, "is empty")),
        Some(b'<') => {
            return Err(invalid(
                what,
                "looks like an HTML or XML page (an HTTP error page or a proxy), not JSON",
            ))
        }
        Some(_) => {}
    }
    check_depth(what, text)?;
    match parse::parse(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid(what, "is JSON but not an object")),
        Err(fault) => Err(refused(what, offset, fault)),
    }
}

/// A field, with `null` treated as absent.
pub(crate) fn get<'a>(object: &'a Object, name: &str) -> Option<&'a Value> {
    object.get(name).filter(|v| !v.is_null())
}

fn quoted(name: &str) -> String {
    let mut out = String::new();
    push_string(&mut out, name);
    out
}

fn missing(what: &str, name: &str) -> Error {
    Error::new(
        ErrorKind::MissingField,
        detail(&[what, " has no field ", &quoted(name)]),
    )
}

fn wrong(what: &str, name: &str, want: &str) -> Error {
    Error::new(
        ErrorKind::InvalidField,
        detail(&["field ", &quoted(name), " of ", what, " is not ", want]),
    )
}

/// A required string field.
#[inline(never)]
pub(crate) fn req_str<'a>(object: &'a Object, what: &str, name: &str) -> Result<&'a str> {
    opt_str(object, what, name)?.ok_or_else(|| missing(what, name))
}

/// A required, non-empty string field (a token).
#[inline(never)]
pub(crate) fn req_token<'a>(object: &'a Object, what: &str, name: &str) -> Result<&'a str> {
    let token = req_str(object, what, name)?;
    if token.is_empty() {
        return Err(wrong(what, name, "a non-empty string"));
    }
    Ok(token)
}

/// An optional string field (absent or `null` → `None`).
#[inline(never)]
pub(crate) fn opt_str<'a>(object: &'a Object, what: &str, name: &str) -> Result<Option<&'a str>> {
    match get(object, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong(what, name, "a string")),
    }
}

/// A required boolean field.
#[inline(never)]
pub(crate) fn req_bool(object: &Object, what: &str, name: &str) -> Result<bool> {
    match get(object, name) {
        None => Err(missing(what, name)),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(wrong(what, name, "true or false")),
    }
}

/// An optional non-negative integer field that fits in 64 bits.
#[inline(never)]
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
#[inline(never)]
pub(crate) fn req_u64(object: &Object, what: &str, name: &str) -> Result<u64> {
    opt_u64(object, what, name)?.ok_or_else(|| missing(what, name))
}

/// An optional code: an integer (kept as its decimal text) or a string.
#[inline(never)]
pub(crate) fn opt_code(object: &Object, what: &str, name: &str) -> Result<Option<String>> {
    match get(object, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) if n.is_integer() => Ok(Some(String::from(n.as_str()))),
        Some(_) => Err(wrong(what, name, "an integer or a string")),
    }
}

/// A required object field.
#[inline(never)]
pub(crate) fn req_object<'a>(object: &'a Object, what: &str, name: &str) -> Result<&'a Object> {
    match get(object, name) {
        None => Err(missing(what, name)),
        Some(Value::Object(o)) => Ok(o),
        Some(_) => Err(wrong(what, name, "an object")),
    }
}
