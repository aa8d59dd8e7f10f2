#!/usr/bin/env bash
# Builds the qianming wheel into a virtual environment and runs every Python check:
# mypy.stubtest (the .pyi against the compiled module), pytest (vectors, errors, hypothesis
# properties, threads, requests/httpx end to end) and the doctests of every module.
# Idempotent: the venv and its pinned tools are reused when already there.
#   QIANMING_PY_VENV  where the venv lives (default bindings/python/.venv)
#   PYTHON            the interpreter that makes the venv (default python3)
#   CARGO_TARGET_DIR  respected when set
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${QIANMING_PY_VENV:-$HERE/.venv}"
PYTHON="${PYTHON:-python3}"
DEPS=(
  maturin==1.16.0 pytest==9.2.0 hypothesis==6.170.15 mypy==2.4.1
  requests==2.34.2 httpx==0.28.1 cryptography==50.0.2
)

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
MARKER="$VENV/.qianming-deps"
if [ "$(cat "$MARKER" 2>/dev/null || true)" != "${DEPS[*]}" ]; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${DEPS[@]}"
  echo "${DEPS[*]}" > "$MARKER"
fi

WHEELS="$(mktemp -d)"
trap 'rm -rf "$WHEELS"' EXIT
"$VENV/bin/maturin" build --release --manifest-path "$HERE/Cargo.toml" --out "$WHEELS"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/qianming-*.whl

# Run outside the source tree, so `import qianming` is the installed wheel.
cd "$WHEELS"
run_checks() {
  echo "== mypy.stubtest"
  "$VENV/bin/python" -m mypy.stubtest qianming
  echo "== pytest (tests + doctests of the installed package)"
  # Exit code 5 (no tests collected) fails this script like any other non-zero code.
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider --doctest-modules "$HERE/tests" --pyargs qianming
}
echo "== the published wheel (abi3, CPython >= 3.8)"
run_checks

# The opt-in wheel for CPython >= 3.10 (feature `abi3-py310`) passes the same checks, when
# this interpreter can load it. The published wheel is installed again afterwards.
if "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "== the opt-in wheel (feature abi3-py310, CPython >= 3.10)"
  mkdir -p "$WHEELS/py310"
  "$VENV/bin/maturin" build --release --no-default-features --features abi3-py310 \
    --manifest-path "$HERE/Cargo.toml" --out "$WHEELS/py310"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/py310/qianming-*.whl
  run_checks
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/qianming-*.whl
fi
