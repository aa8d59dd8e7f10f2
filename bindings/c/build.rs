//! Gives the shared library the SONAME Linux libraries ship with, `libqianming.so.<major>`
//! (`libqianming.so.0`), since the crate's own artifact is named after the crate
//! (`libqianming_ffi.so`). `make install` adds the `libqianming.so.<version>` file and the
//! `libqianming.so.<major>` and `libqianming.so` links.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libqianming.so.{major}");
    }
}
