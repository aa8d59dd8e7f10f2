#!/usr/bin/env bash
# curl runs the CLI's own `--format curl` output for every token request of the five systems
# against `qianming emulate`; the CLI's answer parsers read what came back.
# Usage: curl.sh QIANMING_BIN
set -euo pipefail
bin="$1"
work="$(mktemp -d)"
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

redirect="http://127.0.0.1:8080/oauth_callback"
"$bin" emulate --listen 127.0.0.1:0 \
  --kingdee-client 205022:0123456789abcdef0123456789abcdef --kingdee-app abc:abc123 \
  --weaver weaverappid:weaversecret:8fy6K39X6PIEEeOq --apusic-user admin:admin123 \
  --edge-user admin:123456 --oauth-client "711983296695394304:sdfj:$redirect" \
  > "$work/out" 2> "$work/log" &
emulator_pid=$!
# The first stdout line says where it listens (a hung start fails after a minute).
for _ in $(seq 600); do
  grep -q '^listening on ' "$work/out" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
  sleep 0.1
done
url="$(sed -n '1s/^listening on //p' "$work/out")"
[ -n "$url" ] || { echo "the emulator printed no address" >&2; exit 1; }

passed=0
failed=0
# run NAME: runs the curl command on stdin (curl gets -sS and a time limit), body to $work/body.
run() {
  local name="$1"
  cat > "$work/$name.sh"
  curl() { command curl -sS --max-time 30 -o "$work/body" -D "$work/headers" "$@"; }
  # shellcheck disable=SC1090
  . "$work/$name.sh"
  unset -f curl
}
# check NAME COMMAND...: the command (an answer parser reading the body) must succeed.
check() {
  local name="$1"; shift
  if "$@" < "$work/body" > "$work/parsed" 2> "$work/err"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: $(cat "$work/err") body: $(cat "$work/body")"
  fi
}
field() { awk -v f="$1" '$1 == f { print $2 }' "$work/parsed"; }

"$bin" kingdee token-request --base-url "$url" --client-id 205022 \
  --client-secret 0123456789abcdef0123456789abcdef --app-key abc --app-secret abc123 --format curl \
  | run kingdee
check "kingdee app-token" "$bin" kingdee token-answer

"$bin" weaver token-request --base-url "$url" --appid weaverappid --secret weaversecret \
  --aes-key 8fy6K39X6PIEEeOq --format curl | run weaver
check "weaver token" "$bin" weaver token-answer

for mode in basic raw; do
  "$bin" apusic session-request --base-url "$url" --user admin --password admin123 --mode "$mode" \
    --remote-host-name 127.0.0.1 --format curl | run "apusic-$mode"
  check "apusic session ($mode)" "$bin" apusic session-answer
done

# OAuth: the authorize redirect (what a browser follows), then the token and user info requests.
authorize="$("$bin" oauth authorize-url --base-url "$url" --client-id 711983296695394304 \
  --redirect-uri "$redirect" --state xyz --code-verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk \
  | awk '$1 == "url" { print $2 }')"
location="$(command curl -sS --max-time 30 -o /dev/null -w '%{redirect_url}' "$authorize")"
code="$("$bin" oauth callback --callback "$location" --expected-state xyz | awk '$1 == "code" { print $2 }')"
"$bin" oauth token-request --base-url "$url" --client-id 711983296695394304 --client-secret sdfj \
  --redirect-uri "$redirect" --code "$code" --code-verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk \
  --format curl | run oauth-token
check "oauth token (PKCE)" "$bin" oauth token-answer
access="$(field access_token)"
"$bin" oauth userinfo-request --base-url "$url" --access-token "$access" --format curl | run oauth-userinfo
check "oauth user info" "$bin" oauth userinfo-answer

"$bin" edge login-request --base-url "$url" --username admin --password 123456 --format curl | run edge-login
check "edge login" "$bin" edge token-answer
refresh="$(field refresh_token)"
"$bin" edge refresh-request --base-url "$url" --refresh-token "$refresh" --format curl | run edge-refresh
check "edge refresh" "$bin" edge token-answer

# A refused request: the vendor's answer, and the doctor's verdict in the emulator's header.
"$bin" kingdee token-request --base-url "$url" --client-id 205022 --client-secret wrong-secret \
  --app-key abc --app-secret abc123 --format curl | run kingdee-refused
if grep -qi '^x-qianming-verdict: unexplained' "$work/headers" && head -1 "$work/headers" | grep -q ' 519'; then
  passed=$((passed + 1)); echo "ok   kingdee refused: 519 with verdict unexplained"
else
  failed=$((failed + 1)); echo "FAIL kingdee refused: $(cat "$work/headers")"
fi
if grep -q 'kingdee_auth_token -> 519 verdict=unexplained' "$work/log"; then
  passed=$((passed + 1)); echo "ok   the refusal is logged with its verdict"
else
  failed=$((failed + 1)); echo "FAIL the log: $(cat "$work/log")"
fi

# The README's walkthrough: a 10-digit timestamp, refused; the emulator and the doctor agree.
QIANMING_CLIENT_SECRET=0123456789abcdef0123456789abcdef "$bin" kingdee token-request --base-url "$url" \
  --client-id 205022 --app-key abc --app-secret abc123 --timestamp "$(date +%s)" --format curl \
  > "$work/token.sh"
sed 's/^curl /curl -si /' "$work/token.sh" | sh > "$work/walkthrough"
doctor="$(QIANMING_CLIENT_SECRET=0123456789abcdef0123456789abcdef "$bin" kingdee doctor --curl "$work/token.sh" \
  | awk '$1 == "verdict" { print $2 }')"
if grep -q '^x-qianming-verdict: timestamp_in_seconds' "$work/walkthrough" && [ "$doctor" = timestamp_in_seconds ]; then
  passed=$((passed + 1)); echo "ok   README walkthrough: emulator and doctor both say timestamp_in_seconds"
else
  failed=$((failed + 1)); echo "FAIL README walkthrough: doctor said $doctor; $(cat "$work/walkthrough")"
fi

echo "curl: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
