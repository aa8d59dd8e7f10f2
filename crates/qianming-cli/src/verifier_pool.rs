//! The verifiers of one `--jsonl` run: one per credential set, so a request accepted on an
//! earlier line is refused as a replay on a later one. Bounded: past [`MAX_CREDENTIAL_SETS`]
//! (or `QIANMING_JSONL_MAX_VERIFIERS`, for test drivers that feed thousands of sets) a new set
//! is refused (`replay_cache_full`) rather than let memory grow, or drop a verifier and with
//! it the replays it would refuse.

use qianming::{Error, ErrorKind, Secret};

/// The most credential sets one run keeps verifiers for, by default.
pub const MAX_CREDENTIAL_SETS: usize = 256;

/// The environment variable that changes [`MAX_CREDENTIAL_SETS`] for a run.
pub const MAX_ENV: &str = "QIANMING_JSONL_MAX_VERIFIERS";

/// Verifiers keyed by their credentials, compared as secrets (constant time, zeroized).
pub struct VerifierPool<V> {
    entries: Vec<(Secret, V)>,
    max: usize,
}

impl<V> Default for VerifierPool<V> {
    fn default() -> Self {
        let max = std::env::var(MAX_ENV)
            .ok()
            .and_then(|text| text.parse().ok())
            .unwrap_or(MAX_CREDENTIAL_SETS);
        VerifierPool {
            entries: Vec::new(),
            max,
        }
    }
}

impl<V> VerifierPool<V> {
    /// The verifier of the credential set `parts` (joined with their lengths, so no two sets
    /// share an identity), made by `make` the first time it is asked for.
    pub fn get(
        &mut self,
        parts: &[&str],
        make: impl FnOnce() -> Result<V, Error>,
    ) -> Result<&mut V, Error> {
        let mut id = String::new();
        for part in parts {
            id.push_str(&format!("{}:{part}", part.len()));
        }
        let id = Secret::new(id);
        let index = match self.entries.iter().position(|(known, _)| *known == id) {
            Some(index) => index,
            None if self.entries.len() >= self.max => {
                return Err(Error::new(
                    ErrorKind::ReplayCacheFull,
                    format!(
                        "this run already holds verifiers for {} credential sets ({MAX_ENV} changes it)",
                        self.max
                    ),
                ))
            }
            None => {
                self.entries.push((id, make()?));
                self.entries.len() - 1
            }
        };
        Ok(&mut self.entries[index].1)
    }
}
