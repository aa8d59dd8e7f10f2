//! How every request builder prints the request to send (one place for all systems): the
//! HTTP text, a JSON object with the same fields as `--jsonl`, or a curl command.

use crate::args::RequestFormat;
use crate::jsonl::{self, fields};
use crate::render::shell_quote;
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

/// `METHOD URL`, one `Name: value` line per header, then a blank line and the body, if any.
pub fn http_text(request: &HttpRequest) -> String {
    let mut text = format!("{} {}\n", request.method.as_str(), request.url);
    for (name, value) in &request.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    if let Some(body) = &request.body {
        text.push('\n');
        text.push_str(body);
        text.push('\n');
    }
    text
}

/// A curl command sending the request.
pub fn curl(request: &HttpRequest) -> String {
    let mut cmd = format!(
        "curl -X {} {}",
        request.method.as_str(),
        shell_quote(&request.url)
    );
    for (name, value) in &request.headers {
        cmd.push_str(" \\\n  -H ");
        cmd.push_str(&shell_quote(&format!("{name}: {value}")));
    }
    if let Some(body) = &request.body {
        cmd.push_str(" \\\n  --data-raw ");
        cmd.push_str(&shell_quote(body));
    }
    cmd.push('\n');
    cmd
}

/// Prints `request` in `format`; `extra` goes into the JSON object only.
pub fn print(request: &HttpRequest, format: RequestFormat, extra: Map<String, Value>) {
    match format {
        RequestFormat::Http => print!("{}", http_text(request)),
        RequestFormat::Curl => print!("{}", curl(request)),
        RequestFormat::Json => crate::result_out::print_json(line(request, extra)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qianming::http::Method;

    #[test]
    fn text_and_curl() -> Result<(), qianming::Error> {
        let request = HttpRequest::new(Method::Post, "https://h/a")?
            .with_header("A", "it's")?
            .with_body("{}");
        assert_eq!(http_text(&request), "POST https://h/a\nA: it's\n\n{}\n");
        assert_eq!(
            curl(&request),
            "curl -X POST 'https://h/a' \\\n  -H 'A: it'\\''s' \\\n  --data-raw '{}'\n"
        );
        Ok(())
    }
}
