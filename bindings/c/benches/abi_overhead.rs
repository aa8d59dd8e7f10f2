//! The C ABI against the Rust core for the same request signature: what the ABI layer
//! (UTF-8 checks, pair conversion, copying into the caller's buffer) costs.
//! Run with `bash bindings/c/bench.sh` (or `cargo bench -p qianming-ffi`).

use qianming::kingdee::{Request, Signer, SigningBuffer};
use qianming_ffi::{
    qm_kingdee_signed_request, qm_kingdee_signer, qm_kingdee_signer_free, qm_kingdee_signer_new,
    qm_kingdee_signer_sign, qm_pair, qm_status,
};
use std::hint::black_box;
use std::time::Instant;

const CLIENT_ID: &str = "123456";
const SECRET: &str = "0123456789abcdef0123456789abcdef";
const PATH: &str = "/jdyconnector/app_management/kingdee_auth_token";
const QUERY: [(&str, &str); 2] = [
    ("app_key", "abc"),
    (
        "app_signature",
        "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==",
    ),
];
const TIMESTAMP: &str = "1700000000000";
const NONCE: &str = "1234567890";

/// Best-of-rounds nanoseconds per call.
fn measure(name: &str, mut call: impl FnMut()) -> f64 {
    for _ in 0..20_000 {
        call();
    }
    let iterations = 50_000;
    let best = (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                call();
            }
            start.elapsed().as_nanos() as f64 / iterations as f64
        })
        .fold(f64::INFINITY, f64::min);
    println!("{name:<40} {best:>8.0} ns/call");
    best
}

fn c_pair(name: &str, value: &str) -> qm_pair {
    qm_pair {
        name: name.as_ptr().cast(),
        name_len: name.len(),
        value: value.as_ptr().cast(),
        value_len: value.len(),
    }
}

fn main() {
    let signer = Signer::new(CLIENT_ID, SECRET).expect("signer");
    let core = measure("request signature, Rust core", || {
        let request = Request::new("GET", PATH).with_query(&QUERY);
        black_box(
            signer
                .sign(black_box(&request), TIMESTAMP, NONCE)
                .expect("sign"),
        );
    });

    let mut buffer = SigningBuffer::default();
    let core_into = measure("request signature, Rust core sign_into", || {
        let request = Request::new("GET", PATH).with_query(&QUERY);
        let signed = signer
            .sign_into(black_box(&request), TIMESTAMP, NONCE, &mut buffer)
            .expect("sign");
        black_box(signed.signature());
    });

    let mut handle: *mut qm_kingdee_signer = std::ptr::null_mut();
    // SAFETY: valid strings and a writable out pointer.
    let status = unsafe {
        qm_kingdee_signer_new(
            CLIENT_ID.as_ptr().cast(),
            CLIENT_ID.len(),
            SECRET.as_ptr().cast(),
            SECRET.len(),
            &mut handle,
        )
    };
    assert_eq!(status, qm_status::Ok);
    let query: Vec<qm_pair> = QUERY.iter().map(|(n, v)| c_pair(n, v)).collect();
    let mut buf = vec![0u8; 4096];
    let mut out_len = 0usize;
    // SAFETY: an all-zero qm_kingdee_signed_request is valid (NULL pointers, zero lengths).
    let mut parts: qm_kingdee_signed_request = unsafe { std::mem::zeroed() };
    let abi = measure("request signature, C ABI (from Rust)", || {
        // SAFETY: every pointer is valid for the call; `handle` is live.
        let status = unsafe {
            qm_kingdee_signer_sign(
                handle,
                "GET".as_ptr().cast(),
                3,
                PATH.as_ptr().cast(),
                PATH.len(),
                query.as_ptr(),
                query.len(),
                std::ptr::null(),
                0,
                TIMESTAMP.as_ptr().cast(),
                TIMESTAMP.len(),
                NONCE.as_ptr().cast(),
                NONCE.len(),
                &mut parts,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut out_len,
            )
        };
        assert_eq!(black_box(status), qm_status::Ok);
    });
    // SAFETY: made by qm_kingdee_signer_new, freed once.
    unsafe { qm_kingdee_signer_free(handle) };
    println!("ratio C ABI / Rust core sign: {:.3}", abi / core);
    println!(
        "ratio C ABI / Rust core sign_into (same work): {:.3}",
        abi / core_into
    );
}
