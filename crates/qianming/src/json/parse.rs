//! A strict RFC 8259 reader: one value, no trailing commas, no comments, no leading zeros, no
//! raw control characters in strings, surrogate pairs only in pairs, UTF-8 only, numbers
//! within the range of `f64`, nesting at most [`limits::MAX_JSON_DEPTH`] deep.

use super::value::{fits_f64, Number, Object, Value};
use crate::limits;
use alloc::string::String;
use alloc::vec::Vec;

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FaultKind {
    /// The text ends before the value does.
    Truncated,
    /// The text breaks the grammar.
    Invalid,
    /// Arrays and objects nest deeper than the limit.
    TooDeep,
}

/// A refusal: what and where (a byte offset into the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fault {
    pub(super) kind: FaultKind,
    pub(super) at: usize,
    pub(super) why: &'static str,
}

type Parsed<T> = Result<T, Fault>;

/// Parses `text` as exactly one JSON value, white space (space, tab, LF, CR) around it allowed.
pub(super) fn parse(text: &[u8]) -> Parsed<Value> {
    let mut reader = Reader { text, at: 0 };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < text.len() {
        return Err(reader.invalid("text follows the JSON value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn fault(&self, kind: FaultKind, at: usize, why: &'static str) -> Fault {
        Fault { kind, at, why }
    }

    fn invalid(&self, why: &'static str) -> Fault {
        self.fault(FaultKind::Invalid, self.at, why)
    }

    /// [`FaultKind::Truncated`] at the end of the text, or `why` at the current byte.
    fn unexpected(&self, why: &'static str) -> Fault {
        match self.peek() {
            None => self.fault(FaultKind::Truncated, self.at, why),
            Some(_) => self.invalid(why),
        }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// One value; `depth` counts the arrays and objects around it.
    fn value(&mut self, depth: usize) -> Parsed<Value> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("expected a value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Parsed<Value> {
        for &expected in word.as_bytes() {
            if self.peek() != Some(expected) {
                return Err(self.unexpected("expected true, false or null"));
            }
            self.at += 1;
        }
        Ok(value)
    }

    fn enter(&self, depth: usize) -> Parsed<()> {
        if depth > limits::MAX_JSON_DEPTH {
            return Err(self.fault(FaultKind::TooDeep, self.at, "nested too deep"));
        }
        Ok(())
    }

    /// After a `,` in an array or object: refuses a closing `close` right away.
    fn no_trailing_comma(&mut self, close: u8) -> Parsed<()> {
        self.skip_space();
        if self.peek() == Some(close) {
            return Err(self.invalid("trailing comma"));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Parsed<Value> {
        self.enter(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.no_trailing_comma(b']')?;
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("expected , or ] in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Parsed<Value> {
        self.enter(depth)?;
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Object::default()));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("expected a string key in an object"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("expected : after an object key"));
            }
            self.at += 1;
            self.skip_space();
            let value = self.value(depth)?;
            members.push((key, members.len(), value));
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.no_trailing_comma(b'}')?;
                }
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(Object::from_received(members)));
                }
                _ => return Err(self.unexpected("expected , or } in an object")),
            }
        }
    }

    /// A string, the reader on its opening quote.
    fn string(&mut self) -> Parsed<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Runs end at ASCII bytes, so checking each run checks the whole string.
            match core::str::from_utf8(&self.text[start..self.at]) {
                Ok(run) => out.push_str(run),
                Err(e) => {
                    let at = start + e.valid_up_to();
                    return Err(self.fault(FaultKind::Invalid, at, "a string is not UTF-8"));
                }
            }
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => {
                    return Err(self.invalid("a control character is not escaped in a string"))
                }
                None => return Err(self.unexpected("inside a string")),
            }
        }
    }

    /// An escape, the reader on its backslash.
    fn escape(&mut self, out: &mut String) -> Parsed<()> {
        let start = self.at;
        self.at += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                return self.unicode_escape(out, start);
            }
            Some(_) => return Err(self.invalid("invalid escape in a string")),
            None => return Err(self.unexpected("inside a string")),
        };
        self.at += 1;
        out.push(c);
        Ok(())
    }

    /// The rest of a `\uXXXX` escape (and of a second one when the first is a high surrogate).
    fn unicode_escape(&mut self, out: &mut String, start: usize) -> Parsed<()> {
        let lone = |reader: &Self| {
            reader.fault(
                FaultKind::Invalid,
                start,
                "a \\u escape is a lone UTF-16 surrogate",
            )
        };
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.unexpected("a surrogate pair ends early")),
                        Some(b) if b != expected => return Err(lone(self)),
                        Some(_) => self.at += 1,
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone(self));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(lone(self)),
            code => code,
        };
        match char::from_u32(code) {
            Some(c) => out.push(c),
            None => return Err(lone(self)),
        }
        Ok(())
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.unexpected("a \\u escape needs four hex digits")),
            };
            code = code * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(code)
    }

    /// Skips ASCII digits; refuses none.
    fn digits(&mut self) -> Parsed<()> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.unexpected("expected a digit in a number"));
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        Ok(())
    }

    fn number(&mut self) -> Parsed<Value> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.peek() == Some(b'0') {
            self.at += 1;
            if let Some(b'0'..=b'9') = self.peek() {
                return Err(self.invalid("a number has a leading zero"));
            }
        } else {
            self.digits()?;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.digits()?;
        }
        let text = &self.text[start..self.at];
        if !fits_f64(text) {
            return Err(self.fault(
                FaultKind::Invalid,
                start,
                "a number is out of the range of a 64-bit float",
            ));
        }
        // The grammar above admits ASCII only.
        let text = text.iter().map(|&b| char::from(b)).collect();
        Ok(Value::Number(Number::new(text)))
    }
}
