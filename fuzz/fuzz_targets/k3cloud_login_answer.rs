//! The K3Cloud login answer parser on any body: a granted answer carries a non-empty session
//! id that can travel as the session header, or is refused with a typed error; a refusal is
//! always `login_failed` with the LoginResultType as its code.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::k3cloud::{parse_login_answer, session_headers, LOGIN_SUCCESS};
use qianming::token::Answer;
use qianming::ErrorKind;

fuzz_target!(|body: &[u8]| {
    match parse_login_answer(body) {
        Ok(Answer::Granted(session)) => {
            assert!(!session.session_id.is_empty(), "granted an empty session id");
            if let Ok(headers) = session_headers(session.session_id.expose()) {
                assert_eq!(headers[0].1, session.session_id.expose());
            }
        }
        Ok(Answer::Refused(refusal)) => {
            assert_eq!(refusal.kind, ErrorKind::LoginFailed);
            assert_ne!(refusal.code.as_deref(), Some(LOGIN_SUCCESS));
        }
        Err(_) => {}
    }
});
