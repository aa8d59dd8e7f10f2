//! The C ABI (libqianming) driven as a C caller would, with fuzz-chosen inputs, buffer
//! capacities, list capacities and pair counts. Every pointer stays valid and every length is
//! the real size of its allocation (inputs and outputs are allocated at exactly their length,
//! so AddressSanitizer sees any access past them). Properties checked on every call:
//! - no panic (`QM_STATUS_PANIC`) and no status without a name;
//! - `QM_STATUS_OK`: `*out_len <= buf_cap`, and every returned view lies in the written bytes;
//! - `QM_STATUS_INSUFFICIENT_SIZE`: a second call with exactly the reported sizes fits;
//! - a NULL `out_len` is never `QM_STATUS_OK`, a NULL input to a one-input function is
//!   `QM_STATUS_NULL_ARGUMENT`, and `qm_last_error_message` always answers in UTF-8.
//!
//! Input: a [`Shape`] (little-endian, 5 bytes), then NUL-separated byte fields (not
//! necessarily UTF-8) whose meaning depends on `op` (see `run`).
#![no_main]
use arbitrary::{Arbitrary, Unstructured};
use core::ffi::{c_char, CStr};
use core::mem::zeroed;
use core::ptr::{null, null_mut};
use libfuzzer_sys::fuzz_target;
use qianming_ffi::*;

#[derive(Arbitrary, Debug)]
struct Shape {
    /// Which entry points to call.
    op: u8,
    /// The text buffer's capacity.
    buf_cap: u16,
    /// The capacity of an output list (query pairs, attributes, headers).
    item_cap: u8,
    /// Bit 0: NULL `buf` when `buf_cap` is 0. Bit 1: NULL first input. Bit 2: NULL `out_len`.
    /// Bit 3: a NULL array with a count. Bit 4: `out_refusal` given. Bit 5: `x_auth_token`.
    flags: u8,
}

impl Shape {
    fn flag(&self, bit: u8) -> bool {
        self.flags & (1 << bit) != 0
    }
}

/// One input string, in an allocation of exactly its length.
struct Input(Box<[u8]>);

impl Input {
    fn ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

/// The caller's text buffer and `out_len`, for one call.
struct Out {
    buf: Vec<u8>,
    null_buf: bool,
    null_len: bool,
    len: usize,
}

impl Out {
    fn new(cap: usize, shape: &Shape) -> Out {
        Out {
            // `vec![0; n]` allocates exactly n bytes: a write past it is an ASan report.
            buf: vec![0; cap],
            null_buf: cap == 0 && shape.flag(0),
            null_len: shape.flag(2),
            len: usize::MAX,
        }
    }
    fn buf(&mut self) -> *mut c_char {
        if self.null_buf {
            null_mut()
        } else {
            self.buf.as_mut_ptr().cast()
        }
    }
    fn cap(&self) -> usize {
        self.buf.len()
    }
    fn out_len(&mut self) -> *mut usize {
        if self.null_len {
            null_mut()
        } else {
            &mut self.len
        }
    }
    /// A view written on success: absent (NULL), empty, or inside the bytes written.
    fn view(&self, s: &qm_str) {
        if s.ptr.is_null() || s.len == 0 {
            return;
        }
        let start = self.buf.as_ptr() as usize;
        let p = s.ptr as usize;
        assert!(
            p >= start && p + s.len <= start + self.len,
            "a view outside the written bytes"
        );
        let bytes = &self.buf[p - start..p - start + s.len];
        assert!(
            core::str::from_utf8(bytes).is_ok(),
            "a view that is not UTF-8"
        );
    }
}

fn status_ok(status: qm_status) {
    assert_ne!(status, qm_status::Panic, "a panic crossed the ABI");
    // SAFETY: qm_status_name returns a static NUL-terminated string for any number.
    let name = unsafe { CStr::from_ptr(qm_status_name(status as u32)) };
    assert_ne!(name.to_bytes(), b"unknown_status", "{status:?} has no name");
}

/// Calls `f` with a buffer of `shape.buf_cap` bytes; on `INSUFFICIENT_SIZE`, again with
/// exactly the size reported (`f` gets `true` then, to use the list size it was told).
fn call(shape: &Shape, mut f: impl FnMut(&mut Out, bool) -> qm_status) -> qm_status {
    let mut out = Out::new(usize::from(shape.buf_cap), shape);
    let status = f(&mut out, false);
    status_ok(status);
    if out.null_len {
        assert!(
            status != qm_status::Ok && status != qm_status::InsufficientSize,
            "{status:?} without out_len"
        );
        return status;
    }
    match status {
        qm_status::Ok => assert!(out.len <= out.cap(), "out_len beyond buf_cap"),
        qm_status::InsufficientSize if out.len != usize::MAX => {
            let mut exact = Out::new(out.len.max(out.cap()), shape);
            exact.null_buf = false;
            let again = f(&mut exact, true);
            status_ok(again);
            assert_ne!(
                again,
                qm_status::InsufficientSize,
                "the reported size does not fit"
            );
        }
        _ => {}
    }
    status
}

fn check_last_error(shape: &Shape) {
    let mut out = Out::new(usize::from(shape.item_cap), shape);
    // SAFETY: a buffer of `cap` bytes and a writable (or NULL) out_len.
    let status = unsafe { qm_last_error_message(out.buf(), out.cap(), out.out_len()) };
    status_ok(status);
    if status == qm_status::Ok {
        assert!(
            core::str::from_utf8(&out.buf[..out.len]).is_ok(),
            "a detail that is not UTF-8"
        );
    }
}

/// Pairs from `tag<name>\x01<value>` fields; `n<name>` (sign headers only) is a NULL value.
struct Pairs {
    pairs: Vec<qm_pair>,
}

impl Pairs {
    fn new(fields: &[Input], tag: u8) -> Pairs {
        let mut pairs = Vec::new();
        for field in fields {
            let bytes = &field.0;
            let (name, value) = match bytes.first() {
                Some(&t) if t == tag => {
                    let rest = &bytes[1..];
                    match rest.iter().position(|&b| b == 1) {
                        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                        None => (rest, Some(&rest[rest.len()..])),
                    }
                }
                Some(b'n') if tag == b's' => (&bytes[1..], None),
                _ => continue,
            };
            pairs.push(qm_pair {
                name: name.as_ptr().cast(),
                name_len: name.len(),
                value: value.map_or(null(), |v| v.as_ptr().cast()),
                value_len: value.map_or(0, <[u8]>::len),
            });
        }
        Pairs { pairs }
    }
    /// The array and count to pass; with `null` set, a NULL array with the same count.
    fn arg(&self, null_array: bool) -> (*const qm_pair, usize) {
        let ptr = if null_array && !self.pairs.is_empty() {
            null()
        } else {
            self.pairs.as_ptr()
        };
        (ptr, self.pairs.len())
    }
}

fn millis(input: &Input) -> u64 {
    qianming_fuzz::millis(&String::from_utf8_lossy(&input.0))
}

/// A single-input function: `(input, len, buf, cap, out_len) -> status`-like, through `f`.
fn one_input(
    shape: &Shape,
    input: &Input,
    mut f: impl FnMut(*const c_char, usize, &mut Out) -> qm_status,
) {
    let null_input = shape.flag(1);
    let status = call(shape, |out, _| {
        let ptr = if null_input { null() } else { input.ptr() };
        f(ptr, input.len(), out)
    });
    if null_input {
        assert_eq!(status, qm_status::NullArgument, "a NULL input was accepted");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(shape) = Shape::arbitrary(&mut u) else {
        return;
    };
    let rest = u.take_rest();
    let fields: Vec<Input> = rest.split(|&b| b == 0).map(|f| Input(f.into())).collect();
    let empty = Input(Box::new([]));
    let field = |i: usize| fields.get(i).unwrap_or(&empty);
    // SAFETY: every pointer passed below is NULL where tested, or valid for its length.
    unsafe { run(&shape, &fields, &field) };
    check_last_error(&shape);
});

unsafe fn run<'a>(shape: &Shape, fields: &'a [Input], field: &dyn Fn(usize) -> &'a Input) {
    let item_cap = usize::from(shape.item_cap);
    let refusal = shape.flag(4);
    let mut refused: qm_refusal = zeroed();
    let refusal_ptr = |r: &mut qm_refusal| {
        if refusal {
            r as *mut qm_refusal
        } else {
            null_mut()
        }
    };
    match shape.op % 21 {
        0 => one_input(shape, field(0), |p, l, out| {
            qm_percent_decode(p, l, out.buf(), out.cap(), out.out_len())
        }),
        1 => one_input(shape, field(0), |p, l, out| {
            let mut parts: qm_basic_user_password = zeroed();
            let s =
                qm_basic_parse_authorization(p, l, &mut parts, out.buf(), out.cap(), out.out_len());
            if s == qm_status::Ok {
                out.view(&parts.user);
                out.view(&parts.password);
            }
            s
        }),
        2 => one_input(shape, field(0), |p, l, out| {
            let mut parts: qm_basic_user_password = zeroed();
            let s =
                qm_basic_parse_credentials(p, l, &mut parts, out.buf(), out.cap(), out.out_len());
            if s == qm_status::Ok {
                out.view(&parts.user);
                out.view(&parts.password);
            }
            s
        }),
        3 => one_input(shape, field(0), |p, l, out| {
            let mut claims: qm_edge_jwt_claims = zeroed();
            let s = qm_edge_read_jwt_claims(p, l, &mut claims, out.buf(), out.cap(), out.out_len());
            if s == qm_status::Ok {
                out.view(&claims.iss);
                out.view(&claims.payload_json);
            }
            s
        }),
        4 => {
            let mut needed = item_cap;
            one_input(shape, field(0), |p, l, out| {
                let mut items = vec![
                    qm_header {
                        name: qm_str {
                            ptr: null(),
                            len: 0
                        },
                        value: qm_str {
                            ptr: null(),
                            len: 0
                        }
                    };
                    needed
                ];
                let items_ptr = if items.is_empty() && shape.flag(0) {
                    null_mut()
                } else {
                    items.as_mut_ptr()
                };
                let mut count = usize::MAX;
                let s = qm_kingdee_parse_query(
                    p,
                    l,
                    items_ptr,
                    items.len(),
                    &mut count,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    assert!(count <= items.len(), "more pairs than room");
                    for h in &items[..count] {
                        out.view(&h.name);
                        out.view(&h.value);
                    }
                } else if s == qm_status::InsufficientSize && count != usize::MAX {
                    needed = needed.max(count);
                }
                s
            });
        }
        5 => {
            let (cb, state) = (field(0), field(1));
            call(shape, |out, _| {
                let mut parsed: qm_oauth_callback = zeroed();
                let s = qm_oauth_parse_callback(
                    cb.ptr(),
                    cb.len(),
                    state.ptr(),
                    state.len(),
                    &mut parsed,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    out.view(&parsed.code);
                    out.view(&parsed.state);
                }
                s
            });
        }
        6 => one_input(shape, field(0), |p, l, out| {
            let mut token: qm_kingdee_app_token = zeroed();
            let s = qm_kingdee_parse_token_answer(
                p.cast(),
                l,
                millis(field(1)),
                &mut token,
                refusal_ptr(&mut refused),
                out.buf(),
                out.cap(),
                out.out_len(),
            );
            if s == qm_status::Ok {
                out.view(&token.app_token);
                out.view(&token.uid);
                out.view(&token.description);
            } else if refusal && refused.refused {
                out.view(&refused.code);
                out.view(&refused.message);
            }
            s
        }),
        7 => one_input(shape, field(0), |p, l, out| {
            let mut token: qm_weaver_token = zeroed();
            let s = qm_weaver_parse_token_answer(
                p.cast(),
                l,
                millis(field(1)),
                &mut token,
                refusal_ptr(&mut refused),
                out.buf(),
                out.cap(),
                out.out_len(),
            );
            if s == qm_status::Ok {
                out.view(&token.token);
                out.view(&token.msg);
                out.view(&token.batchkey);
            } else if refusal && refused.refused {
                out.view(&refused.message);
                out.view(&refused.batchkey);
            }
            s
        }),
        8 => one_input(shape, field(0), |p, l, out| {
            let mut token: qm_apusic_session_token = zeroed();
            let s = qm_apusic_parse_session_answer(
                p.cast(),
                l,
                &mut token,
                refusal_ptr(&mut refused),
                out.buf(),
                out.cap(),
                out.out_len(),
            );
            if s == qm_status::Ok {
                out.view(&token.token);
                out.view(&token.message);
            }
            s
        }),
        9 => one_input(shape, field(0), |p, l, out| {
            let mut token: qm_edge_token = zeroed();
            let s = qm_edge_parse_token_answer(
                p.cast(),
                l,
                &mut token,
                refusal_ptr(&mut refused),
                out.buf(),
                out.cap(),
                out.out_len(),
            );
            if s == qm_status::Ok {
                out.view(&token.access_token);
                out.view(&token.refresh_token);
                out.view(&token.code);
            }
            s
        }),
        10 => one_input(shape, field(0), |p, l, out| {
            let mut token: qm_oauth_access_token = zeroed();
            let s = qm_oauth_parse_token_answer(
                p.cast(),
                l,
                &mut token,
                out.buf(),
                out.cap(),
                out.out_len(),
            );
            if s == qm_status::Ok {
                out.view(&token.access_token);
            }
            s
        }),
        11 => {
            let mut needed = item_cap;
            one_input(shape, field(0), |p, l, out| {
                let mut items = vec![
                    qm_header {
                        name: qm_str {
                            ptr: null(),
                            len: 0
                        },
                        value: qm_str {
                            ptr: null(),
                            len: 0
                        }
                    };
                    needed
                ];
                let items_ptr = if items.is_empty() && shape.flag(0) {
                    null_mut()
                } else {
                    items.as_mut_ptr()
                };
                let mut id = qm_str {
                    ptr: null(),
                    len: 0,
                };
                let mut count = usize::MAX;
                let s = qm_oauth_parse_userinfo_answer(
                    p.cast(),
                    l,
                    &mut id,
                    items_ptr,
                    items.len(),
                    &mut count,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    out.view(&id);
                    assert!(count <= items.len(), "more attributes than room");
                    for h in &items[..count] {
                        out.view(&h.name);
                        out.view(&h.value);
                    }
                } else if s == qm_status::InsufficientSize && count != usize::MAX {
                    needed = needed.max(count);
                }
                s
            });
        }
        12 => {
            // secret, method, path, now_ms, then q/h pairs.
            let (secret, method, path) = (field(0), field(1), field(2));
            let rest = fields.get(4..).unwrap_or(&[]);
            let (query, headers) = (Pairs::new(rest, b'q'), Pairs::new(rest, b'h'));
            let null_array = shape.flag(3);
            let (q, qn) = query.arg(null_array);
            let (h, hn) = headers.arg(null_array);
            let status = call(shape, |out, _| {
                let mut verified: qm_kingdee_verified = zeroed();
                let s = qm_kingdee_verify(
                    secret.ptr(),
                    secret.len(),
                    u64::from(shape.buf_cap) * 1000,
                    method.ptr(),
                    method.len(),
                    path.ptr(),
                    path.len(),
                    q,
                    qn,
                    h,
                    hn,
                    millis(field(3)),
                    &mut verified,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    out.view(&verified.client_id);
                    out.view(&verified.nonce);
                }
                s
            });
            if null_array && (qn > 0 || hn > 0) {
                assert_ne!(status, qm_status::Ok, "a NULL array was read");
            }
        }
        13 => {
            // client id, secret, method, path, timestamp, nonce, then q/s/n pairs.
            let mut signer: *mut qm_kingdee_signer = null_mut();
            let s = qm_kingdee_signer_new(
                field(0).ptr(),
                field(0).len(),
                field(1).ptr(),
                field(1).len(),
                &mut signer,
            );
            status_ok(s);
            if s != qm_status::Ok {
                assert!(signer.is_null(), "a signer written on failure");
                return;
            }
            let rest = fields.get(6..).unwrap_or(&[]);
            let (query, extra) = (Pairs::new(rest, b'q'), Pairs::new(rest, b's'));
            let null_array = shape.flag(3);
            let (q, qn) = query.arg(null_array);
            let (x, xn) = extra.arg(null_array);
            let (m, p, t, n) = (field(2), field(3), field(4), field(5));
            call(shape, |out, _| {
                let mut parts: qm_kingdee_signed_request = zeroed();
                let s = qm_kingdee_signer_sign(
                    signer,
                    m.ptr(),
                    m.len(),
                    p.ptr(),
                    p.len(),
                    q,
                    qn,
                    x,
                    xn,
                    t.ptr(),
                    t.len(),
                    n.ptr(),
                    n.len(),
                    &mut parts,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    for v in [
                        &parts.string_to_sign,
                        &parts.signature,
                        &parts.wire_query,
                        &parts.canonical_query,
                    ] {
                        out.view(v);
                    }
                    for h in &parts.headers {
                        out.view(&h.name);
                        out.view(&h.value);
                    }
                }
                s
            });
            qm_kingdee_signer_free(signer);
        }
        14 => {
            // appid, secret, key, now_ms, then signs.
            let (appid, secret, key) = (field(0), field(1), field(2));
            let mut verifier: *mut qm_weaver_verifier = null_mut();
            let s = qm_weaver_verifier_new_with_options(
                appid.ptr(),
                appid.len(),
                secret.ptr(),
                secret.len(),
                key.ptr(),
                key.len(),
                u64::from(shape.buf_cap) * 1000,
                u64::from(shape.item_cap) * 1000,
                usize::from(shape.item_cap),
                &mut verifier,
            );
            status_ok(s);
            if s != qm_status::Ok {
                assert!(verifier.is_null(), "a verifier written on failure");
                return;
            }
            let now = millis(field(3));
            for sign in fields.get(4..).unwrap_or(&[]) {
                let mut ts = 0u64;
                let first =
                    qm_weaver_verifier_verify(verifier, sign.ptr(), sign.len(), now, &mut ts);
                status_ok(first);
                if first == qm_status::Ok {
                    let again =
                        qm_weaver_verifier_verify(verifier, sign.ptr(), sign.len(), now, &mut ts);
                    assert_eq!(again, qm_status::Replayed, "a replay passed the C verifier");
                }
            }
            qm_weaver_verifier_free(verifier);
        }
        15 => {
            let (token, cookie) = (field(0), field(1));
            let cookie_ptr = if shape.flag(3) { null() } else { cookie.ptr() };
            let mut needed = item_cap;
            call(shape, |out, _| {
                let mut items = vec![
                    qm_header {
                        name: qm_str {
                            ptr: null(),
                            len: 0
                        },
                        value: qm_str {
                            ptr: null(),
                            len: 0
                        }
                    };
                    needed
                ];
                let items_ptr = if items.is_empty() && shape.flag(0) {
                    null_mut()
                } else {
                    items.as_mut_ptr()
                };
                let mut count = usize::MAX;
                let s = qm_apusic_call_headers(
                    token.ptr(),
                    token.len(),
                    cookie_ptr,
                    cookie.len(),
                    shape.flag(5),
                    items_ptr,
                    items.len(),
                    &mut count,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    assert!(count <= items.len(), "more headers than room");
                    for h in &items[..count] {
                        out.view(&h.name);
                        out.view(&h.value);
                    }
                } else if s == qm_status::InsufficientSize && count != usize::MAX {
                    needed = needed.max(count);
                }
                s
            });
        }
        16 => {
            let (user, password) = (field(0), field(1));
            type Encode = unsafe extern "C" fn(
                *const c_char,
                usize,
                *const c_char,
                usize,
                *mut c_char,
                usize,
                *mut usize,
            ) -> qm_status;
            let encoders: [Encode; 3] = [
                qm_basic_credentials,
                qm_basic_authorization_header,
                qm_basic_authorization_header_raw,
            ];
            for f in encoders {
                call(shape, |out, _| {
                    f(
                        user.ptr(),
                        user.len(),
                        password.ptr(),
                        password.len(),
                        out.buf(),
                        out.cap(),
                        out.out_len(),
                    )
                });
            }
        }
        17 => messaging(shape, field, &mut refused, refusal),
        19 => k3cloud_ecology(shape, field, &mut refused, refusal),
        18 => {
            // The Kingdee verifier handle: secret, method, path, now_ms, then q/h pairs. A
            // request refused for its buffer must be remembered by nothing (the retry in `call`
            // then passes), and one accepted must be refused as a replay.
            let (secret, method, path) = (field(0), field(1), field(2));
            let mut verifier: *mut qm_kingdee_verifier = null_mut();
            let window = u64::from(shape.buf_cap) * 1000;
            let s = qm_kingdee_verifier_new(
                secret.ptr(),
                secret.len(),
                window,
                item_cap,
                shape.flag(5),
                &mut verifier,
            );
            status_ok(s);
            if s != qm_status::Ok {
                assert!(verifier.is_null(), "a verifier written on failure");
                return;
            }
            let rest = fields.get(4..).unwrap_or(&[]);
            let (query, headers) = (Pairs::new(rest, b'q'), Pairs::new(rest, b'h'));
            let (q, qn) = query.arg(shape.flag(3));
            let (h, hn) = headers.arg(shape.flag(3));
            let now = millis(field(3));
            let verify = |out: &mut Out, _| {
                let mut verified: qm_kingdee_verified = zeroed();
                let s = qm_kingdee_verifier_verify(
                    verifier,
                    method.ptr(),
                    method.len(),
                    path.ptr(),
                    path.len(),
                    q,
                    qn,
                    h,
                    hn,
                    now,
                    &mut verified,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    out.view(&verified.client_id);
                    out.view(&verified.nonce);
                }
                s
            };
            let first = call(shape, verify);
            let mut remembered = usize::MAX;
            assert_eq!(
                qm_kingdee_verifier_remembered(verifier, &mut remembered),
                qm_status::Ok
            );
            match first {
                qm_status::Ok => assert_eq!(remembered, 1, "an accepted request is not remembered"),
                // The retry with the reported size may have passed.
                qm_status::InsufficientSize => assert!(remembered <= 1),
                _ => assert_eq!(remembered, 0, "a refused request is remembered"),
            }
            if remembered == 1 {
                let mut out = Out::new(4096, shape);
                out.null_len = false;
                assert_eq!(
                    verify(&mut out, false),
                    qm_status::Replayed,
                    "a replay passed the C verifier"
                );
            }
            qm_kingdee_verifier_free(verifier);
        }
        _ => {
            let (appid, secret, key) = (field(0), field(1), field(2));
            let ts = millis(field(3));
            call(shape, |out, _| {
                qm_weaver_sign(
                    appid.ptr(),
                    appid.len(),
                    secret.ptr(),
                    secret.len(),
                    key.ptr(),
                    key.len(),
                    ts,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                )
            });
            call(shape, |out, _| {
                let mut parts: qm_weaver_explanation = zeroed();
                let s = qm_weaver_explain(
                    appid.ptr(),
                    appid.len(),
                    secret.ptr(),
                    secret.len(),
                    key.ptr(),
                    key.len(),
                    ts,
                    &mut parts,
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                );
                if s == qm_status::Ok {
                    out.view(&parts.md5_upper);
                    out.view(&parts.plaintext);
                    out.view(&parts.sign);
                }
                s
            });
            call(shape, |out, _| {
                qm_kingdee_app_signature(
                    appid.ptr(),
                    appid.len(),
                    secret.ptr(),
                    secret.len(),
                    out.buf(),
                    out.cap(),
                    out.out_len(),
                )
            });
        }
    }
}

/// WXBizMsgCrypt, DingTalk, Feishu and Yonyou: key (EncodingAESKey, Encrypt Key, secret,
/// appKey), receive id or appSecret, text (encrypt, message, body), timestamp, nonce, token,
/// signature, random prefix (any length), token URL. An encrypted reply must verify and
/// decrypt back to its message.
unsafe fn messaging<'a>(
    shape: &Shape,
    field: &dyn Fn(usize) -> &'a Input,
    refused: &mut qm_refusal,
    refusal: bool,
) {
    let (key, second, body, ts, nonce) = (field(0), field(1), field(2), field(3), field(4));
    let (token, sig, random, url) = (field(5), field(6), field(7), field(8));
    let ms = millis(ts);
    one_input(shape, key, |p, l, out| {
        qm_wecom_decrypt(
            p,
            l,
            second.ptr(),
            second.len(),
            body.ptr(),
            body.len(),
            out.buf(),
            out.cap(),
            out.out_len(),
        )
    });
    call(shape, |out, _| {
        qm_wecom_msg_signature(
            token.ptr(),
            token.len(),
            ts.ptr(),
            ts.len(),
            nonce.ptr(),
            nonce.len(),
            body.ptr(),
            body.len(),
            out.buf(),
            out.cap(),
            out.out_len(),
        )
    });
    status_ok(qm_wecom_verify_msg_signature(
        token.ptr(),
        token.len(),
        ts.ptr(),
        ts.len(),
        nonce.ptr(),
        nonce.len(),
        body.ptr(),
        body.len(),
        sig.ptr(),
        sig.len(),
    ));
    call(shape, |out, _| {
        let mut reply: qm_wecom_encrypted_reply = zeroed();
        let s = qm_wecom_encrypt_reply(
            key.ptr(),
            key.len(),
            second.ptr(),
            second.len(),
            body.ptr(),
            body.len(),
            random.0.as_ptr(),
            random.len(),
            token.ptr(),
            token.len(),
            ts.ptr(),
            ts.len(),
            nonce.ptr(),
            nonce.len(),
            &mut reply,
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&reply.encrypt);
            out.view(&reply.signature);
        }
        // A reply within the limit of what is received (its Base64 is longer than the message)
        // must verify and decrypt back.
        if s == qm_status::Ok && reply.encrypt.len <= QM_MAX_ANSWER_BYTES {
            let mut plain = vec![0u8; body.len()];
            let mut len = usize::MAX;
            let back = qm_wecom_verify_and_decrypt(
                token.ptr(),
                token.len(),
                key.ptr(),
                key.len(),
                second.ptr(),
                second.len(),
                ts.ptr(),
                ts.len(),
                nonce.ptr(),
                nonce.len(),
                reply.encrypt.ptr,
                reply.encrypt.len,
                reply.signature.ptr,
                reply.signature.len,
                plain.as_mut_ptr().cast(),
                plain.len(),
                &mut len,
            );
            assert_eq!(
                back,
                qm_status::Ok,
                "an encrypted reply does not verify and decrypt"
            );
            assert_eq!(
                &plain[..len],
                &body.0[..],
                "a reply decrypts to another message"
            );
        }
        s
    });
    call(shape, |out, _| {
        qm_wecom_verify_and_decrypt(
            token.ptr(),
            token.len(),
            key.ptr(),
            key.len(),
            second.ptr(),
            second.len(),
            ts.ptr(),
            ts.len(),
            nonce.ptr(),
            nonce.len(),
            body.ptr(),
            body.len(),
            sig.ptr(),
            sig.len(),
            out.buf(),
            out.cap(),
            out.out_len(),
        )
    });
    call(shape, |out, _| {
        let mut parts: qm_dingtalk_robot_sign_parts = zeroed();
        let s = qm_dingtalk_robot_sign(
            key.ptr(),
            key.len(),
            ms,
            &mut parts,
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&parts.sign);
            out.view(&parts.sign_urlencoded);
        }
        s
    });
    call(shape, |out, _| {
        qm_feishu_bot_sign(
            key.ptr(),
            key.len(),
            ms,
            out.buf(),
            out.cap(),
            out.out_len(),
        )
    });
    call(shape, |out, _| {
        qm_feishu_decrypt(
            key.ptr(),
            key.len(),
            body.ptr(),
            body.len(),
            out.buf(),
            out.cap(),
            out.out_len(),
        )
    });
    one_input(shape, ts, |p, l, out| {
        qm_feishu_event_signature(
            p,
            l,
            nonce.ptr(),
            nonce.len(),
            key.ptr(),
            key.len(),
            body.0.as_ptr(),
            body.len(),
            out.buf(),
            out.cap(),
            out.out_len(),
        )
    });
    status_ok(qm_feishu_verify_event_signature(
        ts.ptr(),
        ts.len(),
        nonce.ptr(),
        nonce.len(),
        key.ptr(),
        key.len(),
        body.0.as_ptr(),
        body.len(),
        sig.ptr(),
        sig.len(),
    ));
    call(shape, |out, _| {
        let mut parts: qm_yonyou_signature_parts = zeroed();
        let s = qm_yonyou_signature(
            key.ptr(),
            key.len(),
            second.ptr(),
            second.len(),
            ms,
            &mut parts,
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&parts.signature);
            out.view(&parts.signature_urlencoded);
        }
        s
    });
    call(shape, |out, _| {
        let mut req: qm_http_request = zeroed();
        let s = qm_yonyou_token_request(
            url.ptr(),
            url.len(),
            key.ptr(),
            key.len(),
            second.ptr(),
            second.len(),
            ms,
            &mut req,
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&req.method);
            out.view(&req.url);
            out.view(&req.body);
            assert!(
                req.header_count <= req.headers.len(),
                "more headers than room"
            );
            for h in &req.headers[..req.header_count] {
                out.view(&h.name);
                out.view(&h.value);
            }
        }
        s
    });
    one_input(shape, body, |p, l, out| {
        let mut token: qm_yonyou_token = zeroed();
        let s = qm_yonyou_parse_token_answer(
            p.cast(),
            l,
            ms,
            &mut token,
            if refusal { &mut *refused } else { null_mut() },
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&token.access_token);
            out.view(&token.message);
        } else if refusal && refused.refused {
            out.view(&refused.code);
            out.view(&refused.message);
        }
        s
    });
}

/// The K3Cloud and e-cology answer parsers on the body `field(0)` (received at `field(1)`,
/// a token lifetime of `field(2)` seconds), and the AppID and server key readers on it.
unsafe fn k3cloud_ecology<'a>(
    shape: &Shape,
    field: &dyn Fn(usize) -> &'a Input,
    refused: &mut qm_refusal,
    refusal: bool,
) {
    let (body, at, lifetime) = (field(0), millis(field(1)), millis(field(2)));
    let mut refusal_ptr = || {
        if refusal {
            refused as *mut qm_refusal
        } else {
            null_mut()
        }
    };
    one_input(shape, body, |p, l, out| {
        let mut session: qm_k3cloud_session = zeroed();
        let s = qm_k3cloud_parse_login_answer(
            p.cast(),
            l,
            &mut session,
            refusal_ptr(),
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&session.session_id);
            out.view(&session.message);
        }
        s
    });
    one_input(shape, body, |p, l, out| {
        let mut registration: qm_ecology_registration = zeroed();
        let s = qm_ecology_parse_regist_answer(
            p.cast(),
            l,
            &mut registration,
            refusal_ptr(),
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&registration.secrit);
            out.view(&registration.spk);
            out.view(&registration.message);
        }
        s
    });
    one_input(shape, body, |p, l, out| {
        let mut token: qm_ecology_token = zeroed();
        let s = qm_ecology_parse_token_answer(
            p.cast(),
            l,
            at,
            lifetime,
            &mut token,
            refusal_ptr(),
            out.buf(),
            out.cap(),
            out.out_len(),
        );
        if s == qm_status::Ok {
            out.view(&token.token);
            out.view(&token.message);
        }
        s
    });
    one_input(shape, body, |p, l, out| {
        let mut parts: qm_k3cloud_gateway_credentials_parts = zeroed();
        let s =
            qm_k3cloud_gateway_credentials(p, l, &mut parts, out.buf(), out.cap(), out.out_len());
        if s == qm_status::Ok {
            out.view(&parts.client_id);
            out.view(&parts.gateway_secret);
        }
        s
    });
    let mut info: qm_ecology_server_key_info = zeroed();
    let s = qm_ecology_server_key(body.ptr(), body.len(), &mut info);
    status_ok(s);
    if s == qm_status::Ok {
        assert!(
            info.max_plaintext_len < info.bits / 8,
            "more plaintext than modulus"
        );
    }
}
