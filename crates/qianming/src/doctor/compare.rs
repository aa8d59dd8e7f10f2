//! Where a client's own string to sign first differs from the gateway's, and the mistake the
//! difference is typical of (docs/spec/doctor.md#comparing-strings-to-sign). For a client that
//! can print what it signed; the doctor proper needs only the request.

use super::Verdict;
use crate::sort::sort_unstable_by;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The result of [`compare_string_to_sign`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StringToSignComparison {
    /// Whether the two are the same text (after reading the pasted one as described).
    pub identical: bool,
    /// The line of the first difference, from 1 (0 when identical).
    pub line: usize,
    /// The column of the first difference in characters, from 1 (0 when identical).
    pub column: usize,
    /// The part that line holds: `method`, `canonical_path`, `canonical_query` or
    /// `header_line` (empty when identical).
    pub part: &'static str,
    /// Up to 12 characters of the gateway's string from the difference on.
    pub expected_excerpt: String,
    /// Up to 12 characters of the client's string from the difference on.
    pub pasted_excerpt: String,
    /// The mistake this kind of difference comes from, when it has a known shape.
    pub mistake: Option<Verdict>,
}

/// Compares the gateway's string to sign `expected` (from [`super::KingdeeDiagnosis`] or the
/// signer) with one a client printed, `pasted`. A pasted text with CR LF line ends is read with
/// LF; one with no line break but literal `\n` sequences (a log line) is read with them as line
/// breaks.
///
/// ```
/// use qianming::doctor::{compare_string_to_sign, Verdict};
/// let expected = "GET\n%2Fa\nq=x%253Dy\nx-api-nonce:1\nx-api-timestamp:2\n";
/// let found = compare_string_to_sign(expected, r"GET\n%2Fa\nq=x%3Dy\nx-api-nonce:1\nx-api-timestamp:2\n");
/// assert_eq!((found.line, found.part, found.mistake), (3, "canonical_query", Some(Verdict::QueryEncodedOnce)));
/// ```
pub fn compare_string_to_sign(expected: &str, pasted: &str) -> StringToSignComparison {
    let mut theirs = pasted.replace("\r\n", "\n");
    if !theirs.contains('\n') && theirs.contains("\\n") {
        theirs = theirs.replace("\\n", "\n");
    }
    let mine: Vec<char> = expected.chars().collect();
    let yours: Vec<char> = theirs.chars().collect();
    let at = mine.iter().zip(&yours).take_while(|(a, b)| a == b).count();
    if at == mine.len() && at == yours.len() {
        return StringToSignComparison {
            identical: true,
            line: 0,
            column: 0,
            part: "",
            expected_excerpt: String::new(),
            pasted_excerpt: String::new(),
            mistake: None,
        };
    }
    let line = mine[..at].iter().filter(|&&c| c == '\n').count() + 1;
    let line_start = mine[..at]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1);
    let excerpt = |text: &[char]| text.iter().skip(at).take(12).collect::<String>();
    StringToSignComparison {
        identical: false,
        line,
        column: at - line_start + 1,
        part: match line {
            1 => "method",
            2 => "canonical_path",
            3 => "canonical_query",
            _ => "header_line",
        },
        expected_excerpt: excerpt(&mine),
        pasted_excerpt: excerpt(&yours),
        mistake: mistake(expected, &theirs, &mine, &yours, at, line),
    }
}

/// The mistake a difference at `at` (on `line`) is typical of.
fn mistake(
    expected: &str,
    theirs: &str,
    mine: &[char],
    yours: &[char],
    at: usize,
    line: usize,
) -> Option<Verdict> {
    if format!("{theirs}\n") == expected {
        return Some(Verdict::MissingFinalNewline);
    }
    let (expected_lines, their_lines): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), theirs.split('\n').collect());
    let same_items = |a: &str, b: &str, separator: char| {
        let (mut x, mut y): (Vec<&str>, Vec<&str>) =
            (a.split(separator).collect(), b.split(separator).collect());
        // The core's small sort: the standard library's would add ~8 KB to the WebAssembly.
        sort_unstable_by(&mut x, |a, b| a.cmp(b));
        sort_unstable_by(&mut y, |a, b| a.cmp(b));
        x == y
    };
    if line == 3 {
        let (a, b) = (expected_lines.get(2)?, their_lines.get(2)?);
        if !a.is_empty() && b.is_empty() {
            return Some(Verdict::QueryLeftOut);
        }
        if same_items(a, b, '&') {
            return Some(Verdict::QueryUnsorted);
        }
    }
    if line > 3 && expected_lines.len() == their_lines.len() {
        let (a, b) = (expected_lines[3..].join("\n"), their_lines[3..].join("\n"));
        if same_items(&a, &b, '\n') {
            return Some(Verdict::SignedHeadersUnsorted);
        }
    }
    // A difference inside an escape shows after its `%`: look from there.
    let from = (at.saturating_sub(2)..at)
        .find(|&i| mine.get(i) == Some(&'%'))
        .unwrap_or(at);
    let starts = |text: &[char], prefix: &str| {
        text.get(from..).is_some_and(|rest| {
            rest.iter()
                .take(prefix.chars().count())
                .copied()
                .eq(prefix.chars())
        })
    };
    if line == 2 && starts(yours, "%25") && !starts(mine, "%25") && starts(mine, "%") {
        return Some(Verdict::EncodedPathSigned);
    }
    if (starts(mine, "+") || starts(mine, "%2B"))
        && (starts(yours, "%20") || starts(yours, "%2520"))
    {
        return Some(Verdict::SpaceAsPercent20);
    }
    if starts(mine, "%25") && starts(yours, "%") && !starts(yours, "%25") {
        return Some(Verdict::QueryEncodedOnce);
    }
    if starts(mine, "%2F") && starts(yours, "/") {
        return Some(Verdict::PathNotEncoded);
    }
    // Header names are ASCII tokens: an ASCII comparison, which also keeps Unicode's case
    // tables (11 KB) out of the WebAssembly module.
    let (a, b) = (mine.get(at)?, yours.get(at)?);
    (line > 3 && a.eq_ignore_ascii_case(b)).then_some(Verdict::HeaderNamesNotLowercased)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPECTED: &str =
        "GET\n%2Fjdy%2Fa+b%2F%E4%B8%AD\nq=x%253Dy%2Bz&r=1\nx-api-nonce:1\nx-api-timestamp:2\n";

    fn mistake_of(pasted: &str) -> Option<Verdict> {
        compare_string_to_sign(EXPECTED, pasted).mistake
    }

    #[test]
    fn each_known_shape() {
        let with = |from: &str, to: &str| EXPECTED.replacen(from, to, 1);
        assert!(compare_string_to_sign(EXPECTED, EXPECTED).identical);
        assert!(compare_string_to_sign(EXPECTED, &EXPECTED.replace('\n', "\r\n")).identical);
        assert!(compare_string_to_sign(EXPECTED, &EXPECTED.replace('\n', "\\n")).identical);
        let cases = [
            (
                EXPECTED.trim_end_matches('\n').into(),
                Verdict::MissingFinalNewline,
            ),
            (with("x%253Dy", "x%3Dy"), Verdict::QueryEncodedOnce),
            (
                with("%2Fjdy%2Fa+b%2F%E4%B8%AD", "/jdy/a+b/中"),
                Verdict::PathNotEncoded,
            ),
            (with("a+b", "a%20b"), Verdict::SpaceAsPercent20),
            (with("%2Bz", "%2520z"), Verdict::SpaceAsPercent20),
            (
                with("q=x%253Dy%2Bz&r=1", "r=1&q=x%253Dy%2Bz"),
                Verdict::QueryUnsorted,
            ),
            (with("q=x%253Dy%2Bz&r=1", ""), Verdict::QueryLeftOut),
            (
                with("x-api-nonce", "X-Api-Nonce"),
                Verdict::HeaderNamesNotLowercased,
            ),
            (
                with(
                    "x-api-nonce:1\nx-api-timestamp:2",
                    "x-api-timestamp:2\nx-api-nonce:1",
                ),
                Verdict::SignedHeadersUnsorted,
            ),
            (
                with("%2F%E4%B8%AD", "%2F%25E4%25B8%25AD"),
                Verdict::EncodedPathSigned,
            ),
        ];
        for (pasted, want) in cases {
            assert_eq!(mistake_of(&pasted), Some(want), "{pasted:?}");
        }
        let found = compare_string_to_sign(EXPECTED, &with("GET", "POST"));
        assert_eq!(
            (found.line, found.column, found.part, found.mistake),
            (1, 1, "method", None)
        );
        assert_eq!(
            (found.expected_excerpt.as_str(), &found.pasted_excerpt[..4]),
            ("GET\n%2Fjdy%2", "POST")
        );
    }
}
