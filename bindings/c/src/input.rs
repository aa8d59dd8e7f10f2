//! Turning C arguments into Rust borrows: `(ptr, len)` UTF-8 strings and arrays of `qm_pair`.

use crate::status::qm_status;
use core::ffi::c_char;
use qianming::kingdee::SignHeader;

/// A name and a value, each a `(ptr, len)` UTF-8 string (not NUL-terminated; `len` is
/// authoritative). Used for query parameters, extra headers to sign and received headers.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_pair {
    /// The name's bytes. Must not be NULL.
    pub name: *const c_char,
    /// The name's length in bytes.
    pub name_len: usize,
    /// The value's bytes. Must not be NULL, except in an extra header to sign, where NULL
    /// means "named without a value" (refused with `QM_STATUS_MISSING_HEADER_VALUE`).
    pub value: *const c_char,
    /// The value's length in bytes (ignored when `value` is NULL).
    pub value_len: usize,
}

/// How many converted elements live on the stack before a list spills to the heap.
const INLINE: usize = 16;

/// Borrows `(ptr, len)` as UTF-8 text. NULL → `NullArgument`; not UTF-8 → `InvalidUtf8`.
///
/// # Safety
/// Unless NULL, `ptr` must point to `len` readable bytes that stay valid and unchanged for
/// `'a`.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, qm_status> {
    if ptr.is_null() {
        return Err(qm_status::NullArgument);
    }
    // SAFETY: `ptr` is not NULL and the caller promises `len` readable bytes (the documented
    // contract of every `(ptr, len)` argument).
    let bytes = unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    core::str::from_utf8(bytes).map_err(|_| qm_status::InvalidUtf8)
}

/// Like [`text`], but NULL means "no value".
pub(crate) unsafe fn optional_text<'a>(
    ptr: *const c_char,
    len: usize,
) -> Result<Option<&'a str>, qm_status> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract of `text`.
    unsafe { text(ptr, len) }.map(Some)
}

/// Borrows `(ptr, len)` as bytes (any content: answer bodies need not be UTF-8). NULL →
/// `NullArgument`, even with `len` 0.
///
/// # Safety
/// Unless NULL, `ptr` must point to `len` readable bytes that stay valid for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], qm_status> {
    if ptr.is_null() {
        return Err(qm_status::NullArgument);
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// Reads element `i` of a C array.
///
/// # Safety
/// `array` must point to at least `i + 1` readable `qm_pair`s.
unsafe fn pair_at(array: *const qm_pair, i: usize) -> qm_pair {
    // SAFETY: the caller promises `i < count` elements behind a non-NULL `array`.
    unsafe { array.add(i).read() }
}

/// Converts `count` elements into a list of `T` and hands it to `body`. Lists of up to
/// [`INLINE`] elements are kept on the stack, so the common case does not allocate.
fn with_list<T: Copy, R>(
    count: usize,
    empty: T,
    mut convert: impl FnMut(usize) -> Result<T, qm_status>,
    body: impl FnOnce(&[T]) -> Result<R, qm_status>,
) -> Result<R, qm_status> {
    if count <= INLINE {
        let mut inline = [empty; INLINE];
        for (i, slot) in inline.iter_mut().enumerate().take(count) {
            *slot = convert(i)?;
        }
        body(&inline[..count])
    } else {
        let list = (0..count).map(convert).collect::<Result<Vec<T>, _>>()?;
        body(&list)
    }
}

/// Checks an array argument: NULL is allowed only for an empty list.
fn check_array(array: *const qm_pair, count: usize) -> Result<(), qm_status> {
    if array.is_null() && count > 0 {
        return Err(qm_status::NullArgument);
    }
    Ok(())
}

/// Borrows an array of `qm_pair` as `(name, value)` text pairs; both must be non-NULL UTF-8.
///
/// # Safety
/// Unless `count` is 0, `array` must point to `count` readable `qm_pair`s whose strings obey
/// the contract of [`text`] for `'a`.
pub(crate) unsafe fn with_pairs<'a, R>(
    array: *const qm_pair,
    count: usize,
    body: impl FnOnce(&[(&'a str, &'a str)]) -> Result<R, qm_status>,
) -> Result<R, qm_status> {
    check_array(array, count)?;
    let convert = |i| {
        // SAFETY: `i < count` and `array` is non-NULL (checked above), per this function's
        // contract; the strings obey `text`'s contract.
        unsafe {
            let pair = pair_at(array, i);
            Ok((
                text(pair.name, pair.name_len)?,
                text(pair.value, pair.value_len)?,
            ))
        }
    };
    with_list(count, ("", ""), convert, body)
}

/// Borrows an array of `qm_pair` as extra headers to sign; a NULL value is "no value".
///
/// # Safety
/// As for [`with_pairs`].
pub(crate) unsafe fn with_sign_headers<'a, R>(
    array: *const qm_pair,
    count: usize,
    body: impl FnOnce(&[SignHeader<'a>]) -> Result<R, qm_status>,
) -> Result<R, qm_status> {
    check_array(array, count)?;
    let convert = |i| {
        // SAFETY: as in `with_pairs`.
        unsafe {
            let pair = pair_at(array, i);
            Ok(SignHeader {
                name: text(pair.name, pair.name_len)?,
                value: optional_text(pair.value, pair.value_len)?,
            })
        }
    };
    let empty = SignHeader {
        name: "",
        value: None,
    };
    with_list(count, empty, convert, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, value: &str) -> qm_pair {
        qm_pair {
            name: name.as_ptr().cast(),
            name_len: name.len(),
            value: value.as_ptr().cast(),
            value_len: value.len(),
        }
    }

    #[test]
    fn short_and_long_lists_convert_alike() {
        for count in [0, 1, INLINE, INLINE + 1, 100] {
            let names: Vec<String> = (0..count).map(|i| format!("n{i}")).collect();
            let array: Vec<qm_pair> = names.iter().map(|n| pair(n, "v")).collect();
            // SAFETY: `array` holds `count` pairs of live strings.
            let got = unsafe {
                with_pairs(array.as_ptr(), count, |pairs| {
                    Ok(pairs.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>())
                })
            };
            assert_eq!(got, Ok(names));
        }
    }

    #[test]
    fn null_and_invalid_utf8_are_refused() {
        // SAFETY: NULL pointers are checked before any read.
        unsafe {
            assert_eq!(text(core::ptr::null(), 0), Err(qm_status::NullArgument));
            assert_eq!(
                with_pairs(core::ptr::null(), 1, |_| Ok(())),
                Err(qm_status::NullArgument)
            );
            assert_eq!(with_pairs(core::ptr::null(), 0, |_| Ok(())), Ok(()));
        }
        let bad = [0xffu8, 0xfe];
        // SAFETY: `bad` holds 2 bytes.
        let got = unsafe { text(bad.as_ptr().cast(), 2) };
        assert_eq!(got, Err(qm_status::InvalidUtf8));
    }
}
