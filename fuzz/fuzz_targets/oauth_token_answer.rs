//! The OAuth access-token answer parser (form-encoded or JSON) on any body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::oauth::parse_token_answer;

fuzz_target!(|body: &[u8]| {
    if let Ok(token) = parse_token_answer(body) {
        assert!(
            !token.access_token.is_empty(),
            "accepted an empty access token"
        );
    }
});
