//! Feishu event decryption and `X-Lark-Signature` on any received input (docs/spec/feishu.md).
//!
//! Input: NUL-separated fields Encrypt Key, encrypt, then the raw body and a received signature.
//! Properties checked:
//! - decrypting never panics, and a refusal has one of the documented kinds;
//! - a received signature is accepted only when it is the recomputed one.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::feishu;
use qianming::ErrorKind;
use qianming_fuzz::fields;

fuzz_target!(|data: &[u8]| {
    let f = fields(data);
    if f.len() < 2 {
        return;
    }
    if let Err(e) = feishu::decrypt(&f[0], &f[1]) {
        assert!(
            matches!(
                e.kind(),
                ErrorKind::EmptySecret
                    | ErrorKind::InvalidBase64
                    | ErrorKind::Undecryptable
                    | ErrorKind::InputTooLarge
            ),
            "undocumented refusal {:?}",
            e.kind()
        );
    }
    let body = f.get(2).map_or(&b""[..], |b| b.as_bytes());
    let received = f.get(3).map_or("", |s| s);
    if feishu::verify_event_signature("1700000000", "n", &f[0], body, received).is_ok() {
        let expected = feishu::event_signature("1700000000", "n", &f[0], body);
        assert_eq!(
            expected.as_deref(),
            Ok(received),
            "another signature was accepted"
        );
    }
});
