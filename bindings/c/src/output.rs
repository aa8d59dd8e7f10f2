//! Writing answers into caller-owned buffers.

use crate::status::qm_status;
use core::ffi::c_char;
use core::ptr::NonNull;

/// A view of text written into the caller's buffer: `len` UTF-8 bytes at `ptr`, not
/// NUL-terminated. Valid as long as the caller's buffer is.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_str {
    /// The first byte, inside the caller's buffer.
    pub ptr: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

impl qm_str {
    pub(crate) const EMPTY: qm_str = qm_str {
        ptr: core::ptr::null(),
        len: 0,
    };
}

/// A caller-owned output buffer `(buf, buf_cap)` plus the `out_len` that reports the bytes
/// written, or needed on `InsufficientSize`.
pub(crate) struct OutBuffer {
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
}

impl OutBuffer {
    /// Checks the pointers: `out_len` must not be NULL; `buf` may be NULL only when `cap` is
    /// 0 (a size query).
    ///
    /// # Safety
    /// Unless NULL, `buf` must point to `cap` writable bytes and `out_len` to a writable
    /// `size_t`, both valid for the duration of the call.
    pub(crate) unsafe fn new(
        buf: *mut c_char,
        cap: usize,
        out_len: *mut usize,
    ) -> Result<Self, qm_status> {
        if out_len.is_null() || (buf.is_null() && cap > 0) {
            return Err(qm_status::NullArgument);
        }
        Ok(OutBuffer { buf, cap, out_len })
    }

    /// Checks, without writing any text, that `parts` would fit: otherwise writes the total
    /// size needed to `*out_len` and returns `InsufficientSize`. For calls that change state
    /// (a replay guard), so that a call refused for its buffer can be retried.
    pub(crate) fn reserve(&self, parts: &[&str]) -> Result<(), qm_status> {
        self.fit(parts).map(|_| ())
    }

    /// The total size of `parts` when it fits; otherwise writes it to `*out_len` and returns
    /// `InsufficientSize` (also when the total overflows, with nothing written).
    fn fit(&self, parts: &[&str]) -> Result<usize, qm_status> {
        let needed = parts
            .iter()
            .try_fold(0usize, |sum, part| sum.checked_add(part.len()))
            .ok_or(qm_status::InsufficientSize)?;
        if needed > self.cap {
            // SAFETY: `out_len` is non-NULL and writable (checked in `new`, caller contract).
            unsafe { self.out_len.write(needed) };
            return Err(qm_status::InsufficientSize);
        }
        Ok(needed)
    }

    /// Writes one text; returns `InsufficientSize` (with `*out_len` = the size needed) when it
    /// does not fit.
    pub(crate) fn write(self, text: &str) -> Result<(), qm_status> {
        self.write_parts([text]).map(|_| ())
    }

    /// Writes `parts` back to back and returns a view of each. All or nothing: when they do
    /// not fit, only `*out_len` (the total size needed) is written.
    pub(crate) fn write_parts<const N: usize>(
        self,
        parts: [&str; N],
    ) -> Result<[qm_str; N], qm_status> {
        let needed = self.fit(&parts)?;
        let mut views = [qm_str::EMPTY; N];
        let mut offset = 0;
        for (view, part) in views.iter_mut().zip(parts) {
            // SAFETY: `offset + part.len() <= needed <= cap`, so the destination lies inside
            // the caller's buffer (non-NULL whenever a byte is written, since NULL implies
            // cap == 0); source and destination cannot overlap because the source is Rust
            // memory produced by the core. Empty parts copy nothing (`buf` may be NULL).
            unsafe {
                let dst = self.buf.add(offset);
                if !part.is_empty() {
                    core::ptr::copy_nonoverlapping(part.as_ptr(), dst.cast::<u8>(), part.len());
                }
                *view = qm_str {
                    ptr: dst,
                    len: part.len(),
                };
            }
            offset += part.len();
        }
        // SAFETY: as above.
        unsafe { self.out_len.write(needed) };
        Ok(views)
    }
}

/// The total length of `parts`, or `InsufficientSize` on overflow.
fn total(parts: &[Option<&str>]) -> Result<usize, qm_status> {
    parts
        .iter()
        .try_fold(0usize, |sum, part| {
            sum.checked_add(part.map_or(0, str::len))
        })
        .ok_or(qm_status::InsufficientSize)
}

impl OutBuffer {
    /// Like [`OutBuffer::write_parts`] for optional parts and any count: `None` becomes a view
    /// with a NULL `ptr` (absent); a present empty part gets a non-NULL `ptr`. `views` must
    /// be as long as `parts`.
    pub(crate) fn write_optional(
        self,
        parts: &[Option<&str>],
        views: &mut [qm_str],
    ) -> Result<(), qm_status> {
        self.write_list::<&str>(parts, views, None)
    }

    /// Writes the texts of `pairs`, whose views go to the caller's array `items` (see
    /// [`OutBuffer::write_list`]).
    pub(crate) fn write_pairs<S: AsRef<str>>(
        self,
        pairs: &[(S, S)],
        items: Items,
    ) -> Result<(), qm_status> {
        self.write_list(&[], &mut [], Some((pairs, items)))
    }

    /// [`OutBuffer::write_optional`] for a fixed number of parts: returns their views.
    pub(crate) fn write_optional_parts<const N: usize>(
        self,
        parts: [Option<&str>; N],
    ) -> Result<[qm_str; N], qm_status> {
        let mut views = [qm_str::EMPTY; N];
        self.write_optional(&parts, &mut views)?;
        Ok(views)
    }

    /// Writes `parts` (as [`OutBuffer::write_optional`]) and then the texts of the list's
    /// pairs, whose views go to the caller's array. When the texts do not fit in the buffer or
    /// the pairs do not fit in the array, writes the size needed to `*out_len` and the count
    /// needed to `*out_count`, and returns `InsufficientSize`. On success `*out_count` is the
    /// number of pairs.
    pub(crate) fn write_list<S: AsRef<str>>(
        self,
        parts: &[Option<&str>],
        views: &mut [qm_str],
        list: Option<(&[(S, S)], Items)>,
    ) -> Result<(), qm_status> {
        let (pairs, items) = match list {
            Some((pairs, items)) => (pairs, Some(items)),
            None => (&[][..], None),
        };
        let pair_bytes = pairs
            .iter()
            .try_fold(0usize, |sum, (n, v)| {
                sum.checked_add(n.as_ref().len())?
                    .checked_add(v.as_ref().len())
            })
            .ok_or(qm_status::InsufficientSize)?;
        let needed = total(parts)?
            .checked_add(pair_bytes)
            .ok_or(qm_status::InsufficientSize)?;
        let report = |needed: usize| {
            // SAFETY: `out_len` is non-NULL and writable (checked in `new`, caller contract);
            // `out_count` likewise (checked in `items`).
            unsafe {
                self.out_len.write(needed);
                if let Some(items) = &items {
                    items.out_count.as_ptr().write(pairs.len());
                }
            }
        };
        if needed > self.cap || items.as_ref().is_some_and(|i| pairs.len() > i.cap) {
            report(needed);
            return Err(qm_status::InsufficientSize);
        }
        let mut offset = 0;
        let mut put = |part: &str| {
            // SAFETY: `offset + part.len() <= needed <= cap`, so the destination lies inside
            // the caller's buffer; the source is Rust memory, so no overlap. Nothing is
            // copied for an empty part (`buf` may then be NULL).
            let dst = unsafe { self.buf.add(offset) };
            if !part.is_empty() {
                // SAFETY: as above.
                unsafe {
                    core::ptr::copy_nonoverlapping(part.as_ptr(), dst.cast::<u8>(), part.len())
                };
            }
            offset += part.len();
            qm_str {
                ptr: if dst.is_null() { c"".as_ptr() } else { dst },
                len: part.len(),
            }
        };
        for (view, part) in views.iter_mut().zip(parts) {
            *view = match part {
                Some(part) => put(part),
                None => qm_str::EMPTY,
            };
        }
        if let Some(items) = &items {
            for (i, (name, value)) in pairs.iter().enumerate() {
                let header = qm_header {
                    name: put(name.as_ref()),
                    value: put(value.as_ref()),
                };
                // SAFETY: `i < pairs.len() <= cap`, and the caller promised `cap` writable
                // elements behind `ptr`, which is non-NULL when `cap > 0` (checked in `items`).
                unsafe { items.ptr.add(i).write(header) };
            }
        }
        report(needed);
        Ok(())
    }
}

/// One name and value (a header to send, a query parameter, an attribute): views into the
/// caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_header {
    /// The name, e.g. a header name.
    pub name: qm_str,
    /// The value.
    pub value: qm_str,
}

impl qm_header {
    pub(crate) const EMPTY: qm_header = qm_header {
        name: qm_str::EMPTY,
        value: qm_str::EMPTY,
    };
}

/// Takes the caller's output buffer `(buf, buf_cap)` and `out_len` (see [`OutBuffer::new`]).
///
/// # Safety
/// As for [`OutBuffer::new`].
pub(crate) unsafe fn buffer(
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> Result<OutBuffer, qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe { OutBuffer::new(buf, cap, out_len) }
}

/// An output argument checked to be non-NULL: where one value of the answer goes. Written at
/// most once, and only last, once the call has succeeded.
pub(crate) struct Out<T>(NonNull<T>);

impl<T> Out<T> {
    /// Writes the value; always `Ok`, so that it can end a call's body.
    pub(crate) fn write(self, value: T) -> Result<(), qm_status> {
        // SAFETY: non-NULL (checked by `out`) and writable (the contract of `out`).
        unsafe { self.0.as_ptr().write(value) };
        Ok(())
    }
}

/// Takes an output argument; NULL → `NullArgument` (checked before any work is done).
///
/// # Safety
/// Unless NULL, `ptr` must point to a writable `T` for the duration of the call.
pub(crate) unsafe fn out<T>(ptr: *mut T) -> Result<Out<T>, qm_status> {
    NonNull::new(ptr).map(Out).ok_or(qm_status::NullArgument)
}

/// Like [`out`] for an output the caller may leave out: NULL is `None`.
///
/// # Safety
/// As for [`out`].
pub(crate) unsafe fn optional_out<T>(ptr: *mut T) -> Result<Option<Out<T>>, qm_status> {
    Ok(NonNull::new(ptr).map(Out))
}

/// Takes an argument that is read and then written in place; NULL → `NullArgument`.
///
/// # Safety
/// Unless NULL, `ptr` must point to a readable and writable `T`, used by nothing else for
/// `'a`.
pub(crate) unsafe fn inout<'a, T>(ptr: *mut T) -> Result<&'a mut T, qm_status> {
    // SAFETY: forwarded caller contract.
    unsafe { ptr.as_mut() }.ok_or(qm_status::NullArgument)
}

/// The caller's array argument of a list output: `cap` elements at `ptr`, and `out_count`.
pub(crate) struct Items {
    ptr: *mut qm_header,
    cap: usize,
    out_count: NonNull<usize>,
}

/// Takes the caller's array of a list output: `out_count` must not be NULL, and `ptr` may be
/// NULL only when `cap` is 0.
///
/// # Safety
/// Unless NULL, `ptr` must point to `cap` writable elements and `out_count` to a writable
/// `size_t`, for the duration of the call.
pub(crate) unsafe fn items(
    ptr: *mut qm_header,
    cap: usize,
    out_count: *mut usize,
) -> Result<Items, qm_status> {
    match NonNull::new(out_count) {
        Some(out_count) if !ptr.is_null() || cap == 0 => Ok(Items {
            ptr,
            cap,
            out_count,
        }),
        _ => Err(qm_status::NullArgument),
    }
}
