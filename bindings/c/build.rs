//! Gives the shared library the SONAME it is installed under (`libqianming.so`), since the
//! crate's own artifact is named after the crate (`libqianming_ffi.so`).
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libqianming.so");
    }
}
