//! The Yonyou token answer parser on any body, received at two clock edges.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::token::Answer;
use qianming::yonyou::parse_token_answer;

fuzz_target!(|body: &[u8]| {
    for received_at_ms in [1_700_000_000_000, u64::MAX] {
        if let Ok(Answer::Granted(token)) = parse_token_answer(body, received_at_ms) {
            assert!(!token.access_token.is_empty(), "granted an empty token");
            assert!(token.lifetime.expires_at_ms >= received_at_ms);
        }
    }
});
