//! Property tests for the token builders and parsers: no panic on any input, and no CR/LF or
//! path escape ever reaches a request.

use proptest::prelude::*;
use qianming::{apusic, edge, kingdee, oauth, weaver};

fn json_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        "[\\[\\]{}\":,0-9a-z_ \\-.eE]{0,256}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #[test]
    fn parsers_never_panic(body in json_like()) {
        let _ = kingdee::parse_token_answer(&body, 0);
        let _ = weaver::parse_token_answer(&body, 0);
        let _ = apusic::parse_session_answer(&body);
        let _ = oauth::parse_token_answer(&body);
        let _ = oauth::parse_userinfo_answer(&body);
        let _ = edge::parse_token_answer(&body);
        if let Ok(text) = std::str::from_utf8(&body) {
            let _ = edge::read_jwt_claims(text);
            let _ = oauth::parse_callback(text, "s");
        }
    }

    #[test]
    fn refresh_token_stays_one_path_segment(token in "\\PC{0,64}|[./?#% \r\n]{0,16}") {
        if let Ok(req) = edge::refresh_request("http://127.0.0.1:58081", &token) {
            let segment = req.url.strip_prefix("http://127.0.0.1:58081/v1.0/openapi/token/");
            prop_assert!(segment.is_some());
            let segment = segment.unwrap_or_default();
            prop_assert!(!segment.contains(['/', '?', '#']));
            prop_assert!(segment != "." && segment != "..");
        }
    }

    #[test]
    fn no_builder_lets_cr_or_lf_through(value in "[a-z]{0,4}[\r\n]?[a-z: ]{0,8}") {
        let outputs = [
            weaver::token_request("http://h", &value, "s"),
            weaver::token_request("http://h", "a", &value),
            apusic::session_request("https://h:6848", "u", "p", Default::default(), &value),
            oauth::token_request("http://h", &value, "s", "http://r", "c", None),
            oauth::userinfo_request("http://h", &value),
            edge::refresh_request("http://h", &value),
        ];
        for req in outputs.into_iter().flatten() {
            prop_assert!(!req.url.contains(['\r', '\n', ' ']));
            for (n, v) in &req.headers {
                prop_assert!(!n.contains(['\r', '\n']) && !v.contains(['\r', '\n']));
            }
        }
        if let Ok((_, v)) = edge::x_token_header(&value) {
            prop_assert!(!v.contains(['\r', '\n']));
        }
        if let Ok(headers) = apusic::call_headers(&value, "gfrestdtoken", true) {
            prop_assert!(headers.iter().all(|(_, v)| !v.contains(['\r', '\n', ';'])));
        }
    }
}
