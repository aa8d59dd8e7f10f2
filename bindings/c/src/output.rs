//! Writing answers into caller-owned buffers.

use crate::status::qm_status;
use core::ffi::c_char;

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
        let needed = parts
            .iter()
            .try_fold(0usize, |sum, part| sum.checked_add(part.len()))
            .ok_or(qm_status::InsufficientSize)?;
        if needed > self.cap {
            // SAFETY: `out_len` is non-NULL and writable (checked in `new`, caller contract).
            unsafe { self.out_len.write(needed) };
            return Err(qm_status::InsufficientSize);
        }
        Ok(())
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
        let needed = parts
            .iter()
            .try_fold(0usize, |sum, part| sum.checked_add(part.len()))
            .ok_or(qm_status::InsufficientSize)?;
        if needed > self.cap {
            // SAFETY: `out_len` is non-NULL and writable (checked in `new`, caller contract).
            unsafe { self.out_len.write(needed) };
            return Err(qm_status::InsufficientSize);
        }
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
        self.write_list(
            parts,
            views,
            &[],
            core::ptr::null_mut(),
            0,
            core::ptr::null_mut(),
        )
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

    /// Writes `parts` (as [`OutBuffer::write_optional`]) and then the texts of `pairs`, whose
    /// views go to the caller's array `items` (`item_cap` elements). When the texts do not fit
    /// in the buffer or the pairs do not fit in `items`, writes the size needed to `*out_len`
    /// and the count needed to `*out_count`, and returns `InsufficientSize`. On success
    /// `*out_count` is the number of pairs. With no pairs `items`/`out_count` are unused.
    pub(crate) fn write_list(
        self,
        parts: &[Option<&str>],
        views: &mut [qm_str],
        pairs: &[(&str, &str)],
        items: *mut qm_header,
        item_cap: usize,
        out_count: *mut usize,
    ) -> Result<(), qm_status> {
        let pair_bytes = pairs
            .iter()
            .try_fold(0usize, |sum, (n, v)| {
                sum.checked_add(n.len())?.checked_add(v.len())
            })
            .ok_or(qm_status::InsufficientSize)?;
        let needed = total(parts)?
            .checked_add(pair_bytes)
            .ok_or(qm_status::InsufficientSize)?;
        let has_list = !out_count.is_null();
        if needed > self.cap || (has_list && pairs.len() > item_cap) {
            // SAFETY: `out_len` is non-NULL and writable (checked in `new`, caller contract);
            // `out_count` likewise when a list is written (checked by the caller).
            unsafe {
                self.out_len.write(needed);
                if has_list {
                    out_count.write(pairs.len());
                }
            }
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
        for (i, (name, value)) in pairs.iter().enumerate() {
            let header = qm_header {
                name: put(name),
                value: put(value),
            };
            // SAFETY: `i < pairs.len() <= item_cap`, and the caller promised `item_cap`
            // writable elements behind the non-NULL `items` (checked by the caller).
            unsafe { items.add(i).write(header) };
        }
        // SAFETY: as above.
        unsafe {
            self.out_len.write(needed);
            if has_list {
                out_count.write(pairs.len());
            }
        }
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

/// Checks the caller's array argument of a list output: `out_count` must not be NULL, and
/// `items` may be NULL only when `item_cap` is 0.
pub(crate) fn check_items<T>(
    items: *mut T,
    item_cap: usize,
    out_count: *mut usize,
) -> Result<(), qm_status> {
    if out_count.is_null() || (items.is_null() && item_cap > 0) {
        return Err(qm_status::NullArgument);
    }
    Ok(())
}

/// Writes `value` to `*out`, refusing a NULL `out`.
///
/// # Safety
/// Unless NULL, `out` must point to a writable `T`.
pub(crate) unsafe fn write_to<T>(out: *mut T, value: T) -> Result<(), qm_status> {
    if out.is_null() {
        return Err(qm_status::NullArgument);
    }
    // SAFETY: non-NULL and writable per the caller contract.
    unsafe { out.write(value) };
    Ok(())
}

/// Refuses a NULL output pointer before any work is done.
pub(crate) fn require<T>(out: *mut T) -> Result<(), qm_status> {
    if out.is_null() {
        Err(qm_status::NullArgument)
    } else {
        Ok(())
    }
}
