#!/usr/bin/env bash
# dist/SHA256SUMS: the SHA-256 of every artifact (check with `sha256sum -c SHA256SUMS` in dist/).
source "$(dirname "$0")/lib.sh"
cd "$dist"
find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | LC_ALL=C sort | xargs -r sha256sum > SHA256SUMS
sha256sum --quiet -c SHA256SUMS
echo "== $dist"
LC_ALL=C ls -l --time-style=+ "$dist" | awk 'NR > 1 { printf "   %10d  %s\n", $5, $NF }'
