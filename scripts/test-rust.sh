#!/usr/bin/env bash
# Rust: formatting, lints, every Rust test (vectors, property tests, doctests) and the docs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
