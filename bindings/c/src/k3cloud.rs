//! Kingdee K3Cloud (金蝶云星空) WebAPI: the AppID's gateway credentials, the signed headers of a
//! WebAPI call, the logins and their answer, the session headers (docs/spec/k3cloud.md). The
//! identity (account, user, AppID, AppSecret, locale, organisation) goes with every call.

use crate::boundary::{ffi_fn, record_detail};
use crate::http::{finish_request, qm_http_request, qm_opt_bool, qm_refusal};
use crate::output::{qm_header, qm_str};
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::k3cloud::{self, Identity, LoginHash, TimestampUnit};

/// The locale of the SDKs' examples, simplified Chinese: what `lcid` 0 stands for.
pub const QM_K3CLOUD_DEFAULT_LCID: u32 = 2052;
const _: () = assert!(QM_K3CLOUD_DEFAULT_LCID == k3cloud::DEFAULT_LCID);

/// `QM_K3CLOUD_DEFAULT_LCID` as a function, for bindings that cannot read C macros (JNA,
/// ctypes).
#[no_mangle]
pub extern "C" fn qm_k3cloud_default_lcid() -> u32 {
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

/// The client id and the unmasked gateway secret of an AppID (`<client id>_<secret>`): a
/// 32-character secret part is Base64-decoded, XORed with the Java SDK's key and encoded
/// again; another length is used unchanged, as the SDK does.
///
/// @param app_id, app_id_len  the AppID; without exactly one `_` between two non-empty parts
///                            it is `QM_STATUS_INVALID_FIELD`, a 32-character part that is
///                            not Base64 `QM_STATUS_INVALID_BASE64`.
/// @param out_parts           receives views of `client_id` and `gateway_secret` inside `buf`.
/// @param buf, buf_cap, out_len  caller buffer, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_gateway_credentials(
    app_id: *const c_char,
    app_id_len: usize,
    out_parts: *mut qm_k3cloud_gateway_credentials_parts,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        app_id = text(app_id, app_id_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let credentials = k3cloud::gateway_credentials(app_id)?;
            let [client_id, gateway_secret] =
                out.write_parts([&credentials.client_id, credentials.gateway_secret.expose()])?;
            out_parts.write(qm_k3cloud_gateway_credentials_parts {
                client_id,
                gateway_secret,
            })
        }
    )
}

/// The signed headers of a `POST` to `url` at `timestamp_ms`, in the Java SDK's dialect
/// (`X-Api-*` for the gateway, `X-Kd-*` for the identity), with the texts they are made of.
///
/// @param acct_id, acct_id_len        the account (data centre) id: non-empty, no `,`
///                                    (`QM_STATUS_INVALID_FIELD`).
/// @param user_name, user_name_len    the integration user: non-empty, no `,`.
/// @param app_id, app_id_len          the AppID (see `qm_k3cloud_gateway_credentials`).
/// @param app_secret, app_secret_len  the AppSecret; empty is `QM_STATUS_EMPTY_SECRET`.
/// @param lcid                        the locale id (2052 simplified Chinese, 3076
///                                    traditional, 1033 English); 0 for
///                                    `QM_K3CLOUD_DEFAULT_LCID`.
/// @param org_num, org_num_len        the organisation number (no `,`); NULL for `"0"`.
/// @param url, url_len                the full `http(s)` URL to POST to
///                                    (`…/<service>.common.kdsvc`); no fragment
///                                    (`QM_STATUS_INVALID_URL`).
/// @param timestamp_unit, timestamp_unit_len  `"ms"` (the Java SDK) or `"s"` (the Python,
///                                    PHP, Node and Go SDKs); anything else is
///                                    `QM_STATUS_INVALID_FIELD`.
/// @param timestamp_ms                milliseconds since the epoch (supplied by the caller).
/// @param out_signed                  receives the texts and the nine headers.
/// @param buf, buf_cap, out_len       caller buffer, as everywhere.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_sign(
    acct_id: *const c_char,
    acct_id_len: usize,
    user_name: *const c_char,
    user_name_len: usize,
    app_id: *const c_char,
    app_id_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    lcid: u32,
    org_num: *const c_char,
    org_num_len: usize,
    url: *const c_char,
    url_len: usize,
    timestamp_unit: *const c_char,
    timestamp_unit_len: usize,
    timestamp_ms: u64,
    out_signed: *mut qm_k3cloud_signed_headers,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_signed = out(out_signed),
        acct_id = text(acct_id, acct_id_len),
        user_name = text(user_name, user_name_len),
        app_id = text(app_id, app_id_len),
        app_secret = text(app_secret, app_secret_len),
        org_num = optional_text(org_num, org_num_len),
        url = text(url, url_len),
        unit = text(timestamp_unit, timestamp_unit_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let id = identity([acct_id, user_name, app_id, app_secret], lcid, org_num)?;
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
    )
}

/// The signed `POST` of `body` to `url`: the nine headers of `qm_k3cloud_sign`, then
/// `Content-Type: application/json`, and the body (10 headers).
///
/// @param body, body_len   the JSON body, e.g. `{"formid":…,"data":…}` (as text, up to
///                         `QM_MAX_ANSWER_BYTES`).
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not. Other arguments as for `qm_k3cloud_sign`.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_request(
    acct_id: *const c_char,
    acct_id_len: usize,
    user_name: *const c_char,
    user_name_len: usize,
    app_id: *const c_char,
    app_id_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    lcid: u32,
    org_num: *const c_char,
    org_num_len: usize,
    url: *const c_char,
    url_len: usize,
    body: *const c_char,
    body_len: usize,
    timestamp_unit: *const c_char,
    timestamp_unit_len: usize,
    timestamp_ms: u64,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        acct_id = text(acct_id, acct_id_len),
        user_name = text(user_name, user_name_len),
        app_id = text(app_id, app_id_len),
        app_secret = text(app_secret, app_secret_len),
        org_num = optional_text(org_num, org_num_len),
        url = text(url, url_len),
        body = long_text(body, body_len),
        unit = text(timestamp_unit, timestamp_unit_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let id = identity([acct_id, user_name, app_id, app_secret], lcid, org_num)?;
            let built = id.request(url, body, TimestampUnit::parse(unit)?, timestamp_ms);
            finish_request(built, out_request, out)
        }
    )
}

/// The `LoginBySign` sign: lowercase hex of the SHA-256 (or SHA-1) of the five texts (the
/// timestamp in decimal) sorted by UTF-16 code units and concatenated. Any texts are taken
/// (no identity checks), up to `QM_MAX_TEXT_BYTES`.
///
/// @param acct_id, acct_id_len        the account id.
/// @param user_name, user_name_len    the user name.
/// @param app_id, app_id_len          the AppID.
/// @param app_secret, app_secret_len  the AppSecret.
/// @param timestamp_s                 seconds since the epoch (supplied by the caller).
/// @param hash, hash_len              `"sha256"` (current servers) or `"sha1"` (before
///                                    PT-146911); anything else is `QM_STATUS_INVALID_FIELD`.
/// @param buf, buf_cap, out_len       caller buffer for the sign (64 or 40 bytes).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_login_sign(
    acct_id: *const c_char,
    acct_id_len: usize,
    user_name: *const c_char,
    user_name_len: usize,
    app_id: *const c_char,
    app_id_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    timestamp_s: u64,
    hash: *const c_char,
    hash_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        acct_id = text(acct_id, acct_id_len),
        user_name = text(user_name, user_name_len),
        app_id = text(app_id, app_id_len),
        app_secret = text(app_secret, app_secret_len),
        hash = text(hash, hash_len),
        out = buffer(buf, buf_cap, out_len),
        {
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
    )
}

/// Builds `POST <server_url>/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign.common.kdsvc`
/// with `Content-Type: application/json` and the body
/// `{"parameters":[acctID, user, AppID, timestamp_s, sign, lcid]}`.
///
/// @param server_url, server_url_len  the server URL, e.g. `https://erp.example.com/k3cloud/`;
///                                    `http(s)`, no query (`QM_STATUS_INVALID_URL`).
/// @param lcid                        the locale id; 0 for `QM_K3CLOUD_DEFAULT_LCID`.
/// @param timestamp_s                 seconds since the epoch (supplied by the caller).
/// @param hash, hash_len              `"sha256"` or `"sha1"`, as for `qm_k3cloud_login_sign`.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not. The identity's arguments as for `qm_k3cloud_sign`.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_login_by_sign_request(
    server_url: *const c_char,
    server_url_len: usize,
    acct_id: *const c_char,
    acct_id_len: usize,
    user_name: *const c_char,
    user_name_len: usize,
    app_id: *const c_char,
    app_id_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    lcid: u32,
    timestamp_s: u64,
    hash: *const c_char,
    hash_len: usize,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        server_url = text(server_url, server_url_len),
        acct_id = text(acct_id, acct_id_len),
        user_name = text(user_name, user_name_len),
        app_id = text(app_id, app_id_len),
        app_secret = text(app_secret, app_secret_len),
        hash = text(hash, hash_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let hash = LoginHash::parse(hash)?;
            let id = identity([acct_id, user_name, app_id, app_secret], lcid, None)?;
            let built = id.login_by_sign_request(server_url, timestamp_s, hash);
            finish_request(built, out_request, out)
        }
    )
}

/// Builds `POST <server_url>/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret.common.kdsvc`
/// with `Content-Type: application/json` and the body
/// `{"parameters":[acctID, user, AppID, AppSecret, lcid]}`. The AppSecret travels in the body,
/// which is why Kingdee asks integrations to move to `LoginBySign`: wipe the buffer when done.
///
/// @param server_url, server_url_len  as for `qm_k3cloud_login_by_sign_request`.
/// @param lcid                        the locale id; 0 for `QM_K3CLOUD_DEFAULT_LCID`.
/// @param out_request, buf, buf_cap, out_len  receives the request, as everywhere.
/// @return `QM_STATUS_OK` or why not. The identity's arguments as for `qm_k3cloud_sign`.
///
/// # Safety
/// As everywhere (see Conventions).
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_login_by_app_secret_request(
    server_url: *const c_char,
    server_url_len: usize,
    acct_id: *const c_char,
    acct_id_len: usize,
    user_name: *const c_char,
    user_name_len: usize,
    app_id: *const c_char,
    app_id_len: usize,
    app_secret: *const c_char,
    app_secret_len: usize,
    lcid: u32,
    out_request: *mut qm_http_request,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_request = out(out_request),
        server_url = text(server_url, server_url_len),
        acct_id = text(acct_id, acct_id_len),
        user_name = text(user_name, user_name_len),
        app_id = text(app_id, app_id_len),
        app_secret = text(app_secret, app_secret_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let id = identity([acct_id, user_name, app_id, app_secret], lcid, None)?;
            finish_request(id.login_by_app_secret_request(server_url), out_request, out)
        }
    )
}

/// Parses the answer of `LoginBySign`, `LoginByAppSecret` or `ValidateUser`:
/// `LoginResultType` 1 is granted (`KDSVCSessionId` a non-empty string); any other value is a
/// refusal of kind `QM_STATUS_LOGIN_FAILED` (code = the `LoginResultType`, message =
/// `Message`).
///
/// @param body, body_len   the answer body as received (bytes; need not be UTF-8).
/// @param out_session      receives the session on `QM_STATUS_OK`.
/// @param out_refusal      NULL, or the refusal, as for `qm_kingdee_parse_token_answer`.
/// @param buf, buf_cap, out_len  caller buffer for the texts.
/// @return `QM_STATUS_OK`, `QM_STATUS_LOGIN_FAILED`, or why the answer is malformed
///         (`QM_STATUS_INVALID_JSON`, `QM_STATUS_MISSING_FIELD`, `QM_STATUS_INVALID_FIELD`).
///
/// # Safety
/// As for `qm_kingdee_parse_token_answer`.
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_parse_login_answer(
    body: *const u8,
    body_len: usize,
    out_session: *mut qm_k3cloud_session,
    out_refusal: *mut qm_refusal,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        answer_to = answer_out(out_session, out_refusal),
        body = bytes(body, body_len),
        out = buffer(buf, buf_cap, out_len),
        {
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
    )
}

/// The headers of a call in a session: `kdservice-sessionid: <id>` and
/// `Cookie: kdservice-sessionid=<id>`, in that order.
///
/// @param session_id, session_id_len  the session id (`qm_k3cloud_session.session_id`); one
///                                    that cannot travel in a header or cookie is
///                                    `QM_STATUS_INVALID_HEADER_VALUE`.
/// @param out_headers           caller array of `header_cap` elements (2 always suffice).
/// @param header_cap            its capacity.
/// @param out_count             receives the number of headers (or needed).
/// @param buf, buf_cap, out_len caller buffer for the texts. Secret: wipe it when done.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// As for `qm_apusic_call_headers`.
#[no_mangle]
pub unsafe extern "C" fn qm_k3cloud_session_headers(
    session_id: *const c_char,
    session_id_len: usize,
    out_headers: *mut qm_header,
    header_cap: usize,
    out_count: *mut usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_headers = items(out_headers, header_cap, out_count),
        session_id = text(session_id, session_id_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write_pairs(&k3cloud::session_headers(session_id)?, out_headers) }
    )
}
