//! The C ABI of qianming (`libqianming.so`, `libqianming.a`, `include/qianming.h`).
//!
//! Type conversion only: every function validates its arguments, calls the core crate and
//! copies the answer into a caller-owned buffer. No hashing, encoding or canonicalisation
//! happens here. See `README.md`, section "API conventions".
#![allow(non_camel_case_types)]

mod apusic;
mod basic;
mod boundary;
mod dingtalk;
mod doctor;
mod ecology;
mod edge;
mod feishu;
mod http;
mod input;
mod k3cloud;
mod kingdee;
mod kingdee_verifier;
mod oauth;
mod output;
mod replay;
mod status;
mod weaver;
mod wecom;
mod yonyou;

pub use apusic::*;
pub use basic::*;
pub use dingtalk::*;
pub use doctor::*;
pub use ecology::*;
pub use edge::*;
pub use feishu::*;
pub use http::*;
pub use input::qm_pair;
pub use k3cloud::*;
pub use kingdee::*;
pub use kingdee_verifier::*;
pub use oauth::*;
pub use output::{qm_header, qm_str};
pub use replay::*;
pub use status::*;
pub use weaver::*;
pub use wecom::*;
pub use yonyou::*;

/// The default validity window of the verifiers, in milliseconds (five minutes): pass it as
/// `window_ms` to get the gateway's and the Weaver server's behaviour.
pub const QM_DEFAULT_WINDOW_MS: u64 = 300_000;
const _: () = assert!(
    QM_DEFAULT_WINDOW_MS == qianming::kingdee::Verifier::DEFAULT_WINDOW_MS
        && QM_DEFAULT_WINDOW_MS == qianming::weaver::Verifier::DEFAULT_WINDOW_MS
);

/// The longest string argument, in bytes (64 KiB, the core's longest single text): a longer
/// `(ptr, len)` string is `QM_STATUS_INPUT_TOO_LARGE`, judged from `len` before any byte is
/// read.
pub const QM_MAX_TEXT_BYTES: usize = 65_536;
/// The longest answer body, in bytes (256 KiB): a longer one is `QM_STATUS_INPUT_TOO_LARGE`,
/// judged from `body_len` before any byte is read.
pub const QM_MAX_ANSWER_BYTES: usize = 262_144;
const _: () = assert!(
    QM_MAX_TEXT_BYTES == qianming::limits::MAX_TEXT_BYTES
        && QM_MAX_ANSWER_BYTES == qianming::limits::MAX_ANSWER_BYTES
);

/// `QM_DEFAULT_WINDOW_MS` as a function, for bindings that cannot read C macros (JNA, ctypes).
#[no_mangle]
pub extern "C" fn qm_default_window_ms() -> u64 {
    QM_DEFAULT_WINDOW_MS
}

/// The version of libqianming, a static NUL-terminated string such as `"0.1.0"`.
#[no_mangle]
pub extern "C" fn qm_version() -> *const core::ffi::c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
