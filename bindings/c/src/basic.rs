//! HTTP Basic credentials (Apusic): encode in both modes, decode.

use crate::boundary::ffi_fn;
use crate::output::{qm_str, Out, OutBuffer};
use crate::status::qm_status;
use core::ffi::c_char;
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

/// `Base64(user ":" password)`. A user name containing `:` is refused.
///
/// @param user, user_len          the user name.
/// @param password, password_len  the password.
/// @param buf, buf_cap, out_len   caller buffer for the result; NULL `buf` allowed when
///                                `buf_cap` is 0 (size query).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// Every `(ptr, len)` pair must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_basic_credentials(
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        user = text(user, user_len),
        password = text(password, password_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&basic::credentials(user, password)?) }
    )
}

/// The `Authorization` header value `Basic <credentials>` (RFC 7617).
///
/// @return `QM_STATUS_OK` or why not. Arguments as for `qm_basic_credentials`.
///
/// # Safety
/// As for `qm_basic_credentials`.
#[no_mangle]
pub unsafe extern "C" fn qm_basic_authorization_header(
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        user = text(user, user_len),
        password = text(password, password_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&basic::authorization_header(user, password, Basic)?) }
    )
}

/// The `Authorization` header value in raw mode: the bare credentials, as the Apusic document
/// writes it.
///
/// @return `QM_STATUS_OK` or why not. Arguments as for `qm_basic_credentials`.
///
/// # Safety
/// As for `qm_basic_credentials`.
#[no_mangle]
pub unsafe extern "C" fn qm_basic_authorization_header_raw(
    user: *const c_char,
    user_len: usize,
    password: *const c_char,
    password_len: usize,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        user = text(user, user_len),
        password = text(password, password_len),
        out = buffer(buf, buf_cap, out_len),
        { out.write(&basic::authorization_header(user, password, Raw)?) }
    )
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

/// Parses a received `Authorization` header: `Basic` in any case, spaces, then strict padded
/// Base64 of UTF-8 `user:password`, split at the first `:`.
///
/// @param header, header_len     the header value.
/// @param out_parts              receives views of the user and the password inside `buf`.
/// @param buf, buf_cap, out_len  caller buffer, as for `qm_basic_credentials`.
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// `(header, header_len)` must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_parts` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_basic_parse_authorization(
    header: *const c_char,
    header_len: usize,
    out_parts: *mut qm_basic_user_password,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        header = text(header, header_len),
        out = buffer(buf, buf_cap, out_len),
        { write_credentials(&basic::parse_authorization(header)?, out_parts, out) }
    )
}

/// Parses bare credentials (the raw mode's header value): strict Base64 of `user:password`.
///
/// @param credentials, credentials_len  the bare Base64 value.
/// @return `QM_STATUS_OK` or why not. Other arguments as for `qm_basic_parse_authorization`.
///
/// # Safety
/// As for `qm_basic_parse_authorization`.
#[no_mangle]
pub unsafe extern "C" fn qm_basic_parse_credentials(
    credentials: *const c_char,
    credentials_len: usize,
    out_parts: *mut qm_basic_user_password,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        value = text(credentials, credentials_len),
        out = buffer(buf, buf_cap, out_len),
        { write_credentials(&basic::parse_credentials(value)?, out_parts, out) }
    )
}
