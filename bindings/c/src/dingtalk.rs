//! DingTalk custom robot sign (docs/spec/dingtalk.md). DingTalk's encrypted event callbacks
//! are the WXBizMsgCrypt scheme: the `qm_wecom_*` functions.

use crate::boundary::ffi_fn;
use crate::output::qm_str;
use crate::status::qm_status;
use core::ffi::c_char;
use qianming::dingtalk;

/// A robot sign, bare and URL-encoded; views into the caller's buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct qm_dingtalk_robot_sign_parts {
    /// Base64 of the HMAC-SHA256 tag.
    pub sign: qm_str,
    /// `sign` as `java.net.URLEncoder` encodes it (`+` `/` `=` escaped): the webhook's `sign`
    /// query value.
    pub sign_urlencoded: qm_str,
}

/// The sign of a robot webhook call at `timestamp_ms`:
/// `Base64(HmacSHA256(secret, timestamp_ms "\n" secret))`, bare and URL-encoded. Send it as
/// `…&timestamp=<timestamp_ms>&sign=<sign_urlencoded>`; DingTalk refuses a timestamp more than
/// an hour away from its clock.
///
/// @param secret, secret_len    the robot secret (`SEC…`); empty is `QM_STATUS_EMPTY_SECRET`.
/// @param timestamp_ms          milliseconds since the epoch (supplied by the caller).
/// @param out_parts             receives views of `sign` and `sign_urlencoded` inside `buf`.
/// @param buf, buf_cap, out_len caller buffer; NULL `buf` allowed when `buf_cap` is 0 (size
///                              query).
/// @return `QM_STATUS_OK` or why not.
///
/// # Safety
/// `(secret, secret_len)` must describe readable memory; `buf` must have `buf_cap` writable
/// bytes; `out_parts` and `out_len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn qm_dingtalk_robot_sign(
    secret: *const c_char,
    secret_len: usize,
    timestamp_ms: u64,
    out_parts: *mut qm_dingtalk_robot_sign_parts,
    buf: *mut c_char,
    buf_cap: usize,
    out_len: *mut usize,
) -> qm_status {
    ffi_fn!(
        out_parts = out(out_parts),
        secret = text(secret, secret_len),
        out = buffer(buf, buf_cap, out_len),
        {
            let signed = dingtalk::robot_sign(secret, timestamp_ms)?;
            let [sign, sign_urlencoded] =
                out.write_parts([&signed.sign, &signed.sign_urlencoded])?;
            out_parts.write(qm_dingtalk_robot_sign_parts {
                sign,
                sign_urlencoded,
            })
        }
    )
}
