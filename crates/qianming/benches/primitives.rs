//! The primitives qianming writes itself against the audited crates that could replace them,
//! in one run (issue: keep the own primitive only where the crate is more than 10 % slower):
//! HMAC-SHA256 keyed once, per message (own midstates on `sha2::compress256` vs a cloned keyed
//! `hmac::Hmac<Sha256>`), and AES-128-ECB-PKCS#7 encryption with the key expanded once (own use
//! of `aes` vs a cloned `ecb::Encryptor`). `cargo bench -p qianming --features bench-internals
//! --bench primitives`; instruction counts: `scripts/bench-instructions.sh`.

// criterion_group! generates an undocumented function.
#![allow(missing_docs)]

use cipher::block_padding::Pkcs7;
use cipher::{BlockEncryptMut, KeyInit};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hmac::{Hmac, Mac};
use qianming::bench_internals::{AesEcb, HmacKey};
use sha2::Sha256;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
/// The seed's app-token string to sign (the length the request signer MACs).
const STRING_TO_SIGN: &[u8] = b"GET\n%2Fjdyconnector%2Fapp_management%2Fkingdee_auth_token\napp_key=abc&app_signature=ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ%253D%253D\nx-api-nonce:1234567890\nx-api-timestamp:1700000000000\n";
const AES_KEY: &[u8] = b"1234567890123456";
const PLAIN: &[u8] = b"1742369234096_9A4F96168413AFA4C5BE4E60A859DEA0";

fn hmac_keyed_once(c: &mut Criterion) {
    let own = HmacKey::new(SECRET);
    let keyed = match <Hmac<Sha256> as Mac>::new_from_slice(SECRET) {
        Ok(mac) => mac,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        own.mac(STRING_TO_SIGN)[..],
        keyed
            .clone()
            .chain_update(STRING_TO_SIGN)
            .finalize()
            .into_bytes()[..]
    );
    let mut group = c.benchmark_group("hmac_sha256_keyed_once");
    group.bench_function("hmac crate, cloned Hmac<Sha256>", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(STRING_TO_SIGN));
            mac.finalize().into_bytes()
        })
    });
    group.bench_function("own HmacKey on sha2::compress256", |b| {
        b.iter(|| own.mac(black_box(STRING_TO_SIGN)))
    });
    group.finish();
}

fn aes_ecb_keyed_once(c: &mut Criterion) {
    let own = match AesEcb::new(AES_KEY) {
        Ok(cipher) => cipher,
        Err(e) => panic!("{e}"),
    };
    let keyed = match ecb::Encryptor::<aes::Aes128>::new_from_slice(AES_KEY) {
        Ok(cipher) => cipher,
        Err(e) => panic!("{e}"),
    };
    let mut a = [0u8; 64];
    let mut b = [0u8; 64];
    assert_eq!(
        own.encrypt(PLAIN, &mut a).ok(),
        keyed
            .clone()
            .encrypt_padded_b2b_mut::<Pkcs7>(PLAIN, &mut b)
            .ok()
    );
    let mut group = c.benchmark_group("aes128_ecb_pkcs7_keyed_once");
    group.bench_function("ecb crate, cloned Encryptor<Aes128>", |bench| {
        let mut out = [0u8; 64];
        bench.iter(|| {
            keyed
                .clone()
                .encrypt_padded_b2b_mut::<Pkcs7>(black_box(PLAIN), &mut out)
                .map(|c| c.len())
        })
    });
    group.bench_function("own AesEcb on aes", |bench| {
        let mut out = [0u8; 64];
        bench.iter(|| own.encrypt(black_box(PLAIN), &mut out).map(|c| c.len()))
    });
    group.finish();
}

criterion_group!(benches, hmac_keyed_once, aes_ecb_keyed_once);
criterion_main!(benches);
