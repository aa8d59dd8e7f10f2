//! Differential tests against serde_json, the reader this one replaced: on generated JSON and
//! near-JSON, the same texts accepted and refused (with the same error kinds), the same strings,
//! integers, booleans and structure, and the same compact text when no float is involved.

extern crate std;

use super::parse::parse;
use super::value::fits_f64;
use super::*;
use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;
use proptest::prelude::*;

type Theirs = serde_json::Value;

/// What the serde_json front end did with `body`: the kind of its refusal, or the object.
fn reference(body: &[u8]) -> Result<serde_json::Map<String, Theirs>, ErrorKind> {
    let text = trimmed("t", body).map_err(|e| e.kind())?;
    if matches!(text.first(), None | Some(b'<')) {
        return Err(ErrorKind::InvalidJson);
    }
    check_depth("t", text).map_err(|e| e.kind())?;
    match serde_json::from_slice(text) {
        Ok(Theirs::Object(map)) => Ok(map),
        _ => Err(ErrorKind::InvalidJson),
    }
}

fn has_float(value: &Theirs) -> bool {
    match value {
        Theirs::Number(n) => n.is_f64(),
        Theirs::Array(items) => items.iter().any(has_float),
        Theirs::Object(map) => map.values().any(has_float),
        _ => false,
    }
}

/// Checks that `ours` holds what `theirs` holds (floats: only that they are not integers).
fn same(ours: &Value, theirs: &Theirs) -> Result<(), TestCaseError> {
    match (ours, theirs) {
        (Value::Null, Theirs::Null) => {}
        (Value::Bool(a), Theirs::Bool(b)) => prop_assert_eq!(a, b),
        (Value::String(a), Theirs::String(b)) => prop_assert_eq!(a, b),
        (Value::Number(a), Theirs::Number(b)) => {
            prop_assert_eq!(a.as_u64(), b.as_u64(), "{}", a.as_str());
            prop_assert_eq!(a.is_integer(), !b.is_f64(), "{}", a.as_str());
            if a.is_integer() {
                prop_assert_eq!(a.as_str(), b.to_string());
            }
        }
        (Value::Array(a), Theirs::Array(b)) => {
            prop_assert_eq!(a.len(), b.len());
            for (a, b) in a.iter().zip(b) {
                same(a, b)?;
            }
        }
        (Value::Object(a), Theirs::Object(b)) => {
            let ours: Vec<&String> = a.iter().map(|(k, _)| k).collect();
            let theirs: Vec<&String> = b.keys().collect();
            prop_assert_eq!(ours, theirs);
            for ((_, a), (_, b)) in a.iter().zip(b) {
                same(a, b)?;
            }
        }
        _ => prop_assert!(false, "{:?} vs {:?}", ours, theirs),
    }
    Ok(())
}

/// A JSON value to render in many spellings.
#[derive(Debug, Clone)]
enum Doc {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-c]{0,2}",
        "\\PC{0,6}",
        "[\"\\\\/\u{0}-\u{1f}\u{7f}é中😀 a]{0,6}",
    ]
}

fn doc() -> impl Strategy<Value = Doc> {
    let leaf = prop_oneof![
        Just(Doc::Null),
        any::<bool>().prop_map(Doc::Bool),
        "-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?".prop_map(Doc::Number),
        text().prop_map(Doc::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Doc::Array),
            prop::collection::vec((text(), inner), 0..6).prop_map(Doc::Object),
        ]
    })
}

/// Renders `doc`, taking spelling choices (white space, escapes) from `style` in turn.
fn render(doc: &Doc, style: &[u8], turn: &mut usize, out: &mut Vec<u8>) {
    let pick = |turn: &mut usize, n: u8| {
        *turn += 1;
        style.get(*turn % style.len().max(1)).map_or(0, |b| b % n)
    };
    let space = |choice: u8, out: &mut Vec<u8>| {
        out.extend_from_slice([&b""[..], b"", b"", b" ", b"\n\t", b"\r\n  "][usize::from(choice)]);
    };
    space(pick(turn, 6), out);
    match doc {
        Doc::Null => out.extend_from_slice(b"null"),
        Doc::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Doc::Number(n) => out.extend_from_slice(n.as_bytes()),
        Doc::String(s) => render_string(s, pick(turn, 4), out),
        Doc::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                render(item, style, turn, out);
            }
            out.push(b']');
        }
        Doc::Object(entries) => {
            out.push(b'{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                render_string(key, pick(turn, 4), out);
                out.push(b':');
                render(item, style, turn, out);
            }
            out.push(b'}');
        }
    }
    space(pick(turn, 6), out);
}

/// Spelling 0: serde_json's; 1: every character as `\u` escapes; 2: upper-case hex; 3: mixed.
fn render_string(text: &str, spelling: u8, out: &mut Vec<u8>) {
    if spelling == 0 {
        out.extend_from_slice(serde_json::to_string(text).expect("serialize").as_bytes());
        return;
    }
    out.push(b'"');
    for (i, c) in text.chars().enumerate() {
        if spelling == 3 && i % 2 == 0 && !matches!(c, '"' | '\\' | '\0'..='\u{1f}') {
            let mut buffer = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            let escape = if spelling == 2 {
                format!("\\u{unit:04X}")
            } else {
                format!("\\u{unit:04x}")
            };
            out.extend_from_slice(escape.as_bytes());
        }
    }
    out.push(b'"');
}

fn rendered(top_object: bool) -> impl Strategy<Value = Vec<u8>> {
    let top = if top_object {
        prop::collection::vec((text(), doc()), 0..6)
            .prop_map(Doc::Object)
            .boxed()
    } else {
        doc().boxed()
    };
    (top, prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(doc, style)| {
        let mut out = Vec::new();
        render(&doc, &style, &mut 0, &mut out);
        out
    })
}

const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"d800",
    b"dc00",
    b"\\ud83d\\ude00",
    b"0041",
    b"true",
    b"fals",
    b"null",
    b"0",
    b"-",
    b"1",
    b"01",
    b".",
    b"e",
    b"E+",
    b"9",
    b" ",
    b"\t",
    b"\x0c",
    b"\x00",
    b"\x1f",
    b"\xff",
    b"\xc3",
    b"\xc3\xa9",
    b"\"a\"",
    b"1e400",
    b"-0",
    b"\xEF\xBB\xBF",
    b"/",
    b"n",
    b"<",
];

/// Near-JSON: token soup, or a rendered text with a few bytes changed.
fn json_ish() -> impl Strategy<Value = Vec<u8>> {
    let soup = prop::collection::vec(prop::sample::select(PIECES), 0..24)
        .prop_map(|pieces| [&[b'{'][..], &pieces.concat()].concat());
    let edited = (
        rendered(true),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                0u8..3,
                prop::sample::select(PIECES),
            ),
            1..3,
        ),
    )
        .prop_map(|(mut body, edits)| {
            for (at, op, piece) in edits {
                let at = at.index(body.len() + 1);
                match op {
                    0 if at < body.len() => {
                        body.remove(at);
                    }
                    1 if at < body.len() => body[at] = piece[0],
                    _ => {
                        body.splice(at..at, piece.iter().copied());
                    }
                }
            }
            body
        });
    prop_oneof![
        3 => rendered(true),
        1 => rendered(false),
        3 => edited,
        2 => soup,
        1 => prop::collection::vec(any::<u8>(), 0..48),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// The front end accepts and refuses what the serde_json one did, with the same kinds, and
    /// reads the same values.
    #[test]
    fn objects_match_serde_json(body in json_ish()) {
        let ours = parse_object("t", &body);
        let theirs = reference(&body);
        match (&ours, &theirs) {
            (Ok(ours), Ok(theirs)) => {
                let theirs = Theirs::Object(theirs.clone());
                let ours = Value::Object(ours.clone());
                same(&ours, &theirs)?;
                if !has_float(&theirs) {
                    prop_assert_eq!(canonical_text(&ours), theirs.to_string());
                }
            }
            (Err(e), Err(kind)) => prop_assert_eq!(e.kind(), *kind),
            _ => prop_assert!(false, "ours {:?}, serde_json {:?}", ours, theirs),
        }
    }

    /// The parser alone, any value at the top, against `serde_json::from_slice`.
    #[test]
    fn values_match_serde_json(body in json_ish()) {
        if check_depth("t", &body).is_ok() {
            let ours = parse(&body);
            match serde_json::from_slice::<Theirs>(&body) {
                Ok(theirs) => same(&ours.map_err(|f| TestCaseError::fail(format!("{f:?}")))?, &theirs)?,
                Err(_) => prop_assert!(ours.is_err(), "{:?}", ours),
            }
        }
    }

    /// The exact overflow rule agrees with the standard library's correctly rounded parse.
    #[test]
    fn float_range_matches_core(
        digits in "1797693134862315[0-9]{0,30}",
        point in 0usize..20,
        exponent in 280i32..330,
        negative in any::<bool>(),
    ) {
        let point = point.min(digits.len() - 1) + 1;
        let text = format!(
            "{}{}.{}e{exponent}",
            if negative { "-" } else { "" },
            &digits[..point],
            if point < digits.len() { &digits[point..] } else { "0" },
        );
        let parsed: f64 = text.parse().map_err(|_| TestCaseError::fail("parse"))?;
        prop_assert_eq!(fits_f64(text.as_bytes()), parsed.is_finite(), "{}", text);
    }
}
