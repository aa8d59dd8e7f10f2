//! Kingdee K3Cloud (金蝶云星空) WebAPI: the AppID's gateway credentials, the signed headers of a
//! WebAPI call, the logins and their answer, the session headers (docs/spec/k3cloud.md). The
//! identity (account, user, AppID, AppSecret, locale, organisation) goes with every call.

use crate::boundary::record_detail;
use crate::http::AnswerOut;
use crate::http::{finish_request, qm_http_request, qm_opt_bool};
use crate::output::Items;
use crate::output::Out;
use crate::output::OutBuffer;
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};

/// The locale of the SDKs' examples, simplified Chinese: what `lcid` 0 stands for.
pub const QM_K3CLOUD_DEFAULT_LCID: u32 = 2052;
const _: () = assert!(QM_K3CLOUD_DEFAULT_LCID == k3cloud::DEFAULT_LCID);

/// The body of `qm_k3cloud_default_lcid`.
fn default_lcid() -> u32 {
    QM_K3CLOUD_DEFAULT_LCID
}

/// The number of headers of a signed K3Cloud call (`qm_k3cloud_signed_headers.headers`).
pub const QM_K3CLOUD_SIGNED_HEADER_COUNT: usize = 9;

/// What an AppID carries for the API gateway; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_k3cloud_gateway_credentials_parts {
    /// The part before `_`: `X-Api-ClientID`.
    pub client_id: qm_str,
    /// The unmasked gateway secret (Base64 text; its bytes are the HMAC key of
    /// `X-Api-Signature`). Secret: wipe the buffer when done.
    pub gateway_secret: qm_str,
}

/// The signed headers of a K3Cloud WebAPI `POST` with the texts they are made of; views into
/// the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_k3cloud_signed_headers {
    /// The timestamp (and nonce) as sent, in the unit asked for.
    pub timestamp: qm_str,
    /// The string the gateway signature covers (every line ends with `\n`).
    pub string_to_sign: qm_str,
    /// `X-Api-Signature`.
    pub api_signature: qm_str,
    /// `acctID,user,lcid,orgNum` before Base64 (`X-Kd-Appdata` carries its Base64).
    pub app_data: qm_str,
    /// `X-Kd-Signature`.
    pub kd_signature: qm_str,
    /// The headers to send, in order: `X-Api-ClientID`, `X-Api-Auth-Version`,
    /// `x-api-timestamp`, `x-api-nonce`, `x-api-signheaders`, `X-Api-Signature`,
    /// `X-Kd-Appkey`, `X-Kd-Appdata`, `X-Kd-Signature`.
    pub headers: [qm_header; QM_K3CLOUD_SIGNED_HEADER_COUNT],
}

/// A K3Cloud session from a granted login answer; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_k3cloud_session {
    /// `KDSVCSessionId`: send it with `qm_k3cloud_session_headers`. Secret: wipe the buffer
    /// when done.
    pub session_id: qm_str,
    /// `Message`, or absent (NULL `ptr`).
    pub message: qm_str,
    /// `IsSuccessByAPI`, if present.
    pub is_success_by_api: qm_opt_bool,
}

/// The identity of a call, as the core checks it (`Identity::new`, `with_lcid`,
/// `with_org_num`): `lcid` 0 is the core's default locale, no `org_num` its default `"0"`.
fn identity(
    [acct_id, user_name, app_id, app_secret]: [&str; 4],
    lcid: u32,
    org_num: Option<&str>,
) -> Result<Identity, qm_status> {
    let id = Identity::new(acct_id, user_name, app_id, app_secret)?;
    let id = if lcid == 0 { id } else { id.with_lcid(lcid) };
    Ok(match org_num {
        Some(org_num) => id.with_org_num(org_num)?,
        None => id,
    })
}

/// The body of `qm_k3cloud_gateway_credentials`.
fn gateway_credentials(
    app_id: &str,
    out_parts: Out<qm_k3cloud_gateway_credentials_parts>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let credentials = k3cloud::gateway_credentials(app_id)?;
    let [client_id, gateway_secret] =
        out.write_parts([&credentials.client_id, credentials.gateway_secret.expose()])?;
    out_parts.write(qm_k3cloud_gateway_credentials_parts {
        client_id,
        gateway_secret,
    })
}

/// The body of `qm_k3cloud_sign`.
fn sign(
    account: [&str; 4],
    lcid: u32,
    org_num: Option<&str>,
    url: &str,
    unit: &str,
    timestamp_ms: u64,
    out_signed: Out<qm_k3cloud_signed_headers>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let id = identity(account, lcid, org_num)?;
    let signed = id.sign(url, TimestampUnit::parse(unit)?, timestamp_ms)?;
    if signed.headers.len() != QM_K3CLOUD_SIGNED_HEADER_COUNT {
        record_detail(
            "the core signed another number of headers than QM_K3CLOUD_SIGNED_HEADER_COUNT",
        );
        return Err(qm_status::UnknownError);
    }
    let mut parts = vec![
        Some(signed.timestamp.as_str()),
        Some(&signed.string_to_sign),
        Some(&signed.api_signature),
        Some(&signed.app_data),
        Some(&signed.kd_signature),
    ];
    for (name, value) in &signed.headers {
        parts.extend([Some(name.as_str()), Some(value.as_str())]);
    }
    let mut views = vec![qm_str::EMPTY; parts.len()];
    out.write_optional(&parts, &mut views)?;
    let mut headers = [qm_header::EMPTY; QM_K3CLOUD_SIGNED_HEADER_COUNT];
    for (i, header) in headers.iter_mut().enumerate() {
        *header = qm_header {
            name: views[5 + 2 * i],
            value: views[6 + 2 * i],
        };
    }
    out_signed.write(qm_k3cloud_signed_headers {
        timestamp: views[0],
        string_to_sign: views[1],
        api_signature: views[2],
        app_data: views[3],
        kd_signature: views[4],
        headers,
    })
}

/// The body of `qm_k3cloud_request`.
fn request(
    account: [&str; 4],
    lcid: u32,
    org_num: Option<&str>,
    url: &str,
    body: &str,
    unit: &str,
    timestamp_ms: u64,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let id = identity(account, lcid, org_num)?;
    let built = id.request(url, body, TimestampUnit::parse(unit)?, timestamp_ms);
    finish_request(built, out_request, out)
}

/// The body of `qm_k3cloud_login_sign`.
fn login_sign(
    [acct_id, user_name, app_id, app_secret]: [&str; 4],
    timestamp_s: u64,
    hash: &str,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let hash = LoginHash::parse(hash)?;
    out.write(&k3cloud::login_sign(
        acct_id,
        user_name,
        app_id,
        app_secret,
        timestamp_s,
        hash,
    )?)
}

/// The body of `qm_k3cloud_login_by_sign_request`.
fn login_by_sign_request(
    server_url: &str,
    account: [&str; 4],
    lcid: u32,
    timestamp_s: u64,
    hash: &str,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let hash = LoginHash::parse(hash)?;
    let id = identity(account, lcid, None)?;
    let built = id.login_by_sign_request(server_url, timestamp_s, hash);
    finish_request(built, out_request, out)
}

/// The body of `qm_k3cloud_login_by_app_secret_request`.
fn login_by_app_secret_request(
    server_url: &str,
    account: [&str; 4],
    lcid: u32,
    out_request: Out<qm_http_request>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let id = identity(account, lcid, None)?;
    finish_request(id.login_by_app_secret_request(server_url), out_request, out)
}

/// The body of `qm_k3cloud_parse_login_answer`.
fn parse_login_answer(
    body: &[u8],
    answer_to: AnswerOut<qm_k3cloud_session>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    answer_to.write(k3cloud::parse_login_answer(body), out, |session, out| {
        let [session_id, message] = out.write_optional_parts([
            Some(session.session_id.expose()),
            session.message.as_deref(),
        ])?;
        Ok(qm_k3cloud_session {
            session_id,
            message,
            is_success_by_api: session.is_success_by_api.into(),
        })
    })
}

/// The body of `qm_k3cloud_session_headers`.
fn session_headers(session_id: &str, out_headers: Items, out: OutBuffer) -> Result<(), qm_status> {
    out.write_pairs(&k3cloud::session_headers(session_id)?, out_headers)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/k3cloud.rs"));
