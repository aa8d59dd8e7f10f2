//! A raw HTTP request: the request line (`METHOD target [HTTP/x]`, the target in origin or
//! absolute form), header lines, a blank line and the body; or, as browsers show HTTP/2
//! requests, pseudo headers (`:method`, `:path`) before the others.

use super::{invalid, target_of_url, PastedRequest};
use crate::error::Result;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Reads a raw HTTP request into a request.
pub(super) fn parse(text: &str) -> Result<PastedRequest> {
    let text = text.replace("\r\n", "\n");
    let (head, body) = match text.split_once("\n\n") {
        Some((head, body)) => (head, Some(body)),
        None => (text.trim_end_matches('\n'), None),
    };
    let mut lines = head.split('\n');
    let first = lines.next().unwrap_or_default();
    let mut fields: Vec<(String, String)> = Vec::new();
    let (method, target) = if first.starts_with(':') {
        let mut all: Vec<&str> = Vec::from([first]);
        all.extend(lines);
        read_fields(&all, &mut fields)?;
        let pseudo = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| invalid(format!("the HTTP/2 request has no {name} pseudo header")))
        };
        (pseudo(":method")?, pseudo(":path")?)
    } else {
        let all: Vec<&str> = lines.collect();
        read_fields(&all, &mut fields)?;
        request_line(first)?
    };
    let mut request = PastedRequest::new(&method, target_of_url(&target))?;
    for (name, value) in fields.iter().filter(|(n, _)| !n.starts_with(':')) {
        request.push_header(name, value)?;
    }
    request.body = body.filter(|b| !b.is_empty()).map(str::to_string);
    Ok(request)
}

/// `METHOD target` or `METHOD target HTTP/x.y`.
fn request_line(line: &str) -> Result<(String, String)> {
    let parts: Vec<&str> = line.split([' ', '\t']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [method, target] => Ok((method.to_string(), target.to_string())),
        [method, target, version] if version.starts_with("HTTP/") => {
            Ok((method.to_string(), target.to_string()))
        }
        _ => Err(invalid(format!(
            "the first line {line:?} is not a request line (METHOD target HTTP/1.1)"
        ))),
    }
}

/// Reads `Name: value` lines into `fields` (a line starting with white space continues the
/// value before it; an HTTP/2 pseudo header `:name: value` keeps its colon).
fn read_fields(lines: &[&str], fields: &mut Vec<(String, String)>) -> Result<()> {
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = fields
                .last_mut()
                .ok_or_else(|| invalid("the first header line starts with white space"))?;
            value.push(' ');
            value.push_str(line.trim_matches([' ', '\t']));
            continue;
        }
        let split_from = usize::from(line.starts_with(':'));
        let at = line[split_from..]
            .find(':')
            .ok_or_else(|| invalid(format!("header line {line:?} is not 'Name: value'")))?;
        let (name, value) = line.split_at(split_from + at);
        fields.push((
            name.to_string(),
            value[1..].trim_matches([' ', '\t']).to_string(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn http1_and_http2_forms() -> Result<()> {
        let r = parse("GET https://h/a%20b?x=1 HTTP/1.1\r\nX-A:  1 \r\nX-B: a\r\n\tb\r\n\r\n")?;
        assert_eq!(
            (r.method.as_str(), r.path.as_str(), r.body.as_deref()),
            ("GET", "/a b", None)
        );
        assert_eq!(
            r.headers,
            [("X-A".into(), "1".into()), ("X-B".into(), "a b".into())]
        );
        let r = parse("POST https://h/t\nsign: abc\n\nline 1\nline 2\n")?;
        assert_eq!(
            (r.target.as_str(), r.body.as_deref()),
            ("/t", Some("line 1\nline 2\n"))
        );
        let r =
            parse(":method: GET\n:authority: h\n:path: /p?q=1\n:scheme: https\nx-api-nonce: 1")?;
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/p?q=1"));
        assert_eq!(r.headers, [("x-api-nonce".into(), "1".into())]);
        for bad in [
            "GET",
            "GET /a HTTP/1.1 extra",
            "GET /a\nno colon",
            "GET /a\n continued",
            ":authority: h",
        ] {
            assert_eq!(
                parse(bad).map_err(|e| e.kind()).err(),
                Some(ErrorKind::InvalidField),
                "{bad}"
            );
        }
        Ok(())
    }
}
