//! Decimal formatting of `u64` on the stack, without `core::fmt` (whose machinery costs the
//! WebAssembly build kilobytes): what the signer writes timestamps with, and the bindings reuse.

/// Room for the longest `u64` in decimal.
pub type DecimalBuffer = [u8; 20];

/// A zeroed buffer for [`format_u64`].
pub const fn itoa_buffer() -> DecimalBuffer {
    [0u8; 20]
}

/// Formats `value` in decimal into `buffer` and returns the text.
///
/// ```
/// use qianming::decimal::{format_u64, itoa_buffer};
/// assert_eq!(format_u64(1_700_000_000_000, &mut itoa_buffer()), "1700000000000");
/// assert_eq!(format_u64(u64::MAX, &mut itoa_buffer()), "18446744073709551615");
/// ```
pub fn format_u64(mut value: u64, buffer: &mut DecimalBuffer) -> &str {
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    core::str::from_utf8(&buffer[start..]).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_edges() {
        let mut b = itoa_buffer();
        assert_eq!(format_u64(0, &mut b), "0");
        assert_eq!(format_u64(u64::MAX, &mut b), "18446744073709551615");
        assert_eq!(format_u64(1742369234096, &mut b), "1742369234096");
    }
}
