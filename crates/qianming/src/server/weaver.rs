//! The Weaver token endpoint's answers (seed 002 §5; docs/spec/weaver.md#token-answer).

use crate::error::ErrorKind;
use crate::json::push_string;
use alloc::format;
use alloc::string::String;

/// The `batchkey` of an answer, as the seed's: `amoy_token_auth_<ms>_<suffix>` (the caller
/// brings four random characters).
pub fn batchkey(now_ms: u64, suffix: &str) -> String {
    format!("amoy_token_auth_{now_ms}_{suffix}")
}

/// The granted answer: `{"batchkey":…,"msg":"获取成功!","status":true,"token":…}`.
///
/// ```
/// use qianming::server::weaver;
/// let body = weaver::token_answer(&weaver::batchkey(1742369234096, "vvkm"), "fdca51c0");
/// let token = qianming::weaver::parse_token_answer(body.as_bytes(), 0)?.into_result()?;
/// assert_eq!(token.token.expose(), "fdca51c0");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn token_answer(batchkey: &str, token: &str) -> String {
    let mut out = String::from("{\"batchkey\":");
    push_string(&mut out, batchkey);
    out.push_str(",\"msg\":\"获取成功!\",\"status\":true,\"token\":");
    push_string(&mut out, token);
    out.push('}');
    out
}

/// The seed's message for a refusal of `kind` (what the verifier returned; an unknown appid is
/// `sign_mismatch`): `签名解密异常,请确认!!!`, `appid或sign参数值异常!!!`, `签名已过期,请确认!!!`,
/// `禁用重复签名获取token,请确认!!!`, `应用标识appid==>>…已被禁用,请联系管理员!!!`. Any other kind
/// (a sign too long, …) gets the undecryptable message, as the server cannot read it either.
pub fn refusal_message(kind: ErrorKind, appid: &str) -> String {
    match kind {
        ErrorKind::MalformedSign | ErrorKind::SignMismatch => "appid或sign参数值异常!!!".into(),
        ErrorKind::Expired | ErrorKind::FutureTimestamp | ErrorKind::InvalidTimestamp => {
            "签名已过期,请确认!!!".into()
        }
        ErrorKind::Replayed => "禁用重复签名获取token,请确认!!!".into(),
        ErrorKind::AppidDisabled => format!("应用标识appid==>>{appid}已被禁用,请联系管理员!!!"),
        _ => "签名解密异常,请确认!!!".into(),
    }
}

/// The refused answer: `{"batchkey":…,"msg":…,"status":false}` with [`refusal_message`].
pub fn refusal(batchkey: &str, kind: ErrorKind, appid: &str) -> String {
    let mut out = String::from("{\"batchkey\":");
    push_string(&mut out, batchkey);
    out.push_str(",\"msg\":");
    push_string(&mut out, &refusal_message(kind, appid));
    out.push_str(",\"status\":false}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::error::{Error, ErrorKind, Result};
    use crate::weaver::parse_token_answer;

    #[test]
    fn each_refusal_reads_back_as_its_kind() -> Result<()> {
        let cases = [
            (ErrorKind::Undecryptable, ErrorKind::Undecryptable),
            (ErrorKind::MalformedSign, ErrorKind::SignMismatch),
            (ErrorKind::SignMismatch, ErrorKind::SignMismatch),
            (ErrorKind::Expired, ErrorKind::Expired),
            (ErrorKind::FutureTimestamp, ErrorKind::Expired),
            (ErrorKind::Replayed, ErrorKind::Replayed),
            (ErrorKind::AppidDisabled, ErrorKind::AppidDisabled),
            (ErrorKind::InputTooLarge, ErrorKind::Undecryptable),
        ];
        for (sent, read) in cases {
            let body = refusal(&batchkey(1, "abcd"), sent, "weaverappid");
            let err = parse_token_answer(body.as_bytes(), 0)?
                .into_result()
                .err()
                .ok_or_else(|| Error::new(ErrorKind::InvalidField, "expected an error"))?;
            assert_eq!(err.kind(), read, "{sent:?}");
        }
        assert!(refusal_message(ErrorKind::AppidDisabled, "x1").contains("x1已被禁用"));
        Ok(())
    }
}
