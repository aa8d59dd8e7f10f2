#!/usr/bin/env bash
# Serves the playground page for a person to open: builds the package first when pkg/ is
# missing (or when --build is given), then serves bindings/wasm over HTTP on 127.0.0.1
# (browsers do not load WebAssembly modules from file://). Port: $PORT or 8000.
#
#   bash bindings/wasm/playground.sh [--build]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${PORT:-8000}"
if [ "${1:-}" = "--build" ] || [ ! -f "$here/pkg/qianming_wasm_bg.wasm" ]; then
    bash "$here/build.sh"
fi
echo "==> open http://127.0.0.1:$port/playground/  (Ctrl+C stops the server)"
cd "$here"
exec python3 -m http.server "$port" --bind 127.0.0.1
