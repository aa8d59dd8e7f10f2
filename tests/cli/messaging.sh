#!/usr/bin/env bash
# Human forms of `wecom`, `dingtalk`, `feishu` and `yonyou` (issue 17): the official samples
# from flags, the environment and stdin, exit codes (0 ok, 1 refused, 2 usage), encrypt → decrypt
# round trips with fresh randomness, and the Yonyou request sent by curl to a server on 127.0.0.1.
set -uo pipefail
Q="$1"
passed=0
failed=0
KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C
ECHO='P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=='

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

check "wecom signature: Tencent's URL check" 0 5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3 -- \
  env QIANMING_WECOM_TOKEN=QDG6eK "$Q" wecom signature --timestamp 1409659589 --nonce 263014780 --encrypt "$ECHO"
check "wecom signature: token from stdin" 0 5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3 -- bash -c \
  "echo QDG6eK | '$Q' wecom signature --token-stdin --timestamp 1409659589 --nonce 263014780 --encrypt '$ECHO'"
check "wecom signature: a bad timestamp is refused" 1 invalid_timestamp -- \
  "$Q" wecom signature --token t --timestamp 1e9 --nonce n --encrypt e
check "wecom signature: no token is a usage error" 2 token -- \
  env -u QIANMING_WECOM_TOKEN "$Q" wecom signature --timestamp 1 --nonce n --encrypt e
check "wecom decrypt: Tencent's echostr" 0 1616140317555161061 -- \
  env QIANMING_ENCODING_AES_KEY=$KEY "$Q" wecom decrypt --receive-id wx5823bf96d3bd56c7 --encrypt "$ECHO"
check "wecom decrypt: another receive id" 1 sign_mismatch -- \
  env QIANMING_ENCODING_AES_KEY=$KEY "$Q" wecom decrypt --receive-id wx0 --encrypt "$ECHO"
check "wecom decrypt: a short key" 1 invalid_key_length -- \
  "$Q" wecom decrypt --encoding-aes-key abc --receive-id wx0 --encrypt "$ECHO"
# Fresh randomness, timestamp and nonce: encrypt, then decrypt and check the signature.
reply="$(env QIANMING_ENCODING_AES_KEY=$KEY QIANMING_WECOM_TOKEN=QDG6eK "$Q" wecom encrypt \
  --receive-id wx5823bf96d3bd56c7 --message '<xml>你好</xml>' --format json)"
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$reply" "$1"; }
check "wecom encrypt → decrypt" 0 '<xml>你好</xml>' -- \
  env QIANMING_ENCODING_AES_KEY=$KEY "$Q" wecom decrypt --receive-id wx5823bf96d3bd56c7 --encrypt "$(field encrypt)"
check "wecom encrypt → signature" 0 "$(field signature)" -- env QIANMING_WECOM_TOKEN=QDG6eK "$Q" wecom signature \
  --timestamp "$(field timestamp)" --nonce "$(field nonce)" --encrypt "$(field encrypt)"
reply2="$(env QIANMING_ENCODING_AES_KEY=$KEY QIANMING_WECOM_TOKEN=QDG6eK "$Q" wecom encrypt \
  --receive-id wx5823bf96d3bd56c7 --message '<xml>你好</xml>' --format json)"
if [[ "$reply" != "$reply2" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL two replies are equal" >&2; fi

check "dingtalk robot-sign: secret from stdin" 0 "sign_urlencoded" -- bash -c \
  "echo SECabc | '$Q' dingtalk robot-sign --secret-stdin --timestamp-ms 1700000000000"
check "dingtalk robot-sign: empty secret" 1 empty_secret -- "$Q" dingtalk robot-sign --secret "" --timestamp-ms 1
check "feishu decrypt: the sample" 0 "hello world" -- \
  env QIANMING_FEISHU_ENCRYPT_KEY="test key" "$Q" feishu decrypt --encrypt P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=
check "feishu decrypt: another key" 1 undecryptable -- \
  env QIANMING_FEISHU_ENCRYPT_KEY="other" "$Q" feishu decrypt --encrypt P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=
check "feishu bot-sign" 0 "timestamp" -- env QIANMING_FEISHU_SECRET=s "$Q" feishu bot-sign
SIG="$(printf '{"type":"event"}' | python3 -c 'import hashlib,sys; print(hashlib.sha256(b"1700000000n1ek_secret"+sys.stdin.buffer.read()).hexdigest())')"
check "feishu event-signature: body from stdin, checked" 0 "$SIG" -- bash -c \
  "printf '{\"type\":\"event\"}' | QIANMING_FEISHU_ENCRYPT_KEY=ek_secret '$Q' feishu event-signature --timestamp 1700000000 --nonce n1 --signature $SIG"
check "feishu event-signature: a tampered body" 1 signature_mismatch -- bash -c \
  "printf '{\"type\":\"evil\"}' | QIANMING_FEISHU_ENCRYPT_KEY=ek_secret '$Q' feishu event-signature --timestamp 1700000000 --nonce n1 --signature $SIG"
check "yonyou signature" 0 signature_urlencoded -- env QIANMING_YONYOU_APP_SECRET=s "$Q" yonyou signature --app-key k
check "yonyou token-answer: the demo's answer" 0 2215d3c77b684876980ff15f9a0df6c7 -- bash -c \
  "echo '{\"code\":\"00000\",\"message\":\"ok\",\"data\":{\"access_token\":\"2215d3c77b684876980ff15f9a0df6c7\",\"expire\":7200}}' | '$Q' yonyou token-answer"
check "yonyou token-answer: a refusal" 1 vendor_error -- bash -c \
  "echo '{\"code\":\"310036\",\"message\":\"bad\"}' | '$Q' yonyou token-answer"

# The token request as curl sends it: a server on 127.0.0.1 checks the signature it receives.
port_file="$(mktemp)"
python3 - "$port_file" <<'PY' &
import base64, hashlib, hmac, http.server, json, sys, urllib.parse
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        want = base64.b64encode(hmac.new(b"app-secret", ("appKey%stimestamp%s" % (q["appKey"], q["timestamp"])).encode(), hashlib.sha256).digest()).decode()
        ok = self.path.startswith("/open-auth/selfAppAuth/getAccessToken?") and q.get("signature") == want
        body = json.dumps({"code": "00000", "message": "ok", "data": {"access_token": "tok-" + q["appKey"], "expire": 7200}} if ok else {"code": "310036", "message": "bad signature"}).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.handle_request()
PY
server=$!
for _ in $(seq 100); do [[ -s "$port_file" ]] && break; sleep 0.1; done
port="$(cat "$port_file")"
curl_cmd="$(env QIANMING_YONYOU_APP_SECRET=app-secret "$Q" yonyou token-request --token-url "http://127.0.0.1:$port/open-auth/selfAppAuth/getAccessToken" --app-key 'a+b/c d' --format curl)"
check "yonyou token-request sent by curl is accepted" 0 "tok-a+b/c d" -- bash -c "$curl_cmd -sS | '$Q' yonyou token-answer"
wait "$server"
rm -f "$port_file"

echo "messaging human: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
