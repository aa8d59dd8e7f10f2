//! The OAuth user-info answer parser on any body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::oauth::parse_userinfo_answer;

fuzz_target!(|body: &[u8]| {
    if let Ok(info) = parse_userinfo_answer(body) {
        assert!(!info.id.is_empty(), "accepted an empty user id");
    }
});
