//! The OAuth callback parser. Input: `callback NUL expected_state`. Whatever it accepts must
//! carry the expected state and a non-empty code.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::oauth::parse_callback;
use qianming_fuzz::fields;

fuzz_target!(|data: &[u8]| {
    let f = fields(data);
    let callback = &f[0];
    let expected = f.get(1).map_or("", |s| s);
    if let Ok(cb) = parse_callback(callback, expected) {
        assert!(!expected.is_empty(), "accepted without an expected state");
        assert_eq!(
            cb.state.as_deref(),
            Some(expected),
            "accepted another state"
        );
        assert!(!cb.code.is_empty(), "accepted an empty code");
    }
});
