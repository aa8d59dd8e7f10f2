//! The parsed form of a JSON text, and its compact writer.

use crate::sort::sort_unstable_by;
use alloc::string::String;
use alloc::vec::Vec;

/// A JSON object: its members in byte order of their names, each name once. A repeated name
/// keeps the value received last, as serde_json's default map did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Object(Vec<(String, Value)>);

impl Object {
    /// The object of `members` as received, each with its position.
    pub(super) fn from_received(mut members: Vec<(String, usize, Value)>) -> Object {
        // By name, and among equal names the last received first: `dedup_by` keeps that one.
        sort_unstable_by(&mut members, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        members.dedup_by(|next, kept| next.0 == kept.0);
        Object(
            members
                .into_iter()
                .map(|(name, _, value)| (name, value))
                .collect(),
        )
    }

    /// The value of member `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        let at = self
            .0
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()?;
        Some(&self.0[at].1)
    }

    /// The members, in byte order of their names.
    pub(crate) fn iter(&self) -> core::slice::Iter<'_, (String, Value)> {
        self.0.iter()
    }

    /// The number of members.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as its text.
    Number(Number),
    /// A string, escapes resolved.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Object),
}

impl Value {
    /// Whether this is `null`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The text of a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number written as a non-negative integer that fits in 64 bits.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
}

/// A JSON number as its text, which the parser checked against the RFC 8259 grammar
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) and against the range of `f64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Number(String);

impl Number {
    /// Wraps text the parser has validated.
    pub(super) fn new(text: String) -> Number {
        Number(text)
    }

    /// The number as received.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The value when the text is an integer (no fraction, no exponent), not negative and at
    /// most `u64::MAX`.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        digits_value(self.0.as_bytes())
    }

    /// Whether the number is an integer the way serde_json counted them: integer text whose
    /// value fits in a `u64`, or is negative and fits in an `i64`. `-0` and integers beyond
    /// those ranges were floating-point numbers to serde_json, and are not integers here.
    pub(crate) fn is_integer(&self) -> bool {
        match self.0.as_bytes() {
            [b'-', magnitude @ ..] => {
                matches!(digits_value(magnitude), Some(m) if m != 0 && m <= 1 << 63)
            }
            digits => digits_value(digits).is_some(),
        }
    }
}

/// The value of a run of ASCII digits, `None` for anything else or above `u64::MAX`.
fn digits_value(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let mut value = 0u64;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    Some(value)
}

/// 2^1024 − 2^970, the exact halfway point between `f64::MAX` and 2^1024: a decimal at or above
/// it (in magnitude) rounds to infinity, anything below to a finite `f64`.
const OVERFLOW: &[u8; 309] = b"\
    1797693134862315807937289714053034150799341327100378269361737789\
    8044496829276475094664901797758720709633028641669288791094655554\
    7851940402630657488671505820681908902000708383676273854845817711\
    5317644757302700698555713669596228429148198608349364752927190741\
    68444365510704342711559699508093042880177904174497792";

/// Whether number text already checked against the grammar stays finite as an `f64` (decided
/// exactly on the digits, without a float conversion). serde_json refused numbers that
/// overflow; it rounded approximately, so within about one unit in the last place of
/// `f64::MAX` its verdict could differ from this exact one.
pub(super) fn fits_f64(text: &[u8]) -> bool {
    let text = text.strip_prefix(b"-").unwrap_or(text);
    let (mantissa, exponent) = match text.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, &[][..]),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, &[][..]),
    };
    let int = &int[int.iter().take_while(|&&b| b == b'0').count()..];
    // The value is 0.D × 10^scale, D the significant digits.
    let (first, rest, mut scale): (&[u8], &[u8], i64) = if int.is_empty() {
        let zeros = frac.iter().take_while(|&&b| b == b'0').count();
        if zeros == frac.len() {
            return true; // zero
        }
        (&frac[zeros..], &[][..], -(zeros as i64))
    } else {
        (int, frac, int.len() as i64)
    };
    let (negative, exponent) = match exponent {
        [b'-', digits @ ..] => (true, digits),
        [b'+', digits @ ..] => (false, digits),
        digits => (false, digits),
    };
    // Saturates far beyond any reach of the digit count (answers are at most 256 KiB).
    let exponent = exponent.iter().fold(0i64, |e, &b| {
        (e * 10 + i64::from(b - b'0')).min(1_000_000_000)
    });
    scale += if negative { -exponent } else { exponent };
    match scale.cmp(&(OVERFLOW.len() as i64)) {
        core::cmp::Ordering::Less => true,
        core::cmp::Ordering::Greater => false,
        core::cmp::Ordering::Equal => {
            let mut digits = first.iter().chain(rest);
            for &limit in OVERFLOW {
                match digits.next() {
                    // D is a proper prefix of the limit, whose last digit is not zero.
                    None => return true,
                    Some(&d) if d != limit => return d < limit,
                    Some(_) => {}
                }
            }
            false
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `text` as a JSON string literal (quotes included) the way serde_json does: `"` and
/// `\` escaped, `\b \f \n \r \t` in short form, other control characters as `\u00XX`;
/// everything else as is (UTF-8).
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        plain = i + 1;
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

/// Compact JSON text of `value` with object keys in byte order at every level. Strings,
/// integers, `true`, `false` and `null` come out exactly as serde_json wrote them; other
/// numbers keep the text received (serde_json wrote its own shortest form of the `f64`: `1.50`
/// became `1.5`, `1e2` became `100.0`, `-0` became `-0.0`). Depth is bounded by the limit the
/// parser enforces.
pub(crate) fn canonical_text(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => push_string(out, s),
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
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_string(out, key);
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
    }
}
