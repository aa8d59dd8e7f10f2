//! The strict percent-decoders (path: `+` stays `+`; form: `+` is a space). What decodes must
//! come back unchanged through the matching encoder and decoding again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::encode::{form_decode, gateway_encode, java_encode, path_encode, percent_decode};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(path) = percent_decode(&text) {
        assert_eq!(
            percent_decode(&path_encode(&path)).as_deref(),
            Ok(path.as_str())
        );
        assert!(path.len() <= text.len());
    }
    if let Ok(form) = form_decode(&text) {
        assert_eq!(
            form_decode(&java_encode(&form)).as_deref(),
            Ok(form.as_str())
        );
        assert_eq!(
            form_decode(&gateway_encode(&form)).as_deref(),
            Ok(form.as_str())
        );
        assert!(form.len() <= text.len());
    }
});
