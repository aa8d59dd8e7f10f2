#!/usr/bin/env bash
# Cross-language differential test: the same seeded random inputs (tests/differential/cases.py)
# through the CLI (the Rust core), libqianming (the C ABI, called with ctypes), the Python
# package, the npm package and the Java package (JNA); every answer and every refusal must be
# identical. Runs after `make test-c`, `make test-python` and `make test-wasm`, whose library,
# venv and package it uses (the Java driver is compiled here with Maven, against the same
# library). QIANMING_DIFF_SEED / QIANMING_DIFF_COUNT change the inputs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${QIANMING_PY_VENV:-$repo/bindings/python/.venv}/bin/python"
entry="$repo/bindings/wasm/js/node.js"
libqianming="$repo/bindings/c/build/lib/libqianming.so"
for needed in "$libqianming" "$python" "$repo/bindings/wasm/pkg/qianming_wasm_bg.wasm"; do
  [ -e "$needed" ] || { echo "missing $needed: run make test-c, test-python and test-wasm first" >&2; exit 1; }
done
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "missing $tool: the Java side needs a JDK and Maven (bindings/java/test.sh installs them)" >&2; exit 1; }
done

cd "$repo"
cargo build --quiet -p qianming-cli
# The other sides keep a verifier for every credential set of the run; so does the CLI here.
export QIANMING_JSONL_MAX_VERIFIERS=1000000
bash "$here/driver_java.sh" --build
bin="${CARGO_TARGET_DIR:-$repo/target}/debug/qianming"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seed="${QIANMING_DIFF_SEED:-20261128}"
count="${QIANMING_DIFF_COUNT:-5000}"
echo "==> $count random cases per operation, seed $seed"
python3 "$here/cases.py" "$work" "$seed" "$count"

# answers OPERATION...: every side answers each operation's cases.
answers() {
  for op in "$@"; do
  # kingdee-app-signature -> `qianming kingdee app-signature`
    "$bin" "${op%%-*}" "${op#*-}" --jsonl < "$work/$op.jsonl" > "$work/$op.cli.jsonl"
    python3 "$here/driver_c.py" "$op" "$libqianming" < "$work/$op.jsonl" > "$work/$op.c.jsonl"
    (cd "$work" && "$python" "$here/driver.py" "$op") < "$work/$op.jsonl" > "$work/$op.python.jsonl"
    node "$here/driver.mjs" "$op" "$entry" < "$work/$op.jsonl" > "$work/$op.node.jsonl"
    bash "$here/driver_java.sh" "$op" < "$work/$op.jsonl" > "$work/$op.java.jsonl"
  done
}
operations=(kingdee-sign kingdee-app-signature weaver-sign basic-encode basic-decode
            kingdee-token-answer weaver-token-answer edge-token-answer edge-jwt
            oauth-token-answer oauth-userinfo-answer apusic-session-answer
            wecom-signature wecom-encrypt dingtalk-robot-sign feishu-bot-sign feishu-decrypt
            feishu-event-signature yonyou-signature yonyou-token-request yonyou-token-answer
            k3cloud-gateway-secret k3cloud-sign k3cloud-login-sign k3cloud-login-request
            k3cloud-app-secret-login-request k3cloud-login-answer ecology-server-key ecology-encrypt
            ecology-regist-request ecology-regist-answer ecology-token-request ecology-token-answer
            ecology-call-headers)
answers "${operations[@]}"
# Second stage: the requests the CLI signed, received (mostly intact, sometimes damaged), and
# the WeCom messages it encrypted, decrypted.
python3 "$here/cases.py" verify "$work" "$seed"
received=(kingdee-verify weaver-verify wecom-decrypt)
answers "${received[@]}"
python3 "$here/compare.py" "$work" "$work" "${operations[@]}" "${received[@]}"
