//! The IoT edge gateway's answers and HS256 JWTs (seed 004; docs/spec/edge.md).

use crate::digest::HmacKey;
use crate::edge::{read_jwt_claims, JwtClaims};
use crate::error::{Error, ErrorKind, Result};
use crate::json::{self, push_string};
use crate::secret::{constant_time_eq, Secret};
use alloc::format;
use alloc::string::{String, ToString};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The `iss` claim of the gateway's tokens (seed 004).
pub const ISSUER: &str = "edge-gateway";
const HEADER: &str = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

/// An HS256 JWT with the seed's claims `{"ID":…,"Username":…,"exp":…,"iss":"edge-gateway","nbf":…}`
/// (times in seconds), signed with `key`.
///
/// ```
/// use qianming::server::edge;
/// let jwt = edge::mint_jwt(b"k", 1, "admin", 1686386096, 1686393296);
/// assert_eq!(qianming::edge::read_jwt_claims(&jwt)?.exp, Some(1686393296));
/// assert_eq!(edge::verify_jwt(b"k", &jwt, 1686386096_000)?.username, "admin");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn mint_jwt(key: &[u8], id: u64, username: &str, nbf_s: u64, exp_s: u64) -> String {
    let mut payload = format!("{{\"ID\":{id},\"Username\":");
    push_string(&mut payload, username);
    payload.push_str(&format!(
        ",\"exp\":{exp_s},\"iss\":\"{ISSUER}\",\"nbf\":{nbf_s}}}"
    ));
    let mut jwt = URL_SAFE_NO_PAD.encode(HEADER);
    jwt.push('.');
    jwt.push_str(&URL_SAFE_NO_PAD.encode(payload));
    let mac = HmacKey::new(key).mac(jwt.as_bytes());
    jwt.push('.');
    jwt.push_str(&URL_SAFE_NO_PAD.encode(mac));
    jwt
}

/// Who a verified token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Subject {
    /// The `Username` claim.
    pub username: String,
    /// The registered claims.
    pub claims: JwtClaims,
}

/// Verifies a token minted with `key` at `now_ms`: `invalid_jwt` when malformed, not HS256 or
/// its signature differs (compared in constant time); `token_expired` when `exp` has passed
/// (or is missing) or `nbf` lies ahead.
pub fn verify_jwt(key: &[u8], jwt: &str, now_ms: u64) -> Result<Subject> {
    let claims = read_jwt_claims(jwt)?;
    let invalid = |why: &str| Error::new(ErrorKind::InvalidJwt, format!("the JWT {why}"));
    let (signed, signature) = jwt
        .rsplit_once('.')
        .ok_or_else(|| invalid("has no signature"))?;
    let header = signed.split('.').next().unwrap_or_default();
    if URL_SAFE_NO_PAD.decode(header).ok().as_deref() != Some(HEADER.as_bytes()) {
        return Err(invalid("is not an HS256 token of this gateway"));
    }
    let expected = Secret::new(URL_SAFE_NO_PAD.encode(HmacKey::new(key).mac(signed.as_bytes())));
    if !constant_time_eq(expected.expose_bytes(), signature.as_bytes()) {
        return Err(invalid("signature does not verify"));
    }
    let now_s = now_ms / 1000;
    if claims.exp.map_or(true, |exp| exp <= now_s) || claims.nbf.is_some_and(|nbf| nbf > now_s) {
        return Err(Error::new(
            ErrorKind::TokenExpired,
            "the token has expired or is not valid yet",
        ));
    }
    let payload = json::parse_object("the JWT payload", claims.payload_json.as_bytes())?;
    let username = json::req_str(&payload, "the JWT payload", "Username")?.to_string();
    Ok(Subject { username, claims })
}

/// The granted answer: `{"code":0,"success":true,"t":…,"result":{"access_token":…,"expire":…,"refresh_token":…}}`.
pub fn token_answer(t_ms: u64, access_token: &str, expire_s: u64, refresh_token: &str) -> String {
    let mut out =
        format!("{{\"code\":0,\"success\":true,\"t\":{t_ms},\"result\":{{\"access_token\":");
    push_string(&mut out, access_token);
    out.push_str(&format!(",\"expire\":{expire_s},\"refresh_token\":"));
    push_string(&mut out, refresh_token);
    out.push_str("}}");
    out
}

/// A successful call's answer: `{"code":0,"success":true,"t":…,"result":{"username":…}}`.
pub fn call_answer(t_ms: u64, username: &str) -> String {
    let mut out = format!("{{\"code\":0,\"success\":true,\"t\":{t_ms},\"result\":{{\"username\":");
    push_string(&mut out, username);
    out.push_str("}}");
    out
}

/// A refusal, which the gateway sends with HTTP 200: `{"code":…,"success":false,"t":…,"msg":…}`.
pub fn failure_answer(t_ms: u64, code: u32, msg: &str) -> String {
    let mut out = format!("{{\"code\":{code},\"success\":false,\"t\":{t_ms},\"msg\":");
    push_string(&mut out, msg);
    out.push('}');
    out
}

/// Reads the login body `{"username":…,"password":…}`.
pub fn parse_login_body(body: &[u8]) -> Result<(String, Secret)> {
    const WHAT: &str = "the login body";
    let object = json::parse_object(WHAT, body)?;
    let username = json::req_str(&object, WHAT, "username")?.to_string();
    let password = Secret::new(json::req_str(&object, WHAT, "password")?);
    Ok((username, password))
}

#[cfg(test)]
mod tests {
    use super::super::KindOf;
    use super::*;
    use crate::edge::parse_token_answer;
    #[allow(unused_imports)]
    use crate::error::{Error, ErrorKind, Result};

    const NOW: u64 = 1_686_386_096_000;

    #[test]
    fn answers_read_back() -> Result<()> {
        let jwt = mint_jwt(b"k", 1, "admin", NOW / 1000, NOW / 1000 + 7200);
        let body = token_answer(NOW, &jwt, NOW / 1000 + 7200, &jwt);
        let token = parse_token_answer(body.as_bytes())?.into_result()?;
        assert_eq!(token.expire, NOW / 1000 + 7200);
        let refused = parse_token_answer(failure_answer(NOW, 7, "bad").as_bytes())?;
        assert_eq!(refused.into_result().kind_of(), ErrorKind::LoginFailed);
        Ok(())
    }

    #[test]
    fn tokens_are_verified() -> Result<()> {
        let jwt = mint_jwt(b"k", 1, "ad\"min", NOW / 1000, NOW / 1000 + 10);
        assert_eq!(verify_jwt(b"k", &jwt, NOW)?.username, "ad\"min");
        assert_eq!(
            verify_jwt(b"other", &jwt, NOW).kind_of(),
            ErrorKind::InvalidJwt
        );
        assert_eq!(
            verify_jwt(b"k", &jwt, NOW + 10_000).kind_of(),
            ErrorKind::TokenExpired
        );
        assert_eq!(
            verify_jwt(b"k", &jwt, NOW - 1_000).kind_of(),
            ErrorKind::TokenExpired
        );
        let mut forged = jwt.clone();
        forged.push('A');
        assert_eq!(
            verify_jwt(b"k", &forged, NOW).kind_of(),
            ErrorKind::InvalidJwt
        );
        assert_eq!(
            verify_jwt(b"k", "a.b", NOW).kind_of(),
            ErrorKind::InvalidJwt
        );
        Ok(())
    }

    #[test]
    fn login_bodies() -> Result<()> {
        let (user, password) = parse_login_body(br#"{"username":"admin","password":"123456"}"#)?;
        assert_eq!((user.as_str(), password.expose()), ("admin", "123456"));
        assert_eq!(parse_login_body(b"{}").kind_of(), ErrorKind::MissingField);
        assert!(parse_login_body(b"not json").is_err());
        Ok(())
    }
}
