//! The two percent-encoders of the spec (docs/spec/kingdee.md#encoders-g-and-j), the path
//! encodings and the decodings (docs/spec/common.md#encodings).
//!
//! Both encoders work on UTF-8 bytes, write `%XX` with upper-case hex and turn a space into `+`:
//! - **G**, the gateway's encoder, keeps `A–Z a–z 0–9 - _ . ~`;
//! - **J**, `java.net.URLEncoder`, keeps `A–Z a–z 0–9 - _ . *`.
//!
//! Every rule is a 256-entry table, so each byte costs one lookup.

use crate::error::{Error, ErrorKind, Result};
use alloc::string::String;
use alloc::vec::Vec;

/// What one input byte becomes, for a given encoder.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Action {
    /// Copied unchanged (0: see `next_special`).
    Keep = 0,
    /// Written as `+` (only the space).
    Plus,
    /// Written as `%XX`.
    Escape,
}

const fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

const fn table(extra_keep: &[u8]) -> [Action; 256] {
    let mut t = [Action::Escape; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if is_alnum(b) {
            t[i] = Action::Keep;
        }
        i += 1;
    }
    let mut j = 0;
    while j < extra_keep.len() {
        t[extra_keep[j] as usize] = Action::Keep;
        j += 1;
    }
    t[b' ' as usize] = Action::Plus;
    t
}

/// The gateway's encoder G: keeps `A–Z a–z 0–9 - _ . ~`.
static G: [Action; 256] = table(b"-_.~");
/// `java.net.URLEncoder` (J): keeps `A–Z a–z 0–9 - _ . *`.
static J: [Action; 256] = table(b"-_.*");

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends the two upper-case hex digits of `b` (pushed as characters: no copy call).
fn push_hex(out: &mut String, b: u8) {
    out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
    out.push(char::from(HEX_UPPER[usize::from(b & 0x0f)]));
}

/// Appends the `%XX` escape of `b`.
fn push_escape(out: &mut String, b: u8) {
    out.push('%');
    push_hex(out, b);
}

/// Appends `%25XX`: the escape of `b`, escaped once more (the `%` becomes `%25`).
fn push_double_escape(out: &mut String, b: u8) {
    out.push('%');
    out.push('2');
    out.push('5');
    push_hex(out, b);
}

/// Encodes `input` with `table`, writing what each byte that is not kept becomes through
/// `special`. Runs of kept bytes are copied whole (they are ASCII, so every run boundary is a
/// character boundary). Returns the length of the first run.
fn encode_runs(
    out: &mut String,
    input: &str,
    table: &[Action; 256],
    mut special: impl FnMut(&mut String, u8),
) -> usize {
    out.reserve(input.len());
    let bytes = input.as_bytes();
    let first_run = next_special(bytes, 0, table);
    let mut run_start = 0;
    let mut at = first_run;
    while let Some(&b) = bytes.get(at) {
        out.push_str(input.get(run_start..at).unwrap_or_default());
        special(out, b);
        run_start = at + 1;
        at = next_special(bytes, run_start, table);
    }
    out.push_str(input.get(run_start..).unwrap_or_default());
    first_run
}

/// The index of the first byte from `from` on that `table` does not keep (`bytes.len()` if
/// none). Four bytes a step: `Keep` is 0, so four kept bytes OR to 0 (callgrind: 4921 → 4400
/// instructions per request signature outside SHA-256).
fn next_special(bytes: &[u8], from: usize, table: &[Action; 256]) -> usize {
    let action = |b: u8| table[usize::from(b)] as u8;
    let mut at = from;
    while let Some(&[a, b, c, d]) = bytes.get(at..at + 4) {
        if action(a) | action(b) | action(c) | action(d) != Action::Keep as u8 {
            break;
        }
        at += 4;
    }
    while let Some(&b) = bytes.get(at) {
        if action(b) != Action::Keep as u8 {
            break;
        }
        at += 1;
    }
    at
}

fn encode_with(out: &mut String, input: &str, table: &[Action; 256]) {
    encode_runs(out, input, table, |out, b| {
        if b == b' ' {
            out.push('+');
        } else {
            push_escape(out, b);
        }
    });
}

/// Appends `J(input)` when its first `plain` bytes are known to be ones J keeps (as the
/// canonical query's encoders report): they are copied without looking at them again.
pub(crate) fn java_encode_after_plain_into(out: &mut String, input: &str, plain: usize) {
    match (input.get(..plain), input.get(plain..)) {
        (Some(head), Some(tail)) => {
            out.push_str(head);
            // Most names and many values are all plain: no call for nothing (callgrind:
            // 4400 → 4233 instructions per request signature outside SHA-256).
            if !tail.is_empty() {
                java_encode_into(out, tail);
            }
        }
        _ => java_encode_into(out, input),
    }
}

/// The first byte `table` writes for `b`: `b` itself, `+` or `%`.
fn first_byte(table: &[Action; 256], b: u8) -> u8 {
    match table[usize::from(b)] {
        Action::Keep => b,
        Action::Plus => b'+',
        Action::Escape => b'%',
    }
}

/// The first byte of `G(b)`, for comparing sort keys without writing them out.
pub(crate) fn gateway_first_byte(b: u8) -> u8 {
    first_byte(&G, b)
}

/// The first byte of `J(b)`, for comparing sort keys without writing them out.
pub(crate) fn java_first_byte(b: u8) -> u8 {
    first_byte(&J, b)
}

/// Appends `G(input)` to `out`.
pub fn gateway_encode_into(out: &mut String, input: &str) {
    encode_with(out, input, &G);
}

/// Appends `J(input)` (what `java.net.URLEncoder.encode(input, "UTF-8")` gives) to `out`.
pub fn java_encode_into(out: &mut String, input: &str) {
    encode_with(out, input, &J);
}

/// `G(input)`: the gateway's percent-encoding.
///
/// ```
/// assert_eq!(qianming::encode::gateway_encode("/a b~*"), "%2Fa+b~%2A");
/// ```
pub fn gateway_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() * 3);
    gateway_encode_into(&mut out, input);
    out
}

/// `J(input)`: `java.net.URLEncoder` form encoding (also what goes on the wire).
///
/// ```
/// assert_eq!(qianming::encode::java_encode("/a b~*="), "%2Fa+b%7E*%3D");
/// ```
pub fn java_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() * 3);
    java_encode_into(&mut out, input);
    out
}

/// Appends `G(G(input))` in one pass: what a query name becomes in the canonical query.
///
/// Returns how many leading bytes of `input` G and J both keep (`A–Z a–z 0–9 - _ .`), which
/// the wire query then copies without a second look, as for [`gateway_after_java_into`].
pub(crate) fn gateway_twice_into(out: &mut String, input: &str) -> usize {
    // Scanned with the bytes both encoders keep, so `~` (kept by G) ends the leading run.
    encode_runs(out, input, &KEPT_BY_BOTH, |out, b| match b {
        b'~' => out.push('~'),
        // G turns a space into `+`, which G then escapes.
        b' ' => out.push_str("%2B"),
        // G writes `%XX`; G then escapes the `%` and keeps the hex digits.
        _ => push_double_escape(out, b),
    })
}

/// Appends `G(J(input))` in one pass: what a query value becomes in the canonical query.
///
/// Returns how many leading bytes of `input` G and J both keep. The wire query writes
/// `J(value)` for the same values: it copies that run without scanning it again (callgrind:
/// 5599 → 5003 instructions per request signature outside SHA-256).
pub(crate) fn gateway_after_java_into(out: &mut String, input: &str) -> usize {
    // J keeps `*`, which G then escapes; everything else J keeps, G keeps too.
    encode_runs(out, input, &KEPT_BY_BOTH, |out, b| match b {
        b'*' => out.push_str("%2A"),
        b' ' => out.push_str("%2B"),
        _ => push_double_escape(out, b),
    })
}

/// The bytes both G and J keep, which `G(J(·))` copies unchanged.
static KEPT_BY_BOTH: [Action; 256] = table(b"-_.");

/// Percent-encodes `input` as one URL path segment (RFC 3986): `A–Z a–z 0–9 - . _ ~` kept,
/// every other byte (`/`, `?`, `#`, `%`, a space, …) written `%XX`, so the segment can never
/// change the path, start a query or a fragment.
///
/// ```
/// assert_eq!(qianming::encode::path_segment_encode("a.b_c-d~"), "a.b_c-d~");
/// assert_eq!(qianming::encode::path_segment_encode("../x?y#z w"), "..%2Fx%3Fy%23z%20w");
/// ```
pub fn path_segment_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    encode_runs(&mut out, input, &UNRESERVED, push_escape);
    out
}

/// RFC 3986 unreserved bytes: what a path segment keeps (a space is escaped, not `+`).
static UNRESERVED: [Action; 256] = {
    let mut t = table(b"-_.~");
    t[b' ' as usize] = Action::Escape;
    t
};

/// What a whole path keeps: the unreserved bytes and the `/` between segments.
static PATH: [Action; 256] = {
    let mut t = table(b"-_.~/");
    t[b' ' as usize] = Action::Escape;
    t
};

/// Percent-encodes a path (as the caller gives it to the signer, unencoded) for the request
/// line: each segment as [`path_segment_encode`] does, the `/` separators kept. So a space,
/// `%`, `#`, `?`, non-ASCII and every other reserved byte travel escaped, and the server,
/// which decodes the path before it re-canonicalises it, sees exactly the path that was signed.
///
/// ```
/// assert_eq!(qianming::encode::path_encode("/jdy/v2/物料/a b"), "/jdy/v2/%E7%89%A9%E6%96%99/a%20b");
/// assert_eq!(qianming::encode::path_encode("/a%20b/c#d?e"), "/a%2520b/c%23d%3Fe");
/// ```
pub fn path_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    path_encode_into(&mut out, path);
    out
}

/// Appends [`path_encode`]`(path)` to `out`.
pub fn path_encode_into(out: &mut String, path: &str) {
    encode_runs(out, path, &PATH, push_escape);
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes one `application/x-www-form-urlencoded` component: `+` is a space, `%XX` a byte.
///
/// A `%` not followed by two hex digits is refused (`invalid_percent_encoding`), and so are
/// bytes that do not form UTF-8 (`invalid_unicode`).
///
/// ```
/// assert_eq!(qianming::encode::form_decode("a+b%3D%E4%B8%AD").unwrap(), "a b=中");
/// assert!(qianming::encode::form_decode("%zz").is_err());
/// ```
pub fn form_decode(input: &str) -> Result<String> {
    decode(input, true)
}

/// Decodes a percent-encoded URL path as a server receives it on the request line: `%XX` is
/// a byte and `+` stays `+` (only query strings use `+` for a space). Strict like
/// [`form_decode`].
///
/// ```
/// assert_eq!(qianming::encode::percent_decode("/jdy/v2/a+b%20%E4%B8%AD").unwrap(), "/jdy/v2/a+b 中");
/// assert!(qianming::encode::percent_decode("/a%2").is_err());
/// ```
pub fn percent_decode(input: &str) -> Result<String> {
    decode(input, false)
}

fn decode(input: &str, plus_is_space: bool) -> Result<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_value);
                let lo = bytes.get(i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => {
                        return Err(Error::new(
                            ErrorKind::InvalidPercentEncoding,
                            "a '%' is not followed by two hex digits",
                        ))
                    }
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        Error::new(
            ErrorKind::InvalidUnicode,
            "a percent-decoded component is not UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoders_differ_only_where_the_spec_says() {
        for b in 0u8..=127 {
            let s = String::from(char::from(b));
            let (g, j) = (gateway_encode(&s), java_encode(&s));
            match b {
                b'~' => assert_eq!((g.as_str(), j.as_str()), ("~", "%7E")),
                b'*' => assert_eq!((g.as_str(), j.as_str()), ("%2A", "*")),
                _ => assert_eq!(g, j, "byte {b}"),
            }
        }
    }

    /// The encoders written out byte by byte, as the spec states them.
    fn reference(input: &str, keep: &[u8]) -> String {
        let mut out = String::new();
        for &b in input.as_bytes() {
            if b.is_ascii_alphanumeric() || keep.contains(&b) {
                out.push(char::from(b));
            } else if b == b' ' {
                out.push('+');
            } else {
                out.push_str(&alloc::format!("%{b:02X}"));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn encoders_match_the_byte_by_byte_reference(s in "[a-z0-9~* =中%._-]{0,24}|.{0,24}") {
            proptest::prop_assert_eq!(gateway_encode(&s), reference(&s, b"-_.~"));
            proptest::prop_assert_eq!(java_encode(&s), reference(&s, b"-_.*"));
            let (mut name, mut value) = (String::new(), String::new());
            let name_plain = gateway_twice_into(&mut name, &s);
            let value_plain = gateway_after_java_into(&mut value, &s);
            proptest::prop_assert_eq!(name, gateway_encode(&gateway_encode(&s)));
            proptest::prop_assert_eq!(value, gateway_encode(&java_encode(&s)));
            for plain in [name_plain, value_plain] {
                let mut wire = String::new();
                java_encode_after_plain_into(&mut wire, &s, plain);
                proptest::prop_assert_eq!(&wire, &java_encode(&s));
            }
        }
    }

    #[test]
    fn one_pass_double_encoders_match_composition() {
        let samples = [
            "",
            "a b",
            "=+*~%",
            "中文😀",
            "a\u{0}\n\t-_.",
            "%2A",
            "ab~c",
            "ab*c",
            "abc",
            "x中",
        ];
        for s in samples {
            let mut once = String::new();
            let name_plain = gateway_twice_into(&mut once, s);
            assert_eq!(once, gateway_encode(&gateway_encode(s)));
            let mut once = String::new();
            let value_plain = gateway_after_java_into(&mut once, s);
            assert_eq!(once, gateway_encode(&java_encode(s)));
            for plain in [name_plain, value_plain] {
                let mut wire = String::new();
                java_encode_after_plain_into(&mut wire, s, plain);
                assert_eq!(wire, java_encode(s), "{s:?}");
            }
        }
    }

    #[test]
    fn form_decode_round_trips_java_encoding() {
        for s in ["", "a b+c", "=&%", "中文😀~*"] {
            assert_eq!(form_decode(&java_encode(s)).unwrap_or_default(), s);
        }
        assert!(form_decode("%").is_err());
        assert!(form_decode("%4").is_err());
        assert_eq!(
            form_decode("%ff").map_err(|e| e.kind()),
            Err(ErrorKind::InvalidUnicode)
        );
    }
}
