#!/usr/bin/env bash
# CLI: build the `qianming` binary, run every vector case through --jsonl, then the
# human-facing checks (exit codes, secrets from env/stdin, explain output), the doctor's, then the
# request targets that `--format curl` prints, sent by real curl to a server on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet -p qianming-cli
target_dir="${CARGO_TARGET_DIR:-target}"
bin="$target_dir/debug/qianming"
python3 tests/cli/jsonl_conformance.py "$bin"
bash tests/cli/human.sh "$bin"
bash tests/cli/doctor.sh "$bin"
bash tests/cli/messaging.sh "$bin"
python3 tests/cli/request_target.py "$bin"
