//! The Apusic management session endpoint's answers (seed 000; docs/spec/apusic.md).

use crate::error::{Error, ErrorKind, Result};
use crate::json::push_string;
use alloc::string::String;

/// The granted answer: `{"message":"","exit_code":"SUCCESS","extraProperties":{"token":…}}`.
///
/// ```
/// let body = qianming::server::apusic::session_answer("2d8085c8");
/// let token = qianming::apusic::parse_session_answer(body.as_bytes())?.into_result()?;
/// assert_eq!(token.token.expose(), "2d8085c8");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn session_answer(token: &str) -> String {
    let mut out =
        String::from("{\"message\":\"\",\"exit_code\":\"SUCCESS\",\"extraProperties\":{\"token\":");
    push_string(&mut out, token);
    out.push_str("}}");
    out
}

/// The refused answer: `{"message":…,"exit_code":"FAILURE"}`.
pub fn failure_answer(message: &str) -> String {
    let mut out = String::from("{\"message\":");
    push_string(&mut out, message);
    out.push_str(",\"exit_code\":\"FAILURE\"}");
    out
}

/// A successful management call's answer: `{"message":…,"exit_code":"SUCCESS"}`.
pub fn command_answer(message: &str) -> String {
    let mut out = String::from("{\"message\":");
    push_string(&mut out, message);
    out.push_str(",\"exit_code\":\"SUCCESS\"}");
    out
}

/// The session token a later call carries: the cookie `cookie_name=<token>` (in a `Cookie`
/// header of `name=value` pairs separated by `;`) or, failing that, the `X-Auth-Token` header.
/// `missing_header` when neither carries one.
pub fn presented_token<'a>(
    cookie_header: Option<&'a str>,
    x_auth_token: Option<&'a str>,
    cookie_name: &str,
) -> Result<&'a str> {
    let from_cookie = cookie_header
        .into_iter()
        .flat_map(|h| h.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim_matches([' ', '\t']).split_once('=')?;
            (name == cookie_name).then_some(value)
        });
    from_cookie
        .or(x_auth_token.map(|v| v.trim_matches([' ', '\t'])))
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::MissingHeader,
                "the call carries no session token (cookie or X-Auth-Token)",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apusic::parse_session_answer;
    #[allow(unused_imports)]
    use crate::error::{Error, ErrorKind, Result};

    #[test]
    fn failure_reads_back_as_login_failed() -> Result<()> {
        let body = failure_answer("Authorization failed");
        let err = parse_session_answer(body.as_bytes())?
            .into_result()
            .err()
            .ok_or_else(|| Error::new(ErrorKind::InvalidField, "expected an error"))?;
        assert_eq!(err.kind(), ErrorKind::LoginFailed);
        Ok(())
    }

    #[test]
    fn the_token_comes_from_the_cookie_or_the_header() -> Result<()> {
        let c = Some("a=1; gfrestdtoken=t0k; b=2");
        assert_eq!(presented_token(c, None, "gfrestdtoken")?, "t0k");
        assert_eq!(
            presented_token(Some("a=1"), Some(" h "), "gfrestdtoken")?,
            "h"
        );
        assert_eq!(presented_token(c, Some("h"), "gfresttoken")?, "h");
        let none = presented_token(Some("gfrestdtoken="), None, "gfrestdtoken")
            .err()
            .ok_or_else(|| Error::new(ErrorKind::InvalidField, "expected an error"))?;
        assert_eq!(none.kind(), ErrorKind::MissingHeader);
        Ok(())
    }
}
