//! Generates the `extern "C"` functions from `abi.toml` into `$OUT_DIR/abi/<module>.rs`, which
//! each module of `src/` with functions includes at its end (see `abi_gen.rs`), and gives the shared library the SONAME Linux libraries
//! ship with, `libqianming.so.<major>` (`libqianming.so.0`), since the crate's own artifact is
//! named after the crate (`libqianming_ffi.so`). `make install` adds the
//! `libqianming.so.<version>` file and the `libqianming.so.<major>` and `libqianming.so` links.

#[path = "abi_gen.rs"]
mod abi_gen;

fn main() {
    println!("cargo:rerun-if-changed=abi.toml");
    println!("cargo:rerun-if-changed=abi_gen.rs");
    let abi = std::fs::read_to_string("abi.toml").expect("bindings/c/abi.toml is readable");
    let modules = abi_gen::generate(&abi).unwrap_or_else(|e| panic!("{e}"));
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = std::path::Path::new(&out_dir).join("abi");
    std::fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    for (module, code) in modules {
        let source = format!("src/{module}.rs");
        println!("cargo:rerun-if-changed={source}");
        let include = format!("include!(concat!(env!(\"OUT_DIR\"), \"/abi/{module}.rs\"));");
        let text = std::fs::read_to_string(&source).unwrap_or_default();
        if !text.contains(&include) {
            panic!("abi.toml has bodies in `{module}`: end {source} with `{include}`");
        }
        std::fs::write(dir.join(format!("{module}.rs")), code).expect("OUT_DIR is writable");
    }
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libqianming.so.{major}");
    }
}
