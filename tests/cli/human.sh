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

# --- token requests and answers (issue 6) ---
check_absent() { # check_absent NAME FORBIDDEN_SUBSTRING -- command...: exit 1, text not in output
  local name="$1" forbidden="$2"
  shift 3
  local out code
  out="$("$@" 2>&1)"
  code=$?
  if [[ "$code" == 1 && "$out" != *"$forbidden"* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $code (want 1) or output holds a secret:" >&2
    echo "$out" >&2
  fi
}

AP=("$Q" apusic session-request --host 172.20.140.17 --user admin --remote-host-name 10.0.0.8)
check "apusic seed request: Basic" 0 "Authorization: Basic YWRtaW46YWRtaW4xMjM=" -- "${AP[@]}" --password admin123
check "apusic seed request: X-Requested-By" 0 "X-Requested-By: Apusic" -- "${AP[@]}" --password admin123
check "apusic request line and body" 0 $'POST https://172.20.140.17:6848/management/sessions\n' -- "${AP[@]}" --password admin123
check "apusic password from env, raw mode" 0 "Authorization: YWRtaW46YWRtaW4xMjM=" -- env QIANMING_PASSWORD=admin123 "${AP[@]}" --mode raw
check "apusic password from stdin" 0 "YWRtaW46YWRtaW4xMjM=" -- bash -c "echo admin123 | $(printf '%q ' "${AP[@]}") --password-stdin"
check "apusic curl" 0 "--data-raw '{}'" -- "${AP[@]}" --password admin123 --format curl
check "apusic json" 0 '"url": "https://172.20.140.17:6848/management/sessions"' -- "${AP[@]}" --password admin123 --format json
check "apusic missing password is a usage error" 2 "password" -- env -u QIANMING_PASSWORD "${AP[@]}"
check "apusic header injection refused" 1 "invalid_header_value" -- "$Q" apusic session-request --host h --user a --password b --remote-host-name $'x\r\nEvil: 1'
check "apusic bad host refused" 1 "invalid_url" -- "$Q" apusic session-request --host "h/evil" --user a --password b --remote-host-name x
check "apusic answer from stdin" 0 "token            2d8085c851a23e6eba4dda394086e4f2e" -- bash -c "echo '{\"message\":\"\",\"exit_code\":\"SUCCESS\",\"extraProperties\":{\"token\":\"2d8085c851a23e6eba4dda394086e4f2e\"}}' | '$Q' apusic session-answer"
check "apusic refused answer exits 1" 1 'refused (login_failed): the server refused with code FAILURE: "bad password"' -- bash -c "echo '{\"message\":\"bad password\",\"exit_code\":\"FAILURE\"}' | '$Q' apusic session-answer"
check "apusic HTML page exits 1" 1 "invalid_json" -- bash -c "echo '<html><body>401</body></html>' | '$Q' apusic session-answer"
check "apusic empty answer exits 1" 1 "invalid_json" -- bash -c "'$Q' apusic session-answer < /dev/null"
check "apusic call headers" 0 "Cookie: gfrestdtoken=2d8085c8" -- "$Q" apusic call-headers --token 2d8085c8
check "apusic call headers, token from env, X-Auth-Token" 0 "X-Auth-Token: 2d8085c8" -- env QIANMING_APUSIC_TOKEN=2d8085c8 "$Q" apusic call-headers --x-auth-token
check_absent "apusic cookie injection refused without echoing the token" "s3cr3t" -- "$Q" apusic call-headers --token "s3cr3t;admin=1"

KT=("$Q" kingdee token-request --client-id 205022 --app-key abc --app-secret abc123 --timestamp 1700000000000 --nonce 1234567890)
export QIANMING_CLIENT_SECRET=0123456789abcdef0123456789abcdef
check "kingdee token request URL" 0 "GET https://api.kingdee.com/jdyconnector/app_management/kingdee_auth_token?app_key=abc&app_signature=${SEED%==}%3D%3D" -- "${KT[@]}"
check "kingdee token request signature" 0 "X-Api-Signature: " -- "${KT[@]}"
check "kingdee token request explain" 0 "string to sign" -- "${KT[@]}" --explain
check "kingdee token request secrets from stdin" 0 "X-Api-ClientID: 205022" -- bash -c "printf '0123456789abcdef0123456789abcdef\nabc123\n' | '$Q' kingdee token-request --client-id 205022 --app-key abc --client-secret-stdin --app-secret-stdin"
unset QIANMING_CLIENT_SECRET
check "kingdee token answer" 0 "expires_at_ms    1700086400000" -- bash -c "echo '{\"errcode\":0,\"description\":\"ok\",\"data\":{\"uid\":\"7\",\"app-token\":\"8c1f3e\"}}' | '$Q' kingdee token-answer --received-at-ms 1700000000000"
check "kingdee refused answer" 1 "refused (vendor_error): the server refused with code 1001" -- bash -c "echo '{\"errcode\":1001,\"description\":\"bad key\"}' | '$Q' kingdee token-answer"

WS=48433ec4195d3d4f2c9a922eeb887ee99efc8b34155b2bd4e147370de8d80954b04dbe29a019802759029ab51c8bc6a1
check "weaver token request with a sign" 0 "sign: $WS" -- "$Q" weaver token-request --base-url http://10.0.0.1 --appid weaverappid --sign "$WS"
check "weaver token request signs itself" 0 "sign: $WS" -- "$Q" weaver token-request --base-url http://10.0.0.1 "${W[@]}" --timestamp-ms 1742369234096
check "weaver token request line" 0 "POST http://10.0.0.1/api/cus/token/auth/getToken" -- "$Q" weaver token-request --base-url http://10.0.0.1 "${W[@]}"
check "weaver token answer" 0 "token            fdca51c0" -- bash -c "echo '{\"batchkey\":\"k\",\"msg\":\"ok\",\"status\":true,\"token\":\"fdca51c0\"}' | '$Q' weaver token-answer"
check "weaver replayed answer" 1 "refused (replayed)" -- bash -c "echo '{\"batchkey\":\"k\",\"msg\":\"禁用重复签名获取token\",\"status\":false}' | '$Q' weaver token-answer"

OA=(--base-url http://lcy.aidm.apusic.com:9080/api/apusic)
check "oauth authorize URL" 0 "oauth2/authorize?client_id=711983296695394304&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth_callback&response_type=code&state=xyz" -- "$Q" oauth authorize-url "${OA[@]}" --client-id 711983296695394304 --redirect-uri http://127.0.0.1:8080/oauth_callback --state xyz
check "oauth PKCE challenge" 0 "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" -- "$Q" oauth authorize-url "${OA[@]}" --client-id c --redirect-uri http://a/b --code-verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
check "oauth callback" 0 "code             586za9" -- "$Q" oauth callback --callback "http://127.0.0.1:8080/oauth_callback?code=586za9&state=xyz" --expected-state xyz
check "oauth callback state mismatch" 1 "state_mismatch" -- "$Q" oauth callback --callback "/cb?code=1&state=abc" --expected-state xyz
check "oauth token request, secret from stdin" 0 "POST http://lcy.aidm.apusic.com:9080/api/apusic/oauth2/token?client_id=R9ZyHNCNbZ&client_secret=sdfj&redirect_uri=http%3A%2F%2Fa%2Fb&code=34fd" -- bash -c "echo sdfj | '$Q' oauth token-request ${OA[*]} --client-id R9ZyHNCNbZ --redirect-uri http://a/b --code 34fd --client-secret-stdin"
check "oauth form token answer" 0 "expires          7200" -- bash -c "printf 'access_token=623239c3&expires=7200' | '$Q' oauth token-answer"
check "oauth error answer" 1 "oauth_error" -- bash -c "echo '{\"error\":\"invalid_grant\"}' | '$Q' oauth token-answer"
check "oauth userinfo request, token from env" 0 "GET http://lcy.aidm.apusic.com:9080/api/apusic/v1.0/oauth2/userinfo?access_token=R9Zy" -- env QIANMING_ACCESS_TOKEN=R9Zy "$Q" oauth userinfo-request "${OA[@]}"
check "oauth userinfo answer" 0 "IDPEmail: 10138640" -- bash -c "echo '{ \"id\": \"10138640\", \"attributes\": [{\"IDPEmail\": \"10138640\"}] }' | '$Q' oauth userinfo-answer"
check "oauth unbound account" 1 "account_not_bound" -- bash -c "'$Q' oauth userinfo-answer < /dev/null"
check "oauth expired token" 1 "token_expired" -- bash -c "echo '{\"error\":\"expired_accessToken\"}' | '$Q' oauth userinfo-answer"
check "oauth huge answer" 1 "input_too_large" -- bash -c "head -c 400000 /dev/zero | tr '\\0' a | '$Q' oauth token-answer"

JWT=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJRCI6MSwiVXNlcm5hbWUiOiJhZG1pbiIsImV4cCI6MTY4NjM5MzI5NiwiaXNzIjoiZWRnZS1nYXRld2F5IiwibmJmIjoxNjg2Mzg2MDk2fQ.jtD5t23hfs21PdHV6qeqqhqU2o17BJ4KS0rXqdUOsh0
check "edge login request body" 0 '{"username":"admin","password":"123456"}' -- "$Q" edge login-request --base-url http://127.0.0.1:58081 --username admin --password 123456
check "edge refresh request path is one segment" 0 "POST http://127.0.0.1:58081/v1.0/openapi/token/..%2Fauth%2Flogin%3Fx" -- "$Q" edge refresh-request --base-url http://127.0.0.1:58081 --refresh-token "../auth/login?x"
check "edge token answer" 0 "expires_at_ms          1686393296000" -- bash -c "echo '{\"code\":0,\"success\":true,\"t\":1686386096216,\"result\":{\"access_token\":\"a.b.c\",\"expire\":1686393296}}' | '$Q' edge token-answer"
check "edge refused answer" 1 "refused (login_failed)" -- bash -c "echo '{\"code\":7,\"success\":false,\"msg\":\"bad password\"}' | '$Q' edge token-answer"
check "edge x-token" 0 "x-token: $JWT" -- env QIANMING_ACCESS_TOKEN="$JWT" "$Q" edge x-token
check_absent "edge x-token injection refused without echoing the token" "s3cr3t" -- "$Q" edge x-token --access-token $'s3cr3t\r\nX: y'
check "edge jwt claims" 0 "iss              edge-gateway" -- "$Q" edge jwt --jwt "$JWT"
check "edge jwt from stdin" 0 "exp              1686393296" -- bash -c "echo '$JWT' | '$Q' edge jwt --jwt-stdin"
check "edge bad jwt" 1 "invalid_jwt" -- "$Q" edge jwt --jwt not.a.jwt

check "token lifetime reuse" 0 "action                 reuse" -- "$Q" token lifetime --issued-at-ms 1700000000000 --system kingdee --now-ms 1700000001000
check "token lifetime refresh" 0 "action                 refresh" -- "$Q" token lifetime --exp-s 1686393296 --refresh-exp-s 1687595696 --now-ms 1686393296000
check "token lifetime login again" 0 "action                 login_again" -- "$Q" token lifetime --issued-at-ms 0 --lifetime-ms 1000 --now-ms 5000 --skew-ms 0
check "token lifetime needs a lifetime" 2 "" -- "$Q" token lifetime --issued-at-ms 0
check "token lifetime --jsonl" 0 '{"ok":true,"action":"refresh"' -- bash -c "echo '{\"issued_at_ms\":0,\"lifetime_ms\":1000,\"refresh_expires_at_ms\":6000,\"now_ms\":5000,\"skew_ms\":0}' | '$Q' token lifetime --jsonl"
check "refusal data in --jsonl" 0 '"refusal":{"batchkey":"k","code":null,"message":"签名已过期"}' -- bash -c "echo '{\"body\":\"{\\\"batchkey\\\":\\\"k\\\",\\\"msg\\\":\\\"签名已过期\\\",\\\"status\\\":false}\",\"received_at_ms\":0}' | '$Q' weaver token-answer --jsonl"

echo "cli: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
