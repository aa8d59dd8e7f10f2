//! Human-readable output: explain blocks, header lines and curl commands.

use qianming::kingdee::SignedRequest;

/// Shows a string to sign with each `\n` made visible, one line per line.
pub fn visible_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(body) => {
                out.push_str(body);
                out.push_str("\\n\n");
            }
            None => {
                out.push_str(line);
                out.push_str("   (no final \\n)\n");
            }
        }
    }
    out
}

/// Prints `label` then `text`, indenting continuation lines under the first.
pub fn labelled(label: &str, text: &str) -> String {
    labelled_width(label, text, 17)
}

/// [`labelled`] with the text starting at column `width` (at least one space after `label`).
pub fn labelled_width(label: &str, text: &str, width: usize) -> String {
    let width = width.max(label.chars().count() + 1);
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let head = if i == 0 { label } else { "" };
        out.push_str(&format!("{head:<width$}{line}\n"));
    }
    if text.is_empty() {
        out.push_str(&format!("{label:<width$}(empty)\n"));
    }
    out
}

/// The explain block of a signed request.
pub fn explain(out: &SignedRequest) -> String {
    let mut text = String::new();
    text.push_str(&labelled("method", out.method.as_str()));
    text.push_str(&labelled("canonical path", &out.canonical_path));
    text.push_str(&labelled("canonical query", &out.canonical_query));
    text.push_str(&labelled("signed headers", &out.signed_headers.join(",")));
    text.push_str(&labelled(
        "string to sign",
        &visible_lines(&out.string_to_sign),
    ));
    text.push_str(&labelled("HMAC-SHA256 hex", &out.hmac_hex));
    text.push_str(&labelled("signature", &out.signature));
    text.push_str(&labelled("wire query", &out.wire_query));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_visible() {
        assert_eq!(visible_lines("GET\n/a\n"), "GET\\n\n/a\\n\n");
        assert_eq!(visible_lines("x"), "x   (no final \\n)\n");
    }
}
