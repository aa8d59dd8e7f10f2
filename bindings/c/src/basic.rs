//! HTTP Basic credentials (Apusic): encode in both modes, decode.

use crate::output::{qm_str, Out, OutBuffer};
use crate::status::qm_status;
use qianming::basic::{
    self,
    AuthorizationMode::{Basic, Raw},
    Credentials,
};

/// A user name and password decoded from a received header; views into the caller's buffer.
/// The password is secret: wipe the buffer when done.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_basic_user_password {
    /// The user name (never contains `:`).
    pub user: qm_str,
    /// The password (may contain `:`).
    pub password: qm_str,
}

/// The body of `qm_basic_credentials`.
fn credentials(user: &str, password: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&basic::credentials(user, password)?)
}

/// The body of `qm_basic_authorization_header`.
fn authorization_header(user: &str, password: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&basic::authorization_header(user, password, Basic)?)
}

/// The body of `qm_basic_authorization_header_raw`.
fn authorization_header_raw(user: &str, password: &str, out: OutBuffer) -> Result<(), qm_status> {
    out.write(&basic::authorization_header(user, password, Raw)?)
}

/// Writes decoded credentials into the caller's buffer.
fn write_credentials(
    credentials: &Credentials,
    out_parts: Out<qm_basic_user_password>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    let [user, password] = out.write_parts([&credentials.user, credentials.password.expose()])?;
    out_parts.write(qm_basic_user_password { user, password })
}

/// The body of `qm_basic_parse_authorization`.
fn parse_authorization(
    header: &str,
    out_parts: Out<qm_basic_user_password>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    write_credentials(&basic::parse_authorization(header)?, out_parts, out)
}

/// The body of `qm_basic_parse_credentials`.
fn parse_credentials(
    value: &str,
    out_parts: Out<qm_basic_user_password>,
    out: OutBuffer,
) -> Result<(), qm_status> {
    write_credentials(&basic::parse_credentials(value)?, out_parts, out)
}

// The `extern "C"` functions of abi.toml whose bodies are above.
include!(concat!(env!("OUT_DIR"), "/abi/basic.rs"));
