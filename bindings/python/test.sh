#!/usr/bin/env bash
# Builds the qianming wheel the way `pip install ./bindings/python` does (PEP 517, maturin
# backend in an isolated build environment) and runs every Python check on it:
# the README's install check, mypy.stubtest (the .pyi against the compiled module), pytest
# (vectors, errors, hypothesis properties, threads, requests/httpx end to end, the Redis replay
# store against a real redis-server) and the doctests of every module. The same wheel file is
# then tested on every other CPython >= 3.10 this machine has (pyenv's interpreters), since one
# abi3 wheel must serve them all (3.8 and 3.9, past their end of life, are not supported).
# Idempotent: the venvs and their pinned tools are reused when already there.
#   QIANMING_PY_VENV  where the main venv lives (default bindings/python/.venv)
#   PYTHON            the interpreter that makes it (default python3)
#   QIANMING_PY_OTHERS  "0" skips the other interpreters
#   (the Redis soak, 160,000 requests, runs once: against the published wheel on this CPython)
#   CARGO_TARGET_DIR  respected when set
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${QIANMING_PY_VENV:-$HERE/.venv}"
PYTHON="${PYTHON:-python3}"
DEPS=(
  maturin==1.16.0 pytest==9.2.0 hypothesis==6.170.15 mypy==2.4.1
  requests==2.34.2 httpx==0.28.1 cryptography==50.0.2 redis==8.1.0
)
# For the other interpreters: releases that install on every CPython from 3.10 (cryptography
# decrypts the e-cology vectors' ciphertexts there too).
COMPAT_DEPS=(pytest==8.3.5 hypothesis==6.113.0 requests==2.32.3 httpx==0.28.1 redis==5.2.1 cryptography==50.0.2)
# The seed document's example (001_…: app_key=abc, appSecret=abc123).
SEED_APP_SIGNATURE="ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=="

# ensure_venv PYTHON DIR DEPS...: a venv at DIR with exactly DEPS installed (skipped if so).
ensure_venv() {
  local python="$1" dir="$2"
  shift 2
  if [ ! -x "$dir/bin/python" ]; then
    "$python" -m venv "$dir"
  fi
  local marker="$dir/.qianming-deps"
  if [ "$(cat "$marker" 2>/dev/null || true)" != "$*" ]; then
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@"
    echo "$*" > "$marker"
  fi
}
ensure_venv "$PYTHON" "$VENV" "${DEPS[@]}"

# The replay-store tests start their own redis-server (Debian package) on 127.0.0.1, on a free
# port; only the binary is needed.
if ! command -v redis-server >/dev/null; then
  echo "== redis-server is missing: installing the Debian package redis-server"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; }; then
    echo "could not install redis-server (apt-get as root is needed); the Redis replay-store tests need it" >&2
    exit 1
  fi
fi

WHEELS="$(mktemp -d)"
trap 'rm -rf "$WHEELS"' EXIT
echo "== pip wheel ./bindings/python (the build \`pip install ./bindings/python\` runs)"
"$VENV/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps --wheel-dir "$WHEELS" "$HERE"
WHEEL="$(ls "$WHEELS"/qianming-*-abi3-*.whl)"
echo "   $(basename "$WHEEL")"
# The wheel carries both license texts (dist-info/licenses) and a stripped native module.
"$VENV/bin/python" - "$WHEEL" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for license in ("LICENSE-MIT", "LICENSE-APACHE"):
    if not any(n.endswith(".dist-info/licenses/" + license) for n in names):
        sys.exit(f"the wheel lacks {license}")
PY
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

# Run outside the source tree, so `import qianming` is the installed wheel.
cd "$WHEELS"
run_checks() {
  echo "== mypy.stubtest"
  "$VENV/bin/python" -m mypy.stubtest qianming
  echo "== mypy --strict on the replay-store, vector and K3Cloud/e-cology tests (the typed API, redis-py's own types)"
  (cd "$HERE/tests" && "$VENV/bin/python" -m mypy --strict --cache-dir "$WHEELS/.mypy_cache" \
    test_attacks.py test_replay_store.py test_replay_redis.py test_replay_soak.py test_vectors.py \
    test_k3cloud_ecology.py)
  echo "== pytest (tests, doctests of the installed package and of the README)"
  # Exit code 5 (no tests collected) fails this script like any other non-zero code.
  # --durations shows the slowest tests (the Redis soak's wall time among them).
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider --durations=3 --doctest-modules \
    --doctest-glob=README.md "$HERE/tests" "$HERE/README.md" --pyargs qianming
}
# run_install_check PYTHON: the README's check, run outside the source tree.
run_install_check() {
  local got
  got="$("$1" -c "import qianming; print(qianming.kingdee.app_signature('abc','abc123'))")"
  if [ "$got" != "$SEED_APP_SIGNATURE" ]; then
    echo "install check: got '$got', want the seed's '$SEED_APP_SIGNATURE'" >&2
    exit 1
  fi
  echo "   install check: $("$1" -c 'import platform; print("CPython", platform.python_version())') prints the seed's app_signature"
}
echo "== the published wheel (abi3, CPython >= 3.10)"
run_install_check "$VENV/bin/python"
run_checks
# The soak has run once; the later runs check the same behaviour without it.
export QIANMING_PY_SOAK=0

# The same wheel file on every other CPython >= 3.10 found (pyenv's interpreters; the
# development image has 3.10 to 3.13; its 3.8 and 3.9 are skipped: the wheel needs 3.10).
# stubtest needs a recent mypy, so these run pytest only.
PYENV_VERSIONS="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")/versions"
others=()
if [ "${QIANMING_PY_OTHERS:-1}" = 0 ]; then
  echo "== other interpreters: skipped (QIANMING_PY_OTHERS=0)"
elif [ ! -d "$PYENV_VERSIONS" ]; then
  echo "== other interpreters: none found (no $PYENV_VERSIONS); the wheel was tested on $("$VENV/bin/python" -V) only"
else
  main_version="$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  for python in $(ls -d "$PYENV_VERSIONS"/3.* | sort -V | sed "s#\$#/bin/python3#"); do
    [ -x "$python" ] || continue
    version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
      # CPython 3.8 and 3.9 are not supported: pip must refuse the wheel there, not install it.
      if "$python" -c 'import sys; sys.exit(sys.version_info < (3, 8))' \
        && "$python" -m pip --version >/dev/null 2>&1; then
        if "$python" -m pip install -q --disable-pip-version-check --dry-run --no-deps --no-index \
          --target "$WHEELS/refused-$version" "$WHEEL" >/dev/null 2>&1; then
          echo "pip on CPython $version accepts $(basename "$WHEEL"); it needs CPython >= 3.10" >&2
          exit 1
        fi
        echo "== CPython $version: pip refuses the wheel (it needs CPython >= 3.10)"
      fi
      continue
    fi
    [ "$version" = "$main_version" ] && continue
    others+=("$version")
    echo "== the same wheel on CPython $version"
    venv="$HERE/.venv-$version"
    ensure_venv "$python" "$venv" "${COMPAT_DEPS[@]}"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"
    run_install_check "$venv/bin/python"
    "$venv/bin/python" -m pytest -q -p no:cacheprovider --doctest-modules --doctest-glob=README.md \
      "$HERE/tests" "$HERE/README.md" --pyargs qianming
  done
  echo "== the same wheel passed on CPython ${others[*]:-(no other interpreter found)} besides $("$VENV/bin/python" -V)"
fi
