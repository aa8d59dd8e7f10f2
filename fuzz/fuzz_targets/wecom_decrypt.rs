//! WXBizMsgCrypt on any received text (docs/spec/wecom.md).
//!
//! Input: NUL-separated fields encrypt, receive id, then optional timestamp and nonce.
//! Properties checked:
//! - decrypting any encrypt text never panics, and a refusal has one of the documented kinds;
//! - the fields encrypted as a message (with the first 16 input bytes as the random prefix)
//!   decrypt to themselves for the same receive id, and to `sign_mismatch` for another;
//! - a reply's signature verifies, and a received signature is only accepted when it is the
//!   recomputed one.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::wecom::{self, MsgCrypt};
use qianming::ErrorKind;
use qianming_fuzz::fields;

const KEY: &str = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

fuzz_target!(|data: &[u8]| {
    let f = fields(data);
    let (encrypt, receive_id) = (&f[0], f.get(1).map_or("", |r| r));
    let Ok(crypt) = MsgCrypt::new(KEY) else {
        return;
    };
    if let Err(e) = crypt.decrypt(encrypt, receive_id) {
        assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidBase64
                    | ErrorKind::Undecryptable
                    | ErrorKind::SignMismatch
                    | ErrorKind::InputTooLarge
            ),
            "undocumented refusal {:?}",
            e.kind()
        );
    }
    let mut random = [0u8; 16];
    for (r, d) in random.iter_mut().zip(data) {
        *r = *d;
    }
    if let Ok(sealed) = crypt.encrypt(encrypt, receive_id, &random) {
        assert_eq!(
            crypt
                .decrypt(&sealed, receive_id)
                .as_deref()
                .map_err(|e| e.kind()),
            Ok(&**encrypt),
            "a round trip changed the message"
        );
        let other = format!("{receive_id}x");
        assert_eq!(
            crypt.decrypt(&sealed, &other).map_err(|e| e.kind()),
            Err(ErrorKind::SignMismatch),
            "another receive id was accepted"
        );
    }
    let (timestamp, nonce) = (f.get(2).map_or("1", |t| t), f.get(3).map_or("", |n| n));
    if let Ok(signature) = wecom::msg_signature("token", timestamp, nonce, encrypt) {
        assert!(
            wecom::verify_msg_signature("token", timestamp, nonce, encrypt, &signature).is_ok()
        );
        let received = f.get(4).map_or("", |s| s);
        if wecom::verify_msg_signature("token", timestamp, nonce, encrypt, received).is_ok() {
            assert_eq!(received, signature, "another signature was accepted");
        }
    }
});
