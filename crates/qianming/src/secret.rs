//! A wrapper for secret text: redacted `Debug`, zeroized on drop, constant-time equality
//! (docs/spec/common.md#secrets).

use alloc::string::String;
use core::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Secret text (a client secret, app secret, Weaver secret, AES key or password).
///
/// `Debug` prints `** redacted **`, the memory is zeroized when the value is dropped, and
/// equality is constant-time in the contents.
///
/// ```
/// let secret = qianming::Secret::new("abc123");
/// assert_eq!(format!("{secret:?}"), "** redacted **");
/// assert_eq!(secret.expose(), "abc123");
/// ```
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct Secret(String);

impl Secret {
    /// Wraps secret text.
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The secret text. Name it at the place the secret is used, so reviews can find it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret as bytes (its UTF-8 encoding).
    pub fn expose_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length of the secret in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(self.0.as_bytes(), other.0.as_bytes())
    }
}

impl Eq for Secret {}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret::new(text)
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(text)
    }
}

/// Constant-time equality of two byte strings (their lengths are not secret).
///
/// Compared eight bytes a step with `subtle`'s `u64` comparison (then byte by byte for the
/// rest): every byte is always looked at, and `subtle` keeps the compiler from turning the
/// accumulation into an early exit. A signature is 88 bytes, so 11 word comparisons instead
/// of 88 byte comparisons (each behind `subtle`'s optimisation barrier).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let words = a.len() / 8 * 8;
    let (a_words, a_rest) = a.split_at(words);
    let (b_words, b_rest) = b.split_at(words);
    let mut equal = a_rest.ct_eq(b_rest);
    for (x, y) in a_words.chunks_exact(8).zip(b_words.chunks_exact(8)) {
        equal &= word(x).ct_eq(&word(y));
    }
    equal.into()
}

/// Eight bytes (callers pass exactly eight) as a `u64`.
fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(bytes);
    u64::from_le_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "** redacted **");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn constant_time_eq_sees_every_byte() {
        for len in 0..40usize {
            let a: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 7 + 1) as u8).collect();
            assert!(constant_time_eq(&a, &a.clone()), "len {len}");
            for at in 0..len {
                for flip in [1u8, 0x80, 0xff] {
                    let mut b = a.clone();
                    b[at] ^= flip;
                    assert!(
                        !constant_time_eq(&a, &b),
                        "len {len}, byte {at}, flip {flip}"
                    );
                }
            }
            let longer = [a.as_slice(), &[0]].concat();
            assert!(!constant_time_eq(&a, &longer), "len {len} vs {}", len + 1);
        }
    }

    #[test]
    fn equality_compares_contents() {
        assert_eq!(Secret::new("a"), Secret::new("a"));
        assert_ne!(Secret::new("a"), Secret::new("b"));
        assert_ne!(Secret::new("a"), Secret::new("ab"));
    }
}
