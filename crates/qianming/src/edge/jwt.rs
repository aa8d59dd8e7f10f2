//! Reading the claims of a JWT without checking its signature: the edge gateway's tokens are
//! the server's to verify; the client only needs to know when they expire
//! (docs/spec/edge.md#jwt-claims).

use crate::error::{Error, ErrorKind, Result};
use crate::json;
use crate::limits;
use alloc::string::{String, ToString};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The registered claims qianming reads from a JWT payload.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JwtClaims {
    /// `exp`: expiry, seconds since the epoch.
    pub exp: Option<u64>,
    /// `iat`: issue time, seconds since the epoch.
    pub iat: Option<u64>,
    /// `nbf`: not before, seconds since the epoch.
    pub nbf: Option<u64>,
    /// `iss`: the issuer.
    pub iss: Option<String>,
    /// The decoded payload, as the JSON text the token carries.
    pub payload_json: String,
}

fn invalid(why: &str) -> Error {
    Error::new(ErrorKind::InvalidJwt, alloc::format!("the JWT {why}"))
}

/// Decodes the payload (middle segment, base64url without padding) of `jwt` and reads `exp`,
/// `iat`, `nbf` (non-negative integers) and `iss` (a string). **The signature is not
/// checked**: use the claims to schedule a refresh, never to trust the token.
///
/// A token longer than [`limits::MAX_JWT_BYTES`] gives `input_too_large`; anything else wrong
/// (not three segments, bad base64url, a payload that is not a JSON object, a claim of the
/// wrong type) gives `invalid_jwt`.
///
/// ```
/// let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJRCI6MSwiVXNlcm5hbWUiOiJhZG1pbiIsImV4cCI6MTY4NjM5MzI5NiwiaXNzIjoiZWRnZS1nYXRld2F5IiwibmJmIjoxNjg2Mzg2MDk2fQ.jtD5t23hfs21PdHV6qeqqhqU2o17BJ4KS0rXqdUOsh0";
/// let claims = qianming::edge::read_jwt_claims(jwt)?;
/// assert_eq!((claims.exp, claims.nbf, claims.iss.as_deref()), (Some(1686393296), Some(1686386096), Some("edge-gateway")));
/// assert_eq!(claims.iat, None);
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn read_jwt_claims(jwt: &str) -> Result<JwtClaims> {
    limits::check_len("the JWT", jwt.len(), limits::MAX_JWT_BYTES)?;
    let mut parts = jwt.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("is not three dot-separated segments"));
    };
    if header.is_empty() || payload.is_empty() {
        return Err(invalid("has an empty header or payload segment"));
    }
    URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| invalid("header is not base64url without padding"))?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| invalid("payload is not base64url without padding"))?;
    let object = json::parse_object("the JWT payload", &bytes).map_err(|e| match e.kind() {
        ErrorKind::InputTooLarge => e,
        _ => invalid("payload is not a JSON object"),
    })?;
    let number = |name: &str| {
        json::opt_u64(&object, "the JWT payload", name)
            .map_err(|_| invalid("has a time claim that is not a non-negative integer"))
    };
    let iss = json::opt_str(&object, "the JWT payload", "iss")
        .map_err(|_| invalid("has an iss claim that is not a string"))?
        .map(ToString::to_string);
    Ok(JwtClaims {
        exp: number("exp")?,
        iat: number("iat")?,
        nbf: number("nbf")?,
        iss,
        payload_json: String::from_utf8_lossy(&bytes).into_owned(),
    })
}
