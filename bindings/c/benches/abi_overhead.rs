//! The C ABI against the Rust core for the same request signature: what the ABI layer
//! (UTF-8 checks, pair conversion, copying into the caller's buffer) costs.
//! Run with `bash bindings/c/bench.sh` (or `cargo bench -p qianming-ffi`).

use qianming::kingdee::{Request, Signer, SigningBuffer};
use qianming_ffi::qm_status;
use std::hint::black_box;
use std::time::Instant;

#[path = "../tests/common/abi_signer.rs"]
mod abi_signer;
use abi_signer::AbiSigner;

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

    let mut abi_signer = AbiSigner::new(CLIENT_ID, SECRET, &QUERY, 4096);
    let abi = measure("request signature, C ABI (from Rust)", || {
        let status = abi_signer.sign(PATH, TIMESTAMP, NONCE);
        assert_eq!(black_box(status), qm_status::Ok);
    });
    drop(abi_signer);
    println!("ratio C ABI / Rust core sign: {:.3}", abi / core);
    println!(
        "ratio C ABI / Rust core sign_into (same work): {:.3}",
        abi / core_into
    );
}
