//! How parsers and helpers print their typed result (labelled lines or JSON), and where answer
//! bodies come from: standard input, or `body`/`body_hex` of each `--jsonl` line.

use crate::common_args::{AnswerArgs, ResultFormat, ResultOut, TimedAnswerArgs};
use crate::failure::Failure;
use crate::jsonl::{self, LineError};
use crate::{clock, render};
use serde_json::{Map, Value};
use std::io::Read;

/// Prints `{"ok": true, …fields}` as one pretty JSON object.
pub fn print_json(fields: Map<String, Value>) {
    println!("{}", jsonl::with_ok(true, &fields, true));
}

/// One labelled line per field: text as is, `(none)` for null, `[name, value]` lists as
/// `name: value` lines, anything else as compact JSON.
pub fn text(fields: &Map<String, Value>) -> String {
    let width = fields
        .keys()
        .map(|k| k.chars().count() + 2)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (key, value) in fields {
        let shown = match value {
            Value::String(s) => s.clone(),
            Value::Null => "(none)".to_string(),
            Value::Array(items) if items.iter().all(is_pair) => items
                .iter()
                .filter_map(Value::as_array)
                .map(|p| format!("{}: {}\n", text_of(&p[0]), text_of(&p[1])))
                .collect(),
            other => other.to_string(),
        };
        out.push_str(&render::labelled_width(key, &shown, width.max(17)));
    }
    out
}

fn is_pair(v: &Value) -> bool {
    v.as_array().is_some_and(|p| p.len() == 2)
}

fn text_of(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// Prints `fields` in `format`.
pub fn print(fields: Map<String, Value>, format: ResultFormat) {
    match format {
        ResultFormat::Text => print!("{}", text(&fields)),
        ResultFormat::Json => print_json(fields),
    }
}

/// Prints headers as `Name: value` lines, or as `{"headers": [[name, value], …]}`.
pub fn print_headers(headers: &[(String, String)], format: ResultFormat) {
    match format {
        ResultFormat::Text => {
            for (name, value) in headers {
                println!("{name}: {value}");
            }
        }
        ResultFormat::Json => print_json(jsonl::fields([("headers", jsonl::pair_list(headers))])),
    }
}

/// Runs a helper: `--jsonl`, or `human` (which reads its flags) printed in `out.format`.
pub fn run(
    out: ResultOut,
    line: impl FnMut(&Map<String, Value>) -> Result<Map<String, Value>, LineError>,
    human: impl FnOnce() -> Result<Map<String, Value>, Failure>,
) -> Result<(), Failure> {
    if out.jsonl.jsonl {
        return jsonl::run(line);
    }
    print(human()?, out.format);
    Ok(())
}

/// The HTTP body on standard input, read up to one byte over the core's answer limit (so a
/// huge body is refused as `input_too_large` without being held in memory).
pub fn read_body() -> Result<Vec<u8>, Failure> {
    let limit = u64::try_from(qianming::limits::MAX_ANSWER_BYTES).unwrap_or(u64::MAX);
    let mut body = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| Failure::Usage(format!("cannot read the answer from standard input: {e}")))?;
    Ok(body)
}

/// An answer parser: the body from stdin (or each `--jsonl` line's `body`/`body_hex`).
pub fn answer(
    args: AnswerArgs,
    parse: impl Fn(&[u8]) -> Result<Map<String, Value>, LineError>,
) -> Result<(), Failure> {
    run(
        args.out,
        |obj| parse(&jsonl::body(obj)?),
        || Ok(parse(&read_body()?)?),
    )
}

/// An answer parser that also needs the time the answer was received (`received_at_ms`,
/// default now).
pub fn timed_answer(
    args: TimedAnswerArgs,
    parse: impl Fn(&[u8], u64) -> Result<Map<String, Value>, LineError>,
) -> Result<(), Failure> {
    let at = args.received_at_ms;
    run(
        args.out,
        |obj| {
            let received = jsonl::opt_u64(obj, "received_at_ms")?;
            parse(&jsonl::body(obj)?, received.unwrap_or_else(clock::now_ms))
        },
        || Ok(parse(&read_body()?, at.unwrap_or_else(clock::now_ms))?),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonl::fields;

    #[test]
    fn labelled_fields() {
        let shown = text(&fields([
            ("token", "t".into()),
            ("uid", Value::Null),
            ("expires", 7.into()),
            ("attributes", serde_json::json!([["a", "1"], ["b", "2"]])),
        ]));
        assert!(shown.contains("token            t\n"), "{shown}");
        assert!(shown.contains("uid              (none)\n"), "{shown}");
        assert!(shown.contains("expires          7\n"), "{shown}");
        assert!(
            shown.contains("attributes       a: 1\n                 b: 2\n"),
            "{shown}"
        );
    }
}
