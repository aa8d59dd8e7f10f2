//! The Weaver doctor (docs/spec/doctor.md#weaver): which known mistake reproduces the `sign` a
//! client sent.

use super::{judge_time, SeenBy, Verdict};
use crate::error::Result;
use crate::limits;
use crate::secret::constant_time_eq;
use crate::sort::sort_unstable_by;
use crate::weaver::cipher::AesEcb;
use crate::weaver::{md5_upper_bytes, Verifier};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use md5::{Digest as _, Md5};
use zeroize::Zeroizing;

/// What the Weaver doctor found. Safe to log and to show the client: it never holds the MD5
/// the sign should carry (nor the one it carries), only its shape and the recipe the client
/// followed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WeaverDiagnosis {
    /// The finding: `valid`, the (first) mistake, or `unexplained`.
    pub verdict: Verdict,
    /// Every mistake found, in code order with the time mistake last, the one of
    /// [`Self::verdict`] first. When the verdict is `unexplained`, the mistakes established
    /// before the doctor got stuck (for example `base64_instead_of_hex`, or `expired`).
    pub mistakes: Vec<Verdict>,
    /// The time the sign was judged at.
    pub now_ms: u64,
    /// The window the timestamp had to be in, either way.
    pub window_ms: u64,
    /// The timestamp inside the sign, when it decrypted to `<digits>_<32 hex>`.
    pub timestamp_ms: Option<u64>,
    /// `now_ms − timestamp_ms` saturated to 64 bits (positive: in the past); for
    /// `timestamp_in_seconds`, `now_ms − timestamp × 1000`.
    pub time_difference_ms: Option<i64>,
    /// The shape of what the sign decrypted to, without its digits: e.g.
    /// `13 digits "_" 32 hex digits (upper case)`.
    pub plaintext_layout: Option<String>,
    /// How the client made the sign, as a formula (names, not values), when reproduced.
    pub client_recipe: Option<String>,
}

/// How the ciphertext travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Hex,
    Base64,
}

/// How the blocks were chained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ecb,
    CbcZeroIv,
    CbcKeyIv,
}

/// How the plaintext was padded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Padding {
    Pkcs7,
    Zeros,
}

/// One way a client may have produced the ciphertext.
#[derive(Debug, Clone, Copy)]
struct Route {
    encoding: Encoding,
    mode: Mode,
    padding: Padding,
}

impl Route {
    fn mistakes(self) -> impl Iterator<Item = Verdict> {
        [
            (self.encoding == Encoding::Base64).then_some(Verdict::Base64InsteadOfHex),
            (self.mode != Mode::Ecb).then_some(Verdict::CbcInsteadOfEcb),
            (self.padding == Padding::Zeros).then_some(Verdict::ZeroPadding),
        ]
        .into_iter()
        .flatten()
    }

    /// Every route, the ones with fewer mistakes first.
    fn all() -> Vec<Route> {
        let mut routes = Vec::new();
        for encoding in [Encoding::Hex, Encoding::Base64] {
            for mode in [Mode::Ecb, Mode::CbcZeroIv, Mode::CbcKeyIv] {
                for padding in [Padding::Pkcs7, Padding::Zeros] {
                    routes.push(Route {
                        encoding,
                        mode,
                        padding,
                    });
                }
            }
        }
        crate::sort::sort_unstable_by(&mut routes, |a, b| {
            a.mistakes().count().cmp(&b.mistakes().count())
        });
        routes
    }
}

/// The MD5 digits a client may have put into the plaintext.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Md5Of {
    AppidColonSecret,
    SecretColonAppid,
    AppidSecret,
}

/// Diagnoses a received Weaver sign for `appid`, `secret` and `aes_key`: decodes and decrypts
/// it under each known client mistake (Base64 instead of hex, CBC instead of ECB, zero padding),
/// then checks the MD5 it carries against each known wrong recipe (lower case, `secret:appid`,
/// no `:`) in constant time, and the timestamp against `now_ms` and `window_ms`.
///
/// With `seen_by`, an otherwise valid sign is `replayed` when that verifier has accepted it
/// before (it is only read). Errors only for unusable credentials (`invalid_key_length`) and
/// inputs beyond the limits; every way the sign can be wrong is a verdict.
///
/// ```
/// use qianming::doctor::{self, Verdict};
/// let sign = qianming::weaver::sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1_742_369_234)?;
/// let found = doctor::diagnose_weaver(
///     "weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", &sign, 1_742_369_260_000, doctor::DEFAULT_WINDOW_MS, None)?;
/// assert_eq!(found.verdict, Verdict::TimestampInSeconds);
/// assert_eq!(found.time_difference_ms, Some(26_000));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn diagnose(
    appid: &str,
    secret: &str,
    aes_key: &str,
    sign: &str,
    now_ms: u64,
    window_ms: u64,
    seen_by: Option<&dyn SeenBy>,
) -> Result<WeaverDiagnosis> {
    limits::check_text("the appid", appid)?;
    limits::check_text("the secret", secret)?;
    limits::check_len("the sign", sign.len(), limits::MAX_WEAVER_SIGN_HEX)?;
    let cipher = AesEcb::new(aes_key.as_bytes())?;
    let mut out = WeaverDiagnosis {
        verdict: Verdict::Unexplained,
        mistakes: Vec::new(),
        now_ms,
        window_ms,
        timestamp_ms: None,
        time_difference_ms: None,
        plaintext_layout: None,
        client_recipe: None,
    };
    let Some((route, plain)) = decrypt(&cipher, aes_key.as_bytes(), sign, &mut out) else {
        if out.mistakes == [Verdict::WrongAesKey] {
            out.verdict = Verdict::WrongAesKey;
        }
        return Ok(out);
    };
    out.mistakes.extend(route.mistakes());
    let (digits, md5) = plain.split_once('_').unwrap_or_default();
    let case = letter_case(md5);
    out.plaintext_layout = Some(format!(
        "{} digits \"_\" 32 hex digits ({case})",
        digits.len()
    ));
    let timestamp = digits.parse::<u64>().unwrap_or_default();
    let (time_verdict, difference) = judge_time(timestamp, now_ms, window_ms);
    out.timestamp_ms = Some(timestamp);
    out.time_difference_ms = Some(difference);
    let Some((of, lower)) = md5_recipe(appid, secret, md5) else {
        // Another appid or secret: what is established still helps.
        sort_unstable_by(&mut out.mistakes, |a, b| a.cmp(b));
        out.mistakes.extend(time_verdict);
        return Ok(out);
    };
    out.mistakes.extend(match of {
        Md5Of::AppidColonSecret => None,
        Md5Of::SecretColonAppid => Some(Verdict::SecretAppidSwapped),
        Md5Of::AppidSecret => Some(Verdict::Md5WithoutColon),
    });
    if lower {
        out.mistakes.push(Verdict::Md5Lowercase);
    }
    sort_unstable_by(&mut out.mistakes, |a, b| a.cmp(b));
    out.mistakes.extend(time_verdict);
    out.client_recipe = Some(recipe(route, of, lower, time_verdict));
    if out.mistakes.is_empty() {
        let verifier = Verifier::new(appid, secret, aes_key)?.with_window_ms(window_ms);
        let ticket = verifier.verify_stateless(sign, now_ms)?.replay;
        if seen_by.is_some_and(|v| v.has_seen(&ticket, now_ms)) {
            out.mistakes.push(Verdict::Replayed);
        }
    }
    out.verdict = out.mistakes.first().copied().unwrap_or(Verdict::Valid);
    Ok(out)
}

/// Finds the route that turns `sign` into `<digits>_<32 hex>` text. When none does, sets the
/// verdict's findings in `out`: `wrong_aes_key` when the sign decodes but never decrypts to
/// text, else the mistakes and layout seen so far.
fn decrypt(
    cipher: &AesEcb,
    key: &[u8],
    sign: &str,
    out: &mut WeaverDiagnosis,
) -> Option<(Route, Zeroizing<String>)> {
    let hex = hex::decode(sign).ok();
    let base64 = STANDARD.decode(sign).ok();
    let (mut decoded, mut readable) = (false, None::<(Route, usize)>);
    for route in Route::all() {
        let bytes = match route.encoding {
            Encoding::Hex => hex.as_ref(),
            Encoding::Base64 => base64.as_ref(),
        };
        let Some(bytes) = bytes.filter(|b| !b.is_empty() && b.len() % 16 == 0) else {
            continue;
        };
        decoded = true;
        let Some(text) = open(cipher, key, bytes, route) else {
            continue;
        };
        if is_layout(&text) {
            return Some((route, text));
        }
        readable = readable.or(Some((route, text.len())));
    }
    match (decoded, readable) {
        (_, Some((route, len))) => {
            out.mistakes.extend(route.mistakes());
            sort_unstable_by(&mut out.mistakes, |a, b| a.cmp(b));
            out.plaintext_layout = Some(format!(
                "{len} bytes of text, not <digits> \"_\" <32 hex digits>"
            ));
        }
        (true, None) => out.mistakes.push(Verdict::WrongAesKey),
        (false, None) => {}
    }
    None
}

/// Decrypts `bytes` along `route` and removes its padding: the plaintext, when it is text.
fn open(cipher: &AesEcb, key: &[u8], bytes: &[u8], route: Route) -> Option<Zeroizing<String>> {
    let mut plain = Zeroizing::new(bytes.to_vec());
    cipher.decrypt_blocks(&mut plain);
    let iv: Option<&[u8]> = match route.mode {
        Mode::Ecb => None,
        Mode::CbcZeroIv => Some(&[0u8; 16]),
        // An IV is one block: only a 16-byte key can be one.
        Mode::CbcKeyIv if key.len() == 16 => Some(key),
        Mode::CbcKeyIv => return None,
    };
    if let Some(iv) = iv {
        for (i, byte) in plain.iter_mut().enumerate() {
            *byte ^= if i < 16 { iv[i] } else { bytes[i - 16] };
        }
    }
    let kept = match route.padding {
        Padding::Pkcs7 => {
            let n = usize::from(*plain.last()?);
            let fits = (1..=16).contains(&n)
                && plain[plain.len() - n..]
                    .iter()
                    .all(|&b| usize::from(b) == n);
            plain.len() - if fits { n } else { return None }
        }
        Padding::Zeros => {
            let zeros = plain.iter().rev().take_while(|&&b| b == 0).count();
            if zeros == 0 || zeros >= 16 {
                return None;
            }
            plain.len() - zeros
        }
    };
    let text = core::str::from_utf8(&plain[..kept]).ok()?;
    // Random bytes that happen to be UTF-8 are rarely printable: require visible ASCII.
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b))
        .then(|| Zeroizing::new(String::from(text)))
}

/// Whether `text` is `<digits>_<32 hex digits>`.
fn is_layout(text: &str) -> bool {
    text.split_once('_').is_some_and(|(digits, md5)| {
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.parse::<u64>().is_ok()
            && md5.len() == 32
            && md5.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn letter_case(md5: &str) -> &'static str {
    let upper = md5.bytes().any(|b| b.is_ascii_uppercase());
    let lower = md5.bytes().any(|b| b.is_ascii_lowercase());
    match (upper, lower) {
        (true, true) => "mixed case",
        (false, true) => "lower case",
        _ => "upper case",
    }
}

/// Which known recipe made the MD5 digits `md5` (compared in constant time), and whether they
/// were written in lower case.
fn md5_recipe(appid: &str, secret: &str, md5: &str) -> Option<(Md5Of, bool)> {
    let mut joined = Md5::new();
    joined.update(appid.as_bytes());
    joined.update(secret.as_bytes());
    let mut without_colon = Zeroizing::new([0u8; 32]);
    let _ = hex::encode_to_slice(joined.finalize(), &mut without_colon[..]);
    without_colon.make_ascii_uppercase();
    let candidates = [
        (
            Md5Of::AppidColonSecret,
            Zeroizing::new(md5_upper_bytes(appid, secret)),
        ),
        (
            Md5Of::SecretColonAppid,
            Zeroizing::new(md5_upper_bytes(secret, appid)),
        ),
        (Md5Of::AppidSecret, without_colon),
    ];
    let mut found = None;
    for (of, upper) in &candidates {
        let lower = Zeroizing::new(upper.to_ascii_lowercase());
        // Every candidate is compared, so the time does not tell which one matched.
        let (is_upper, is_lower) = (
            constant_time_eq(md5.as_bytes(), &upper[..]),
            constant_time_eq(md5.as_bytes(), &lower[..]),
        );
        if found.is_none() && (is_upper || is_lower) {
            found = Some((*of, !is_upper));
        }
    }
    found
}

/// The formula the client followed, with names instead of values.
fn recipe(route: Route, of: Md5Of, lower: bool, time: Option<Verdict>) -> String {
    let md5 = match of {
        Md5Of::AppidColonSecret => "MD5(appid \":\" secret)",
        Md5Of::SecretColonAppid => "MD5(secret \":\" appid)",
        Md5Of::AppidSecret => "MD5(appid secret)",
    };
    let case = if lower { "hex" } else { "HEX_UPPER" };
    let timestamp = match time {
        Some(Verdict::TimestampInSeconds) => "timestamp_seconds",
        _ => "timestamp_ms",
    };
    let padding = match route.padding {
        Padding::Pkcs7 => "PKCS#7",
        Padding::Zeros => "ZERO_PAD",
    };
    let mode = match route.mode {
        Mode::Ecb => "AES-ECB(aes_key, ",
        Mode::CbcZeroIv => "AES-CBC(aes_key, iv = 0, ",
        Mode::CbcKeyIv => "AES-CBC(aes_key, iv = aes_key, ",
    };
    let encoding = match route.encoding {
        Encoding::Hex => "hex",
        Encoding::Base64 => "Base64",
    };
    format!("{encoding}({mode}{padding}({timestamp} \"_\" {case}({md5}))))")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::DEFAULT_WINDOW_MS;
    use cipher::block_padding::{Pkcs7, ZeroPadding};
    use cipher::{BlockEncryptMut, KeyInit};

    const APPID: &str = "weaverappid";
    const SECRET: &str = "weaversecret";
    const KEY: &str = "8fy6K39X6PIEEeOq";
    const NOW: u64 = 1_742_369_260_000;

    fn ecb(plain: &str, zeros: bool) -> Vec<u8> {
        let c = ecb::Encryptor::<aes::Aes128>::new(KEY.as_bytes().into());
        if zeros {
            c.encrypt_padded_vec_mut::<ZeroPadding>(plain.as_bytes())
        } else {
            c.encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes())
        }
    }

    /// AES-128-CBC with a zero IV and PKCS#7, chained by hand over ECB blocks.
    fn cbc_zero_iv(plain: &str) -> Vec<u8> {
        let cipher = aes::Aes128::new(KEY.as_bytes().into());
        let mut data = ecb(plain, false);
        // ECB of the padded plaintext, undone block by block and redone chained.
        let mut previous = [0u8; 16];
        let mut out = Vec::new();
        for block in data.chunks_exact_mut(16) {
            let mut b = aes::Block::clone_from_slice(block);
            cipher::BlockDecrypt::decrypt_block(&cipher, &mut b);
            for (x, p) in b.iter_mut().zip(previous) {
                *x ^= p;
            }
            cipher::BlockEncrypt::encrypt_block(&cipher, &mut b);
            previous.copy_from_slice(&b);
            out.extend_from_slice(&b);
        }
        out
    }

    fn found(sign: &str) -> Result<WeaverDiagnosis> {
        diagnose(APPID, SECRET, KEY, sign, NOW, DEFAULT_WINDOW_MS, None)
    }

    fn md5_hex(text: &str) -> String {
        hex::encode(Md5::digest(text.as_bytes()))
    }

    #[test]
    fn each_mistake_is_named() -> Result<()> {
        let ts = NOW - 1_000;
        let upper = md5_hex("weaverappid:weaversecret").to_ascii_uppercase();
        let plain = format!("{ts}_{upper}");
        let cases: [(String, &[Verdict]); 8] = [
            (hex::encode(ecb(&plain, false)), &[Verdict::Valid]),
            (
                hex::encode(ecb(&format!("{ts}_{}", upper.to_ascii_lowercase()), false)),
                &[Verdict::Md5Lowercase],
            ),
            (
                hex::encode(ecb(
                    &format!(
                        "{ts}_{}",
                        md5_hex("weaversecret:weaverappid").to_ascii_uppercase()
                    ),
                    false,
                )),
                &[Verdict::SecretAppidSwapped],
            ),
            (
                hex::encode(ecb(
                    &format!("{ts}_{}", md5_hex("weaverappidweaversecret")),
                    false,
                )),
                &[Verdict::Md5Lowercase, Verdict::Md5WithoutColon],
            ),
            (
                STANDARD.encode(ecb(&plain, false)),
                &[Verdict::Base64InsteadOfHex],
            ),
            (hex::encode(ecb(&plain, true)), &[Verdict::ZeroPadding]),
            (
                hex::encode(cbc_zero_iv(&plain)),
                &[Verdict::CbcInsteadOfEcb],
            ),
            (
                hex::encode(ecb(&format!("{}_{upper}", ts / 1000), false)),
                &[Verdict::TimestampInSeconds],
            ),
        ];
        for (sign, want) in cases {
            let got = found(&sign)?;
            let names: Vec<Verdict> = if got.mistakes.is_empty() {
                alloc::vec![got.verdict]
            } else {
                got.mistakes.clone()
            };
            assert_eq!(names, want, "{got:?}");
            assert!(got.client_recipe.is_some());
            let shown = format!("{got:?}");
            assert!(!shown.contains(&upper) && !shown.contains(&upper.to_ascii_lowercase()));
        }
        Ok(())
    }

    #[test]
    fn another_key_or_another_secret() -> Result<()> {
        let other = crate::weaver::sign(APPID, SECRET, "0123456789abcdef", NOW)?;
        assert_eq!(found(&other)?.verdict, Verdict::WrongAesKey);
        let other = crate::weaver::sign(APPID, "another", KEY, NOW)?;
        let got = found(&other)?;
        assert_eq!(
            (got.verdict, got.timestamp_ms),
            (Verdict::Unexplained, Some(NOW))
        );
        assert!(got.mistakes.is_empty());
        assert_eq!(found("not a sign")?.verdict, Verdict::Unexplained);
        Ok(())
    }

    #[test]
    fn a_sign_the_verifier_accepted_is_replayed() -> Result<()> {
        let sign = crate::weaver::sign(APPID, SECRET, KEY, NOW)?;
        let mut verifier = Verifier::new(APPID, SECRET, KEY)?;
        let seen =
            |v: &Verifier| diagnose(APPID, SECRET, KEY, &sign, NOW, DEFAULT_WINDOW_MS, Some(v));
        assert_eq!(seen(&verifier)?.verdict, Verdict::Valid);
        verifier.verify(&sign, NOW)?;
        assert_eq!(seen(&verifier)?.verdict, Verdict::Replayed);
        Ok(())
    }

    #[test]
    fn the_replay_check_may_be_asked_of_another_witness() -> Result<()> {
        use crate::replay::ReplayTicket;
        use core::cell::Cell;
        /// A replay guard kept elsewhere (as in another WebAssembly module), asked by key; it
        /// counts the questions.
        struct Held(String, Cell<u32>);
        impl SeenBy for Held {
            fn has_seen(&self, ticket: &ReplayTicket, _now_ms: u64) -> bool {
                self.1.set(self.1.get() + 1);
                ticket.key == self.0
            }
        }
        let sign = crate::weaver::sign(APPID, SECRET, KEY, NOW)?;
        let verifier = Verifier::new(APPID, SECRET, KEY)?;
        let held = Held(
            verifier.verify_stateless(&sign, NOW)?.replay.key,
            Cell::new(0),
        );
        let other = Held(String::from("another key"), Cell::new(0));
        let asked = |now, witness: &dyn SeenBy| {
            diagnose(
                APPID,
                SECRET,
                KEY,
                &sign,
                now,
                DEFAULT_WINDOW_MS,
                Some(witness),
            )
        };
        assert_eq!(asked(NOW, &held)?.verdict, Verdict::Replayed);
        assert_eq!(asked(NOW, &other)?.verdict, Verdict::Valid);
        // A sign that is not otherwise valid is never asked about.
        assert_eq!(asked(NOW + 3_600_000, &held)?.verdict, Verdict::Expired);
        assert_eq!(held.1.get(), 1);
        Ok(())
    }
}
