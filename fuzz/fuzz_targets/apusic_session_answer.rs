//! The Apusic management session answer parser on any body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::apusic::parse_session_answer;
use qianming::token::Answer;

fuzz_target!(|body: &[u8]| {
    if let Ok(Answer::Granted(session)) = parse_session_answer(body) {
        assert!(!session.token.is_empty(), "granted an empty session token");
    }
});
