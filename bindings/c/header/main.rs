//! `qianming-header <crate dir> <output>`: writes the C header of libqianming. cbindgen's
//! command line reads only the crate's sources, not the functions `build.rs` generates into
//! `OUT_DIR`, so this runs the same generator (`../abi_gen.rs`) on `abi.toml`, writes its
//! modules into a temporary folder and gives them to cbindgen as extra sources, in `abi.toml`'s
//! order, beside the crate (for the types), with the crate's `cbindgen.toml`.

#[path = "../abi_gen.rs"]
mod abi_gen;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn run(crate_dir: &Path, output: &Path) -> Result<(), String> {
    let abi_path = crate_dir.join("abi.toml");
    let abi =
        std::fs::read_to_string(&abi_path).map_err(|e| format!("{}: {e}", abi_path.display()))?;
    let modules = abi_gen::generate(&abi)?;
    let dir = std::env::temp_dir().join(format!("qianming-header-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut sources = Vec::new();
    for (module, code) in modules {
        let path = dir.join(format!("{module}.rs"));
        std::fs::write(&path, code).map_err(|e| format!("{}: {e}", path.display()))?;
        sources.push(path);
    }
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))?;
    let mut builder = cbindgen::Builder::new()
        .with_config(config)
        .with_crate_and_name(crate_dir, "qianming-ffi");
    for source in &sources {
        builder = builder.with_src(source);
    }
    let generated = builder.generate();
    let _ = std::fs::remove_dir_all(&dir);
    generated
        .map_err(|e| format!("cbindgen: {e}"))?
        .write_to_file(output);
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [crate_dir, output] = &args[..] else {
        eprintln!("usage: qianming-header <crate dir> <output header>");
        return ExitCode::from(2);
    };
    match run(crate_dir, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qianming-header: {e}");
            ExitCode::FAILURE
        }
    }
}
