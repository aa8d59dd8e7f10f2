#!/usr/bin/env python3
"""Runs every case of every file in vectors/ (and vectors/unbound/, when it holds any) through `qianming … --jsonl` and checks the
machine interface contract: exactly one JSON object out per line in, in order, never stopping
on a bad line. A section this script does not know fails the run. Usage:
jsonl_conformance.py path/to/qianming"""
import base64
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
VECTORS = os.path.join(ROOT, "vectors")
SIGNER_HEADERS = ["X-Api-ClientID", "X-Api-Auth-Version", "X-Api-TimeStamp", "X-Api-Nonce",
                  "X-Api-SignHeaders", "X-Api-Signature"]


def request_line(c):
    sh = list(c.get("sign_headers", [])) + [[n, None] for n in c.get("sign_header_names_without_value", [])]
    return {k: c[k] for k in ("client_id", "client_secret", "method", "path", "query", "timestamp", "nonce")} | {"sign_headers": sh}


def request_check(c, out):
    e = c["expected"]
    for k in ("canonical_path", "canonical_query", "signed_headers", "string_to_sign", "hmac_hex", "signature", "wire_query"):
        if k in e and out.get(k) != e[k]:
            return "%s: got %r want %r" % (k, out.get(k), e[k])
    for h in SIGNER_HEADERS:
        if out["headers"].get(h) != e["headers"][h]:
            return "header %s: got %r" % (h, out["headers"].get(h))
    return None


def fields_check(names):
    def check(c, out):
        for k in names:
            want = c["expected"][k] if "expected" in c and k in c["expected"] else c[k]
            if out.get(k) != want:
                return "%s: got %r want %r" % (k, out.get(k), want)
        return None
    return check


# Fields of a case that describe the expectation rather than the input.
META = ("id", "comment", "result", "error", "expected", "refusal")


def passthrough(c):
    """The case's own input fields, unchanged: the CLI's --jsonl names equal the vectors'."""
    return {k: v for k, v in c.items() if k not in META}


def answer_line(c):
    """An answer case's inputs with its body written out: `body` when the bytes are UTF-8,
    else `body_hex` (the vectors' `repeat` × `times` + `tail` shorthand expanded)."""
    line = {k: v for k, v in passthrough(c).items() if k not in ("body", "body_hex", "repeat", "times", "tail")}
    data = bytes.fromhex(c["body_hex"]) if "body_hex" in c else c["body"].encode()
    data += c.get("repeat", "").encode() * c.get("times", 0) + c.get("tail", "").encode()
    try:
        line["body"] = data.decode("utf-8")
    except UnicodeDecodeError:
        line["body_hex"] = data.hex()
    return line


def expected_check(c, out):
    """Every field under `expected` must be in the output, equal (requests: method, url,
    headers in order, body)."""
    for k, want in c["expected"].items():
        if k not in out or out[k] != want:
            return "%s: got %r want %r" % (k, out.get(k, "<missing>"), want)
    return None


NEW_SECTIONS = {
    "kingdee_token_request": (["kingdee", "token-request"], passthrough),
    "kingdee_token_answer": (["kingdee", "token-answer"], answer_line),
    "weaver_token_request": (["weaver", "token-request"], passthrough),
    "weaver_token_answer": (["weaver", "token-answer"], answer_line),
    "apusic_session_request": (["apusic", "session-request"], passthrough),
    "apusic_session_answer": (["apusic", "session-answer"], answer_line),
    "apusic_call_headers": (["apusic", "call-headers"], passthrough),
    "oauth_authorize_url": (["oauth", "authorize-url"], passthrough),
    "oauth_token_request": (["oauth", "token-request"], passthrough),
    "oauth_token_answer": (["oauth", "token-answer"], answer_line),
    "oauth_userinfo_request": (["oauth", "userinfo-request"], passthrough),
    "oauth_userinfo_answer": (["oauth", "userinfo-answer"], answer_line),
    "oauth_callback": (["oauth", "callback"], passthrough),
    "edge_login_request": (["edge", "login-request"], passthrough),
    "edge_refresh_request": (["edge", "refresh-request"], passthrough),
    "edge_token_answer": (["edge", "token-answer"], answer_line),
    "edge_x_token": (["edge", "x-token"], passthrough),
    "edge_jwt": (["edge", "jwt"], passthrough),
    "token_lifetime": (["token", "lifetime"], passthrough),
}

SECTIONS = {
    "app_signature": (["kingdee", "app-signature"], lambda c: {"app_key": c["app_key"], "app_secret": c["app_secret"]},
                      fields_check(["hmac_hex", "app_signature"])),
    "request": (["kingdee", "sign"], request_line, request_check),
    "verify_request": (["kingdee", "verify"],
                       lambda c: {k: c[k] for k in ("client_secret", "method", "path", "query", "headers", "now_ms", "window_ms") if k in c},
                       fields_check(["client_id", "timestamp_ms", "nonce"])),
    "sign": (["weaver", "sign"], lambda c: {k: c[k] for k in ("appid", "secret", "aes_key", "timestamp_ms")},
             fields_check(["md5_upper", "plaintext", "sign"])),
    "basic_encode": (["basic", "encode"], lambda c: {"user": c["user"], "password": c["password"]},
                     fields_check(["credentials", "authorization", "authorization_raw"])),
    "basic_decode": (["basic", "decode"], lambda c: {"authorization": c["authorization"]},
                     fields_check(["user", "password"])),
}
SECTIONS.update({name: (sub, make, expected_check) for name, (sub, make) in NEW_SECTIONS.items()})


def inputs(*keys):
    """A line of the case's fields `keys` (the contract's input names)."""
    return lambda c: {k: c[k] for k in keys}


# WXBizMsgCrypt, DingTalk, Feishu, Yonyou: in, out fields as issue 17's table says.
MESSAGING = {
    "wecom_signature": (["wecom", "signature"], ("token", "timestamp", "nonce", "encrypt"), ["signature"]),
    "wecom_decrypt": (["wecom", "decrypt"], ("encoding_aes_key", "receive_id", "encrypt"), ["message"]),
    "wecom_encrypt": (["wecom", "encrypt"], ("encoding_aes_key", "receive_id", "message", "random_hex", "token",
                                             "timestamp", "nonce"), ["encrypt", "signature"]),
    "dingtalk_robot_sign": (["dingtalk", "robot-sign"], ("secret", "timestamp_ms"), ["sign", "sign_urlencoded"]),
    "feishu_bot_sign": (["feishu", "bot-sign"], ("secret", "timestamp"), ["sign"]),
    "feishu_decrypt": (["feishu", "decrypt"], ("encrypt_key", "encrypt"), ["plaintext"]),
    "feishu_event_signature": (["feishu", "event-signature"], ("timestamp", "nonce", "encrypt_key", "body"),
                               ["signature"]),
    "yonyou_signature": (["yonyou", "signature"], ("app_key", "app_secret", "timestamp_ms"),
                         ["signature", "signature_urlencoded"]),
}
SECTIONS.update({name: (sub, inputs(*keys), fields_check(out)) for name, (sub, keys, out) in MESSAGING.items()})
SECTIONS["yonyou_token_request"] = (["yonyou", "token-request"], passthrough, expected_check)
SECTIONS["yonyou_token_answer"] = (["yonyou", "token-answer"], answer_line, expected_check)

# K3Cloud and e-cology: inputs as in the files, outputs under `expected`.
K3CLOUD_ECOLOGY = {
    "k3cloud_gateway_secret": (["k3cloud", "gateway-secret"], passthrough),
    "k3cloud_sign": (["k3cloud", "sign"], passthrough),
    "k3cloud_login_sign": (["k3cloud", "login-sign"], passthrough),
    "k3cloud_login_by_sign_request": (["k3cloud", "login-request"], passthrough),
    "k3cloud_login_by_app_secret_request": (["k3cloud", "app-secret-login-request"], passthrough),
    "k3cloud_login_answer": (["k3cloud", "login-answer"], answer_line),
}
SECTIONS.update({name: (sub, make, expected_check) for name, (sub, make) in K3CLOUD_ECOLOGY.items()})


def rsa_decrypt(private_key_b64, sealed_b64):
    """`sealed_b64` decrypted by OpenSSL with a vector's private key (PKCS#8 DER, Base64)."""
    with tempfile.TemporaryDirectory() as d:
        key, sealed = os.path.join(d, "key.der"), os.path.join(d, "sealed.bin")
        open(key, "wb").write(base64.b64decode(private_key_b64))
        open(sealed, "wb").write(base64.b64decode(sealed_b64))
        p = subprocess.run(["openssl", "pkeyutl", "-decrypt", "-keyform", "DER", "-inkey", key, "-pkeyopt",
                            "rsa_padding_mode:pkcs1", "-in", sealed], capture_output=True, timeout=60)
    return p.stdout.decode("utf-8", "replace") if p.returncode == 0 else "<openssl: %s>" % p.stderr.decode()


def sealed_headers_check(sealed_name, want_key):
    """Header names in order, the plain headers equal, and the sealed one decrypting to
    expected[want_key] (requests carry `headers` as [name, value] pairs, as call-headers does)."""
    def check(c, out):
        e = c["expected"]
        for k in ("method", "url", "body"):
            if k in e and out.get(k) != e[k]:
                return "%s: got %r want %r" % (k, out.get(k), e[k])
        headers = out.get("headers") or []
        if [h[0] for h in headers] != e["header_names"]:
            return "header names: got %r" % ([h[0] for h in headers],)
        for name, value in e["plain_headers"]:
            if dict(headers).get(name) != value:
                return "header %s: got %r" % (name, dict(headers).get(name))
        got = rsa_decrypt(c["private_key"], dict(headers)[sealed_name])
        return None if got == e[want_key] else "%s decrypts to %r" % (sealed_name, got)
    return check


def encrypt_check(c, out):
    got = rsa_decrypt(c["private_key"], out.get("ciphertext", ""))
    return None if got == c["expected"]["plaintext"] else "decrypts to %r" % (got,)


SECTIONS.update({
    "ecology_server_key": (["ecology", "server-key"], passthrough, expected_check),
    "ecology_encrypt": (["ecology", "encrypt"], passthrough, encrypt_check),
    "ecology_regist_request": (["ecology", "regist-request"], passthrough, expected_check),
    "ecology_regist_answer": (["ecology", "regist-answer"], answer_line, expected_check),
    "ecology_token_request": (["ecology", "token-request"], passthrough, sealed_headers_check("secret", "secret_decrypts_to")),
    "ecology_token_answer": (["ecology", "token-answer"], answer_line, expected_check),
    "ecology_call_headers": (["ecology", "call-headers"], passthrough, sealed_headers_check("userid", "userid_decrypts_to")),
})


def doctor_check(c, out):
    """Every expected field equal, and the verdict explained in both languages."""
    if not out.get("explanation") or not out.get("explanation_zh"):
        return "no explanation: %r" % (out,)
    return expected_check(c, out)


# The doctors take the verify fields; `accepted_before` sends the same line once more first.
DOCTORS = {
    "kingdee_doctor": (["kingdee", "doctor"], ("client_secret", "method", "path", "query", "headers", "now_ms", "window_ms")),
    "weaver_doctor": (["weaver", "doctor"], ("appid", "secret", "aes_key", "sign", "now_ms", "window_ms")),
}


def doctor_items(name, section, cases):
    sub, keys = DOCTORS[section]
    for c in cases:
        line = {k: c[k] for k in keys if k in c}
        if c.get("accepted_before"):
            first = {"id": c["id"] + "/first", "result": "valid", "expected": {"verdict": "valid"}}
            yield tuple(sub), (name, first["id"], first, line, doctor_check)
        yield tuple(sub), (name, c["id"], c, line, doctor_check)


PASTED_FLAGS = {"curl": "--curl", "http": "--http-file", "har": "--har"}


def pasted_case(binary, c):
    """A pasted request through `kingdee doctor --curl/--http-file/--har FILE --format json`."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix="." + c["format"]) as f:
        f.write(c["text"])
        f.flush()
        p = subprocess.run([binary, "kingdee", "doctor", PASTED_FLAGS[c["format"]], f.name, "--now-ms", str(c["now_ms"]),
                            "--format", "json"], capture_output=True, timeout=60,
                           env=dict(os.environ, QIANMING_CLIENT_SECRET=c["client_secret"]))
    if c["result"] != "valid":
        want = "refused (%s)" % c["error"]
        return None if p.returncode == 1 and want in p.stderr.decode() else "exit %d: %s" % (p.returncode, p.stderr.decode())
    if p.returncode != 0:
        return "exit %d: %s" % (p.returncode, p.stderr.decode())
    out = json.loads(p.stdout)
    want = c["expected"]
    for k in ("verdict", "mistakes", "string_to_sign"):
        if out.get(k) != want[k]:
            return "%s: got %r want %r" % (k, out.get(k), want[k])
    return None


def run(binary, sub, lines):
    text = "".join(json.dumps(l, ensure_ascii=False) + "\n" if not isinstance(l, str) else l + "\n" for l in lines)
    p = subprocess.run([binary] + sub + ["--jsonl"], input=text.encode(), capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit("%s exited %d: %s" % (" ".join(sub), p.returncode, p.stderr.decode()))
    return [json.loads(l) for l in p.stdout.decode().splitlines()]


def judge(case, out):
    result = case.get("result", "valid")
    if result == "valid":
        if not out.get("ok"):
            return "expected success, got %r" % (out.get("error"),)
        return None
    if out.get("ok"):
        return "expected error %s, got success" % case["error"]
    if out["error"]["kind"] != case["error"]:
        return "expected error %s, got %s: %s" % (case["error"], out["error"]["kind"], out["error"]["message"])
    if "refusal" in case and out.get("refusal") != case["refusal"]:
        return "refusal: got %r want %r" % (out.get("refusal"), case["refusal"])
    if "refusal" not in case and "refusal" in out and case["error"] not in VENDOR_KINDS:
        return "a refusal for a malformed input: %r" % (out["refusal"],)
    return None


# Kinds a well-formed vendor answer can be refused with (these carry `refusal`).
VENDOR_KINDS = ("vendor_error", "login_failed", "appid_disabled", "sign_mismatch", "replayed",
                "undecryptable", "expired")


def main():
    binary = sys.argv[1]
    passed, failures = 0, []
    batches = {}
    files = [(n, os.path.join(VECTORS, n)) for n in sorted(os.listdir(VECTORS))]
    unbound = os.path.join(VECTORS, "unbound")
    if os.path.isdir(unbound):  # schemes not yet in every binding (CONTRIBUTING.md)
        files += [("unbound/" + n, os.path.join(unbound, n)) for n in sorted(os.listdir(unbound))]
    for name, path in files:
        if not name.endswith(".json"):
            continue
        doc = json.load(open(path, encoding="utf-8"))
        for section, cases in doc.items():
            if not isinstance(cases, list):
                continue
            if section == "verify_sign":
                for c in cases:
                    for i, step in enumerate(c["steps"]):
                        line = {k: c[k] for k in ("appid", "secret", "aes_key", "window_ms") if k in c}
                        line.update(sign=step["sign"], now_ms=step["now_ms"])
                        batches.setdefault(("weaver", "verify"), []).append(
                            (name, c["id"] + "/step%d" % i, dict(step, id=c["id"]), line, fields_check(["timestamp_ms"])))
                continue
            if section in DOCTORS:
                for sub, item in doctor_items(name, section, cases):
                    batches.setdefault(sub, []).append(item)
                continue
            if section == "kingdee_doctor_pasted":
                for c in cases:
                    why = pasted_case(binary, c)
                    if why:
                        failures.append("%s %s: %s" % (name, c["id"], why))
                    else:
                        passed += 1
                continue
            if section not in SECTIONS:
                failures.append("%s: no CLI runner for section %s (%d cases)" % (name, section, len(cases)))
                continue
            sub, make, check = SECTIONS[section]
            for c in cases:
                batches.setdefault(tuple(sub), []).append((name, c["id"], c, make(c), check))
    for sub, items in batches.items():
        # Interleave malformed lines: each must get its own error line and not stop the run.
        lines, expect = [], []
        for k, item in enumerate(items):
            lines.append(item[3])
            expect.append(item)
            if k % 50 == 0:
                lines.append("this is not json")
                expect.append(None)
                lines.append('["an", "array"]')
                expect.append(None)
        outs = run(sys.argv[1], list(sub), lines)
        if len(outs) != len(lines):
            failures.append("%s: %d lines in, %d out" % (" ".join(sub), len(lines), len(outs)))
            continue
        for item, out in zip(expect, outs):
            if item is None:
                if out.get("ok") is not False or out["error"]["kind"] != "invalid_json":
                    failures.append("%s: malformed line answered %r" % (" ".join(sub), out))
                else:
                    passed += 1
                continue
            name, cid, case, _, check = item
            why = judge(case, out) or (check(case, out) if out.get("ok") else None)
            if why:
                failures.append("%s %s: %s\n%s" % (name, cid, why, json.dumps(case, ensure_ascii=False, indent=1)))
            else:
                passed += 1
    # Text that is not Unicode (a lone surrogate escape) is refused, never signed.
    out = run(binary, ["kingdee", "app-signature"], ['{"app_key": "\\ud800", "app_secret": "x"}'])
    if out[0].get("ok") is not False or out[0]["error"]["kind"] != "invalid_unicode":
        failures.append("lone surrogate: %r" % out)
    else:
        passed += 1
    for f in failures:
        print("FAIL", f, file=sys.stderr)
    print("%d passed, %d failed" % (passed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
