//! A `curl` command in POSIX shell syntax: words split as a shell splits them (single and
//! double quotes, `$'…'` ANSI-C quoting, backslashes, backslash-newline continuations), then
//! curl's options read as curl reads them.

use super::curl_options::{FLAGS_LONG, FLAGS_SHORT, IGNORED_LONG, IGNORED_SHORT};
use super::shell::shell_words;
use super::{invalid, target_of_url, PastedRequest};
use crate::error::Result;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Reads a curl command into a request.
pub(super) fn parse(text: &str) -> Result<PastedRequest> {
    let words = shell_words(text)?;
    let mut words = words.into_iter();
    match words.next() {
        Some(first) if first == "curl" || first.ends_with("/curl") || first == "curl.exe" => {}
        _ => return Err(invalid("the command does not start with curl")),
    }
    let mut command = Command::default();
    while let Some(word) = words.next() {
        if word == "--" {
            command.urls.extend(words.by_ref());
            break;
        }
        let mut next = || {
            words
                .next()
                .ok_or_else(|| invalid(format!("curl option {word} has no argument")))
        };
        if let Some(long) = word.strip_prefix("--") {
            command.long(long, &mut next)?;
        } else if word.len() > 1 && word.starts_with('-') {
            command.short(&word[1..], &mut next)?;
        } else {
            command.urls.push(word.clone());
        }
    }
    command.into_request()
}

/// What the options said.
#[derive(Default)]
struct Command {
    method: Option<String>,
    head: bool,
    get: bool,
    urls: Vec<String>,
    headers: Vec<(String, String)>,
    data: Vec<String>,
    /// A body curl sends that is not text here (a form, an uploaded file).
    opaque_body: bool,
    json: bool,
}

impl Command {
    fn long(&mut self, name: &str, next: &mut dyn FnMut() -> Result<String>) -> Result<()> {
        match name {
            "request" => self.method = Some(next()?),
            "header" => self.header(&next()?)?,
            "data" | "data-raw" | "data-binary" | "data-ascii" => self.data.push(next()?),
            "data-urlencode" => self.data.push(url_encoded(&next()?)),
            "json" => {
                self.data.push(next()?);
                self.json = true;
            }
            "form" | "form-string" | "upload-file" => {
                next()?;
                self.opaque_body = true;
            }
            "url" => self.urls.push(next()?),
            "user" => self.user(&next()?)?,
            "user-agent" => self.header_value("User-Agent", next()?),
            "referer" => self.header_value("Referer", next()?),
            "cookie" => self.cookie(next()?),
            "oauth2-bearer" => self.header_value("Authorization", format!("Bearer {}", next()?)),
            "get" => self.get = true,
            "head" => self.head = true,
            _ if FLAGS_LONG.contains(&name) => {}
            _ if IGNORED_LONG.contains(&name) => {
                next()?;
            }
            _ => return Err(invalid(format!("unknown curl option --{name}"))),
        }
        Ok(())
    }

    /// A cluster of short options (`-sSL`, `-XPOST`, `-H`, …).
    fn short(&mut self, cluster: &str, next: &mut dyn FnMut() -> Result<String>) -> Result<()> {
        for (at, letter) in cluster.char_indices() {
            let attached = &cluster[at + letter.len_utf8()..];
            let mut argument = || -> Result<String> {
                if attached.is_empty() {
                    next()
                } else {
                    Ok(attached.to_string())
                }
            };
            let long = match letter {
                'X' => "request",
                'H' => "header",
                'd' => "data",
                'F' => "form",
                'T' => "upload-file",
                'u' => "user",
                'A' => "user-agent",
                'e' => "referer",
                'b' => "cookie",
                'G' => "get",
                'I' => "head",
                c if c.is_ascii() && FLAGS_SHORT.contains(&(c as u8)) => continue,
                c if c.is_ascii() && IGNORED_SHORT.contains(&(c as u8)) => {
                    argument()?;
                    return Ok(());
                }
                c => return Err(invalid(format!("unknown curl option -{c}"))),
            };
            if matches!(letter, 'G' | 'I') {
                self.long(long, &mut || Err(invalid("")))?;
                continue;
            }
            let value = argument()?;
            return self.long(long, &mut || Ok(value.clone()));
        }
        Ok(())
    }

    /// `-H 'Name: value'`; `Name;` is an empty value, `Name:` removes a header curl would add.
    fn header(&mut self, line: &str) -> Result<()> {
        let (name, value) = match line.split_once(':') {
            Some((name, value)) => (name, value.trim_matches([' ', '\t'])),
            None => match line.strip_suffix(';') {
                Some(name) => (name, ""),
                None => return Err(invalid(format!("header {line:?} is not 'Name: value'"))),
            },
        };
        if line.contains(':') && value.is_empty() {
            return Ok(());
        }
        self.headers.push((
            name.trim_matches([' ', '\t']).to_string(),
            value.to_string(),
        ));
        Ok(())
    }

    /// A header curl adds for an option, unless one of that name was given.
    fn header_value(&mut self, name: &str, value: String) {
        if !self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            self.headers.push((name.to_string(), value));
        }
    }

    /// `-b name=value…` sends a cookie; `-b file` reads a file, which is not here.
    fn cookie(&mut self, value: String) {
        if value.contains('=') {
            self.header_value("Cookie", value);
        }
    }

    /// `-u user:password` sends Basic credentials.
    fn user(&mut self, value: &str) -> Result<()> {
        let (user, password) = value.split_once(':').unwrap_or((value, ""));
        let credentials = crate::basic::credentials(user, password)?;
        self.header_value("Authorization", format!("Basic {credentials}"));
        Ok(())
    }

    fn into_request(mut self) -> Result<PastedRequest> {
        let url = match self.urls.as_slice() {
            [url] => url.clone(),
            [] => return Err(invalid("the curl command has no URL")),
            _ => return Err(invalid("the curl command has more than one URL")),
        };
        let mut body = (!self.data.is_empty()).then(|| self.data.join("&"));
        let mut target = target_of_url(&url).to_string();
        if self.get {
            if let Some(data) = body.take() {
                target.push(if target.contains('?') { '&' } else { '?' });
                target.push_str(&data);
            }
        }
        if self.json {
            self.header_value("Content-Type", "application/json".into());
            self.header_value("Accept", "application/json".into());
        }
        let method = match (self.method.take(), self.head) {
            (Some(method), _) => method,
            (None, true) => "HEAD".into(),
            (None, false) if body.is_some() || self.opaque_body => "POST".into(),
            (None, false) => "GET".into(),
        };
        let mut request = PastedRequest::new(&method, &target)?;
        for (name, value) in &self.headers {
            request.push_header(name, value)?;
        }
        request.body = body;
        Ok(request)
    }
}

/// `--data-urlencode`: `name=content` sends `name=` and the content encoded, anything else
/// the whole text encoded (a leading `=` is dropped).
fn url_encoded(value: &str) -> String {
    match value.split_once('=') {
        Some(("", content)) => crate::encode::path_segment_encode(content),
        Some((name, content)) => format!("{name}={}", crate::encode::path_segment_encode(content)),
        None => crate::encode::path_segment_encode(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn options_as_curl_reads_them() -> Result<()> {
        let r = parse("curl -sSL -XPOST -HX-A:1 --header 'X-B:  two words ' -H 'Gone:' -H 'Empty;' 'https://h/p?a=1' --data-raw '{}' --compressed")?;
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), r.body.as_deref()),
            ("POST", "/p?a=1", Some("{}"))
        );
        assert_eq!(
            r.headers,
            [
                ("X-A".into(), "1".into()),
                ("X-B".into(), "two words".into()),
                ("Empty".into(), String::new())
            ]
        );
        let r = parse("curl -G -d a=1 -d 'b=x y' https://h/p -u u:p")?;
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), r.body.as_deref()),
            ("GET", "/p?a=1&b=x y", None)
        );
        assert_eq!(r.header("Authorization"), Some("Basic dTpw"));
        let r = parse("curl https://h -d x=1 --json '{}'")?;
        assert_eq!(
            (
                r.method.as_str(),
                r.target.as_str(),
                r.header("content-type")
            ),
            ("POST", "/", Some("application/json"))
        );
        assert_eq!(parse("curl -I https://h/")?.method, "HEAD");
        for (bad, kind) in [
            ("wget https://h", ErrorKind::InvalidField),
            ("curl --frobnicate https://h", ErrorKind::InvalidField),
            ("curl -H", ErrorKind::InvalidField),
            ("curl -H nocolon https://h", ErrorKind::InvalidField),
            ("curl https://h/a https://h/b", ErrorKind::InvalidField),
            ("curl -s", ErrorKind::InvalidField),
            ("curl 'https://h/%zz'", ErrorKind::InvalidPercentEncoding),
            ("curl -H 'a b: c' https://h", ErrorKind::InvalidHeaderName),
        ] {
            assert_eq!(parse(bad).map_err(|e| e.kind()).err(), Some(kind), "{bad}");
        }
        Ok(())
    }
}
