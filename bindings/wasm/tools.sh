# Sourced by build.sh, test.sh and bench.sh: installs what is missing, skips what is there.
# shellcheck shell=bash

WASM_BINDGEN_VERSION=0.2.130

# The subpath modules besides the main one, each a cargo feature of the crate and a directory
# of js/ (build.sh builds them; the package exports them as 'qianming/<module>').
WASM_MODULES="apusic doctor messaging k3cloud ecology"

export PATH="$HOME/.cargo/bin:$PATH"

apt_install() {
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

ensure_rust_wasm() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        echo "==> rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
        echo "==> cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION"
        # Not --locked: the registry mirror lacks one version the CLI's lockfile names.
        cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
    fi
    if ! command -v wasm-opt >/dev/null; then
        echo "==> apt-get install binaryen"
        apt_install binaryen
    fi
}

ensure_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        echo "==> apt-get install chromium"
        apt_install chromium
    fi
}

# Chinese glyphs for the playground's Chinese mode (without them, 泛微 renders as boxes in the
# screenshots).
ensure_cjk_fonts() {
    if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed"; then
        echo "==> apt-get install fonts-noto-cjk (Chinese text in the playground screenshots)"
        apt_install fonts-noto-cjk
    fi
}

ensure_redis_server() {
    if ! command -v redis-server >/dev/null; then
        echo "==> apt-get install redis-server (for the Redis replay store test)"
        apt_install redis-server
    fi
}

ensure_node_modules() {
    local dir="$1"
    if [ ! -d "$dir/node_modules" ] || ! (cd "$dir" && npm ls --depth=0 >/dev/null 2>&1); then
        echo "==> npm ci"
        (cd "$dir" && npm ci --no-audit --no-fund)
    fi
}

# The package's size and speed settings, for the cargo profile named in $1 (RELEASE, or the
# floor's own profile in bench.sh): whole-program LTO, one codegen unit, abort on panic, no
# debug info (the profiles themselves live in the root Cargo.toml). LLVM's inliner runs at a
# threshold of 25 instead of 225, for this target only: the module is ~10 % smaller for about
# the same speed (BENCHMARKS.md, 2026-12-03).
export_wasm_profile() {
    local profile="CARGO_PROFILE_$1"
    export "${profile}_LTO=fat"
    export "${profile}_CODEGEN_UNITS=1"
    export "${profile}_PANIC=abort"
    export "${profile}_DEBUG=false"
    export "${profile}_STRIP=debuginfo"
    export "${profile}_OPT_LEVEL=${QIANMING_WASM_OPT_LEVEL:-3}"
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -Cllvm-args=-inline-threshold=${QIANMING_WASM_INLINE_THRESHOLD:-25}"
}

# wasm-opt -Oz of the rustc output $1 into $2, before wasm-bindgen: Debian's binaryen (wasm-opt
# 108) mis-numbers the export of a second table, which breaks the externref table wasm-bindgen
# adds; the glue wasm-bindgen writes afterwards is small.
optimize_wasm() {
    wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
        --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
        --strip-debug --strip-producers \
        -o "$2" "$1"
}

# `npm pack` of the package in $1 into directory $2; prints the tarball's path.
pack_package() {
    local name
    name="$(cd "$1" && npm pack --silent --pack-destination "$2")"
    echo "$2/$name"
}
