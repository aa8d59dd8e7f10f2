//! The verifiers of one `--jsonl` run: one per credential set, so a request accepted on an
//! earlier line is refused as a replay on a later one. Bounded: past [`MAX_CREDENTIAL_SETS`] a
//! new set is refused (`replay_cache_full`) rather than let memory grow, or drop a verifier
//! and with it the replays it would refuse.

use qianming::{Error, ErrorKind, Secret};

/// The most credential sets one run keeps verifiers for.
pub const MAX_CREDENTIAL_SETS: usize = 256;

/// Verifiers keyed by their credentials, compared as secrets (constant time, zeroized).
pub struct VerifierPool<V>(Vec<(Secret, V)>);

impl<V> Default for VerifierPool<V> {
    fn default() -> Self {
        VerifierPool(Vec::new())
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
        let index = match self.0.iter().position(|(known, _)| *known == id) {
            Some(index) => index,
            None if self.0.len() >= MAX_CREDENTIAL_SETS => {
                return Err(Error::new(
                    ErrorKind::ReplayCacheFull,
                    format!(
                    "this run already holds verifiers for {MAX_CREDENTIAL_SETS} credential sets"
                ),
                ))
            }
            None => {
                self.0.push((id, make()?));
                self.0.len() - 1
            }
        };
        Ok(&mut self.0[index].1)
    }
}
