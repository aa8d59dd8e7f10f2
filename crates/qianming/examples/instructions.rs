//! Runs one operation N times, for counting instructions per call under
//! `valgrind --tool=callgrind` (load-independent, unlike wall-clock time):
//! `scripts/bench-instructions.sh` runs every operation with N and 2N iterations and reports
//! the difference divided by N.
//!
//! `cargo run --release -p qianming --example instructions -- <operation> <iterations>`

use hmac::{Hmac, Mac};
use qianming::bench_internals::{AesEcb, HmacKey};
use qianming::kingdee::{self, ReceivedRequest, Request, Signer, SigningBuffer, Verifier};
use qianming::weaver;
use sha2::Sha256;
use std::hint::black_box;

const SECRET: &str = "0123456789abcdef0123456789abcdef";
const SIG: &str =
    "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==";
const PATH: &str = "/jdyconnector/app_management/kingdee_auth_token";
const QUERY: [(&str, &str); 2] = [("app_key", "abc"), ("app_signature", SIG)];

fn raw_hmac(key: &[u8], message: &[u8]) -> usize {
    match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().len()
        }
        Err(_) => 0,
    }
}

const PLAIN: &str = "1742369234096_9A4F96168413AFA4C5BE4E60A859DEA0";

fn raw_md5_aes(appid_secret: &str, key: &str, plain: &str) -> usize {
    use aes::Aes128;
    use cipher::block_padding::Pkcs7;
    use cipher::{BlockEncryptMut, KeyInit};
    use md5::{Digest, Md5};
    let digest = Md5::digest(appid_secret.as_bytes());
    let mut out = [0u8; 64];
    match ecb::Encryptor::<Aes128>::new_from_slice(key.as_bytes()) {
        Ok(c) => {
            c.encrypt_padded_b2b_mut::<Pkcs7>(plain.as_bytes(), &mut out)
                .map(|c| c.len())
                .unwrap_or(0)
                + digest.len()
        }
        Err(_) => 0,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let operation = args.get(1).map(String::as_str).unwrap_or("");
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let signer = Signer::new("123456", SECRET).unwrap_or_else(|e| panic!("{e}"));
    let request = Request::new("GET", PATH).with_query(&QUERY);
    let out = signer
        .sign(&request, "1700000000000", "1234567890")
        .unwrap_or_else(|e| panic!("{e}"));
    let headers: Vec<(&str, &str)> = out.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let mut verifier = Verifier::new(SECRET).unwrap_or_else(|e| panic!("{e}"));
    let weaver_signer = weaver::Signer::new("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut buffer = SigningBuffer::default();
    // The own primitives and the crates that could replace them, each keyed once.
    let own_hmac = HmacKey::new(SECRET.as_bytes());
    let crate_hmac =
        <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let own_aes = AesEcb::new(b"8fy6K39X6PIEEeOq").unwrap_or_else(|e| panic!("{e}"));
    let crate_aes = {
        use cipher::KeyInit;
        ecb::Encryptor::<aes::Aes128>::new_from_slice(b"8fy6K39X6PIEEeOq")
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let mut block_out = [0u8; 64];
    let mut sink = 0usize;
    for _ in 0..n {
        sink += match operation {
            "raw-hmac-app" => raw_hmac(black_box(b"abc123"), black_box(b"abc")),
            "app-signature" => kingdee::app_signature(black_box("abc"), black_box("abc123"))
                .map(|s| s.len())
                .unwrap_or(0),
            "raw-hmac-request" => raw_hmac(
                black_box(SECRET.as_bytes()),
                black_box(out.string_to_sign.as_bytes()),
            ),
            "sign" => signer
                .sign(black_box(&request), "1700000000000", "1234567890")
                .map(|o| o.signature.len())
                .unwrap_or(0),
            "sign-into" => signer
                .sign_into(
                    black_box(&request),
                    "1700000000000",
                    "1234567890",
                    &mut buffer,
                )
                .map(|s| s.signature().len())
                .unwrap_or(0),
            "verify" => verifier
                .verify(
                    &ReceivedRequest::new("GET", PATH, &QUERY, black_box(&headers)),
                    1_700_000_001_000,
                )
                .map(|v| v.nonce.len())
                .unwrap_or(0),
            "raw-md5-aes" => raw_md5_aes(
                black_box("weaverappid:weaversecret"),
                black_box("8fy6K39X6PIEEeOq"),
                black_box(PLAIN),
            ),
            "weaver-sign" => weaver::sign(
                "weaverappid",
                "weaversecret",
                black_box("8fy6K39X6PIEEeOq"),
                black_box(1_742_369_234_096),
            )
            .map(|s| s.len())
            .unwrap_or(0),
            "weaver-signer" => weaver_signer.sign(black_box(1_742_369_234_096)).len(),
            "own-hmac" => own_hmac.mac(black_box(out.string_to_sign.as_bytes())).len(),
            "crate-hmac" => {
                let mut mac = crate_hmac.clone();
                mac.update(black_box(out.string_to_sign.as_bytes()));
                mac.finalize().into_bytes().len()
            }
            "own-aes" => own_aes
                .encrypt(black_box(PLAIN.as_bytes()), &mut block_out)
                .map(|c| c.len())
                .unwrap_or(0),
            "crate-aes" => {
                use cipher::block_padding::Pkcs7;
                use cipher::BlockEncryptMut;
                crate_aes
                    .clone()
                    .encrypt_padded_b2b_mut::<Pkcs7>(black_box(PLAIN.as_bytes()), &mut block_out)
                    .map(|c| c.len())
                    .unwrap_or(0)
            }
            _ => {
                eprintln!("unknown operation {operation:?}");
                std::process::exit(2);
            }
        };
    }
    black_box(sink);
}
