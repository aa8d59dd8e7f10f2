//! A request as a `curl` command, rendered by the core (the playground's "copy as curl").

use crate::convert::{js, JsResult};
use crate::pack::Pieces;
use qianming::http::{HttpRequest, Method};
use wasm_bindgen::prelude::*;

/// `method, url, body (or no value), then name, value, …` in, the core's curl command out (an
/// empty header value is sent as curl's `Name;`).
#[wasm_bindgen(js_name = httpToCurl)]
pub fn to_curl(text: &str, lens: &[u32]) -> JsResult<String> {
    let mut pieces = Pieces::new(text, lens);
    let method = js(Method::parse(pieces.next()?))?;
    let mut request = js(HttpRequest::new(method, pieces.next()?))?;
    let body = pieces.next_optional()?;
    let count = pieces.remaining() / 2;
    for (name, value) in pieces.pairs(count)? {
        request = js(request.with_header_allow_empty(name, value))?;
    }
    if let Some(body) = body {
        request = request.with_body(body);
    }
    Ok(request.to_curl())
}
