#!/usr/bin/env bash
# Instructions per call of each core operation, counted by callgrind (repeatable whatever
# else the machine is doing): each operation runs N and 2N times; the difference / N is the
# cost of one call, setup excluded. Prints a Markdown table with ratios against the raw
# primitive baselines.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-2000}"
cargo build -q --release -p qianming --features bench-internals --example instructions
bin="${CARGO_TARGET_DIR:-target}/release/examples/instructions"
count() { # operation iterations -> total instructions
  local out
  out="$(mktemp)"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$2" 2>&1 | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'
  rm -f "$out"
}
per_call() {
  local a b
  a="$(count "$1" "$N")"
  b="$(count "$1" "$((2 * N))")"
  echo $(((b - a) / N))
}
declare -A ins
for op in raw-hmac-app app-signature raw-hmac-request sign sign-into verify raw-md5-aes weaver-sign weaver-signer own-hmac crate-hmac own-aes crate-aes; do
  ins[$op]="$(per_call "$op")"
done
ratio() { python3 -c "print(f'{$1 / $2:.2f}×')"; }
echo "| operation | instructions per call | baseline | ratio |"
echo "|---|---:|---|---:|"
echo "| raw HMAC-SHA256 (app key) | ${ins[raw-hmac-app]} | | |"
echo "| app_signature | ${ins[app-signature]} | raw HMAC-SHA256 | $(ratio "${ins[app-signature]}" "${ins[raw-hmac-app]}") |"
echo "| raw HMAC-SHA256 (string to sign) | ${ins[raw-hmac-request]} | | |"
echo "| request signature, Signer::sign (owned output) | ${ins[sign]} | raw HMAC-SHA256 | $(ratio "${ins[sign]}" "${ins[raw-hmac-request]}") |"
echo "| request signature, Signer::sign_into (reused buffer) | ${ins[sign-into]} | raw HMAC-SHA256 | $(ratio "${ins[sign-into]}" "${ins[raw-hmac-request]}") |"
echo "| Kingdee verify | ${ins[verify]} | raw HMAC-SHA256 | $(ratio "${ins[verify]}" "${ins[raw-hmac-request]}") |"
echo "| raw MD5 + AES-128-ECB-PKCS#7 | ${ins[raw-md5-aes]} | | |"
echo "| weaver::sign (one call) | ${ins[weaver-sign]} | raw MD5 + AES | $(ratio "${ins[weaver-sign]}" "${ins[raw-md5-aes]}") |"
echo "| own HMAC-SHA256 keyed once (HmacKey::mac) | ${ins[own-hmac]} | hmac crate, cloned keyed Hmac<Sha256>: ${ins[crate-hmac]} | $(ratio "${ins[own-hmac]}" "${ins[crate-hmac]}") |"
echo "| own AES-128-ECB-PKCS#7 keyed once (AesEcb on aes) | ${ins[own-aes]} | ecb crate, cloned Encryptor<Aes128>: ${ins[crate-aes]} | $(ratio "${ins[own-aes]}" "${ins[crate-aes]}") |"
echo "| weaver::Signer::sign (reused) | ${ins[weaver-signer]} | raw MD5 + AES | $(ratio "${ins[weaver-signer]}" "${ins[raw-md5-aes]}") |"
