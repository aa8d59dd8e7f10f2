//! qianming against the raw primitives composed directly, in the same run.
//!
//! `cargo bench -p qianming --bench signing`; the figures and ratios go to BENCHMARKS.md.

#![allow(missing_docs)]

use aes::Aes128;
use cipher::block_padding::Pkcs7;
use cipher::{BlockEncryptMut, KeyInit};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use qianming::kingdee::{self, ReceivedRequest, Request, Signer, SigningBuffer, Verifier};
use qianming::weaver;
use sha2::Sha256;

const CLIENT_SECRET: &str = "0123456789abcdef0123456789abcdef";
const APP_SIGNATURE: &str =
    "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==";
const PATH: &str = "/jdyconnector/app_management/kingdee_auth_token";
const QUERY: [(&str, &str); 2] = [("app_key", "abc"), ("app_signature", APP_SIGNATURE)];

fn raw_hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return [0; 32],
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn app_signature(c: &mut Criterion) {
    let mut group = c.benchmark_group("app_signature");
    group.bench_function("raw HMAC-SHA256", |b| {
        b.iter(|| raw_hmac(black_box(b"abc123"), black_box(b"abc")))
    });
    group.bench_function("qianming", |b| {
        b.iter(|| kingdee::app_signature(black_box("abc"), black_box("abc123")))
    });
    group.finish();
}

fn request_signature(c: &mut Criterion) {
    let signer = Signer::new("123456", CLIENT_SECRET).unwrap_or_else(|e| panic!("{e}"));
    let request = Request::new("GET", PATH).with_query(&QUERY);
    let string_to_sign = signer
        .sign(&request, "1700000000000", "1234567890")
        .unwrap_or_else(|e| panic!("{e}"))
        .string_to_sign;
    let mut group = c.benchmark_group("request_signature");
    group.bench_function("raw HMAC-SHA256 of the string to sign", |b| {
        b.iter(|| {
            raw_hmac(
                black_box(CLIENT_SECRET.as_bytes()),
                black_box(string_to_sign.as_bytes()),
            )
        })
    });
    group.bench_function("qianming reusable Signer, owned output", |b| {
        b.iter(|| {
            signer.sign(
                black_box(&request),
                black_box("1700000000000"),
                black_box("1234567890"),
            )
        })
    });
    let mut buffer = SigningBuffer::default();
    group.bench_function("qianming reusable Signer + SigningBuffer", |b| {
        b.iter(|| {
            signer
                .sign_into(
                    black_box(&request),
                    black_box("1700000000000"),
                    black_box("1234567890"),
                    &mut buffer,
                )
                .map(|signed| signed.signature().len())
        })
    });
    group.finish();
}

fn weaver_sign(c: &mut Criterion) {
    let (appid, secret, key, ts) = (
        "weaverappid",
        "weaversecret",
        "8fy6K39X6PIEEeOq",
        1_742_369_234_096u64,
    );
    let plaintext = weaver::explain(appid, secret, key, ts)
        .unwrap_or_else(|e| panic!("{e}"))
        .plaintext;
    let signer = weaver::Signer::new(appid, secret, key).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("weaver_sign");
    group.bench_function("raw MD5 + AES-128-ECB-PKCS7", |b| {
        b.iter(|| {
            let mut md5 = Md5::new();
            md5.update(black_box(appid).as_bytes());
            md5.update(b":");
            md5.update(black_box(secret).as_bytes());
            let digest = md5.finalize();
            let cipher = ecb::Encryptor::<Aes128>::new_from_slice(black_box(key).as_bytes())
                .unwrap_or_else(|_| unreachable!());
            let mut out = [0u8; 64];
            let len = cipher
                .encrypt_padded_b2b_mut::<Pkcs7>(black_box(plaintext.as_bytes()), &mut out)
                .map(|c| c.len())
                .unwrap_or(0);
            (digest, out, len)
        })
    });
    group.bench_function("qianming weaver::sign", |b| {
        b.iter(|| {
            weaver::sign(
                black_box(appid),
                black_box(secret),
                black_box(key),
                black_box(ts),
            )
        })
    });
    group.bench_function("qianming reusable weaver::Signer", |b| {
        b.iter(|| signer.sign(black_box(ts)))
    });
    group.finish();
}

fn kingdee_verify(c: &mut Criterion) {
    let signer = Signer::new("123456", CLIENT_SECRET).unwrap_or_else(|e| panic!("{e}"));
    let out = signer
        .sign(
            &Request::new("GET", PATH).with_query(&QUERY),
            "1700000000000",
            "1234567890",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let headers: Vec<(&str, &str)> = out.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let received = ReceivedRequest::new("GET", PATH, &QUERY, &headers);
    let verifier = Verifier::new(CLIENT_SECRET).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("kingdee_verify");
    group.throughput(Throughput::Elements(1));
    group.bench_function("qianming Verifier", |b| {
        // The signature, window and header checks; the replay guard (one ordered-map insert)
        // would refuse the same request the second time round.
        b.iter(|| verifier.verify_stateless(black_box(&received), black_box(1_700_000_001_000)))
    });
    group.finish();
}

criterion_group!(
    benches,
    app_signature,
    request_signature,
    weaver_sign,
    kingdee_verify
);
criterion_main!(benches);
