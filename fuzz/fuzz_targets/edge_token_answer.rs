//! The edge gateway login/refresh answer parser on any body (it also reads the refresh JWT).
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::edge::parse_token_answer;
use qianming::token::Answer;

fuzz_target!(|body: &[u8]| {
    if let Ok(Answer::Granted(token)) = parse_token_answer(body) {
        assert!(
            !token.access_token.is_empty(),
            "granted an empty access token"
        );
    }
});
