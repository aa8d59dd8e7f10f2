#!/usr/bin/env bash
# Human-facing CLI checks: exit codes (0 ok, 1 refused, 2 usage), secrets from flags,
# environment and stdin, --explain, --format, and sign → verify round trips.
set -uo pipefail
Q="$1"
passed=0
failed=0
SEED=ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==

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

check "seed app_signature from flags" 0 "$SEED" -- "$Q" kingdee app-signature --app-key abc --app-secret abc123
check "secret from the environment" 0 "$SEED" -- env QIANMING_APP_SECRET=abc123 "$Q" kingdee app-signature --app-key abc
check "secret from stdin" 0 "$SEED" -- bash -c "echo abc123 | '$Q' kingdee app-signature --app-key abc --app-secret-stdin"
check "explain shows the HMAC hex" 0 "d9c1274b251514dc9d67503ab533835c2cc8a7c37f6c7a5e49119367b91c752e" -- "$Q" kingdee app-signature --app-key abc --app-secret abc123 --explain
check "empty secret is refused with exit 1" 1 "empty_secret" -- "$Q" kingdee app-signature --app-key abc --app-secret ""
check "missing secret is a usage error" 2 "app-secret" -- env -u QIANMING_APP_SECRET "$Q" kingdee app-signature --app-key abc
check "unknown flag is a usage error" 2 "" -- "$Q" kingdee app-signature --bogus
check "stdin that ends early is a usage error" 2 "standard input" -- bash -c "'$Q' kingdee app-signature --app-key abc --app-secret-stdin < /dev/null"

SIGN=("$Q" kingdee sign --client-id 123456 --path /jdyconnector/app_management/kingdee_auth_token
      --query app_key=abc --query "app_signature=$SEED" --timestamp 1700000000000 --nonce 1234567890)
export QIANMING_CLIENT_SECRET=0123456789abcdef0123456789abcdef
check "sign prints the SDK's signature" 0 "X-Api-Signature: MWEyM2E2Njk0YWUwNWQxNjEwZDQyMWRjZDZkNjBjYmYwNzJhYTljMmVjZDVmZjNiMDU1NWVhYThjMDc3ZmIxNw==" -- "${SIGN[@]}"
check "explain makes \\n visible" 0 'x-api-nonce:1234567890\n' -- "${SIGN[@]}" --explain
check "explain shows the canonical query" 0 "app_signature=${SEED%==}%253D%253D" -- "${SIGN[@]}" --explain
check "curl format quotes the URL" 0 "curl -X GET 'https://api.kingdee.com/jdyconnector/app_management/kingdee_auth_token?app_key=abc&app_signature=${SEED%==}%3D%3D'" -- "${SIGN[@]}" --format curl
check "json format" 0 '"hmac_hex": "1a23a6694ae05d1610d421dcd6d60cbf072aa9c2ecd5ff3b0555eaa8c077fb17"' -- "${SIGN[@]}" --format json
check "default time and nonce" 0 "X-Api-Nonce: " -- "$Q" kingdee sign --client-id 1 --path /a
check "header injection is refused" 1 "invalid_header_value" -- "${SIGN[@]}" --sign-header $'X-A: a\r\nX-B: b'
check "bad method is refused" 1 "unsupported_method" -- "${SIGN[@]}" --method TRACE

# sign now, verify what was printed
mapfile -t HEADERS < <("$Q" kingdee sign --client-id 123456 --method POST --path /jdy/v2/x --query "a=1 2" --query "b=x=y" --sign-header "Content-Type: application/json")
ARGS=()
for h in "${HEADERS[@]}"; do [[ "$h" == X-Api-* ]] && ARGS+=(--header "$h"); done
check "verify what sign printed" 0 "verified: client id 123456" -- "$Q" kingdee verify --method POST --path /jdy/v2/x --raw-query "a=1+2&b=x%3Dy" "${ARGS[@]}" --header "Content-Type: application/json"
check "verify refuses a changed query" 1 "signature_mismatch" -- "$Q" kingdee verify --method POST --path /jdy/v2/x --raw-query "a=1+3&b=x%3Dy" "${ARGS[@]}" --header "Content-Type: application/json"
check "verify refuses an old request" 1 "expired" -- "$Q" kingdee verify --method POST --path /jdy/v2/x --raw-query "a=1+2&b=x%3Dy" "${ARGS[@]}" --header "Content-Type: application/json" --now-ms 99999999999999
check "verify --explain shows both signatures" 1 "expected" -- "$Q" kingdee verify --explain --method GET --path /jdy/v2/x --raw-query "a=1+2&b=x%3Dy" "${ARGS[@]}" --header "Content-Type: application/json"
unset QIANMING_CLIENT_SECRET

W=(--appid weaverappid --secret weaversecret --aes-key 8fy6K39X6PIEEeOq)
check "weaver seed sign" 0 "48433ec4195d3d4f2c9a922eeb887ee99efc8b34155b2bd4e147370de8d80954b04dbe29a019802759029ab51c8bc6a1" -- "$Q" weaver sign "${W[@]}" --timestamp-ms 1742369234096
check "weaver secrets from stdin" 0 "48433ec4" -- bash -c "printf 'weaversecret\n8fy6K39X6PIEEeOq\n' | '$Q' weaver sign --appid weaverappid --secret-stdin --aes-key-stdin --timestamp-ms 1742369234096"
check "weaver explain" 0 "1742369234096_9A4F96168413AFA4C5BE4E60A859DEA0" -- "$Q" weaver sign "${W[@]}" --timestamp-ms 1742369234096 --explain
check "weaver bad key length" 1 "invalid_key_length" -- "$Q" weaver sign --appid a --secret b --aes-key short
S="$("$Q" weaver sign "${W[@]}")"
check "weaver verify a fresh sign" 0 "verified" -- "$Q" weaver verify "${W[@]}" --sign "$S"
check "weaver verify an old sign" 1 "expired" -- "$Q" weaver verify "${W[@]}" --sign 48433ec4195d3d4f2c9a922eeb887ee99efc8b34155b2bd4e147370de8d80954b04dbe29a019802759029ab51c8bc6a1
check "weaver replay within one --jsonl run" 0 '"kind":"replayed"' -- bash -c "printf '%s\n%s\n' '{\"appid\":\"weaverappid\",\"secret\":\"weaversecret\",\"aes_key\":\"8fy6K39X6PIEEeOq\",\"sign\":\"$S\",\"now_ms\":$(date +%s%3N)}' '{\"appid\":\"weaverappid\",\"secret\":\"weaversecret\",\"aes_key\":\"8fy6K39X6PIEEeOq\",\"sign\":\"$S\",\"now_ms\":$(date +%s%3N)}' | '$Q' weaver verify --jsonl"

check "basic encode" 0 "Authorization: Basic YWRtaW46YWRtaW4xMjM=" -- "$Q" basic encode --user admin --password admin123
check "basic encode raw" 0 "Authorization: YWRtaW46YWRtaW4xMjM=" -- "$Q" basic encode --user admin --password admin123 --raw
check "basic password from env" 0 "QWxhZGRpbjpvcGVuIHNlc2FtZQ==" -- env "QIANMING_PASSWORD=open sesame" "$Q" basic encode --user Aladdin
check "basic colon in user" 1 "invalid_user_name" -- "$Q" basic encode --user a:b --password c
check "basic decode" 0 "user: Aladdin" -- "$Q" basic decode --authorization "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
check "basic decode bad base64" 1 "invalid_base64" -- "$Q" basic decode --authorization "Basic QWxhZA"

echo "cli: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
