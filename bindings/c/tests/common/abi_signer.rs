//! A Kingdee signer used through the C ABI, as a C program would: the handle, the query as
//! `qm_pair`s, a caller buffer and the result struct. Shared by `tests/allocations.rs` and
//! `benches/abi_overhead.rs` (included with `#[path]`), which time or count its `sign`.

use qianming_ffi::{
    qm_kingdee_signed_request, qm_kingdee_signer, qm_kingdee_signer_free, qm_kingdee_signer_new,
    qm_kingdee_signer_sign, qm_pair, qm_status,
};

pub struct AbiSigner {
    handle: *mut qm_kingdee_signer,
    query: Vec<qm_pair>,
    buf: Vec<u8>,
    out_len: usize,
    parts: qm_kingdee_signed_request,
}

/// A `(ptr, len)` view of a Rust text.
fn c_text(text: &str) -> (*const core::ffi::c_char, usize) {
    (text.as_ptr().cast(), text.len())
}

impl AbiSigner {
    /// `qm_kingdee_signer_new(client_id, secret)`, the query's pairs and a `buf_cap`-byte buffer.
    pub fn new(client_id: &str, secret: &str, query: &[(&str, &str)], buf_cap: usize) -> Self {
        let mut handle: *mut qm_kingdee_signer = std::ptr::null_mut();
        let ((id, id_len), (key, key_len)) = (c_text(client_id), c_text(secret));
        // SAFETY: valid strings and a writable out pointer.
        let status = unsafe { qm_kingdee_signer_new(id, id_len, key, key_len, &mut handle) };
        assert_eq!(status, qm_status::Ok);
        let query = query
            .iter()
            .map(|(name, value)| qm_pair {
                name: name.as_ptr().cast(),
                name_len: name.len(),
                value: value.as_ptr().cast(),
                value_len: value.len(),
            })
            .collect();
        AbiSigner {
            handle,
            query,
            buf: vec![0; buf_cap],
            out_len: 0,
            // SAFETY: an all-zero qm_kingdee_signed_request is valid (NULL pointers, zero lengths).
            parts: unsafe { std::mem::zeroed() },
        }
    }

    /// `qm_kingdee_signer_sign` of `GET path` with the query, no extra signed headers.
    pub fn sign(&mut self, path: &str, timestamp: &str, nonce: &str) -> qm_status {
        let ((path, path_len), (ts, ts_len), (nonce, nonce_len)) =
            (c_text(path), c_text(timestamp), c_text(nonce));
        // SAFETY: every pointer is valid for the call; `handle` is live until `drop`.
        unsafe {
            qm_kingdee_signer_sign(
                self.handle,
                "GET".as_ptr().cast(),
                3,
                path,
                path_len,
                self.query.as_ptr(),
                self.query.len(),
                std::ptr::null(),
                0,
                ts,
                ts_len,
                nonce,
                nonce_len,
                &mut self.parts,
                self.buf.as_mut_ptr().cast(),
                self.buf.len(),
                &mut self.out_len,
            )
        }
    }
}

impl Drop for AbiSigner {
    fn drop(&mut self) {
        // SAFETY: made by qm_kingdee_signer_new, freed once.
        unsafe { qm_kingdee_signer_free(self.handle) };
    }
}
