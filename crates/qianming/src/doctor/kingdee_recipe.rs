//! The strings to sign a Kingdee client builds when it makes one or more of the known mistakes
//! (docs/spec/doctor.md#kingdee-mistakes): the canonical request of docs/spec/kingdee.md,
//! written out plainly with a switch for each mistake.

use super::Verdict;
use crate::encode::{gateway_encode, java_encode, path_encode};
use crate::sort::sort_unstable_by;
use alloc::string::String;
use alloc::vec::Vec;

/// The mistakes that change the string to sign, in the order they are tried.
pub(super) const STRING_MISTAKES: [Verdict; 10] = [
    Verdict::QueryEncodedOnce,
    Verdict::PathNotEncoded,
    Verdict::SpaceAsPercent20,
    Verdict::QueryUnsorted,
    Verdict::HeaderNamesNotLowercased,
    Verdict::MissingFinalNewline,
    Verdict::EncodedPathSigned,
    Verdict::QuerySortedByRawName,
    Verdict::SignedHeadersUnsorted,
    Verdict::QueryLeftOut,
];

/// Pairs of mistakes no client makes together (each pair changes the same step two ways).
const EXCLUSIVE: [(Verdict, Verdict); 5] = [
    (Verdict::PathNotEncoded, Verdict::EncodedPathSigned),
    (Verdict::QueryUnsorted, Verdict::QuerySortedByRawName),
    (Verdict::QueryLeftOut, Verdict::QueryEncodedOnce),
    (Verdict::QueryLeftOut, Verdict::QueryUnsorted),
    (Verdict::QueryLeftOut, Verdict::QuerySortedByRawName),
];

/// A set of mistakes of [`STRING_MISTAKES`], as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Mistakes(u16);

impl Mistakes {
    fn bit(mistake: Verdict) -> u16 {
        STRING_MISTAKES
            .iter()
            .position(|m| *m == mistake)
            .map_or(0, |i| 1 << i)
    }

    /// Whether the set holds `mistake`.
    pub(super) fn has(self, mistake: Verdict) -> bool {
        self.0 & Self::bit(mistake) != 0
    }

    /// The mistakes in the set, in [`STRING_MISTAKES`] order.
    pub(super) fn list(self) -> impl Iterator<Item = Verdict> {
        STRING_MISTAKES.into_iter().filter(move |m| self.has(*m))
    }

    fn consistent(self) -> bool {
        !EXCLUSIVE.iter().any(|(a, b)| self.has(*a) && self.has(*b))
    }

    /// Every consistent set of one to `most` mistakes: all singles first, then all pairs, …
    pub(super) fn combinations(most: u32) -> Vec<Mistakes> {
        let mut sets: Vec<Mistakes> = (1u16..1 << STRING_MISTAKES.len())
            .map(Mistakes)
            .filter(|s| s.0.count_ones() <= most && s.consistent())
            .collect();
        // By size, then by the bits: singles in table order.
        sort_unstable_by(&mut sets, |a, b| {
            (a.0.count_ones(), a.0).cmp(&(b.0.count_ones(), b.0))
        });
        sets
    }
}

/// How a client that signs the query once writes a name: with the gateway's encoder (its sort
/// key) or with `URLEncoder`, as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OnceName {
    Gateway,
    Java,
}

/// The parts of a received request the string to sign is made of.
pub(super) struct Parts<'a> {
    /// The upper-case method.
    pub(super) method: &'a str,
    /// The decoded path.
    pub(super) path: &'a str,
    /// The decoded query pairs in the order received (empty names already refused).
    pub(super) query: &'a [(&'a str, &'a str)],
    /// The signed headers in the order `X-Api-SignHeaders` lists them: (name as spelled, value).
    pub(super) listed: &'a [(&'a str, &'a str)],
}

/// An encoder with a space written as `%20` instead of `+` when `percent20` (the encoders
/// write `+` only for a space, so every `+` is one).
fn spaced(encoded: String, percent20: bool) -> String {
    if percent20 {
        encoded.replace('+', "%20")
    } else {
        encoded
    }
}

/// The string to sign of `parts` with `mistakes` (and, when the query is signed once, names
/// written by `once`).
pub(super) fn string_to_sign(parts: &Parts<'_>, mistakes: Mistakes, once: OnceName) -> String {
    let p20 = mistakes.has(Verdict::SpaceAsPercent20);
    let g = |text: &str| spaced(gateway_encode(text), p20);
    let j = |text: &str| spaced(java_encode(text), p20);
    let mut out = String::with_capacity(256);
    out.push_str(parts.method);
    out.push('\n');
    if mistakes.has(Verdict::PathNotEncoded) {
        out.push_str(parts.path);
    } else if mistakes.has(Verdict::EncodedPathSigned) {
        out.push_str(&g(&path_encode(parts.path)));
    } else {
        out.push_str(&g(parts.path));
    }
    out.push('\n');
    if !mistakes.has(Verdict::QueryLeftOut) {
        out.push_str(&query(parts.query, mistakes, once, &g, &j));
    }
    out.push('\n');
    let mut headers: Vec<(&str, &str)> = parts.listed.to_vec();
    if !mistakes.has(Verdict::SignedHeadersUnsorted) {
        sort_unstable_by(&mut headers, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    }
    for (name, value) in headers {
        let start = out.len();
        out.push_str(name);
        if !mistakes.has(Verdict::HeaderNamesNotLowercased) {
            if let Some(pushed) = out.get_mut(start..) {
                pushed.make_ascii_lowercase();
            }
        }
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    if mistakes.has(Verdict::MissingFinalNewline) {
        out.pop();
    }
    out
}

/// The query line: each pair as its sort key and its written form, ordered, joined by `&`.
fn query(
    pairs: &[(&str, &str)],
    mistakes: Mistakes,
    once: OnceName,
    g: &dyn Fn(&str) -> String,
    j: &dyn Fn(&str) -> String,
) -> String {
    let encoded_once = mistakes.has(Verdict::QueryEncodedOnce);
    let mut items: Vec<(String, String, usize)> = pairs
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| !name.is_empty())
        .map(|(at, (name, value))| {
            let key = [g(name), j(value)].join("=");
            let written = match (encoded_once, once) {
                (false, _) => [g(&g(name)), g(&j(value))].join("="),
                (true, OnceName::Gateway) => key.clone(),
                (true, OnceName::Java) => [j(name), j(value)].join("="),
            };
            // A client that signs what it writes sorts what it writes.
            let key = if encoded_once { written.clone() } else { key };
            (key, written, at)
        })
        .collect();
    if mistakes.has(Verdict::QuerySortedByRawName) {
        sort_unstable_by(&mut items, |a, b| {
            let (x, y) = (pairs[a.2], pairs[b.2]);
            (x.0.as_bytes(), x.1.as_bytes()).cmp(&(y.0.as_bytes(), y.1.as_bytes()))
        });
    } else if !mistakes.has(Verdict::QueryUnsorted) {
        sort_unstable_by(&mut items, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    }
    let written: Vec<String> = items.into_iter().map(|(_, w, _)| w).collect();
    written.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kingdee::{Request, SignHeader, Signer};

    #[test]
    fn no_mistake_is_the_signer_s_string_to_sign() -> crate::Result<()> {
        let query = [("b", "x=y z"), ("a0", "1"), ("a", "~*中"), ("n~*", "v")];
        let extra = [SignHeader::new("Content-Type", "application/json")];
        let signed = Signer::new("1", "s")?.sign(
            &Request::new("POST", "/jdy/物料/a b")
                .with_query(&query)
                .with_sign_headers(&extra),
            "1700000000000",
            "42",
        )?;
        let listed = [
            ("X-Api-TimeStamp", "1700000000000"),
            ("Content-Type", "application/json"),
            ("X-Api-Nonce", "42"),
        ];
        let parts = Parts {
            method: "POST",
            path: "/jdy/物料/a b",
            query: &query,
            listed: &listed,
        };
        for once in [OnceName::Gateway, OnceName::Java] {
            assert_eq!(
                string_to_sign(&parts, Mistakes::default(), once),
                signed.string_to_sign
            );
        }
        Ok(())
    }

    #[test]
    fn combinations_come_singles_first_and_skip_exclusive_pairs() {
        let sets = Mistakes::combinations(2);
        assert_eq!(sets.len(), 10 + 45 - EXCLUSIVE.len());
        assert!(sets[..10].iter().all(|s| s.0.count_ones() == 1));
        assert_eq!(sets[0].list().next(), Some(Verdict::QueryEncodedOnce));
        assert!(sets.iter().all(|s| s.consistent()));
    }
}
