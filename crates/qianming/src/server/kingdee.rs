//! The Kingdee gateway's answers (seed 001; docs/spec/kingdee.md#app-token-answer).

use crate::error::{Error, ErrorKind, Result};
use crate::json::push_string;
use crate::secret::constant_time_eq;
use alloc::format;
use alloc::string::String;

/// The HTTP status the gateway answers when a request signature does not verify.
pub const SIGNATURE_REFUSED_STATUS: u16 = 519;

/// The gateway's refusals: the `errcode` and `description` an emulator sends for each. Only
/// HTTP 519 and `授权密钥校验失败` come from the sources; the codes are the emulator's own,
/// stable choice (docs/spec/emulator.md#kingdee).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The `X-Api-ClientID` is not a known client.
    UnknownClient,
    /// The request signature does not verify (any signature, time or replay refusal).
    Signature,
    /// The `app_key` is unknown or its `app_signature` is wrong: `授权密钥校验失败`.
    AppSecret,
    /// A business call without a valid, unexpired `app-token`.
    AppToken,
}

impl Refusal {
    /// The HTTP status, the `errcode` and the `description`.
    pub const fn parts(self) -> (u16, u32, &'static str) {
        match self {
            Refusal::UnknownClient => (SIGNATURE_REFUSED_STATUS, 1001, "clientId不存在"),
            Refusal::Signature => (SIGNATURE_REFUSED_STATUS, 1002, "签名验证失败"),
            Refusal::AppSecret => (200, 1003, "授权密钥校验失败"),
            Refusal::AppToken => (200, 1004, "app-token无效或已过期"),
        }
    }

    /// The answer body: `{"errcode":…,"description":"…"}`.
    pub fn body(self) -> String {
        let (_, errcode, description) = self.parts();
        let mut out = format!("{{\"errcode\":{errcode},\"description\":");
        push_string(&mut out, description);
        out.push('}');
        out
    }
}

/// The app-token answer: `{"errcode":0,"description":"成功","data":{"uid":…,"app-token":"…"}}`.
///
/// ```
/// let body = qianming::server::kingdee::token_answer(700123, "1643270aa");
/// let token = qianming::kingdee::parse_token_answer(body.as_bytes(), 0)?.into_result()?;
/// assert_eq!((token.app_token.expose(), token.uid.as_deref()), ("1643270aa", Some("700123")));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_answer(uid: u64, app_token: &str) -> String {
    let mut out =
        format!("{{\"errcode\":0,\"description\":\"成功\",\"data\":{{\"uid\":{uid},\"app-token\":");
    push_string(&mut out, app_token);
    out.push_str("}}");
    out
}

/// A business answer whose `data` is an object of string fields:
/// `{"errcode":0,"description":"成功","data":{"name":"value",…}}`.
pub fn business_answer(fields: &[(&str, &str)]) -> String {
    let mut out = String::from("{\"errcode\":0,\"description\":\"成功\",\"data\":{");
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(&mut out, name);
        out.push(':');
        push_string(&mut out, value);
    }
    out.push_str("}}");
    out
}

/// Checks a received `app_signature` against `app_key` and `app_secret`, in constant time:
/// `signature_mismatch` when it differs.
pub fn check_app_signature(app_key: &str, app_secret: &str, received: &str) -> Result<()> {
    let expected = crate::kingdee::app_signature(app_key, app_secret)?;
    if constant_time_eq(expected.as_bytes(), received.as_bytes()) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::SignatureMismatch,
            "the app_signature was not made with this app_key and app_secret",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::error::{Error, ErrorKind, Result};
    use crate::kingdee::parse_token_answer;

    #[test]
    fn refusals_read_back_as_vendor_errors() -> Result<()> {
        for r in [
            Refusal::UnknownClient,
            Refusal::Signature,
            Refusal::AppSecret,
            Refusal::AppToken,
        ] {
            let err = parse_token_answer(r.body().as_bytes(), 0)
                .and_then(|a| a.into_result())
                .err()
                .ok_or_else(|| Error::new(ErrorKind::InvalidField, "expected an error"))?;
            assert_eq!(err.kind(), ErrorKind::VendorError, "{r:?}");
            assert!(err.detail().contains(r.parts().2));
        }
        Ok(())
    }

    #[test]
    fn app_signature_is_checked() -> Result<()> {
        let seed = "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==";
        assert!(check_app_signature("abc", "abc123", seed).is_ok());
        let err = check_app_signature("abc", "abc124", seed)
            .err()
            .ok_or_else(|| Error::new(ErrorKind::InvalidField, "expected an error"))?;
        assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
        assert!(check_app_signature("abc", "abc123", "").is_err());
        Ok(())
    }

    #[test]
    fn token_answer_escapes_the_token() -> Result<()> {
        let body = token_answer(1, "a\"b");
        let token = parse_token_answer(body.as_bytes(), 5)?.into_result()?;
        assert_eq!(token.app_token.expose(), "a\"b");
        Ok(())
    }
}
