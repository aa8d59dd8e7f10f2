#!/usr/bin/env bash
# Pure-Python stdlib (+ cryptography for AES) vs qianming, in one run. Builds the wheel into
# the venv that test.sh makes (run test.sh first, or let this script do the same set-up).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${QIANMING_PY_VENV:-$HERE/.venv}"
if [ ! -x "$VENV/bin/maturin" ] || ! "$VENV/bin/python" -c "import cryptography" 2>/dev/null; then
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check maturin==1.16.0 cryptography==50.0.2
fi
WHEELS="$(mktemp -d)"
trap 'rm -rf "$WHEELS"' EXIT
"$VENV/bin/maturin" build --release --manifest-path "$HERE/Cargo.toml" --out "$WHEELS"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/qianming-*.whl
cd "$WHEELS"
"$VENV/bin/python" "$HERE/bench/bench_signing.py" "$@"
