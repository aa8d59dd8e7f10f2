//! Received Basic `Authorization` headers and bare credentials. Strict Base64 has one spelling
//! per value, so whatever parses must encode back to exactly what was received.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::basic::{credentials, parse_authorization, parse_credentials};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(c) = parse_credentials(&text) {
        assert!(!c.user.contains(':'), "a user name with ':' from {text:?}");
        // (Re-encoding may refuse text the encoder's limits refuse; the parser has its own.)
        if let Ok(again) = credentials(&c.user, c.password.expose()) {
            assert_eq!(again, text, "credentials do not round-trip");
        }
    }
    if let Ok(c) = parse_authorization(&text) {
        assert!(!c.user.contains(':'), "a user name with ':' from {text:?}");
    }
});
