//! WebAssembly binding of qianming, exported to JavaScript with `wasm-bindgen`.
//!
//! This crate only converts types: JavaScript strings and numbers in, the core's results out.
//! Every algorithm lives in the `qianming` core crate. The public JavaScript API is the ESM
//! wrapper in `js/` (camelCase namespaces `kingdee`, `weaver`, `basic`, `wecom`, `feishu`, …);
//! the exports here are its low-level half and are not meant to be called directly.
//!
//! Two conversions keep the boundary cheap:
//!
//! * many strings travel as one: the wrapper concatenates them and passes their lengths in
//!   UTF-16 code units (`u32::MAX` for "no value"); `pack::Pieces` splits them again;
//! * many results travel as one string: `"<len>,<len>,…;"` followed by the fields
//!   (`pack::Packer`), which the wrapper slices.
//!
//! On any target but `wasm32` the crate is empty.

#![cfg(target_arch = "wasm32")]

mod apusic;
mod basic;
mod convert;
mod dingtalk;
mod doctor;
mod ecology;
mod edge;
mod feishu;
// Bench-only (`bench.sh` builds it into a module of its own; never in the package).
#[cfg(feature = "bench-floor")]
mod floor;
mod http;
mod k3cloud;
mod kingdee;
mod kingdee_verifier;
mod oauth;
mod pack;
mod replay;
mod token;
mod weaver;
mod wecom;
mod yonyou;
