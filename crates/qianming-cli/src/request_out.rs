//! How every request builder prints the request to send (one place for all systems): the
//! HTTP text, a JSON object with the same fields as `--jsonl`, or a curl command.

use crate::common_args::RequestFormat;
use crate::jsonl::{self, fields};
use qianming::http::HttpRequest;
use serde_json::{Map, Value};

/// `method`, `url`, `headers` (list of `[name, value]`, in order), `body` (string or null),
/// then `extra`: the fields of a builder's `--jsonl` line.
pub fn line(request: &HttpRequest, mut extra: Map<String, Value>) -> Map<String, Value> {
    let mut out = fields([
        ("method", request.method.as_str().into()),
        ("url", request.url.as_str().into()),
        ("headers", jsonl::pair_list(&request.headers)),
        ("body", request.body.clone().into()),
    ]);
    out.append(&mut extra);
    out
}

/// Prints `request` in `format`; `extra` goes into the JSON object only.
pub fn print(request: &HttpRequest, format: RequestFormat, extra: Map<String, Value>) {
    match format {
        RequestFormat::Http => print!("{}", request.to_http_text()),
        RequestFormat::Curl => print!("{}", request.to_curl()),
        RequestFormat::Json => crate::result_out::print_json(line(request, extra)),
    }
}
