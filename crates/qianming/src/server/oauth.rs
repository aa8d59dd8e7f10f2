//! The Apusic unified identity's OAuth 2.0 answers (seed 003; docs/spec/oauth.md).

use crate::error::{Error, ErrorKind, Result};
use crate::json::push_string;
use crate::secret::constant_time_eq;
use alloc::format;
use alloc::string::String;

/// Where the authorize endpoint sends the browser back: `redirect_uri` with `code` (and
/// `state`, unchanged, when the client sent one) added to its query, form-encoded.
///
/// ```
/// let url = qianming::server::oauth::redirect_with_code("http://127.0.0.1:9/cb", "c0de", Some("s t"))?;
/// assert_eq!(url, "http://127.0.0.1:9/cb?code=c0de&state=s+t");
/// let back = qianming::oauth::parse_callback(&url, "s t")?;
/// assert_eq!(back.code, "c0de");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn redirect_with_code(redirect_uri: &str, code: &str, state: Option<&str>) -> Result<String> {
    redirect_with(redirect_uri, ("code", code), state)
}

/// Where the authorize endpoint sends the browser back with an RFC 6749 `error`.
pub fn redirect_with_error(redirect_uri: &str, error: &str, state: Option<&str>) -> Result<String> {
    redirect_with(redirect_uri, ("error", error), state)
}

fn redirect_with(redirect_uri: &str, first: (&str, &str), state: Option<&str>) -> Result<String> {
    // An http(s) URL without user info or fragment; a query of its own is kept.
    let (before_query, _) = redirect_uri.split_once('?').unwrap_or((redirect_uri, ""));
    crate::http::base_url(before_query)?;
    crate::http::check_url(redirect_uri)?;
    if redirect_uri.contains('#') {
        return Err(Error::new(
            ErrorKind::InvalidUrl,
            "the redirect_uri has a fragment",
        ));
    }
    let mut url = String::from(redirect_uri);
    let mut pairs = alloc::vec![first];
    if let Some(state) = state {
        pairs.push(("state", state));
    }
    crate::http::push_query(&mut url, &pairs)?;
    Ok(url)
}

/// The token answer as the seed documents it, form-encoded: `access_token=…&expires=…`.
///
/// ```
/// let body = qianming::server::oauth::token_answer("R9Zy", 7200);
/// let token = qianming::oauth::parse_token_answer(body.as_bytes())?;
/// assert_eq!((token.access_token.expose(), token.expires), ("R9Zy", Some(7200)));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_answer(access_token: &str, expires: u64) -> String {
    let mut out = String::from("access_token=");
    crate::encode::gateway_encode_into(&mut out, access_token);
    out.push_str(&format!("&expires={expires}"));
    out
}

/// An RFC 6749 error answer: `{"error":…}` (`{"error":"expired_accessToken"}` for user info
/// with an expired token).
pub fn error_answer(error: &str) -> String {
    let mut out = String::from("{\"error\":");
    push_string(&mut out, error);
    out.push('}');
    out
}

/// The user info answer: `{"id":…,"attributes":[{name: value}, …]}`.
pub fn userinfo_answer(id: &str, attributes: &[(&str, &str)]) -> String {
    let mut out = String::from("{\"id\":");
    push_string(&mut out, id);
    out.push_str(",\"attributes\":[");
    for (i, (name, value)) in attributes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        push_string(&mut out, name);
        out.push(':');
        push_string(&mut out, value);
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// The PKCE check of a token exchange (RFC 7636 §4.6): when the authorization request carried
/// an S256 `challenge`, the exchange must carry the `code_verifier` whose challenge it is
/// (compared in constant time); `oauth_error` (`invalid_grant`) otherwise. Without a
/// challenge there is nothing to check.
pub fn check_pkce(challenge: Option<&str>, code_verifier: Option<&str>) -> Result<()> {
    let Some(challenge) = challenge else {
        return Ok(());
    };
    let refused = |why: &str| Error::new(ErrorKind::OauthError, format!("invalid_grant: {why}"));
    let verifier = code_verifier.ok_or_else(|| refused("the code_verifier is missing"))?;
    let computed = crate::oauth::pkce_challenge(verifier)
        .map_err(|_| refused("the code_verifier is malformed"))?;
    if constant_time_eq(computed.as_bytes(), challenge.as_bytes()) {
        Ok(())
    } else {
        Err(refused(
            "the code_verifier does not match the code_challenge",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::KindOf;
    use super::*;
    #[allow(unused_imports)]
    use crate::error::{Error, ErrorKind, Result};
    use crate::oauth::{parse_callback, parse_token_answer, parse_userinfo_answer, pkce_challenge};

    #[test]
    fn answers_read_back() -> Result<()> {
        let user =
            parse_userinfo_answer(userinfo_answer("10138640", &[("IDPEmail", "a@b")]).as_bytes())?;
        assert_eq!(user.id, "10138640");
        assert_eq!(user.attributes, [("IDPEmail".into(), "a@b".into())]);
        let expired = parse_userinfo_answer(error_answer("expired_accessToken").as_bytes());
        assert_eq!(expired.kind_of(), ErrorKind::TokenExpired);
        let denied = parse_token_answer(error_answer("invalid_grant").as_bytes());
        assert_eq!(denied.kind_of(), ErrorKind::OauthError);
        let token = parse_token_answer(token_answer("a+b/c", 1).as_bytes())?;
        assert_eq!(token.access_token.expose(), "a+b/c");
        Ok(())
    }

    #[test]
    fn redirects_keep_an_existing_query() -> Result<()> {
        let url = redirect_with_error("http://h/cb?x=1", "access_denied", Some("st"))?;
        assert_eq!(url, "http://h/cb?x=1&error=access_denied&state=st");
        assert_eq!(parse_callback(&url, "st").kind_of(), ErrorKind::OauthError);
        assert!(redirect_with_code("javascript:x", "c", None).is_err());
        Ok(())
    }

    #[test]
    fn pkce_is_checked() -> Result<()> {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = pkce_challenge(verifier)?;
        assert!(check_pkce(Some(&challenge), Some(verifier)).is_ok());
        assert!(check_pkce(None, None).is_ok());
        for wrong in [
            None,
            Some("short"),
            Some("eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        ] {
            let err = check_pkce(Some(&challenge), wrong)
                .err()
                .ok_or_else(|| Error::new(ErrorKind::InvalidField, "expected an error"))?;
            assert_eq!(err.kind(), ErrorKind::OauthError);
        }
        Ok(())
    }
}
