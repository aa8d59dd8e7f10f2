#!/usr/bin/env bash
# The Python artifacts where no prebuilt wheel helps, tested:
# - the sdist (maturin sdist) installed by pip into a fresh venv, the path pip takes on a
#   platform no wheel fits: an isolated PEP 517 build that compiles the Rust sources it holds
#   (needs the Rust toolchain), then the seed check outside the source tree;
# - the manylinux_2_17 aarch64 wheel (maturin --zig), checked with auditwheel, installed by pip
#   into Debian's arm64 CPython under qemu-aarch64 (arm64-root.sh, cached) and run there.
# Artifacts go to a temporary folder; `make dist` builds the published ones (python.sh).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/wheel-checks.sh"
started=$SECONDS
ensure_apt file
ensure_py_tools
ensure_rust_target aarch64-unknown-linux-gnu
manifest="$repo/bindings/python/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0

echo "== sdist into a fresh venv (pip builds it from source)"
maturin sdist --manifest-path "$manifest" --out "$work" >"$work/sdist.log" 2>&1 \
  || { cat "$work/sdist.log" >&2; echo "test-python: maturin sdist failed" >&2; exit 1; }
sdist="$work/qianming-$version.tar.gz"
python3 -m venv "$work/venv"
# CARGO_TARGET_DIR (the repository's target/) reaches cargo through pip and maturin: the
# registry crates that `make test-python` compiled are reused; the crates in the sdist (unpacked
# by pip into a new folder every time) always compile from the sdist's sources.
"$work/venv/bin/python" -m pip install -q \
  --disable-pip-version-check --no-binary qianming "$sdist"
expect_seed "the sdist built by pip on $("$work/venv/bin/python" -V)" \
  "$(cd "$work" && venv/bin/python -c 'import qianming; print(qianming.kingdee.app_signature("abc", "abc123"))')"
files="$("$work/venv/bin/python" -m pip show -f qianming)"
[[ $files == *qianming/_native*.so* ]] \
  || { echo "$files" >&2; echo "test-python: the sdist install has no compiled qianming._native" >&2; exit 1; }
passed=$((passed + 1))
echo "   sdist: $((SECONDS - started)) s"

echo "== the aarch64 wheel under qemu"
maturin build --release --zig --target aarch64-unknown-linux-gnu --compatibility manylinux2014 \
  --manifest-path "$manifest" --out "$work/wheels" >"$work/wheel.log" 2>&1 \
  || { cat "$work/wheel.log" >&2; echo "test-python: maturin build (aarch64, zig) failed" >&2; exit 1; }
wheel="$(ls "$work"/wheels/qianming-"$version"-cp3*-abi3-*manylinux_2_17_aarch64.whl)"
check_auditwheel "$wheel" aarch64
passed=$((passed + 1))
check_wheel_aarch64 "$wheel"
passed=$((passed + 1))

echo "test-python (dist) in $((SECONDS - started)) s"
echo "dist: $passed passed, 0 failed"
