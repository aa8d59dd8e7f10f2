#!/usr/bin/env bash
# The doctor from the shell: `kingdee doctor` on fields, on what `kingdee sign --format curl`
# prints (file and stdin, the secret's line first), on raw HTTP and HAR, with --string-to-sign;
# `weaver doctor`; exit codes (0 for any diagnosis, 1 unreadable input, 2 usage).
set -uo pipefail
Q="$1"
passed=0
failed=0
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

check() { # check NAME EXPECTED_EXIT EXPECTED_SUBSTRING -- command...
  local name="$1" want_exit="$2" want_text="$3"
  shift 4
  local out code
  out="$("$@" 2>&1)"
  code=$?
  if [[ "$code" == "$want_exit" && "$out" == *"$want_text"* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $code (want $want_exit), output:" >&2
    echo "$out" >&2
  fi
}

SECRET=0123456789abcdef0123456789abcdef
TS=1700000000000
NOW=1700000002000
export QIANMING_CLIENT_SECRET=$SECRET
SIGN=("$Q" kingdee sign --client-id 123456 --method POST --path "/jdy/v2/sal out" --query "q=x=y" --query "a=1"
      --sign-header "Content-Type: application/json" --timestamp $TS --nonce 77)
"${SIGN[@]}" --format curl > "$dir/ok.sh"
sed 's/X-Api-Signature: .*/X-Api-Signature: bm90IGl0'"'"' \\/' "$dir/ok.sh" > "$dir/bad.sh"

check "doctor: our curl output is valid" 0 "verdict          valid" -- "$Q" kingdee doctor --curl "$dir/ok.sh" --now-ms $NOW
check "doctor: the time difference" 0 "2000 ms old" -- "$Q" kingdee doctor --curl "$dir/ok.sh" --now-ms $NOW
check "doctor: Chinese explanation" 0 "签名正确" -- "$Q" kingdee doctor --curl "$dir/ok.sh" --now-ms $NOW
check "doctor: late" 0 "verdict          expired" -- "$Q" kingdee doctor --curl "$dir/ok.sh" --now-ms 1700000900000
check "doctor: another signature is unexplained, exit 0" 0 "unexplained" -- "$Q" kingdee doctor --curl "$dir/bad.sh" --now-ms $NOW
check "doctor: curl from stdin after the secret's line" 0 "verdict          valid" -- bash -c "{ echo $SECRET; cat '$dir/ok.sh'; } | env -u QIANMING_CLIENT_SECRET '$Q' kingdee doctor --client-secret-stdin --curl - --now-ms $NOW"
check "doctor: json format" 0 '"verdict": "valid"' -- "$Q" kingdee doctor --curl "$dir/ok.sh" --now-ms $NOW --format json
RIGHT="$(grep -o 'X-Api-Signature: [^'"'"']*' "$dir/ok.sh" | cut -d' ' -f2)"
never_shown() { # runs the doctor on the tampered request; exit 3 if the right signature shows
  local out
  out="$("$Q" kingdee doctor --curl "$dir/bad.sh" --now-ms $NOW --format json)" || return $?
  [[ -n "$RIGHT" && "$out" != *"$RIGHT"* ]] || return 3
  echo "$out"
}
check "doctor: never the expected signature" 0 '"verdict": "unexplained"' -- never_shown

mapfile -t HEADERS < <("${SIGN[@]}")
ARGS=()
for h in "${HEADERS[@]}"; do [[ "$h" == X-Api-* ]] && ARGS+=(--header "$h"); done
check "doctor: from fields" 0 "verdict          valid" -- "$Q" kingdee doctor --method POST --path "/jdy/v2/sal out" --raw-query "q=x%3Dy&a=1" "${ARGS[@]}" --header "Content-Type: application/json" --now-ms $NOW
check "doctor: from a target" 0 "verdict          valid" -- "$Q" kingdee doctor --method POST --target "/jdy/v2/sal%20out?q=x%3Dy&a=1" "${ARGS[@]}" --header "Content-Type: application/json" --now-ms $NOW
check "doctor: a line break in a flag is refused" 1 "invalid_header_value" -- "$Q" kingdee doctor --path /a --header $'X-A: 1\nX-Api-Nonce: 2' --now-ms $NOW

{
  printf 'POST /jdy/v2/sal%%20out?q=x%%3Dy&a=1 HTTP/1.1\r\nHost: api.kingdee.com\r\n'
  for h in "${HEADERS[@]}"; do [[ "$h" == X-Api-* ]] && printf '%s\r\n' "$h"; done
  printf 'Content-Type: application/json\r\n\r\n{}'
} > "$dir/request.http"
check "doctor: raw HTTP" 0 "verdict          valid" -- "$Q" kingdee doctor --http-file "$dir/request.http" --now-ms $NOW
python3 - "$dir/request.http" "$dir/request.har" <<'EOF'
import json, sys
head = open(sys.argv[1], newline="").read().split("\r\n\r\n")[0].split("\r\n")
method, target, _ = head[0].split(" ")
headers = [dict(zip(("name", "value"), line.split(": ", 1))) for line in head[1:]]
entry = {"request": {"method": method, "url": "https://api.kingdee.com" + target, "headers": headers}}
json.dump({"log": {"version": "1.2", "entries": [entry]}}, open(sys.argv[2], "w"))
EOF
check "doctor: HAR" 0 "verdict          valid" -- "$Q" kingdee doctor --har "$dir/request.har" --now-ms $NOW
check "doctor: HAR that is not JSON" 1 "invalid_json" -- bash -c "echo '{\"log\":' | '$Q' kingdee doctor --har - --now-ms $NOW"
check "doctor: unterminated quote" 1 "invalid_field" -- bash -c "echo \"curl 'https://h/a\" | '$Q' kingdee doctor --curl - --now-ms $NOW"
check "doctor: missing headers" 1 "missing_header" -- bash -c "echo 'curl https://h/a' | '$Q' kingdee doctor --curl - --now-ms $NOW"
check "doctor: two pasted forms are a usage error" 2 "" -- "$Q" kingdee doctor --curl "$dir/ok.sh" --har "$dir/request.har"
check "doctor: no file is a usage error" 2 "cannot read" -- "$Q" kingdee doctor --curl "$dir/none.sh"

printf 'POST\\n%%2Fjdy%%2Fv2%%2Fsal+out\\na=1&q=x%%3Dy\\ncontent-type:application/json\\nx-api-nonce:77\\nx-api-timestamp:%s\\n' $TS > "$dir/theirs.txt"
check "doctor: where a client's string to sign differs" 0 "(query_encoded_once)" -- "$Q" kingdee doctor --curl "$dir/ok.sh" --now-ms $NOW --string-to-sign "$dir/theirs.txt"
unset QIANMING_CLIENT_SECRET

W=(--appid weaverappid --secret weaversecret --aes-key 8fy6K39X6PIEEeOq)
SECONDS_SIGN="$("$Q" weaver sign "${W[@]}" --timestamp-ms 1742369234)"
check "weaver doctor: seconds" 0 "verdict          timestamp_in_seconds" -- "$Q" weaver doctor "${W[@]}" --sign "$SECONDS_SIGN" --now-ms 1742369260000
check "weaver doctor: the recipe the client followed" 0 'timestamp_seconds "_" HEX_UPPER(MD5(appid ":" secret))' -- "$Q" weaver doctor "${W[@]}" --sign "$SECONDS_SIGN" --now-ms 1742369260000
check "weaver doctor: another key" 0 "wrong_aes_key" -- "$Q" weaver doctor --appid weaverappid --secret weaversecret --aes-key 0123456789abcdef --sign "$SECONDS_SIGN" --now-ms 1742369260000
check "weaver doctor: bad key length" 1 "invalid_key_length" -- "$Q" weaver doctor --appid a --secret b --aes-key short --sign 00
FRESH="$("$Q" weaver sign "${W[@]}" --timestamp-ms 1742369250000)"
LINE="{\"appid\":\"weaverappid\",\"secret\":\"weaversecret\",\"aes_key\":\"8fy6K39X6PIEEeOq\",\"sign\":\"$FRESH\",\"now_ms\":1742369260000}"
check "weaver doctor: a repeat within one --jsonl run is replayed" 0 '"verdict":"replayed"' -- bash -c "printf '%s\n%s\n' '$LINE' '$LINE' | '$Q' weaver doctor --jsonl"

# The README's walkthrough: its refused request gives the verdict it shows.
awk '/^\$ cat refused.sh/{on=1; next} /^\$ /{on=0} on' "$(dirname "$0")/../../README.md" > "$dir/refused.sh"
check "doctor: the README's example" 0 "verdict          query_encoded_once" -- env QIANMING_CLIENT_SECRET=$SECRET "$Q" kingdee doctor --curl "$dir/refused.sh" --now-ms 1700000003000

echo "doctor cli: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
