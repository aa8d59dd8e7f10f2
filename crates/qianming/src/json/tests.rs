//! Unit tests of the JSON reader, many of them against serde_json (the reader it replaced).
//! The generated comparisons are in `differential.rs`.

extern crate std;

use super::parse::{parse, FaultKind};
use super::value::{fits_f64, Number};
use super::*;
use alloc::string::ToString;
use alloc::vec::Vec;
use alloc::{format, vec};

type Theirs = serde_json::Value;

fn kind(body: &[u8]) -> ErrorKind {
    parse_object("t", body)
        .map(|_| ())
        .expect_err("refused")
        .kind()
}

fn detail_of(body: &[u8]) -> String {
    parse_object("the answer", body)
        .map(|_| ())
        .expect_err("refused")
        .into_detail()
}

fn number(text: &str) -> Number {
    match parse(text.as_bytes()) {
        Ok(Value::Number(n)) => n,
        other => panic!("{text}: {other:?}"),
    }
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
fn errors_say_where_and_why() {
    assert_eq!(detail_of(b" \n "), "the answer is empty");
    assert!(detail_of(b"<!DOCTYPE html>").contains("HTML"));
    assert_eq!(
        detail_of(b"  {\"a\":01}"),
        "the answer is not valid JSON: a number has a leading zero at byte 8"
    );
    assert_eq!(
        detail_of(b"{\"a\":\"x"),
        "the answer is truncated: the JSON ends early at byte 7 (inside a string)"
    );
    assert_eq!(
        detail_of(b"{\"a\":[1,]}"),
        "the answer is not valid JSON: trailing comma at byte 8"
    );
    assert_eq!(
        detail_of(b"{\"a\":1} x"),
        "the answer is not valid JSON: text follows the JSON value at byte 8"
    );
    assert_eq!(detail_of(b"[1]"), "the answer is JSON but not an object");
    assert!(detail_of(b"{\"a\":\"\\ud800\"}").contains("lone UTF-16 surrogate at byte 6"));
    assert!(detail_of(b"{\"a\":\"\xc3\"}").contains("not UTF-8 at byte 6"));
    let mut over = vec![b' '; limits::MAX_ANSWER_BYTES + 1];
    over[0] = b'{';
    assert_eq!(
        detail_of(&over),
        "the answer is 262145 bytes; the limit is 262144"
    );
    let deep = "[".repeat(33);
    assert_eq!(
        parse_object("the answer", deep.as_bytes()).map_err(|e| e.into_detail()),
        Err("the answer nests arrays or objects deeper than 32".to_string())
    );
    let object = parse_object("the answer", b"{\"a\":-1,\"b\":\"x\"}").expect("object");
    let wrong = req_u64(&object, "the answer", "a").expect_err("negative");
    assert_eq!(wrong.kind(), ErrorKind::InvalidField);
    assert_eq!(
        wrong.detail(),
        "field \"a\" of the answer is not a non-negative integer that fits in 64 bits"
    );
    let missing = req_str(&object, "the answer", "c").expect_err("absent");
    assert_eq!(missing.kind(), ErrorKind::MissingField);
    assert_eq!(missing.detail(), "the answer has no field \"c\"");
}

#[test]
fn the_parser_limits_depth_itself() {
    let ok = format!("{}{}", "[".repeat(32), "]".repeat(32));
    assert!(parse(ok.as_bytes()).is_ok());
    let deep = format!("{}{}", "[".repeat(33), "]".repeat(33));
    assert_eq!(
        parse(deep.as_bytes()).map_err(|f| (f.kind, f.at)),
        Err((FaultKind::TooDeep, 32))
    );
}

#[test]
fn numbers_keep_serde_json_integer_rules() {
    let cases: &[(&str, Option<u64>, bool)] = &[
        ("0", Some(0), true),
        ("-0", None, false),
        ("-0.0", None, false),
        ("7", Some(7), true),
        ("-5", None, true),
        ("18446744073709551615", Some(u64::MAX), true),
        ("18446744073709551616", None, false),
        ("-9223372036854775808", None, true),
        ("-9223372036854775809", None, false),
        ("1.0", None, false),
        ("1e2", None, false),
        ("1E+2", None, false),
    ];
    for &(text, as_u64, integer) in cases {
        let n = number(text);
        assert_eq!((n.as_u64(), n.is_integer()), (as_u64, integer), "{text}");
        assert_eq!(n.as_str(), text);
        let theirs: Theirs = serde_json::from_str(text).expect("serde_json");
        assert_eq!(theirs.as_u64(), as_u64, "{text}");
        assert_eq!(theirs.is_i64() || theirs.is_u64(), integer, "{text}");
    }
    let object = parse_object("t", b"{\"a\":-12,\"b\":12,\"c\":1.5,\"d\":-0}").expect("object");
    assert_eq!(
        opt_code(&object, "t", "a").ok(),
        Some(Some("-12".to_string()))
    );
    assert_eq!(
        opt_code(&object, "t", "b").ok(),
        Some(Some("12".to_string()))
    );
    for name in ["c", "d"] {
        let e = opt_code(&object, "t", name).expect_err("not an integer");
        assert_eq!(e.kind(), ErrorKind::InvalidField);
    }
}

#[test]
fn float_range_is_decided_exactly() {
    for (text, finite) in [
        ("1.7976931348623157e308", true),
        ("1.7976931348623158e308", true),
        ("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9", true),
        ("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792", false),
        ("1.797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977919999e308", true),
        ("-1.797693134862315808e308", false),
        ("1e308", true),
        ("1e309", false),
        ("0.1e310", false),
        ("0.01e310", true),
        ("1e400", false),
        ("1e-400", true),
        ("0e99999999999999999999", true),
        ("0.000e99999", true),
        ("1e-99999999999999999999", true),
        ("1e99999999999999999999", false),
        ("0.0000000000000000000000000000000001e341", true),
        ("0.0000000000000000000000000000000001e343", false),
    ] {
        assert_eq!(fits_f64(text.as_bytes()), finite, "{text}");
        let parsed: f64 = text.parse().expect("a float");
        assert_eq!(parsed.is_finite(), finite, "{text}");
    }
}

#[test]
fn strings_are_escaped_like_serde_json() {
    let text = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}/中😀";
    let mut ours = String::new();
    push_string(&mut ours, text);
    assert_eq!(ours, serde_json::to_string(text).expect("serialize"));
}

#[test]
fn strings_unescape_like_serde_json() {
    let good: &[&str] = &[
        r#""\ud83d\ude00 \u00E9 \u4e2d \/ \b\f\n\r\t \" \\""#,
        "\"\u{7f} é\"",
        r#""\u0000""#,
    ];
    for text in good {
        let theirs: String = serde_json::from_str(text).expect("serde_json");
        assert_eq!(parse(text.as_bytes()), Ok(Value::String(theirs)), "{text}");
    }
    let bad: &[&[u8]] = &[
        br#""\ud800""#,
        br#""\udc00""#,
        br#""\ud800\u0041""#,
        br#""\ud800x""#,
        br#""\ud800\n""#,
        br#""\U0041""#,
        br#""\'""#,
        br#""\u12""#,
        b"\"\x1f\"",
        b"\"\xed\xa0\x80\"",
        b"\"\xc0\x80\"",
        b"\"\xff\"",
    ];
    for text in bad {
        assert!(serde_json::from_slice::<Theirs>(text).is_err());
        assert!(
            parse(text).is_err(),
            "{:?}",
            std::string::String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn a_repeated_key_keeps_the_last_value() {
    let object = parse_object("t", br#"{"a":1,"b":true,"a":"x"}"#).expect("object");
    assert_eq!(opt_str(&object, "t", "a").ok(), Some(Some("x")));
    assert_eq!(object.len(), 2);
}

#[test]
fn a_large_object_reads_like_serde_json() {
    // Names in descending order, every one twice: the worst case for the member sort.
    let mut text = String::from("{");
    for round in 0..2 {
        for i in (0..9_000).rev() {
            text.push_str(&format!("\"k{i}\":{},", i * 2 + round));
        }
    }
    text.push_str("\"z\":null}");
    let ours = parse_object("t", text.as_bytes()).expect("object");
    let theirs: Theirs = serde_json::from_str(&text).expect("serde_json");
    assert_eq!(ours.len(), 9_001);
    assert_eq!(opt_u64(&ours, "t", "k7").ok(), Some(Some(15)));
    assert_eq!(
        canonical_text(&Value::Object(ours)),
        serde_json::to_string(&theirs).expect("serialize")
    );
}

#[test]
fn canonical_text_sorts_keys_and_keeps_number_text() {
    let text = br#"{"b":{"y":1,"x":[true,null,"q\u0001"]},"a":-2,"c":1.50,"d":1e2}"#;
    let object = parse_object("t", text).expect("object");
    assert_eq!(
        canonical_text(&Value::Object(object)),
        r#"{"a":-2,"b":{"x":[true,null,"q\u0001"],"y":1},"c":1.50,"d":1e2}"#
    );
}
