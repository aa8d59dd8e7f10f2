//! Query strings and request targets as a Kingdee server receives them. The target parser must
//! agree with the query parser on the part after `?`, and parsed pairs must survive their wire
//! encoding (`java_encode`) and parsing again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use qianming::encode::java_encode;
use qianming::kingdee::{parse_query, parse_request_target};
use qianming::ErrorKind;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(pairs) = parse_query(&text) {
        let wire: Vec<String> = pairs
            .iter()
            .map(|(n, v)| format!("{}={}", java_encode(n), java_encode(v)))
            .collect();
        match parse_query(&wire.join("&")) {
            Ok(again) => assert_eq!(pairs, again, "query pairs do not survive the wire form"),
            // The wire form can be three times longer than what was received.
            Err(e) => assert_eq!(e.kind(), ErrorKind::InputTooLarge, "{e}"),
        }
    }
    if let Ok(target) = parse_request_target(&text) {
        let query = text.split_once('?').map_or("", |(_, q)| q);
        let alone = parse_query(query).map_err(|e| e.kind());
        assert_eq!(
            alone,
            Ok(target.query),
            "the target's query parses differently alone"
        );
    }
});
