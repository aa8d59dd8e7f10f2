#!/usr/bin/env bash
# An arm64 Debian root with python3 and pip, to run the aarch64 wheel under qemu-user: made by
# `debootstrap --foreign --arch=arm64 --variant=minbase` (the host's Debian release, from the
# mirror the host's apt uses), whose downloaded packages are then unpacked with dpkg-deb. The
# second stage (maintainer scripts, run as arm64 programs) is skipped: it would need binfmt_misc,
# which containers often lack, and python3 runs without it. Programs are run with
# `chroot ROOT /usr/bin/qemu-aarch64-static PROGRAM` (Debian's qemu-user-static, copied in).
# Cached in $QIANMING_DIST_CACHE (default <repo>/.cache/dist): a second run only prints the path.
#   bash scripts/dist/arm64-root.sh    prints the root's path on its last line
source "$(dirname "$0")/lib.sh"
ensure_apt debootstrap debian-archive-keyring qemu-user-static
[[ $(id -u) -eq 0 ]] || { echo "arm64-root: debootstrap and chroot need root" >&2; exit 1; }
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
[[ -n $suite ]] || { echo "arm64-root: no VERSION_CODENAME in /etc/os-release" >&2; exit 1; }
include=python3,python3-pip
root="$cache/arm64-$suite-python3"
spec="debootstrap --foreign --arch=arm64 --variant=minbase --include=$include $suite"
if [[ "$(cat "$root/.qianming-root" 2>/dev/null || true)" == "$spec" ]]; then
  echo "$root"
  exit 0
fi

# The mirror of the host's own Debian packages (apt's sources, whatever their format).
mirror="$(apt-cache policy | awk -v s="$suite/main" '$3 == s && $2 ~ /^https?:/ { print $2; exit }')"
[[ -n $mirror ]] || { echo "arm64-root: no Debian mirror for $suite/main in apt's sources (apt-cache policy)" >&2; exit 1; }
started=$SECONDS
rm -rf "$root" "$root.tmp"
echo "arm64-root: $spec (from $mirror)" >&2
if ! debootstrap --foreign --arch=arm64 --variant=minbase --include="$include" "$suite" "$root.tmp" "$mirror" \
  >"$cache/debootstrap.log" 2>&1; then
  tail -n 20 "$cache/debootstrap.log" >&2
  echo "arm64-root: debootstrap could not fetch the arm64 packages from $mirror (log: $cache/debootstrap.log)" >&2
  exit 1
fi
# The first stage unpacked only the essential set; unpack the rest (python3, pip and their
# libraries), keeping the merged-/usr links (/lib -> usr/lib) that debootstrap made.
while read -r pkg; do
  deb="$(awk -v p="$pkg" '$1 == p { print $2; exit }' "$root.tmp/debootstrap/debpaths")"
  [[ -n $deb ]] || { echo "arm64-root: debootstrap did not download $pkg" >&2; exit 1; }
  dpkg-deb --fsys-tarfile "$root.tmp$deb" | tar -x --keep-directory-symlink -C "$root.tmp"
done < <(tr ' ' '\n' < "$root.tmp/debootstrap/base" | sed '/^$/d')
rm -rf "$root.tmp/var/cache/apt/archives/"*.deb
cp /usr/bin/qemu-aarch64-static "$root.tmp/usr/bin/"
python="$(chroot "$root.tmp" /usr/bin/qemu-aarch64-static /usr/bin/python3 -c \
  'import platform; print(platform.machine(), platform.python_version())')" \
  || { echo "arm64-root: python3 does not start under qemu-aarch64-static" >&2; exit 1; }
[[ $python == aarch64\ * ]] || { echo "arm64-root: python3 reports '$python', not aarch64" >&2; exit 1; }
echo "$spec" > "$root.tmp/.qianming-root"
mv "$root.tmp" "$root"
echo "arm64-root: $root: CPython ${python#aarch64 } (aarch64) in $((SECONDS - started)) s" >&2
echo "$root"
