#!/usr/bin/env bash
# Rust: the spec's citations, formatting, lints, every Rust test (vectors, property tests, doctests)
# and the docs.
# The Python and WASM crates are linted here and tested by their own scripts (a pyo3
# extension module cannot link a test binary; the WASM crate is empty on the host).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
# The spec in docs/ can be cited: every docs/…#anchor in the repository resolves, every error kind
# is in its table.
command -v python3 >/dev/null || { apt-get update && apt-get install -y python3; }
# The e-cology tests decrypt the core's RSA ciphertexts with `openssl pkeyutl`.
command -v openssl >/dev/null || { apt-get update && apt-get install -y openssl; }
python3 scripts/check-doc-links.py
# README.zh-CN.md keeps README.md's sections and code blocks (after the checker's own test that
# it finds each kind of drift): a README.md change needs the same change in Chinese.
python3 scripts/check-readme-zh.py --self-test
python3 scripts/check-readme-zh.py
# The binding boundary: every binding agrees with bindings/operations.toml (names, arguments,
# result fields in order), after the checker's own test that it finds each kind of drift.
python3 scripts/check-operations.py --self-test
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --exclude qianming-python --exclude qianming-wasm
cargo build -q -p qianming-cli
# The core is no_std + alloc with every dependency: it builds for a target that has no std.
rustup target list --installed | grep -qx thumbv7em-none-eabihf || rustup target add thumbv7em-none-eabihf
cargo build -q -p qianming --target thumbv7em-none-eabihf
python3 scripts/check-operations.py
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
