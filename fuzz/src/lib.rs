//! What the fuzz targets share: how a fuzz input is cut into the fields a target reads.
//!
//! Structured targets read text fields separated by NUL bytes (so libFuzzer's byte mutations
//! move freely inside a field, and `seed_corpus.py` writes seeds the same way). A name and its
//! value inside one field are separated by [`NAME_VALUE`].

use std::borrow::Cow;

/// Separates a name from its value inside one field (a query pair, a header).
pub const NAME_VALUE: char = '\u{1}';

/// The NUL-separated fields of `data`, each as text (bytes that are not UTF-8 become U+FFFD,
/// so every input reaches the parsers).
pub fn fields(data: &[u8]) -> Vec<Cow<'_, str>> {
    data.split(|&b| b == 0)
        .map(String::from_utf8_lossy)
        .collect()
}

/// A millisecond clock reading from a decimal field; anything else reads as 0, and digits
/// beyond `u64` saturate (so the edges of the time arithmetic are reachable).
pub fn millis(field: &str) -> u64 {
    field
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0u64, |n, d| {
            n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
        })
}

/// `name<U+0001>value`, or the whole field as a name with an empty value.
pub fn name_value(field: &str) -> (&str, &str) {
    field.split_once(NAME_VALUE).unwrap_or((field, ""))
}
