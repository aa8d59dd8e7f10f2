//! The e-cology 9 registration answer parser on any body: a granted answer carries a non-empty
//! secrit and an spk that parses as an RSA key and encrypts it; a refusal is `vendor_error`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::ecology::{parse_regist_answer, ServerKey};
use qianming::token::Answer;
use qianming::ErrorKind;

fuzz_target!(|body: &[u8]| {
    match parse_regist_answer(body) {
        Ok(Answer::Granted(registration)) => {
            assert!(!registration.secrit.is_empty(), "granted an empty secrit");
            let key = ServerKey::from_spk(&registration.spk).expect("a granted spk parses");
            let secrit = registration.secrit.expose();
            if secrit.len() <= key.max_plaintext_len() {
                key.encrypt(secrit, &[0; 32]).expect("a granted secrit encrypts");
            }
        }
        Ok(Answer::Refused(refusal)) => assert_eq!(refusal.kind, ErrorKind::VendorError),
        Err(_) => {}
    }
});
