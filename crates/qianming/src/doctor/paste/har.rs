//! A HAR document (HTTP Archive 1.2, as browsers' developer tools export it), read with the
//! core's own bounded JSON reader.

use super::{invalid, target_of_url, PastedRequest};
use crate::error::Result;
use crate::json::{self, Object, Value};
use crate::kingdee::headers::SIGNATURE;
use alloc::format;
use alloc::vec::Vec;

const WHAT: &str = "the HAR document";

/// Every request of a HAR document, in order: the entries of `{"log": {"entries": […]}}`, or
/// the one of a single entry (`{"request": {…}}`) or of a bare request object
/// (`{"method", "url", "headers"}`). HTTP/2 pseudo headers (`:authority`, …) are left out.
///
/// Limits as for every JSON qianming reads ([`crate::limits::MAX_PASTED_REQUEST_BYTES`],
/// [`crate::limits::MAX_JSON_DEPTH`]); a document of another shape is `missing_field` or
/// `invalid_field`, text that is not JSON `invalid_json`.
pub fn parse_har_entries(text: &str) -> Result<Vec<PastedRequest>> {
    crate::limits::check_len(
        "the pasted request",
        text.len(),
        crate::limits::MAX_PASTED_REQUEST_BYTES,
    )?;
    let root = json::parse_object(WHAT, text.as_bytes())?;
    if let Some(log) = json::get(&root, "log") {
        let Value::Object(log) = log else {
            return Err(invalid(
                "field \"log\" of the HAR document is not an object",
            ));
        };
        let Some(Value::Array(entries)) = json::get(log, "entries") else {
            return Err(invalid("the HAR document's log has no \"entries\" list"));
        };
        return entries
            .iter()
            .map(|entry| match entry {
                Value::Object(entry) => request_of(json::req_object(entry, WHAT, "request")?),
                _ => Err(invalid("an entry of the HAR document is not an object")),
            })
            .collect();
    }
    let request = match json::get(&root, "request") {
        Some(_) => json::req_object(&root, WHAT, "request")?,
        None => &root,
    };
    Ok(Vec::from([request_of(request)?]))
}

/// The one request of a HAR document: its only entry, or else its only entry carrying
/// `X-Api-Signature`.
pub(super) fn parse(text: &str) -> Result<PastedRequest> {
    let mut entries = parse_har_entries(text)?;
    if entries.len() == 1 {
        return Ok(entries.remove(0));
    }
    let signed: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].header(SIGNATURE).is_some())
        .collect();
    match signed.as_slice() {
        [only] => Ok(entries.swap_remove(*only)),
        _ => Err(invalid(format!(
            "the HAR document holds {} requests, {} of them signed (X-Api-Signature): export only the one to diagnose",
            entries.len(),
            signed.len()
        ))),
    }
}

/// One HAR `request` object.
fn request_of(request: &Object) -> Result<PastedRequest> {
    let method = json::req_str(request, "the HAR request", "method")?;
    let url = json::req_str(request, "the HAR request", "url")?;
    let mut out = PastedRequest::new(method, target_of_url(url))?;
    if let Some(headers) = json::get(request, "headers") {
        let Value::Array(headers) = headers else {
            return Err(invalid(
                "field \"headers\" of the HAR request is not a list",
            ));
        };
        for header in headers {
            let Value::Object(header) = header else {
                return Err(invalid("a header of the HAR request is not an object"));
            };
            let name = json::req_str(header, "a HAR header", "name")?;
            let value = json::req_str(header, "a HAR header", "value")?;
            if !name.starts_with(':') {
                out.push_header(name, value)?;
            }
        }
    }
    if let Some(Value::Object(post)) = json::get(request, "postData") {
        out.body = json::opt_str(post, "the HAR postData", "text")?.map(Into::into);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn documents_entries_and_requests() -> Result<()> {
        let entry = |sig: bool| {
            format!(
                r#"{{"request":{{"method":"POST","url":"https://h/a?b=1","headers":[{{"name":":authority","value":"h"}},{{"name":"X-Api-Nonce","value":"1"}}{}],"postData":{{"mimeType":"application/json","text":"{{}}"}}}}}}"#,
                if sig {
                    r#",{"name":"X-Api-Signature","value":"s"}"#
                } else {
                    ""
                }
            )
        };
        let doc = format!(
            r#"{{"log":{{"version":"1.2","entries":[{},{}]}}}}"#,
            entry(false),
            entry(true)
        );
        assert_eq!(parse_har_entries(&doc)?.len(), 2);
        let one = parse(&doc)?;
        assert_eq!(
            (one.target.as_str(), one.body.as_deref()),
            ("/a?b=1", Some("{}"))
        );
        assert_eq!(one.headers.len(), 2);
        assert_eq!(parse(&entry(false))?.header("x-api-nonce"), Some("1"));
        let two = format!(
            r#"{{"log":{{"entries":[{},{}]}}}}"#,
            entry(true),
            entry(true)
        );
        for (bad, kind) in [
            (two.as_str(), ErrorKind::InvalidField),
            ("not json", ErrorKind::InvalidJson),
            (r#"{"log": 1}"#, ErrorKind::InvalidField),
            (
                r#"{"request": {"url": "https://h/"}}"#,
                ErrorKind::MissingField,
            ),
            (r#"{"method": "GET", "url": 5}"#, ErrorKind::InvalidField),
            (
                r#"{"method": "GET", "url": "/", "headers": [{"name": "a b", "value": ""}]}"#,
                ErrorKind::InvalidHeaderName,
            ),
        ] {
            assert_eq!(parse(bad).map_err(|e| e.kind()).err(), Some(kind), "{bad}");
        }
        Ok(())
    }
}
