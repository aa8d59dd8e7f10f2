//! Words of a command line split as a POSIX shell splits them, for the quoting forms pasted
//! commands use: single and double quotes, `$'…'` ANSI-C quoting, backslashes, backslash-newline
//! continuations and comments.

use super::invalid;
use crate::error::{Error, ErrorKind, Result};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Splits `text` into words as a POSIX shell does, for the quoting forms pasted commands use.
pub(super) fn shell_words(text: &str) -> Result<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<Vec<u8>> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    let unterminated = |what: &str| invalid(format!("the curl command has an unterminated {what}"));
    while let Some(&b) = bytes.get(at) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                if let Some(done) = word.take() {
                    words.push(utf8(done)?);
                }
                at += 1;
            }
            b'\\' => {
                match bytes.get(at + 1) {
                    // A continuation: the backslash and the line break vanish.
                    Some(b'\n') => {}
                    Some(b'\r') if bytes.get(at + 2) == Some(&b'\n') => at += 1,
                    Some(&c) => word.get_or_insert_with(Vec::new).push(c),
                    None => return Err(unterminated("backslash")),
                }
                at += 2;
            }
            b'\'' => {
                let end = find(bytes, at + 1, b'\'').ok_or_else(|| unterminated("single quote"))?;
                word.get_or_insert_with(Vec::new)
                    .extend_from_slice(&bytes[at + 1..end]);
                at = end + 1;
            }
            b'"' => at = double_quoted(bytes, at + 1, word.get_or_insert_with(Vec::new))?,
            b'$' if bytes.get(at + 1) == Some(&b'\'') => {
                at = ansi_c_quoted(bytes, at + 2, word.get_or_insert_with(Vec::new))?;
            }
            b'#' if word.is_none() => {
                // A comment runs to the end of the line.
                at = find(bytes, at, b'\n').unwrap_or(bytes.len());
            }
            _ => {
                word.get_or_insert_with(Vec::new).push(b);
                at += 1;
            }
        }
    }
    if let Some(done) = word {
        words.push(utf8(done)?);
    }
    Ok(words)
}

fn find(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|i| from + i)
}

fn utf8(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorKind::InvalidUnicode,
            "a word of the curl command is not UTF-8",
        )
    })
}

/// Reads `"…"` from `at` (after the quote); returns where reading continues.
fn double_quoted(bytes: &[u8], mut at: usize, word: &mut Vec<u8>) -> Result<usize> {
    loop {
        match bytes.get(at) {
            None => return Err(invalid("the curl command has an unterminated double quote")),
            Some(b'"') => return Ok(at + 1),
            Some(b'\\') => {
                match bytes.get(at + 1) {
                    Some(b'\n') => {}
                    Some(&c @ (b'"' | b'\\' | b'$' | b'`')) => word.push(c),
                    Some(&c) => word.extend_from_slice(&[b'\\', c]),
                    None => {
                        return Err(invalid("the curl command has an unterminated double quote"))
                    }
                }
                at += 2;
            }
            Some(&c) => {
                word.push(c);
                at += 1;
            }
        }
    }
}

/// Reads `$'…'` from `at` (after the quote), resolving its escapes; returns where reading
/// continues.
fn ansi_c_quoted(bytes: &[u8], mut at: usize, word: &mut Vec<u8>) -> Result<usize> {
    let unterminated = || invalid("the curl command has an unterminated $'…' quote");
    loop {
        match bytes.get(at) {
            None => return Err(unterminated()),
            Some(b'\'') => return Ok(at + 1),
            Some(b'\\') => {
                let escape = *bytes.get(at + 1).ok_or_else(unterminated)?;
                at += 2;
                let simple = match escape {
                    b'n' => Some(b'\n'),
                    b't' => Some(b'\t'),
                    b'r' => Some(b'\r'),
                    b'a' => Some(0x07),
                    b'b' => Some(0x08),
                    b'e' | b'E' => Some(0x1b),
                    b'f' => Some(0x0c),
                    b'v' => Some(0x0b),
                    b'\\' | b'\'' | b'"' | b'?' => Some(escape),
                    _ => None,
                };
                if let Some(byte) = simple {
                    word.push(byte);
                    continue;
                }
                let (radix, most) = match escape {
                    b'x' => (16, 2),
                    b'u' => (16, 4),
                    b'U' => (16, 8),
                    b'0'..=b'7' => {
                        at -= 1;
                        (8, 3)
                    }
                    _ => {
                        word.extend_from_slice(&[b'\\', escape]);
                        continue;
                    }
                };
                let digits = bytes[at..]
                    .iter()
                    .take(most)
                    .take_while(|b| char::from(**b).is_digit(radix))
                    .count();
                let text = core::str::from_utf8(&bytes[at..at + digits]).unwrap_or_default();
                let value = u32::from_str_radix(text, radix).map_err(|_| {
                    invalid("the curl command has an escape without digits in a $'…' quote")
                })?;
                at += digits;
                if matches!(escape, b'u' | b'U') {
                    let c = char::from_u32(value).ok_or_else(|| {
                        Error::new(ErrorKind::InvalidUnicode, "a \\u escape is not a character")
                    })?;
                    let mut buffer = [0u8; 4];
                    word.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                } else {
                    word.push(value as u8);
                }
            }
            Some(&c) => {
                word.push(c);
                at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_a_shell_splits_them() -> Result<()> {
        let words = shell_words(
            "curl 'a b'\"c\\\"d\"e\\ f \\\n  $'x\\ty\\'\\u4e2d\\x41\\101' \"\\q\" # comment\n  last",
        )?;
        assert_eq!(words, ["curl", "a bc\"de f", "x\ty'中AA", "\\q", "last"]);
        for bad in ["curl 'a", "curl \"a", "curl $'a", "curl a\\"] {
            assert_eq!(
                shell_words(bad).map_err(|e| e.kind()),
                Err(ErrorKind::InvalidField),
                "{bad}"
            );
        }
        Ok(())
    }
}
