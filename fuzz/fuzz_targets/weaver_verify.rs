//! The Weaver server-side verifier on any received sign.
//!
//! Input: NUL-separated fields `now_ms[,window_ms]`, appid, secret, AES key, then signs (hex).
//! Properties checked:
//! - a sign made by `weaver::sign` at `now_ms` verifies, with that timestamp;
//! - `inspect`'s verdict is `verify_stateless`'s;
//! - a sign accepted by `verify` is refused as `replayed` the second time.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::weaver::{sign, Verifier};
use qianming::ErrorKind;
use qianming_fuzz::{fields, millis};

fuzz_target!(|data: &[u8]| {
    let f = fields(data);
    if f.len() < 4 {
        return;
    }
    let now_ms = millis(&f[0]);
    let (appid, secret, aes_key) = (&f[1], &f[2], &f[3]);
    let Ok(mut verifier) = Verifier::new(appid, secret, aes_key) else {
        return;
    };
    if let Some((_, window)) = f[0].split_once(',') {
        verifier = verifier.with_window_ms(millis(window));
    }
    if let Ok(made) = sign(appid, secret, aes_key, now_ms) {
        let seen = verifier
            .verify_stateless(&made, now_ms)
            .map(|v| v.timestamp_ms);
        assert_eq!(
            seen.map_err(|e| e.kind()),
            Ok(now_ms),
            "a fresh sign is refused"
        );
    }
    for received in &f[4..] {
        let stateless = verifier
            .verify_stateless(received, now_ms)
            .map(|v| v.timestamp_ms)
            .map_err(|e| e.kind());
        if let Ok(inspection) = verifier.inspect(received, now_ms) {
            assert_eq!(
                inspection.verdict.map_err(|e| e.kind()),
                stateless,
                "inspect disagrees"
            );
        }
        if verifier.verify(received, now_ms).is_ok() {
            let again = verifier.verify(received, now_ms).map(|v| v.timestamp_ms);
            assert_eq!(
                again.map_err(|e| e.kind()),
                Err(ErrorKind::Replayed),
                "a replay passed"
            );
        }
    }
});
