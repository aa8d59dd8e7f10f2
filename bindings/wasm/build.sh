#!/usr/bin/env bash
# Builds the npm package in bindings/wasm: one WebAssembly module per cargo feature of the
# crate (size-tuned release, wasm-opt -Oz, wasm-bindgen ESM glue with --target web) into pkg/:
#   main       -> pkg/qianming_wasm{.js,_bg.wasm}       ('qianming')
#   <module>   -> pkg/qianming_<module>{.js,_bg.wasm}   ('qianming/<module>')
# Prints each module's size and fails if the main module, which every user loads, is over
# 100,000 bytes gzipped (gzip -9; issue 16). Installs the toolchain pieces it needs when they
# are missing (see ensure_tools in tools.sh). Respects CARGO_TARGET_DIR (default:
# <repo>/target).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=tools.sh
source "$here/tools.sh"
ensure_rust_wasm

target_dir="${CARGO_TARGET_DIR:-$repo/target}"
# Size and speed settings for this build only (export_wasm_profile in tools.sh).
export_wasm_profile RELEASE

# The main module's limit, gzip -9 bytes.
MAIN_LIMIT=100000

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$here/pkg"
report=""
for module in main $WASM_MODULES; do
    out="qianming_$module"
    if [ "$module" = main ]; then out=qianming_wasm; fi
    echo "==> cargo build --target wasm32-unknown-unknown --release -p qianming-wasm --no-default-features --features $module"
    (cd "$repo" && cargo build --target wasm32-unknown-unknown --release -p qianming-wasm \
        --no-default-features --features "$module")
    echo "==> wasm-opt -Oz, wasm-bindgen --target web ($out)"
    optimize_wasm "$target_dir/wasm32-unknown-unknown/release/qianming_wasm.wasm" "$work/$out.wasm"
    wasm-bindgen --target web --out-dir "$here/pkg" --out-name "$out" \
        --remove-name-section --remove-producers-section "$work/$out.wasm"
    bytes=$(wc -c <"$here/pkg/${out}_bg.wasm")
    gz=$(gzip -9 -c "$here/pkg/${out}_bg.wasm" | wc -c)
    report+="==> pkg/${out}_bg.wasm ($module): $bytes bytes ($gz gzipped)"$'\n'
    if [ "$module" = main ]; then main_gz=$gz; fi
done

# The license texts live once, at the repository root; the npm package carries copies.
cp "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$here/"

printf '%s' "$report"
if [ "$main_gz" -gt "$MAIN_LIMIT" ]; then
    echo "build.sh: the main module is $main_gz bytes gzipped, over the limit of $MAIN_LIMIT (issue 16):" \
        "move a namespace into a subpath module (Cargo.toml features)" >&2
    exit 1
fi
echo "==> the main module is within $MAIN_LIMIT bytes gzipped ($main_gz)"
