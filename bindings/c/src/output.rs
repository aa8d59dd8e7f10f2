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
    const EMPTY: qm_str = qm_str {
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
