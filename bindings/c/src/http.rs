//! What the sans-IO builders and parsers share: a request to send (`qm_http_request`), a
//! vendor refusal (`qm_refusal`), token lifetimes and the token action, optional numbers,
//! plus `qm_percent_decode` and `qm_last_error_message`.

use crate::boundary::{record_detail, with_last_detail};
use crate::output::{optional_out, out, qm_header, qm_str, Out, OutBuffer};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::http::HttpRequest;
use qianming::token::{Answer, Lifetime, Refusal, TokenAction};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The most headers a `qm_http_request` holds. Every builder of the core sends at most ten
/// (`qm_k3cloud_request`); a core that sent more would make the call fail with
/// `QM_STATUS_UNKNOWN_ERROR`.
pub const QM_HTTP_MAX_HEADERS: usize = 12;

/// A number that may be absent.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct qm_opt_u64 {
    /// Whether `value` is meaningful.
    pub present: bool,
    /// The value (0 when absent).
    pub value: u64,
}

impl From<Option<u64>> for qm_opt_u64 {
    fn from(value: Option<u64>) -> Self {
        qm_opt_u64 {
            present: value.is_some(),
            value: value.unwrap_or_default(),
        }
    }
}

/// A yes/no that may be absent.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct qm_opt_bool {
    /// Whether `value` is meaningful.
    pub present: bool,
    /// The value (false when absent).
    pub value: bool,
}

impl From<Option<bool>> for qm_opt_bool {
    fn from(value: Option<bool>) -> Self {
        qm_opt_bool {
            present: value.is_some(),
            value: value.unwrap_or_default(),
        }
    }
}

/// When a token (and optionally its refresh token) stops being good, in milliseconds since
/// the epoch: the token is good strictly before `expires_at_ms`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct qm_lifetime {
    /// The access token is good strictly before this instant (ms).
    pub expires_at_ms: u64,
    /// The refresh token is good strictly before this instant (ms); absent: no refresh token.
    pub refresh_expires_at_ms: qm_opt_u64,
}

impl From<Lifetime> for qm_lifetime {
    fn from(life: Lifetime) -> Self {
        qm_lifetime {
            expires_at_ms: life.expires_at_ms,
            refresh_expires_at_ms: life.refresh_expires_at_ms.into(),
        }
    }
}

impl From<qm_lifetime> for Lifetime {
    fn from(life: qm_lifetime) -> Self {
        let base = Lifetime::from_lifetime(life.expires_at_ms, 0);
        if life.refresh_expires_at_ms.present {
            base.with_refresh_until(life.refresh_expires_at_ms.value)
        } else {
            base
        }
    }
}

/// A request for any HTTP client to send, as built by a `*_request` function; every text is
/// a view into the caller's buffer. The request carries credentials: log it with care.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_http_request {
    /// The upper-case method, e.g. `POST`.
    pub method: qm_str,
    /// The absolute URL, percent-encoded, visible ASCII only.
    pub url: qm_str,
    /// How many of `headers` are set.
    pub header_count: usize,
    /// The headers to send, in order (names as spelled); the first `header_count` are set.
    pub headers: [qm_header; QM_HTTP_MAX_HEADERS],
    /// The body; `body.ptr` is NULL when the request has no body (an empty body has a
    /// non-NULL `ptr` and `len` 0).
    pub body: qm_str,
}

/// A vendor refusal: a well-formed answer in which the server said no. Texts are views into
/// the caller's buffer; an absent text has a NULL `ptr`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_refusal {
    /// True when the server refused (the call then returns `status`); false after a
    /// successful parse.
    pub refused: bool,
    /// The kind the vendor's code or message maps to (`QM_STATUS_VENDOR_ERROR` when nothing
    /// more specific fits); `QM_STATUS_OK` when not refused.
    pub status: qm_status,
    /// The vendor's code as text (Kingdee `errcode`, Apusic `exit_code`, edge gateway
    /// `code`), or absent.
    pub code: qm_str,
    /// The vendor's message (Kingdee `description`, Weaver `msg`, Apusic `message`).
    pub message: qm_str,
    /// The Weaver `batchkey`, or absent.
    pub batchkey: qm_str,
}

impl qm_refusal {
    const GRANTED: qm_refusal = qm_refusal {
        refused: false,
        status: qm_status::Ok,
        code: qm_str::EMPTY,
        message: qm_str::EMPTY,
        batchkey: qm_str::EMPTY,
    };
}

/// What to do with a token now (`qm_lifetime_action`'s answer).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum qm_token_action {
    /// The token is good for longer than the skew margin: use it.
    Reuse = 0,
    /// The token is (nearly) expired but the refresh token is still good: refresh.
    Refresh = 1,
    /// Nothing is good any more (or there is no refresh token): log in again.
    LoginAgain = 2,
}

/// The texts of a request, in the order `write_request` lays them out.
fn request_parts<'a>(
    request: &'a HttpRequest,
    extra: &[&'a str],
) -> Result<Vec<Option<&'a str>>, qm_status> {
    if request.headers.len() > QM_HTTP_MAX_HEADERS {
        record_detail("the core built a request with more headers than QM_HTTP_MAX_HEADERS");
        return Err(qm_status::UnknownError);
    }
    let mut parts = Vec::with_capacity(3 + 2 * request.headers.len() + extra.len());
    parts.push(Some(request.method.as_str()));
    parts.push(Some(request.url.as_str()));
    for (name, value) in &request.headers {
        parts.push(Some(name.as_str()));
        parts.push(Some(value.as_str()));
    }
    parts.push(request.body.as_deref());
    parts.extend(extra.iter().map(|e| Some(*e)));
    Ok(parts)
}

/// Writes `request` and then `extra` texts into the caller's buffer; returns the request
/// views and the views of `extra`.
pub(crate) fn write_request(
    out: OutBuffer,
    request: &HttpRequest,
    extra: &[&str],
) -> Result<(qm_http_request, Vec<qm_str>), qm_status> {
    let parts = request_parts(request, extra)?;
    let mut views = vec![qm_str::EMPTY; parts.len()];
    out.write_optional(&parts, &mut views)?;
    let n = request.headers.len();
    let mut headers = [qm_header::EMPTY; QM_HTTP_MAX_HEADERS];
    for (i, header) in headers.iter_mut().enumerate().take(n) {
        *header = qm_header {
            name: views[2 + 2 * i],
            value: views[3 + 2 * i],
        };
    }
    let http = qm_http_request {
        method: views[0],
        url: views[1],
        header_count: n,
        headers,
        body: views[2 + 2 * n],
    };
    Ok((http, views.split_off(3 + 2 * n)))
}

/// Writes a built request to `*out_request`.
pub(crate) fn finish_request(
    built: Result<HttpRequest, qianming::Error>,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let (http, _) = write_request(out, &built?, &[])?;
    out_request.write(http)
}

/// Where a parsed answer goes: the token struct, and the refusal struct when the caller gave
/// one (the `out_token, out_refusal` arguments of every answer parser that may see a vendor
/// refusal).
pub(crate) struct AnswerOut<P> {
    token: Out<P>,
    refusal: Option<Out<qm_refusal>>,
}

/// Takes the outputs of an answer parser: `out_token` must not be NULL (checked before any
/// work), `out_refusal` may be.
///
/// # Safety
/// Unless NULL, each pointer must point to a writable value for the duration of the call.
pub(crate) unsafe fn answer_out<P>(
    out_token: *mut P,
    out_refusal: *mut qm_refusal,
) -> Result<AnswerOut<P>, qm_status> {
    // SAFETY: forwarded caller contract.
    let (token, refusal) = unsafe { (out(out_token)?, optional_out(out_refusal)?) };
    Ok(AnswerOut { token, refusal })
}

impl<P> AnswerOut<P> {
    /// The end of every answer parser that may see a vendor refusal. On `Granted`, `granted`
    /// writes the token's texts and returns the struct for `*out_token`; on `Refused`, the
    /// refusal goes to `*out_refusal` (when given) and the call fails with the refusal's kind
    /// (its detail recorded for `qm_last_error_message`).
    pub(crate) fn write<T>(
        self,
        parsed: Result<Answer<T>, qianming::Error>,
        out: OutBuffer,
        granted: impl FnOnce(T, OutBuffer) -> Result<P, qm_status>,
    ) -> Result<(), qm_status> {
        match parsed? {
            Answer::Granted(token) => {
                self.token.write(granted(token, out)?)?;
                match self.refusal {
                    Some(out_refusal) => out_refusal.write(qm_refusal::GRANTED),
                    None => Ok(()),
                }
            }
            Answer::Refused(refusal) => {
                let status = qm_status::from(refusal.kind);
                if let Some(out_refusal) = self.refusal {
                    write_refusal(&refusal, status, out_refusal, out)?;
                }
                Err(qm_status::from(qianming::Error::from(refusal)))
            }
        }
    }
}

fn write_refusal(
    refusal: &Refusal,
    status: qm_status,
    out_refusal: Out<qm_refusal>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let [code, message, batchkey] = out.write_optional_parts([
        refusal.code.as_deref(),
        Some(refusal.message.as_str()),
        refusal.batchkey.as_deref(),
    ])?;
    out_refusal.write(qm_refusal {
        refused: true,
        status,
        code,
        message,
        batchkey,
    })
}

/// The body of `qm_lifetime_from_duration`.
fn lifetime_from_duration(
    issued_at_ms: u64,
    lifetime_ms: u64,
    out_lifetime: Out<qm_lifetime>,
) -> Result<(), qm_status> {
    out_lifetime.write(Lifetime::from_lifetime(issued_at_ms, lifetime_ms).into())
}

/// The body of `qm_lifetime_from_exp_seconds`.
fn lifetime_from_exp_seconds(exp_s: u64, out_lifetime: Out<qm_lifetime>) -> Result<(), qm_status> {
    out_lifetime.write(Lifetime::from_exp_seconds(exp_s).into())
}

/// The body of `qm_lifetime_set_refresh`.
fn lifetime_set_refresh(
    lifetime: &mut qm_lifetime,
    refresh_expires_at: u64,
    in_seconds: bool,
) -> Result<(), qm_status> {
    let life = Lifetime::from(*lifetime);
    let life = if in_seconds {
        life.with_refresh_exp_seconds(refresh_expires_at)
    } else {
        life.with_refresh_until(refresh_expires_at)
    };
    *lifetime = life.into();
    Ok(())
}

/// The body of `qm_lifetime_action`.
fn lifetime_action(
    life: &qm_lifetime,
    now_ms: u64,
    skew_ms: u64,
    out_action: Out<u32>,
) -> Result<(), qm_status> {
    let action = match Lifetime::from(*life).action(now_ms, skew_ms) {
        TokenAction::Reuse => qm_token_action::Reuse,
        TokenAction::Refresh => qm_token_action::Refresh,
        _ => qm_token_action::LoginAgain,
    };
    out_action.write(action as u32)
}

/// The core's action for a `qm_token_action` value and its name as a C string (the literals
/// are checked against the core's `TokenAction::name` in the tests).
fn action_name(action: u32) -> Option<(TokenAction, &'static core::ffi::CStr)> {
    Some(match action {
        0 => (TokenAction::Reuse, c"reuse"),
        1 => (TokenAction::Refresh, c"refresh"),
        2 => (TokenAction::LoginAgain, c"login_again"),
        _ => return None,
    })
}

/// The body of `qm_token_action_name`.
fn token_action_name(action: u32) -> *const c_char {
    match action_name(action) {
        Some((_, name)) => name.as_ptr(),
        None => c"unknown_action".as_ptr(),
    }
}

/// The body of `qm_percent_decode`.
fn percent_decode(input: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&qianming::encode::percent_decode(input)?)
}

/// The body of `qm_last_error_message`, outside the boundary.
///
/// # Safety
/// As for `qm_last_error_message`.
unsafe fn last_error_message(buf: *mut c_char, buf_cap: usize, out_len: *mut usize) -> qm_status {
    // Not behind `guard`: this call must not record its own failures.
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller's contract for `buf` and `out_len`.
        let out = match unsafe { crate::output::buffer(buf, buf_cap, out_len) } {
            Ok(out) => out,
            Err(status) => return status,
        };
        match with_last_detail(|detail| out.write(detail)) {
            Ok(()) => qm_status::Ok,
            Err(status) => status,
        }
    }))
    .unwrap_or(qm_status::Panic)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/http.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_the_cores() {
        for n in 0..3 {
            let (action, name) = action_name(n).expect("known");
            assert_eq!(name.to_str(), Ok(action.name()));
        }
        assert!(action_name(3).is_none());
    }
}
