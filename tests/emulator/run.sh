#!/usr/bin/env bash
# End-to-end tests of `qianming emulate` with real clients over loopback (docs/spec/emulator.md):
# curl running the CLI's own `--format curl` output, Python `requests` with qianming (the venv
# `make test-python` builds) and Node's fetch with the npm package (`make test-wasm` builds it).
# Each test starts its own emulator on 127.0.0.1:0 and stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${QIANMING_PY_VENV:-$repo/bindings/python/.venv}/bin/python"
entry="$repo/bindings/wasm/js/node.js"
for needed in "$python" "$repo/bindings/wasm/pkg/qianming_wasm_bg.wasm"; do
  [ -e "$needed" ] || { echo "missing $needed: run make test-python and make test-wasm first" >&2; exit 1; }
done
if ! command -v curl >/dev/null; then
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl; }; then
    echo "could not install curl (apt-get as root is needed); the curl tests need it" >&2
    exit 1
  fi
fi
command -v node >/dev/null || { echo "missing node: the Node tests need Node.js 18 or later" >&2; exit 1; }
"$python" -c "import requests, httpx, pytest" 2>/dev/null || "$python" -m pip install -q requests httpx pytest

cd "$repo"
cargo build --quiet -p qianming-cli
export QIANMING_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/qianming"
export QIANMING_NODE_ENTRY="$entry"

echo "==> curl runs the CLI's --format curl requests"
bash "$here/curl.sh" "$QIANMING_BIN"
echo "==> Python requests and httpx with qianming"
(cd "$here" && "$python" -m pytest -q -p no:cacheprovider test_flows.py test_broken_clients.py test_options.py test_session.py)
echo "==> Node fetch with the npm package"
node --test "$here/node.test.mjs"
echo "emulator: every end-to-end test passed"
