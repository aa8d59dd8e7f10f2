# Sourced by build.sh, test.sh and bench.sh: installs what is missing, skips what is there.
# shellcheck shell=bash

WASM_BINDGEN_VERSION=0.2.130

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

# `npm pack` of the package in $1 into directory $2; prints the tarball's path.
pack_package() {
    local name
    name="$(cd "$1" && npm pack --silent --pack-destination "$2")"
    echo "$2/$name"
}
