# Sourced by scripts/dist/*.sh: paths, the version, and installing what is missing (fresh
# machine friendly, Debian's apt, pinned PyPI tools).
#   QIANMING_DIST_DIR    where artifacts go (default <repo>/dist)
#   QIANMING_DIST_CACHE  the pinned tools venv and the arm64 root (default <repo>/.cache/dist)
#   CARGO_TARGET_DIR     respected (default <repo>/target)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="$HOME/.cargo/bin:$PATH"
version="$(sed -n '/^\[workspace\.package\]/,/^\[/ s/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml")"
[[ -n $version ]] || { echo "dist: no [workspace.package] version in $repo/Cargo.toml" >&2; exit 1; }
dist="${QIANMING_DIST_DIR:-$repo/dist}"
cache="${QIANMING_DIST_CACHE:-$repo/.cache/dist}"
mkdir -p "$cache"
# Pinned tools for the Python artifacts (maturin as in bindings/python/test.sh).
DIST_PY_TOOLS=(maturin==1.16.0 ziglang==0.17.1 auditwheel==6.8.2)
# Artifacts' timestamps: the last commit's (reproducible tarballs).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}"

# ensure_apt PACKAGE...: installs the Debian packages not yet installed (waits for apt's lock).
ensure_apt() {
  command -v dpkg >/dev/null || { echo "dist: needs a Debian-like system (dpkg/apt-get) for: $*" >&2; exit 1; }
  local missing=() pkg sudo_cmd=""
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  ((${#missing[@]})) || return 0
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  echo "dist: installing ${missing[*]}"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
}

# ensure_rust_target TRIPLE: the rustup target, added when missing.
ensure_rust_target() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

# ensure_aarch64_cross: Debian's aarch64 cross gcc and the rustup target (make lib-aarch64).
ensure_aarch64_cross() {
  ensure_apt gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
  ensure_rust_target aarch64-unknown-linux-gnu
}

# ensure_py_tools: $cache/tools, a venv with DIST_PY_TOOLS; puts its bin first on PATH.
ensure_py_tools() {
  local venv="$cache/tools"
  [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
  if [[ "$(cat "$venv/.qianming-tools" 2>/dev/null || true)" != "${DIST_PY_TOOLS[*]}" ]]; then
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "${DIST_PY_TOOLS[@]}"
    echo "${DIST_PY_TOOLS[*]}" > "$venv/.qianming-tools"
  fi
  export PATH="$venv/bin:$PATH"
}

# The seed document's example (app_key abc, app_secret abc123): every artifact's check.
SEED_APP_SIGNATURE="ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=="

# expect_seed WHAT OUTPUT: fails unless OUTPUT is the seed's app_signature.
expect_seed() {
  if [[ "$2" != "$SEED_APP_SIGNATURE" ]]; then
    echo "dist: $1 printed '$2', want the seed's $SEED_APP_SIGNATURE" >&2
    exit 1
  fi
  echo "   $1: the seed's app_signature"
}
