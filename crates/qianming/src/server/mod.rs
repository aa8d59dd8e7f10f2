//! What the vendors' servers answer, for an emulator or a test server (docs/spec/emulator.md):
//! the answer bodies of the five systems' token endpoints and the server-side checks that are
//! not a verifier of their own (the Kingdee `app_signature`, PKCE, the edge gateway's JWTs).
//!
//! Sans-IO like the rest of the crate: the caller brings the clock, the random tokens and the
//! HTTP server. Every body rendered here is read back by the matching client parser in the
//! tests ([`crate::kingdee::parse_token_answer`], …), so the two sides cannot drift apart.

pub mod apusic;
pub mod edge;
pub mod kingdee;
pub mod oauth;
pub mod weaver;

/// The error kind of a result the test expects to fail.
#[cfg(test)]
trait KindOf {
    fn kind_of(self) -> crate::ErrorKind;
}

#[cfg(test)]
impl<T: core::fmt::Debug> KindOf for crate::Result<T> {
    fn kind_of(self) -> crate::ErrorKind {
        match self {
            Ok(value) => panic!("expected an error, got {value:?}"),
            Err(error) => error.kind(),
        }
    }
}
