//! Turning C arguments into Rust borrows: `(ptr, len)` UTF-8 strings, arrays of `qm_pair`,
//! received requests and handles (the input conversions of `ffi_fn!`).

use crate::status::qm_status;
use core::ffi::c_char;
use core::marker::PhantomData;
use qianming::ecology::SEED_LEN;
use qianming::kingdee::{ReceivedRequest, SignHeader};
use qianming::limits::{MAX_ANSWER_BYTES, MAX_QUERY_PAIRS, MAX_SIGN_HEADERS, MAX_TEXT_BYTES};
use qianming::wecom::RANDOM_LEN;
use qianming::ErrorKind;

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

/// Borrows `(ptr, len)` as UTF-8 text. NULL → `NullArgument`; longer than the core's
/// [`MAX_TEXT_BYTES`] (or than `isize::MAX`) → `InputTooLarge`, decided from `len` alone
/// before any byte is read; not UTF-8 → `InvalidUtf8`.
///
/// # Safety
/// Unless NULL or too long, `ptr` must point to `len` readable bytes that stay valid and
/// unchanged for `'a`, and do not overlap any output the call writes.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, qm_status> {
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { readable(ptr.cast::<u8>(), len, "a string argument", MAX_TEXT_BYTES)? };
    core::str::from_utf8(bytes).map_err(|_| qm_status::InvalidUtf8)
}

/// Several [`text`] arguments in a row, converted in order into one array (for credentials the
/// core takes together). The first refusal is the result.
///
/// # Safety
/// As for [`text`], for each pair.
pub(crate) unsafe fn texts<'a, const N: usize>(
    args: [(*const c_char, usize); N],
) -> Result<[&'a str; N], qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe { each(args, text) }
}

/// Several [`long_text`] arguments in a row, as [`texts`].
///
/// # Safety
/// As for [`text`], for each pair.
pub(crate) unsafe fn long_texts<'a, const N: usize>(
    args: [(*const c_char, usize); N],
) -> Result<[&'a str; N], qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe { each(args, long_text) }
}

/// Converts `args` in order with `convert`, stopping at the first refusal.
///
/// # Safety
/// As for `convert`, for each pair.
unsafe fn each<'a, const N: usize>(
    args: [(*const c_char, usize); N],
    convert: unsafe fn(*const c_char, usize) -> Result<&'a str, qm_status>,
) -> Result<[&'a str; N], qm_status> {
    let mut texts = [""; N];
    for (slot, (ptr, len)) in texts.iter_mut().zip(args) {
        // SAFETY: forwarded caller contract.
        *slot = unsafe { convert(ptr, len)? };
    }
    Ok(texts)
}

/// Like [`text`] for a pasted request, whose limit is the core's `MAX_PASTED_REQUEST_BYTES`.
///
/// # Safety
/// As for [`text`].
pub(crate) unsafe fn pasted_text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, qm_status> {
    let max = qianming::limits::MAX_PASTED_REQUEST_BYTES;
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { readable(ptr.cast::<u8>(), len, "the pasted request", max)? };
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
/// `NullArgument`, even with `len` 0; longer than the core's [`MAX_ANSWER_BYTES`] (the byte
/// arguments are answer bodies and received request bodies) → `InputTooLarge`, before any
/// byte is read.
///
/// # Safety
/// Unless NULL or too long, `ptr` must point to `len` readable bytes that stay valid for
/// `'a` and do not overlap any output the call writes.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe { readable(ptr, len, "an answer body", MAX_ANSWER_BYTES) }
}

/// Like [`text`] for a text the core accepts up to [`MAX_ANSWER_BYTES`] rather than
/// [`MAX_TEXT_BYTES`]: the WXBizMsgCrypt texts (token, timestamp, nonce, `encrypt`, message,
/// `msg_signature`) and a Feishu event's `encrypt`.
///
/// # Safety
/// As for [`text`].
pub(crate) unsafe fn long_text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, qm_status> {
    // SAFETY: forwarded caller contract.
    let bytes = unsafe {
        readable(
            ptr.cast::<u8>(),
            len,
            "a message, encrypt or signature text",
            MAX_ANSWER_BYTES,
        )?
    };
    core::str::from_utf8(bytes).map_err(|_| qm_status::InvalidUtf8)
}

/// Borrows `(ptr, len)` as the random prefix of a WXBizMsgCrypt plaintext: NULL →
/// `NullArgument`; a length other than the core's [`RANDOM_LEN`] → `InvalidField`, judged
/// from `len` before any byte is read.
///
/// # Safety
/// Unless NULL or of another length, `ptr` must point to `len` readable bytes valid for `'a`.
pub(crate) unsafe fn random_prefix<'a>(
    ptr: *const u8,
    len: usize,
) -> Result<&'a [u8; RANDOM_LEN], qm_status> {
    if ptr.is_null() {
        return Err(qm_status::NullArgument);
    }
    if len != RANDOM_LEN {
        let detail = format!("the random prefix must be {RANDOM_LEN} bytes (random_len is {len})");
        return Err(qianming::Error::new(ErrorKind::InvalidField, detail).into());
    }
    // SAFETY: `ptr` is not NULL and the caller promises `len` (= RANDOM_LEN) readable bytes.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, RANDOM_LEN) };
    bytes.try_into().map_err(|_| qm_status::InvalidField)
}

/// Borrows `(ptr, len)` as the seed of one e-cology RSA encryption: NULL → `NullArgument`; a
/// length other than the core's [`SEED_LEN`] → `InvalidField`, judged from `len` before any
/// byte is read.
///
/// # Safety
/// Unless NULL or of another length, `ptr` must point to `len` readable bytes valid for `'a`.
pub(crate) unsafe fn seed<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8; SEED_LEN], qm_status> {
    if ptr.is_null() {
        return Err(qm_status::NullArgument);
    }
    if len != SEED_LEN {
        let detail = format!("the seed must be {SEED_LEN} random bytes (seed_len is {len})");
        return Err(qianming::Error::new(ErrorKind::InvalidField, detail).into());
    }
    // SAFETY: `ptr` is not NULL and the caller promises `len` (= SEED_LEN) readable bytes.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, SEED_LEN) };
    bytes.try_into().map_err(|_| qm_status::InvalidField)
}

/// Refuses `len` above `max` (`what` names the argument in the detail message).
fn check_len(what: &str, len: usize, max: usize) -> Result<(), qm_status> {
    if len <= max {
        return Ok(());
    }
    let detail = format!("{what} is {len} long; the limit is {max}");
    Err(qianming::Error::new(ErrorKind::InputTooLarge, detail).into())
}

/// Borrows `(ptr, len)` as bytes once NULL and the length are checked: `len` must be at most
/// `max` (a core limit) and `isize::MAX` (the most `from_raw_parts` may describe), judged
/// from `len` alone, so an oversized argument is refused before anything is read.
///
/// # Safety
/// Unless NULL or too long, `ptr` must point to `len` readable bytes valid for `'a`.
unsafe fn readable<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
    max: usize,
) -> Result<&'a [u8], qm_status> {
    if ptr.is_null() {
        return Err(qm_status::NullArgument);
    }
    check_len(what, len, max.min(isize::MAX as usize))?;
    // SAFETY: `ptr` is not NULL, `len <= isize::MAX`, and the caller promises `len`
    // readable bytes (the documented contract of every `(ptr, len)` argument).
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

/// The most elements a `qm_pair` list argument may have, and its name for the detail message.
#[derive(Clone, Copy)]
pub(crate) struct ListLimit {
    what: &'static str,
    max: usize,
}

/// The most `qm_pair`s an array in memory can hold (`count * size` must fit in `isize`).
const ADDRESSABLE_PAIRS: usize = isize::MAX as usize / core::mem::size_of::<qm_pair>();

/// Query pairs: the core's [`MAX_QUERY_PAIRS`].
pub(crate) const QUERY_PAIRS: ListLimit = ListLimit {
    what: "the number of query pairs",
    max: MAX_QUERY_PAIRS,
};
/// Received headers: the core sets no count (each header is scanned once), so only what an
/// array in memory can hold.
pub(crate) const RECEIVED_HEADERS: ListLimit = ListLimit {
    what: "the number of received headers",
    max: ADDRESSABLE_PAIRS,
};
/// Extra headers to sign: the core's [`MAX_SIGN_HEADERS`].
const SIGN_HEADERS: ListLimit = ListLimit {
    what: "the number of headers to sign",
    max: MAX_SIGN_HEADERS,
};

/// Checks an array argument before any element is read: NULL is allowed only for an empty
/// list, and `count` must be within `limit` (and addressable).
fn check_array(array: *const qm_pair, count: usize, limit: ListLimit) -> Result<(), qm_status> {
    if array.is_null() && count > 0 {
        return Err(qm_status::NullArgument);
    }
    check_len(limit.what, count, limit.max.min(ADDRESSABLE_PAIRS))
}

/// Borrows an array of `qm_pair` as `(name, value)` text pairs; both must be non-NULL UTF-8,
/// and `count` within `limit`.
///
/// # Safety
/// Unless `count` is 0, `array` must point to `count` readable `qm_pair`s whose strings obey
/// the contract of [`text`] for `'a`.
pub(crate) unsafe fn with_pairs<'a, R>(
    array: *const qm_pair,
    count: usize,
    limit: ListLimit,
    body: impl FnOnce(&[(&'a str, &'a str)]) -> Result<R, qm_status>,
) -> Result<R, qm_status> {
    check_array(array, count, limit)?;
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

/// Borrows an array of `qm_pair` as extra headers to sign (at most the core's
/// [`MAX_SIGN_HEADERS`]); a NULL value is "no value".
///
/// # Safety
/// As for [`with_pairs`].
pub(crate) unsafe fn with_sign_headers<'a, R>(
    array: *const qm_pair,
    count: usize,
    body: impl FnOnce(&[SignHeader<'a>]) -> Result<R, qm_status>,
) -> Result<R, qm_status> {
    check_array(array, count, SIGN_HEADERS)?;
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

/// Borrows what a non-NULL pointer points to (a handle, a `qm_lifetime`); NULL →
/// `NullArgument`.
///
/// # Safety
/// Unless NULL, `ptr` must point to a live `T` that stays valid and unchanged for `'a`.
pub(crate) unsafe fn borrowed<'a, T>(ptr: *const T) -> Result<&'a T, qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe { ptr.as_ref() }.ok_or(qm_status::NullArgument)
}

/// Like [`borrowed`], but NULL means "none".
///
/// # Safety
/// As for [`borrowed`].
pub(crate) unsafe fn optional_borrowed<'a, T>(ptr: *const T) -> Result<Option<&'a T>, qm_status> {
    // SAFETY: forwarded caller contract.
    Ok(unsafe { ptr.as_ref() })
}

/// A `qm_pair` array argument, converted when [`Pairs::with`] runs (made by [`pairs`]).
pub(crate) struct Pairs<'a> {
    array: *const qm_pair,
    count: usize,
    limit: ListLimit,
    borrow: PhantomData<&'a qm_pair>,
}

/// Takes a `qm_pair` array of `count` elements within `limit`, converted later by
/// [`Pairs::with`] (so it is judged where the call reaches it, and lists stay on the stack).
///
/// # Safety
/// As for [`with_pairs`], for `'a`.
pub(crate) unsafe fn pairs<'a>(
    array: *const qm_pair,
    count: usize,
    limit: ListLimit,
) -> Result<Pairs<'a>, qm_status> {
    Ok(Pairs {
        array,
        count,
        limit,
        borrow: PhantomData,
    })
}

impl<'a> Pairs<'a> {
    /// Converts the pairs (see [`with_pairs`]) and runs `body` on them.
    pub(crate) fn with<R>(
        self,
        body: impl FnOnce(&[(&'a str, &'a str)]) -> Result<R, qm_status>,
    ) -> Result<R, qm_status> {
        // SAFETY: promised to `pairs`, which made this value.
        unsafe { with_pairs(self.array, self.count, self.limit, body) }
    }
}

/// An array of extra headers to sign, converted when [`SignHeaders::with`] runs.
pub(crate) struct SignHeaders<'a> {
    array: *const qm_pair,
    count: usize,
    borrow: PhantomData<&'a qm_pair>,
}

/// Takes an array of extra headers to sign, converted later by [`SignHeaders::with`].
///
/// # Safety
/// As for [`with_sign_headers`], for `'a`.
pub(crate) unsafe fn sign_headers<'a>(
    array: *const qm_pair,
    count: usize,
) -> Result<SignHeaders<'a>, qm_status> {
    Ok(SignHeaders {
        array,
        count,
        borrow: PhantomData,
    })
}

impl<'a> SignHeaders<'a> {
    /// Converts the headers (see [`with_sign_headers`]) and runs `body` on them.
    pub(crate) fn with<R>(
        self,
        body: impl FnOnce(&[SignHeader<'a>]) -> Result<R, qm_status>,
    ) -> Result<R, qm_status> {
        // SAFETY: promised to `sign_headers`, which made this value.
        unsafe { with_sign_headers(self.array, self.count, body) }
    }
}

/// A received request's arguments as the C caller passes them, converted when
/// [`Received::with`] runs (made by [`received`]).
pub(crate) struct Received<'a> {
    method: (*const c_char, usize),
    path: (*const c_char, usize),
    query: Pairs<'a>,
    headers: Pairs<'a>,
}

/// Takes a received request, each part a `(ptr, len)` or `(array, count)`: method and path
/// (decoded), query pairs (at most the core's
/// [`MAX_QUERY_PAIRS`]) and headers, converted later by [`Received::with`].
///
/// # Safety
/// As for [`text`] and [`with_pairs`], for `'a`.
pub(crate) unsafe fn received<'a>(
    method: (*const c_char, usize),
    path: (*const c_char, usize),
    (query, query_count): (*const qm_pair, usize),
    (headers, header_count): (*const qm_pair, usize),
) -> Result<Received<'a>, qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe {
        Ok(Received {
            method,
            path,
            query: pairs(query, query_count, QUERY_PAIRS)?,
            headers: pairs(headers, header_count, RECEIVED_HEADERS)?,
        })
    }
}

impl Received<'_> {
    /// Converts the request (method, path, query, headers, in that order) and runs `body`.
    pub(crate) fn with<R>(
        self,
        body: impl FnOnce(&ReceivedRequest<'_>) -> Result<R, qm_status>,
    ) -> Result<R, qm_status> {
        // SAFETY: promised to `received`, which made this value.
        let (method, path) = unsafe {
            (
                text(self.method.0, self.method.1)?,
                text(self.path.0, self.path.1)?,
            )
        };
        let headers = self.headers;
        self.query.with(|query| {
            headers.with(|headers| body(&ReceivedRequest::new(method, path, query, headers)))
        })
    }
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
                with_pairs(array.as_ptr(), count, RECEIVED_HEADERS, |pairs| {
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
                with_pairs(core::ptr::null(), 1, QUERY_PAIRS, |_| Ok(())),
                Err(qm_status::NullArgument)
            );
            assert_eq!(
                with_pairs(core::ptr::null(), 0, QUERY_PAIRS, |_| Ok(())),
                Ok(())
            );
        }
        let bad = [0xffu8, 0xfe];
        // SAFETY: `bad` holds 2 bytes.
        let got = unsafe { text(bad.as_ptr().cast(), 2) };
        assert_eq!(got, Err(qm_status::InvalidUtf8));
    }

    #[test]
    fn lengths_and_counts_are_judged_before_any_read() {
        // A real two-byte buffer with lengths it does not have: refused from the length alone
        // (a read would be out of bounds, which Miri and the sanitizers would report).
        let small = *b"ab";
        for len in [usize::MAX, isize::MAX as usize + 1, MAX_TEXT_BYTES + 1] {
            // SAFETY: the length is refused before `small` is read.
            let got = unsafe { text(small.as_ptr().cast(), len) };
            assert_eq!(got, Err(qm_status::InputTooLarge), "{len}");
        }
        for len in [usize::MAX, MAX_ANSWER_BYTES + 1] {
            // SAFETY: as above.
            let got = unsafe { bytes(small.as_ptr(), len) };
            assert_eq!(got, Err(qm_status::InputTooLarge), "{len}");
        }
        let one = [pair("a", "b")];
        for (count, limit) in [
            (usize::MAX, RECEIVED_HEADERS),
            (ADDRESSABLE_PAIRS + 1, RECEIVED_HEADERS),
            (MAX_QUERY_PAIRS + 1, QUERY_PAIRS),
        ] {
            // SAFETY: the count is refused before `one` is read.
            let got = unsafe { with_pairs(one.as_ptr(), count, limit, |_| Ok(())) };
            assert_eq!(got, Err(qm_status::InputTooLarge), "{count}");
        }
        // SAFETY: as above.
        let got = unsafe { with_sign_headers(one.as_ptr(), MAX_SIGN_HEADERS + 1, |_| Ok(())) };
        assert_eq!(got, Err(qm_status::InputTooLarge));
        // The limits themselves are accepted.
        let at_limit = vec![b'a'; MAX_TEXT_BYTES];
        // SAFETY: `at_limit` holds that many bytes.
        let got = unsafe { text(at_limit.as_ptr().cast(), at_limit.len()) };
        assert_eq!(got.map(str::len), Ok(MAX_TEXT_BYTES));
    }

    #[test]
    fn the_random_prefix_is_judged_from_its_length() {
        let random = [7u8; RANDOM_LEN];
        // SAFETY: `random` holds RANDOM_LEN bytes; other lengths are refused before a read.
        unsafe {
            assert_eq!(random_prefix(random.as_ptr(), RANDOM_LEN), Ok(&random));
            let null = random_prefix(core::ptr::null(), RANDOM_LEN);
            assert_eq!(null, Err(qm_status::NullArgument));
            for len in [0, RANDOM_LEN - 1, RANDOM_LEN + 1, usize::MAX] {
                let got = random_prefix(random.as_ptr(), len);
                assert_eq!(got, Err(qm_status::InvalidField), "{len}");
            }
        }
    }

    #[test]
    fn the_seed_is_judged_from_its_length() {
        let seed = [9u8; SEED_LEN];
        // SAFETY: `seed` holds SEED_LEN bytes; other lengths are refused before a read.
        unsafe {
            assert_eq!(super::seed(seed.as_ptr(), SEED_LEN), Ok(&seed));
            let null = super::seed(core::ptr::null(), SEED_LEN);
            assert_eq!(null, Err(qm_status::NullArgument));
            for len in [0, SEED_LEN - 1, SEED_LEN + 1, usize::MAX] {
                let got = super::seed(seed.as_ptr(), len);
                assert_eq!(got, Err(qm_status::InvalidField), "{len}");
            }
        }
    }

    #[test]
    fn long_texts_reach_the_answer_limit() {
        let long = vec![b'a'; MAX_ANSWER_BYTES + 1];
        let (ptr, at_limit) = (long.as_ptr().cast(), MAX_ANSWER_BYTES);
        // SAFETY: `long` holds MAX_ANSWER_BYTES + 1 bytes.
        unsafe {
            assert_eq!(text(ptr, at_limit), Err(qm_status::InputTooLarge));
            assert_eq!(long_text(ptr, at_limit).map(str::len), Ok(at_limit));
            let over = long_text(ptr, at_limit + 1);
            assert_eq!(over, Err(qm_status::InputTooLarge));
            assert_eq!(
                long_text(core::ptr::null(), 0),
                Err(qm_status::NullArgument)
            );
        }
    }

    #[test]
    fn the_size_limit_comes_before_utf8_validation() {
        let invalid = vec![0xffu8; MAX_TEXT_BYTES + 1];
        // SAFETY: `invalid` holds that many bytes.
        let got = unsafe { text(invalid.as_ptr().cast(), invalid.len()) };
        assert_eq!(got, Err(qm_status::InputTooLarge));
    }
}
