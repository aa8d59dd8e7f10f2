#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod apusic;
pub mod basic;
pub mod decimal;
mod digest;
pub mod dingtalk;
pub mod doctor;
pub mod ecology;
pub mod edge;
pub mod encode;
mod error;
pub mod feishu;
pub mod http;
mod json;
pub mod k3cloud;
pub mod kingdee;
pub mod limits;
pub mod oauth;
pub mod query;
pub mod replay;
mod secret;
pub mod server;
mod sort;
pub mod timestamp;
pub mod token;
pub mod weaver;
pub mod wecom;
pub mod yonyou;

pub use error::{Error, ErrorKind, Result};

/// The primitives qianming builds itself, public only for the benchmark that measures them
/// against the `hmac` and `ecb` crates (feature `bench-internals`; not an API).
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod bench_internals {
    pub use crate::digest::HmacKey;
    pub use crate::weaver::cipher::AesEcb;
}
pub use secret::{constant_time_eq, Secret};

/// The repository README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct RepositoryReadme;
