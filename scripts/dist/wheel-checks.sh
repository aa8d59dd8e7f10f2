# Sourced after lib.sh by python.sh and test-python.sh: checks of a built qianming wheel.

# check_auditwheel WHEEL ARCH: `auditwheel show` finds the wheel consistent with
# manylinux_2_17_ARCH (the tag in its name) and needing no library outside the manylinux set.
check_auditwheel() {
  local wheel="$1" arch="$2" verdict
  [[ $(basename "$wheel") == *manylinux_2_17_"$arch".whl ]] \
    || { echo "dist: $(basename "$wheel") is not tagged manylinux_2_17_$arch" >&2; exit 1; }
  verdict="$(auditwheel show --json "$wheel" | python3 -c '
import json, sys
report = json.load(sys.stdin)
print(report["overall_tag"], "external:", ",".join(sorted(report["external_libs"])) or "none")')"
  if [[ $verdict != "manylinux_2_17_$arch external: none" ]]; then
    auditwheel show "$wheel" >&2
    echo "dist: auditwheel show: $(basename "$wheel") is $verdict, want manylinux_2_17_$arch external: none" >&2
    exit 1
  fi
  echo "   auditwheel show: $(basename "$wheel") is manylinux_2_17_$arch, needs no external library"
}

# check_wheel_native WHEEL: pip installs it into a fresh venv of this machine's python3 (pip
# refuses a wheel whose tags do not fit), which prints the seed's app_signature.
check_wheel_native() {
  local wheel="$1" venv
  venv="$(mktemp -d)"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps "$wheel"
  expect_seed "$(basename "$wheel") on $("$venv/bin/python" -V)" \
    "$(cd "$venv" && bin/python -c 'import qianming; print(qianming.kingdee.app_signature("abc", "abc123"))')"
  rm -rf "$venv"
}

# check_wheel_aarch64 WHEEL: inside the arm64 root (arm64-root.sh), Debian's aarch64 CPython
# under qemu-aarch64-static: pip installs the wheel (refusing it if no tag fits that
# interpreter), then the module, an aarch64 ELF, prints the seed's app_signature.
check_wheel_aarch64() {
  local wheel="$1" root inside=/tmp/qianming-wheel out
  root="$(bash "$repo/scripts/dist/arm64-root.sh" | tail -n 1)"
  rm -rf "$root$inside"
  mkdir -p "$root$inside"
  cp "$wheel" "$root$inside/"
  local run=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 PYTHONPATH="$inside/site"
    chroot "$root" /usr/bin/qemu-aarch64-static /usr/bin/python3)
  echo "   pip install $(basename "$wheel") under qemu-aarch64 (CPython $("${run[@]}" -c 'import platform; print(platform.python_version())'), aarch64)"
  "${run[@]}" -m pip install -q --no-index --no-deps --no-cache-dir --disable-pip-version-check \
    --root-user-action=ignore --target "$inside/site" "$inside/$(basename "$wheel")"
  local native
  native="$(ls "$root$inside"/site/qianming/_native*.so)"
  file -b "$native" | grep -q 'ARM aarch64' \
    || { echo "dist: the wheel's native module is not aarch64: $(file -b "$native")" >&2; exit 1; }
  out="$("${run[@]}" -c 'import platform, qianming; print(platform.machine(), qianming.kingdee.app_signature("abc", "abc123"))')"
  [[ $out == aarch64\ * ]] || { echo "dist: python3 in the arm64 root reports '$out'" >&2; exit 1; }
  expect_seed "$(basename "$wheel") on aarch64 CPython under qemu" "${out#aarch64 }"
  rm -rf "${root:?}$inside"
}
