//! The `--jsonl` machine interface: one JSON object per input line, exactly one JSON object per
//! output line, in order, never stopping on a bad line.
//!
//! Success: `{"ok": true, ...fields}`. Refusal or unusable line:
//! `{"ok": false, "error": {"kind": "<stable kind>", "message": "..."}}`; when a vendor refused in
//! a well-formed answer, also `"refusal": {"code", "message", "batchkey"}` (each string or null).

use qianming::token::{Answer, Refusal};
use serde_json::{Map, Value};
use std::io::{BufRead, Write};

/// Kind for a line that is not a JSON object.
pub const INVALID_JSON: &str = qianming::ErrorKind::InvalidJson.name();
/// Kind for a JSON object that lacks a required field.
pub const MISSING_FIELD: &str = qianming::ErrorKind::MissingField.name();
/// Kind for a field of the wrong type or shape.
pub const INVALID_FIELD: &str = qianming::ErrorKind::InvalidField.name();

/// Why one line failed.
#[derive(Debug)]
pub struct LineError {
    kind: &'static str,
    message: String,
    refusal: Option<Refusal>,
}

impl LineError {
    /// A line error of `kind`.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        LineError {
            kind,
            message: message.into(),
            refusal: None,
        }
    }

    /// A vendor's refusal: its kind, its message, and the refusal data itself.
    pub fn refused(refusal: Refusal) -> Self {
        let error = qianming::Error::from(refusal.clone());
        LineError {
            kind: refusal.kind.name(),
            message: error.into_detail(),
            refusal: Some(refusal),
        }
    }
}

/// A human command fails the way its `--jsonl` line would: exit code 1 with the kind and
/// message (never a token: neither the core's messages nor a refusal carry one).
impl From<LineError> for crate::failure::Failure {
    fn from(e: LineError) -> Self {
        let kind =
            qianming::ErrorKind::from_name(e.kind).unwrap_or(qianming::ErrorKind::InvalidField);
        crate::failure::Failure::Refused(qianming::Error::new(kind, e.message))
    }
}

/// The token of a granted answer, or the vendor's refusal as a line error.
pub fn granted<T>(answer: Answer<T>) -> Result<T, LineError> {
    match answer {
        Answer::Granted(t) => Ok(t),
        Answer::Refused(r) => Err(LineError::refused(r)),
    }
}

impl From<qianming::Error> for LineError {
    fn from(e: qianming::Error) -> Self {
        LineError::new(e.kind().name(), e.detail())
    }
}

/// Runs `handle` on every line of stdin and writes one JSON line per input line.
pub fn run(
    mut handle: impl FnMut(&Map<String, Value>) -> Result<Map<String, Value>, LineError>,
) -> Result<(), crate::failure::Failure> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    let mut input = stdin.lock();
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line).map_err(|e| {
            crate::failure::Failure::Usage(format!("cannot read standard input: {e}"))
        })?;
        if n == 0 {
            break;
        }
        let text = trim_newline(&line);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let reply = match parse(text).and_then(|obj| handle(&obj)) {
            Ok(fields) => with_ok(true, &fields, false),
            Err(e) => with_ok(false, &failure(e), false),
        };
        let written = out
            .write_all(reply.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        written.map_err(|e| {
            crate::failure::Failure::Usage(format!("cannot write standard output: {e}"))
        })?;
    }
    Ok(())
}

/// `{"ok": <ok>, …rest}` as JSON text, `ok` first (the other keys in name order).
pub fn with_ok(ok: bool, rest: &Map<String, Value>, pretty: bool) -> String {
    let head = if pretty {
        format!("{{\n  \"ok\": {ok}")
    } else {
        format!("{{\"ok\":{ok}")
    };
    let value = Value::Object(rest.clone());
    let body = if pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    }
    .unwrap_or_default();
    match body.strip_prefix('{') {
        Some(inner) if !rest.is_empty() => format!("{head},{inner}"),
        _ => format!("{head}{}", if pretty { "\n}" } else { "}" }),
    }
}

fn trim_newline(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn failure(e: LineError) -> Map<String, Value> {
    let mut error = Map::new();
    error.insert("kind".into(), Value::from(e.kind));
    error.insert("message".into(), Value::from(e.message));
    let mut reply = Map::new();
    reply.insert("error".into(), Value::Object(error));
    if let Some(r) = e.refusal {
        reply.insert(
            "refusal".into(),
            Value::Object(fields([
                ("code", r.code.into()),
                ("message", r.message.into()),
                ("batchkey", r.batchkey.into()),
            ])),
        );
    }
    reply
}

fn parse(text: &[u8]) -> Result<Map<String, Value>, LineError> {
    let text = std::str::from_utf8(text).map_err(|_| {
        LineError::new(
            qianming::ErrorKind::InvalidUnicode.name(),
            "the line is not UTF-8",
        )
    })?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(_) => Err(LineError::new(
            INVALID_JSON,
            "the line is not a JSON object",
        )),
        // serde_json refuses escapes of lone UTF-16 surrogates: that is invalid text, not a
        // JSON syntax slip.
        Err(e) if has_lone_surrogate_escape(text) => Err(LineError::new(
            qianming::ErrorKind::InvalidUnicode.name(),
            format!("the line holds text that is not valid Unicode: {e}"),
        )),
        Err(e) => Err(LineError::new(
            INVALID_JSON,
            format!("the line is not JSON: {e}"),
        )),
    }
}

/// The UTF-16 unit of a `\uXXXX` escape starting at `at`, if there is one.
fn escape_at(bytes: &[u8], at: usize) -> Option<u16> {
    let hex = bytes.get(at..at + 6)?;
    if hex[0] != b'\\' || hex[1] != b'u' {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
}

/// Whether `text` holds a `\uXXXX` escape of a surrogate that has no partner.
fn has_lone_surrogate_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'\\') {
            i += 2;
            continue;
        }
        match escape_at(bytes, i) {
            Some(0xD800..=0xDBFF) => match escape_at(bytes, i + 6) {
                Some(0xDC00..=0xDFFF) => i += 12,
                _ => return true,
            },
            Some(0xDC00..=0xDFFF) => return true,
            _ => i += 1,
        }
    }
    false
}

/// A required string field.
pub fn string<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a str, LineError> {
    match obj.get(key) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(LineError::new(
            MISSING_FIELD,
            format!("field {key} is missing"),
        )),
        Some(_) => Err(LineError::new(
            INVALID_FIELD,
            format!("field {key} must be a string"),
        )),
    }
}

/// A required field that may be a string or a non-negative integer, as text.
pub fn string_or_number(obj: &Map<String, Value>, key: &str) -> Result<String, LineError> {
    match obj.get(key) {
        Some(Value::Number(n)) if n.is_u64() => Ok(n.to_string()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => string(obj, key).map(str::to_string),
    }
}

/// An optional string field (missing or null → `None`).
pub fn opt_string<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, LineError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => string(obj, key).map(Some),
    }
}

/// An optional boolean field (missing or null → `false`).
pub fn opt_bool(obj: &Map<String, Value>, key: &str) -> Result<bool, LineError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(LineError::new(
            INVALID_FIELD,
            format!("field {key} must be true or false"),
        )),
    }
}

/// An answer body: `body` (text) or `body_hex` (bytes as hex, for bodies that are not UTF-8).
pub fn body(obj: &Map<String, Value>) -> Result<Vec<u8>, LineError> {
    match (opt_string(obj, "body")?, opt_string(obj, "body_hex")?) {
        (Some(text), None) => Ok(text.as_bytes().to_vec()),
        (None, Some(hex)) => from_hex(hex).ok_or_else(|| {
            LineError::new(
                INVALID_FIELD,
                "field body_hex must be an even number of hex digits",
            )
        }),
        (Some(_), Some(_)) => Err(LineError::new(
            INVALID_FIELD,
            "give body or body_hex, not both",
        )),
        (None, None) => Err(LineError::new(
            MISSING_FIELD,
            "field body (or body_hex) is missing",
        )),
    }
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    let digit = |b: u8| char::from(b).to_digit(16);
    let bytes = hex.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|p| u8::try_from(digit(p[0])? * 16 + digit(p[1])?).ok())
        .collect()
}

/// `[name, value]` pairs as a JSON list.
pub fn pair_list(pairs: &[(String, String)]) -> Value {
    pairs
        .iter()
        .map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()]))
        .collect()
}

/// A required non-negative integer field.
pub fn u64_field(obj: &Map<String, Value>, key: &str) -> Result<u64, LineError> {
    match obj.get(key) {
        Some(v) => v.as_u64().ok_or_else(|| {
            LineError::new(
                INVALID_FIELD,
                format!("field {key} must be a non-negative integer"),
            )
        }),
        None => Err(LineError::new(
            MISSING_FIELD,
            format!("field {key} is missing"),
        )),
    }
}

/// An optional non-negative integer field.
pub fn opt_u64(obj: &Map<String, Value>, key: &str) -> Result<Option<u64>, LineError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => u64_field(obj, key).map(Some),
    }
}

/// A list of `[name, value]` pairs; `value` may be null when `allow_null`. Missing → empty.
pub fn pairs(
    obj: &Map<String, Value>,
    key: &str,
    allow_null: bool,
) -> Result<Vec<(String, Option<String>)>, LineError> {
    let bad = || {
        LineError::new(
            INVALID_FIELD,
            format!("field {key} must be a list of [name, value] string pairs"),
        )
    };
    let list = match obj.get(key) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(bad()),
    };
    list.iter()
        .map(|item| match item.as_array().map(Vec::as_slice) {
            Some([Value::String(n), Value::String(v)]) => Ok((n.clone(), Some(v.clone()))),
            Some([Value::String(n), Value::Null]) if allow_null => Ok((n.clone(), None)),
            _ => Err(bad()),
        })
        .collect()
}

/// Builds an output object from `(key, value)` fields.
pub fn fields<const N: usize>(items: [(&str, Value); N]) -> Map<String, Value> {
    items.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_are_found_and_pairs_are_not() {
        assert!(has_lone_surrogate_escape(r#"{"a": "\ud800"}"#));
        assert!(has_lone_surrogate_escape(r#"{"a": "\udc00x"}"#));
        assert!(has_lone_surrogate_escape(r#"{"a": "\ud800\u0041"}"#));
        assert!(!has_lone_surrogate_escape(r#"{"a": "\ud83d\ude00"}"#));
        assert!(!has_lone_surrogate_escape(r#"{"a": "\\ud800"}"#));
        assert!(!has_lone_surrogate_escape(r#"{"a": "\u00e9"}"#));
    }

    #[test]
    fn ok_comes_first() {
        let rest = fields([("b", 1.into()), ("a", "x".into())]);
        assert_eq!(with_ok(true, &rest, false), r#"{"ok":true,"a":"x","b":1}"#);
        assert_eq!(with_ok(false, &Map::new(), false), r#"{"ok":false}"#);
        assert_eq!(
            with_ok(true, &rest, true),
            "{\n  \"ok\": true,\n  \"a\": \"x\",\n  \"b\": 1\n}"
        );
        assert_eq!(with_ok(true, &Map::new(), true), "{\n  \"ok\": true\n}");
    }

    #[test]
    fn hex_bodies() {
        assert_eq!(from_hex("00ff7B"), Some(vec![0, 255, 0x7b]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
        assert_eq!(from_hex(""), Some(vec![]));
    }
}
