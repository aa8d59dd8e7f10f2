//! The JWT claims reader (no signature check) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::edge::read_jwt_claims;

fuzz_target!(|data: &[u8]| {
    let jwt = String::from_utf8_lossy(data);
    if let Ok(claims) = read_jwt_claims(&jwt) {
        assert_eq!(jwt.split('.').count(), 3, "claims read from {jwt:?}");
        assert!(
            claims.payload_json.trim_start().starts_with('{'),
            "a payload that is no object"
        );
    }
});
