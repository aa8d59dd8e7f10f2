#!/usr/bin/env bash
# `make fuzz`: every cargo fuzz target for FUZZ_SECONDS (default 60) each, with AddressSanitizer,
# debug assertions and overflow checks, from corpora seeded from vectors/. Prints the
# executions per target; fails if any target found a crash (its input is kept in
# fuzz/artifacts/<target>/ — reproduce with `cargo +nightly fuzz run <target> <file>`).
#   FUZZ_SECONDS=600 make fuzz
#   FUZZ_TARGETS="kingdee_verify c_abi" make fuzz
#   FUZZ_RUNS=10000000 make fuzz        (a number of executions per target instead of a time)
# Not part of `make test`. Installs what it needs: the nightly toolchain and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")"

CARGO_FUZZ_VERSION=0.13.2
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
# The largest seed seed_corpus.py writes; longer inputs only slow every execution down (the
# size limits above it are single comparisons, covered by the vector suites).
MAX_LEN=4096
if [ -n "${FUZZ_RUNS:-}" ]; then
    budget=(-runs="$FUZZ_RUNS")
else
    budget=(-max_total_time="$FUZZ_SECONDS")
fi

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz: installing the nightly Rust toolchain (cargo fuzz needs -Zsanitizer)"
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
    echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

python3 seed_corpus.py corpus
cargo +nightly fuzz build --sanitizer address
targets=${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}

mkdir -p logs
failed=()
printf '%-24s %14s %8s %10s  %s\n' target executions seconds exec/s result
for target in $targets; do
    log="logs/$target.log"
    status=0
    cargo +nightly fuzz run --sanitizer address "$target" "corpus/$target" -- \
        "${budget[@]}" -max_len="$MAX_LEN" -timeout=10 \
        -print_final_stats=1 >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    result=ok
    if [ "$status" -ne 0 ]; then
        result="CRASH (see fuzz/$log, fuzz/artifacts/$target/)"
        failed+=("$target")
    fi
    rate=$(( ${execs:-0} / (${secs:-0} > 0 ? ${secs:-1} : 1) ))
    printf '%-24s %14s %8s %10s  %s\n' "$target" "${execs:-?}" "${secs:-?}" "$rate" "$result"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "${execs:-0}" "${secs:-0}" \
        "$rate" "$result" >>logs/runs.tsv
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "make fuzz: crashes in: ${failed[*]}" >&2
    exit 1
fi
budget_text=${FUZZ_RUNS:+$FUZZ_RUNS executions}
echo "make fuzz: no findings; every target ran ${budget_text:-${FUZZ_SECONDS} s} (history: fuzz/logs/runs.tsv)"
