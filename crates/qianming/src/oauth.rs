//! Apusic unified identity (金蝶Apusic统一身份管理): OAuth 2.0 authorization code
//! (docs/spec/oauth.md, seed 003). The authorize URL (with `state` and optional PKCE S256), the
//! callback check, the token exchange, and the user info call — built and parsed, never sent.

use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json::{self, Value};
use crate::limits;
use crate::secret::{constant_time_eq, Secret};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The authorize path under the base URL.
pub const AUTHORIZE_PATH: &str = "/oauth2/authorize";
/// The token path under the base URL.
pub const TOKEN_PATH: &str = "/oauth2/token";
/// The user info path under the base URL.
pub const USERINFO_PATH: &str = "/v1.0/oauth2/userinfo";
/// The `error` value of an expired access token.
pub const EXPIRED_ACCESS_TOKEN: &str = "expired_accessToken";

fn require(what: &str, value: &str) -> Result<()> {
    limits::check_len("an OAuth parameter", value.len(), limits::MAX_TEXT_BYTES)?;
    if value.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidField,
            format!("{what} is empty"),
        ));
    }
    Ok(())
}

/// The PKCE S256 challenge of a code verifier: `base64url-no-pad(SHA-256(verifier))`
/// (RFC 7636 §4.2). The verifier must be 43 to 128 characters of `A–Z a–z 0–9 - . _ ~`
/// (`invalid_code_verifier`); the caller makes it from 32+ random bytes.
///
/// ```
/// // RFC 7636 appendix B.
/// assert_eq!(
///     qianming::oauth::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?,
///     "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
/// );
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn pkce_challenge(code_verifier: &str) -> Result<String> {
    let ok = (43..=128).contains(&code_verifier.len())
        && code_verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    if !ok {
        return Err(Error::new(
            ErrorKind::InvalidCodeVerifier,
            "the PKCE code verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~",
        ));
    }
    Ok(URL_SAFE_NO_PAD.encode(Sha256::digest(code_verifier.as_bytes())))
}

/// The URL to send the user's browser to:
/// `<base>/oauth2/authorize?client_id=…&redirect_uri=…&response_type=code[&state=…][&code_challenge=…&code_challenge_method=S256]`.
///
/// Every value is form-encoded ([`crate::encode::gateway_encode`]: `A–Z a–z 0–9 - _ . ~` kept, space
/// as `+`, everything else `%XX`), so `redirect_uri` arrives intact. `state` is the caller's
/// unguessable value (check it with [`parse_callback`]); `code_verifier`, when given, adds the
/// PKCE S256 challenge.
///
/// ```
/// let url = qianming::oauth::authorize_url(
///     "http://lcy.aidm.apusic.com:9080/api/apusic", "711983296695394304",
///     "http://127.0.0.1:8080/oauth_callback", Some("xyz"), None)?;
/// assert_eq!(url, "http://lcy.aidm.apusic.com:9080/api/apusic/oauth2/authorize?client_id=711983296695394304\
/// &redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth_callback&response_type=code&state=xyz");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn authorize_url(
    base_url: &str,
    client_id: &str,
    redirect_uri: &str,
    state: Option<&str>,
    code_verifier: Option<&str>,
) -> Result<String> {
    let base = http::base_url(base_url)?;
    require("client_id", client_id)?;
    require("redirect_uri", redirect_uri)?;
    let mut query = alloc::vec![
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("response_type", "code"),
    ];
    if let Some(state) = state {
        require("state", state)?;
        query.push(("state", state));
    }
    let challenge = code_verifier.map(pkce_challenge).transpose()?;
    if let Some(challenge) = &challenge {
        query.push(("code_challenge", challenge));
        query.push(("code_challenge_method", "S256"));
    }
    let mut url = format!("{base}{AUTHORIZE_PATH}");
    http::push_query(&mut url, &query)?;
    http::check_url(&url)?;
    Ok(url)
}

/// What the authorization server sent back to the redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Callback {
    /// The authorization code.
    pub code: String,
    /// The `state` the server echoed, if any.
    pub state: Option<String>,
}

/// Parses the callback URL (or its query string) the browser arrived with.
///
/// `expected_state` is the state sent with the authorize URL; it is required and must not be
/// empty (`invalid_field`): without it any callback, forged or not, would be accepted. The
/// callback's `state` must be present and equal to it (compared in constant time), else
/// `state_mismatch` — checked first, so a forged error callback is also refused. Then an `error` parameter gives `oauth_error` (the detail carries
/// `error` and `error_description`); a missing or empty `code` gives `missing_field`; `code`,
/// `state` or `error` given twice gives `invalid_field`. A fragment (`#…`) is ignored.
///
/// ```
/// let cb = qianming::oauth::parse_callback(
///     "http://127.0.0.1:8080/oauth_callback?code=586za9&state=xyz", "xyz")?;
/// assert_eq!(cb.code, "586za9");
/// let forged = qianming::oauth::parse_callback("/cb?code=1&state=abc", "xyz");
/// assert_eq!(forged.unwrap_err().kind().name(), "state_mismatch");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_callback(url_or_query: &str, expected_state: &str) -> Result<Callback> {
    if expected_state.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidField,
            "the expected state is empty: send an unguessable state with every authorize URL and check the callback against it",
        ));
    }
    limits::check_len(
        "the callback URL",
        url_or_query.len(),
        limits::MAX_URL_BYTES,
    )?;
    let without_fragment = url_or_query.split('#').next().unwrap_or_default();
    let query = match without_fragment.split_once('?') {
        Some((_, q)) => q,
        None if without_fragment.contains('=') => without_fragment,
        None => "",
    };
    let pairs = crate::query::parse_query(query)?;
    let single = |name: &str| -> Result<Option<&str>> {
        let mut found = pairs.iter().filter(|(n, _)| n == name);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(Error::new(
                ErrorKind::InvalidField,
                format!("the callback carries {name} more than once"),
            ));
        }
        Ok(first)
    };
    let state = single("state")?;
    let error = single("error")?;
    let code = single("code")?;
    let description = single("error_description")?;
    let matches = state.is_some_and(|s| constant_time_eq(s.as_bytes(), expected_state.as_bytes()));
    if !matches {
        return Err(Error::new(
            ErrorKind::StateMismatch,
            if state.is_some() {
                "the callback's state differs from the one sent"
            } else {
                "the callback has no state, but one was sent"
            },
        ));
    }
    if let Some(error) = error {
        return Err(oauth_error(error, description));
    }
    match code {
        Some(code) if !code.is_empty() => Ok(Callback {
            code: code.to_string(),
            state: state.map(ToString::to_string),
        }),
        _ => Err(Error::new(
            ErrorKind::MissingField,
            "the callback has no code",
        )),
    }
}

fn oauth_error(error: &str, description: Option<&str>) -> Error {
    let mut detail = format!("the OAuth server returned error {error:?}");
    if let Some(d) = description {
        detail.push_str(&format!(": {d:?}"));
    }
    Error::new(ErrorKind::OauthError, detail)
}

/// The token exchange: `POST <base>/oauth2/token?client_id=…&client_secret=…&redirect_uri=…&code=…[&code_verifier=…]`
/// with `Accept: application/json, application/x-www-form-urlencoded` and no body, as the
/// seed documents it (the vendor wants the secret in the query: keep such URLs out of logs).
///
/// ```
/// let req = qianming::oauth::token_request("http://sso/api/apusic", "R9ZyHNCNbZ", "sdfj",
///     "http://localifera.cn.com:9082/OauthDome/LoginCode", "34fdgdfgdfg", None)?;
/// assert_eq!(req.url, "http://sso/api/apusic/oauth2/token?client_id=R9ZyHNCNbZ&client_secret=sdfj\
/// &redirect_uri=http%3A%2F%2Flocalifera.cn.com%3A9082%2FOauthDome%2FLoginCode&code=34fdgdfgdfg");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_request(
    base_url: &str,
    client_id: &str,
    client_secret: &str,
    redirect_uri: &str,
    code: &str,
    code_verifier: Option<&str>,
) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    require("client_id", client_id)?;
    if client_secret.is_empty() {
        return Err(Error::new(
            ErrorKind::EmptySecret,
            "the client secret is empty",
        ));
    }
    require("redirect_uri", redirect_uri)?;
    require("code", code)?;
    let mut query = alloc::vec![
        ("client_id", client_id),
        ("client_secret", client_secret),
        ("redirect_uri", redirect_uri),
        ("code", code),
    ];
    if let Some(verifier) = code_verifier {
        pkce_challenge(verifier)?;
        query.push(("code_verifier", verifier));
    }
    let mut url = format!("{base}{TOKEN_PATH}");
    http::push_query(&mut url, &query)?;
    HttpRequest::new(Method::Post, url)?.with_header(
        "Accept",
        "application/json, application/x-www-form-urlencoded",
    )
}

/// An OAuth access token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccessToken {
    /// `access_token`.
    pub access_token: Secret,
    /// `expires` (or `expires_in`) as sent; the seed says the server uses it internally and
    /// documents no unit, so qianming does not turn it into a [`crate::token::Lifetime`].
    pub expires: Option<u64>,
}

/// Parses the token answer, form-encoded (`access_token=…&expires=…`, the seed) or JSON
/// (`{"access_token": …, "expires": …}`, seen in the wild).
///
/// An `error` field gives `oauth_error`; no `access_token` gives `missing_field`; an empty
/// token, a repeated field or an `expires` that is not a non-negative integer gives
/// `invalid_field`; an empty body, an HTML page or broken JSON gives `invalid_json`.
///
/// ```
/// use qianming::oauth::parse_token_answer;
/// let form = parse_token_answer(b"access_token=623239c3&expires=7200")?;
/// assert_eq!((form.access_token.expose(), form.expires), ("623239c3", Some(7200)));
/// let json = parse_token_answer(br#"{"access_token":"623239c3","expires":7200}"#)?;
/// assert_eq!(json, form);
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_token_answer(body: &[u8]) -> Result<AccessToken> {
    const WHAT: &str = "the OAuth token answer";
    let trimmed = json::trimmed(WHAT, body)?;
    match trimmed.first() {
        Some(b'{' | b'[' | b'<') | None => {
            let object = json::parse_object(WHAT, body)?;
            if let Some(error) = json::get(&object, "error") {
                let error = error
                    .as_str()
                    .map_or_else(|| json::canonical_text(error), String::from);
                let description = json::opt_str(&object, WHAT, "error_description")?;
                return Err(oauth_error(&error, description));
            }
            let token = json::req_token(&object, WHAT, "access_token")?;
            let expires = match json::get(&object, "expires").or(json::get(&object, "expires_in")) {
                None => None,
                Some(Value::String(s)) => Some(parse_expires(s)?),
                Some(v) => Some(v.as_u64().ok_or_else(bad_expires)?),
            };
            Ok(AccessToken {
                access_token: Secret::new(token),
                expires,
            })
        }
        Some(_) => {
            let text = core::str::from_utf8(trimmed).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidUnicode,
                    "the OAuth token answer is not UTF-8",
                )
            })?;
            if text
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
                || text.split('&').any(|part| !part.contains('='))
            {
                return Err(Error::new(
                    ErrorKind::InvalidJson,
                    "the OAuth token answer is neither JSON nor a form (name=value&…)",
                ));
            }
            let pairs = crate::query::parse_query(text)?;
            let single = |name: &str| -> Result<Option<&str>> {
                let mut found = pairs.iter().filter(|(n, _)| n == name);
                let first = found.next().map(|(_, v)| v.as_str());
                if found.next().is_some() {
                    return Err(Error::new(
                        ErrorKind::InvalidField,
                        format!("{WHAT} carries {name} more than once"),
                    ));
                }
                Ok(first)
            };
            if let Some(error) = single("error")? {
                return Err(oauth_error(error, single("error_description")?));
            }
            let token = single("access_token")?.ok_or_else(|| {
                Error::new(
                    ErrorKind::MissingField,
                    "the OAuth token answer has no access_token",
                )
            })?;
            if token.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidField,
                    "the access_token of the OAuth token answer is empty",
                ));
            }
            let expires = match single("expires")? {
                Some(e) => Some(parse_expires(e)?),
                None => single("expires_in")?.map(parse_expires).transpose()?,
            };
            Ok(AccessToken {
                access_token: Secret::new(token),
                expires,
            })
        }
    }
}

fn bad_expires() -> Error {
    Error::new(
        ErrorKind::InvalidField,
        "expires of the OAuth token answer is not a non-negative integer that fits in 64 bits",
    )
}

fn parse_expires(text: &str) -> Result<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_expires());
    }
    text.parse().map_err(|_| bad_expires())
}

/// `GET <base>/v1.0/oauth2/userinfo?access_token=…` with `Accept: application/json`.
///
/// ```
/// let req = qianming::oauth::userinfo_request("http://sso/api/apusic", "R9ZyHNCNbZ")?;
/// assert_eq!(req.url, "http://sso/api/apusic/v1.0/oauth2/userinfo?access_token=R9ZyHNCNbZ");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn userinfo_request(base_url: &str, access_token: &str) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    require("access_token", access_token)?;
    let mut url = format!("{base}{USERINFO_PATH}");
    http::push_query(&mut url, &[("access_token", access_token)])?;
    HttpRequest::new(Method::Get, url)?.with_header("Accept", "application/json")
}

/// The user the SSO server vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserInfo {
    /// `id`: the user's account in this application (a string, or a number kept as its text).
    pub id: String,
    /// The `attributes` list flattened into (name, value) pairs: the list's order, and within
    /// one object its names in byte order. A value that is not a string is kept as compact JSON
    /// text with object keys in byte order.
    pub attributes: Vec<(String, String)>,
}

/// Parses the user info answer `{"id": …, "attributes": [{"IDPEmail": "…"}, …]}`.
///
/// An empty body gives `account_not_bound` (the SSO user has no account in this
/// application); `{"error": "expired_accessToken"}` gives `token_expired`; any other `error`
/// gives `oauth_error`; no `id` gives `missing_field`; an `attributes` that is not a list of
/// objects gives `invalid_field`; more than [`limits::MAX_USER_ATTRIBUTES`] attributes give
/// `input_too_large`.
///
/// ```
/// use qianming::oauth::parse_userinfo_answer;
/// let user = parse_userinfo_answer(br#"{ "id": "10138640", "attributes": [{"IDPEmail": "10138640"}] }"#)?;
/// assert_eq!(user.attributes, vec![("IDPEmail".into(), "10138640".into())]);
/// assert_eq!(parse_userinfo_answer(b"").unwrap_err().kind().name(), "account_not_bound");
/// assert_eq!(parse_userinfo_answer(br#"{"error":"expired_accessToken"}"#).unwrap_err().kind().name(), "token_expired");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_userinfo_answer(body: &[u8]) -> Result<UserInfo> {
    const WHAT: &str = "the OAuth user info answer";
    if json::trimmed(WHAT, body)?.is_empty() {
        return Err(Error::new(
            ErrorKind::AccountNotBound,
            "the user info answer is empty: the SSO user is not bound to an account of this application",
        ));
    }
    let object = json::parse_object(WHAT, body)?;
    if let Some(error) = json::get(&object, "error") {
        return Err(match error.as_str() {
            Some(EXPIRED_ACCESS_TOKEN) => Error::new(
                ErrorKind::TokenExpired,
                "the access token has expired (expired_accessToken)",
            ),
            Some(other) => oauth_error(other, json::opt_str(&object, WHAT, "error_description")?),
            None => oauth_error(&json::canonical_text(error), None),
        });
    }
    let id = json::opt_code(&object, WHAT, "id")?
        .ok_or_else(|| Error::new(ErrorKind::MissingField, "the user info answer has no id"))?;
    if id.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidField,
            "the user info id is empty",
        ));
    }
    let mut attributes = Vec::new();
    let not_list = || {
        Error::new(
            ErrorKind::InvalidField,
            "attributes of the user info answer is not a list of objects",
        )
    };
    match json::get(&object, "attributes") {
        None => {}
        Some(Value::Array(items)) => {
            for item in items {
                let Value::Object(map) = item else {
                    return Err(not_list());
                };
                // Names in byte order within each object: the order a JSON object iterates in.
                for (name, value) in map.iter() {
                    limits::check_len(
                        "the number of user attributes",
                        attributes.len() + 1,
                        limits::MAX_USER_ATTRIBUTES,
                    )?;
                    let value = match value {
                        Value::String(s) => s.clone(),
                        other => json::canonical_text(other),
                    };
                    attributes.push((name.clone(), value));
                }
            }
        }
        Some(_) => return Err(not_list()),
    }
    Ok(UserInfo { id, attributes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_verifier_bounds() {
        let ok = "a".repeat(43);
        assert!(pkce_challenge(&ok).is_ok());
        assert!(pkce_challenge(&"a".repeat(128)).is_ok());
        for bad in [
            "a".repeat(42),
            "a".repeat(129),
            format!("{}+", "a".repeat(42)),
        ] {
            assert_eq!(
                pkce_challenge(&bad).map_err(|e| e.kind()),
                Err(ErrorKind::InvalidCodeVerifier)
            );
        }
    }
}
