//! The server side of Weaver signs: decrypt, check format, MD5, time window and replay
//! (docs/spec/weaver.md#server-rules).

use super::cipher::AesEcb;
use super::{md5_upper_bytes, MD5_HEX_LEN};
use crate::error::{Error, ErrorKind, Result};
use crate::limits;
use crate::replay::{push_key_part, ReplayGuard, ReplayStore, ReplayTicket};
use crate::secret::{constant_time_eq, Secret};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The timestamp inside the sign, in milliseconds.
    pub timestamp_ms: u64,
    /// The decrypted plaintext, `timestamp_ms "_" md5_upper`.
    pub plaintext: String,
    /// What a replay store must remember so this sign works once (the appid and the sign).
    pub replay: ReplayTicket,
}

/// What a decrypted sign holds, and what the server would say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Inspection {
    /// The decrypted plaintext (normally `timestamp_ms "_" md5_upper`).
    pub plaintext: String,
    /// The timestamp before the `_`, when it is a decimal number that fits in 64 bits.
    pub timestamp_ms: Option<u64>,
    /// `now - timestamp` in milliseconds (negative: in the future).
    pub age_ms: Option<i128>,
    /// The text after the `_` (the MD5 the sign carries).
    pub md5_upper: Option<String>,
    /// Whether that MD5 is the one of this verifier's appid and secret.
    pub md5_matches: bool,
    /// What [`Verifier::verify_stateless`] says: the timestamp, or why the server refuses it.
    pub verdict: Result<u64>,
}

/// Verifies Weaver signs for one appid the way the Weaver server does, each failure its own
/// error kind: `undecryptable` (签名解密异常), `malformed_sign` and `sign_mismatch`
/// (appid或sign参数值异常), `expired` and `future_timestamp` (签名已过期), `replayed`
/// (禁用重复签名获取token).
///
/// The window defaults to five minutes in the past and five minutes in the future. The replay
/// guard forgets a sign once its timestamp leaves the window, so memory stays bounded.
///
/// ```
/// use qianming::weaver::{sign, Verifier};
/// let s = sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1_742_369_234_096)?;
/// let mut verifier = Verifier::new("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")?;
/// assert_eq!(verifier.verify(&s, 1_742_369_260_000)?.timestamp_ms, 1_742_369_234_096);
/// let again = verifier.verify(&s, 1_742_369_261_000).unwrap_err();
/// assert_eq!(again.kind().name(), "replayed");
/// # Ok::<(), qianming::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    appid: String,
    md5_upper: [u8; MD5_HEX_LEN],
    cipher: AesEcb,
    window_ms: u64,
    max_future_ms: u64,
    guard: ReplayGuard,
}

impl Drop for Verifier {
    /// The MD5 of `appid:secret` is what the server checks, so it is as secret as the secret.
    /// (The AES key schedule zeroizes itself: the `aes` crate's `zeroize` feature.)
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.md5_upper);
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("appid", &self.appid)
            .field("secret", &"** redacted **")
            .field("aes_key", &"** redacted **")
            .field("window_ms", &self.window_ms)
            .field("max_future_ms", &self.max_future_ms)
            .field("remembered", &self.guard.len())
            .finish()
    }
}

impl Verifier {
    /// The server's validity window: five minutes.
    pub const DEFAULT_WINDOW_MS: u64 = 5 * 60 * 1000;

    /// A verifier for `appid`, `secret` and `aes_key` (16, 24 or 32 UTF-8 bytes).
    pub fn new(appid: &str, secret: &str, aes_key: &str) -> Result<Self> {
        limits::check_text("the appid", appid)?;
        limits::check_text("the secret", secret)?;
        let key = Secret::new(aes_key);
        Ok(Verifier {
            appid: String::from(appid),
            md5_upper: md5_upper_bytes(appid, secret),
            cipher: AesEcb::new(key.expose_bytes())?,
            window_ms: Self::DEFAULT_WINDOW_MS,
            max_future_ms: Self::DEFAULT_WINDOW_MS,
            guard: ReplayGuard::new(Self::DEFAULT_WINDOW_MS),
        })
    }

    /// Sets the validity window (how old a sign may be) and, unless set separately, how far in
    /// the future its timestamp may lie. The replay guard keeps its capacity and what it holds.
    pub fn with_window_ms(mut self, window_ms: u64) -> Self {
        self.window_ms = window_ms;
        self.max_future_ms = window_ms;
        self.guard.set_window_ms(window_ms);
        self
    }

    /// Sets how far in the future a sign's timestamp may lie (clock skew allowance).
    pub fn with_max_future_ms(mut self, max_future_ms: u64) -> Self {
        self.max_future_ms = max_future_ms;
        self
    }

    /// Sets the most live signs the replay guard holds (see [`ReplayGuard`]).
    pub fn with_replay_capacity(mut self, capacity: usize) -> Self {
        self.guard.set_capacity(capacity);
        self
    }

    /// The validity window in milliseconds.
    pub fn window_ms(&self) -> u64 {
        self.window_ms
    }

    /// How many signs the replay guard remembers now.
    pub fn remembered(&self) -> usize {
        self.guard.len()
    }

    /// Verifies `sign` at `now_ms` and, when it passes, remembers it so it works only once.
    ///
    /// Time only moves forward for expiry: a sign is also `expired` when its window closed
    /// before the latest `now_ms` this verifier has seen, so a clock stepped back cannot
    /// reopen the window of a sign already forgotten.
    pub fn verify(&mut self, sign: &str, now_ms: u64) -> Result<Verified> {
        // Every call moves the guard's clock, refused ones too.
        self.guard.observe(now_ms);
        let verified = self.verify_stateless(sign, now_ms)?;
        self.guard
            .record(&verified.replay, now_ms)
            .map_err(weaver_replay_message)?;
        Ok(verified)
    }

    /// Verifies `sign` at `now_ms` without consulting or updating the replay guard. A server
    /// that shares replay state with others (Redis) records [`Verified::replay`] in that
    /// store next, and accepts the sign only if the store had not seen it.
    pub fn verify_stateless(&self, sign: &str, now_ms: u64) -> Result<Verified> {
        let (timestamp_ms, plaintext, ciphertext) = self.check(sign, now_ms)?;
        let mut key = String::from("weaver");
        push_key_part(&mut key, &self.appid);
        push_key_part(&mut key, &hex::encode(ciphertext));
        let expires_at_ms = timestamp_ms.saturating_add(self.window_ms);
        Ok(Verified {
            timestamp_ms,
            plaintext,
            replay: ReplayTicket::new(key, expires_at_ms),
        })
    }

    /// Whether this verifier's replay guard holds `ticket` at `now_ms`: it accepted that sign
    /// before and still remembers it. Only reads the guard (the doctor's `replayed`).
    pub fn has_seen(&self, ticket: &ReplayTicket, now_ms: u64) -> bool {
        self.guard.holds(ticket.key.as_bytes(), now_ms)
    }

    /// Like [`Verifier::verify`], with replay state kept in `store` (shared by many servers)
    /// instead of this verifier's own guard.
    pub fn verify_with_store(
        &self,
        sign: &str,
        now_ms: u64,
        store: &mut dyn ReplayStore,
    ) -> Result<Verified> {
        let verified = self.verify_stateless(sign, now_ms)?;
        store
            .record(&verified.replay, now_ms)
            .map_err(weaver_replay_message)?;
        Ok(verified)
    }

    /// Decrypts `sign` and reports what is inside and what the server would say about it, for
    /// debugging a refused sign. Only a sign that does not decrypt at all is an error here;
    /// every later failure is reported in [`Inspection::verdict`]. The replay guard is neither
    /// consulted nor updated, and the expected MD5 is never revealed (only whether it matches).
    ///
    /// ```
    /// use qianming::weaver::{sign, Verifier};
    /// let s = sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1_000_000)?;
    /// let verifier = Verifier::new("otherappid", "weaversecret", "8fy6K39X6PIEEeOq")?;
    /// let seen = verifier.inspect(&s, 1_060_000)?;
    /// assert_eq!(seen.timestamp_ms, Some(1_000_000));
    /// assert_eq!(seen.age_ms, Some(60_000));
    /// assert!(!seen.md5_matches);
    /// assert_eq!(seen.verdict.unwrap_err().kind().name(), "sign_mismatch");
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn inspect(&self, sign: &str, now_ms: u64) -> Result<Inspection> {
        let (plain, _) = self.decrypt(sign)?;
        let (timestamp_ms, md5_upper) = match plain.split_once('_') {
            Some((digits, md5)) => (
                digits
                    .parse::<u64>()
                    .ok()
                    .filter(|_| digits.bytes().all(|b| b.is_ascii_digit())),
                Some(String::from(md5)),
            ),
            None => (None, None),
        };
        let md5_matches = md5_upper
            .as_deref()
            .is_some_and(|m| constant_time_eq(m.as_bytes(), &self.md5_upper));
        Ok(Inspection {
            age_ms: timestamp_ms.map(|ts| i128::from(now_ms) - i128::from(ts)),
            verdict: self.verify_stateless(sign, now_ms).map(|v| v.timestamp_ms),
            plaintext: plain,
            timestamp_ms,
            md5_upper,
            md5_matches,
        })
    }

    /// Hex-decodes and decrypts `sign` to UTF-8 text; returns it with the ciphertext bytes.
    fn decrypt(&self, sign: &str) -> Result<(String, Vec<u8>)> {
        limits::check_len("the sign", sign.len(), limits::MAX_WEAVER_SIGN_HEX)?;
        let ciphertext = hex::decode(sign).map_err(|_| {
            Error::new(
                ErrorKind::Undecryptable,
                "the sign is not an even-length hex string (签名解密异常)",
            )
        })?;
        let mut buffer = ciphertext.clone();
        let plain = self.cipher.decrypt(&mut buffer)?;
        let plain = core::str::from_utf8(plain).map_err(|_| {
            Error::new(
                ErrorKind::Undecryptable,
                "the sign decrypts to bytes that are not UTF-8 text (签名解密异常)",
            )
        })?;
        Ok((String::from(plain), ciphertext))
    }

    /// The sign's timestamp, plaintext and ciphertext, when it passes every rule but replay.
    fn check(&self, sign: &str, now_ms: u64) -> Result<(u64, String, Vec<u8>)> {
        let (plain, ciphertext) = self.decrypt(sign)?;
        let timestamp_ms = self.check_plaintext(&plain)?;
        if timestamp_ms.saturating_add(self.window_ms) < now_ms {
            return Err(Error::new(
                ErrorKind::Expired,
                format!(
                    "the sign is {} ms old; the window is {} ms (签名已过期)",
                    now_ms - timestamp_ms,
                    self.window_ms
                ),
            ));
        }
        if timestamp_ms > now_ms.saturating_add(self.max_future_ms) {
            return Err(Error::new(
                ErrorKind::FutureTimestamp,
                format!(
                    "the sign's timestamp is {} ms in the future; at most {} ms is allowed (签名已过期)",
                    timestamp_ms - now_ms,
                    self.max_future_ms
                ),
            ));
        }
        Ok((timestamp_ms, plain, ciphertext))
    }

    /// Checks `<digits>_<32 hex>` and the MD5; returns the timestamp.
    fn check_plaintext(&self, plain: &str) -> Result<u64> {
        let malformed = || {
            Error::new(
                ErrorKind::MalformedSign,
                "the decrypted sign is not <timestamp>_<32 hex MD5> (appid或sign参数值异常)",
            )
        };
        let (digits, md5) = plain.split_once('_').ok_or_else(malformed)?;
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || md5.len() != MD5_HEX_LEN
            || !md5.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(malformed());
        }
        let timestamp_ms = digits.parse::<u64>().map_err(|_| malformed())?;
        if !constant_time_eq(md5.as_bytes(), &self.md5_upper) {
            return Err(Error::new(
                ErrorKind::SignMismatch,
                format!(
                    "the sign was made for another appid or secret than {:?} (appid或sign参数值异常)",
                    self.appid
                ),
            ));
        }
        Ok(timestamp_ms)
    }
}

/// A replay, said as the Weaver server says it.
fn weaver_replay_message(error: Error) -> Error {
    match error.kind() {
        ErrorKind::Replayed => Error::new(
            ErrorKind::Replayed,
            "this sign was already used; each sign works once, so a retry must sign again (禁用重复签名获取token)",
        ),
        _ => error,
    }
}
