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
// Which of these a module holds is chosen by cargo features, one WebAssembly module per feature
// set (build.sh; Cargo.toml lists the sets). Helpers shared by all modules are checked for use
// only in the build with every feature on.
#![cfg_attr(
    not(all(
        feature = "main",
        feature = "apusic",
        feature = "doctor",
        feature = "messaging",
        feature = "k3cloud",
        feature = "ecology"
    )),
    allow(dead_code, unused_imports, unused_macros)
)]

mod convert;
mod pack;

#[cfg(feature = "apusic")]
mod apusic;
#[cfg(feature = "main")]
mod basic;
#[cfg(feature = "main")]
mod edge;
#[cfg(feature = "main")]
mod http;
#[cfg(feature = "main")]
mod kingdee;
#[cfg(feature = "main")]
mod kingdee_verifier;
#[cfg(any(feature = "main", feature = "doctor"))]
mod received;
#[cfg(feature = "main")]
mod replay;
#[cfg(feature = "main")]
mod token;
#[cfg(feature = "main")]
mod weaver;

#[cfg(feature = "apusic")]
mod oauth;

#[cfg(feature = "doctor")]
mod doctor;

#[cfg(feature = "messaging")]
mod dingtalk;
#[cfg(feature = "messaging")]
mod feishu;
#[cfg(feature = "messaging")]
mod wecom;
#[cfg(feature = "messaging")]
mod yonyou;

#[cfg(feature = "k3cloud")]
mod k3cloud;

#[cfg(feature = "ecology")]
mod ecology;

// Bench-only (`bench.sh` builds it into a module of its own; never in the package).
#[cfg(feature = "bench-floor")]
mod floor;
