#!/usr/bin/env python3
"""Writes qianming's own vector files (everything in vectors/ except the two copied from
shared/vectors, which the vendors' SDK and the JDK made).

The expected values here come from an independent Python implementation of
docs/spec/ (stdlib hmac/hashlib/base64 and the `cryptography` package for AES),
not from the Rust code, so the Rust core, the bindings and this script check one another.
Run it from the repository root: python3 vectors/tools/make_vectors.py
"""
import base64
import hashlib
import hmac
import json
import os
import sys

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
G_KEEP = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
J_KEEP = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.*")
RESERVED = ["x-api-clientid", "x-api-auth-version", "x-api-timestamp", "x-api-nonce",
            "x-api-signheaders", "x-api-signature"]
TCHAR = set(b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def pct(text, keep):
    out = []
    for b in text.encode("utf-8"):
        if b in keep:
            out.append(chr(b))
        elif b == 0x20:
            out.append("+")
        else:
            out.append("%%%02X" % b)
    return "".join(out)


def G(t):
    return pct(t, G_KEEP)


def J(t):
    return pct(t, J_KEEP)


def b64hex_hmac(key, msg):
    h = hmac.new(key.encode(), msg.encode(), hashlib.sha256).hexdigest()
    return h, base64.b64encode(h.encode()).decode()


def header_value_ok(v, allow_empty):
    if v == "":
        return allow_empty
    if not all(c in (" ", "\t") or 0x21 <= ord(c) <= 0x7E for c in v):
        return False
    return v[0] not in " \t" and v[-1] not in " \t"


def kingdee_sign(case):
    """Returns ('valid', expected) or ('invalid', error kind), following docs/spec/kingdee.md."""
    if case["client_secret"] == "":
        return "invalid", "empty_secret"
    if not header_value_ok(case["client_id"], False):
        return "invalid", "invalid_header_value"
    method = case["method"].upper()
    if method not in ("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"):
        return "invalid", "unsupported_method"
    ts = case["timestamp"]
    if not (ts and all("0" <= c <= "9" for c in ts)) or int(ts) >= 2 ** 64:
        return "invalid", "invalid_timestamp"
    if not header_value_ok(case["nonce"], False):
        return "invalid", "invalid_header_value"
    extras = []
    for name, value in case.get("sign_headers", []):
        if not name or not all(ord(c) < 128 and ord(c) in TCHAR for c in name):
            return "invalid", "invalid_header_name"
        if name.lower() in RESERVED:
            return "invalid", "reserved_header"
        if any(n.lower() == name.lower() for n, _ in extras):
            return "invalid", "duplicate_header"
        if value is None:
            return "invalid", "missing_header_value"
        if not header_value_ok(value, True):
            return "invalid", "invalid_header_value"
        extras.append((name, value))
    names = [n for n, _ in case["query"]]
    if len(set(names)) != len(names):
        return "invalid", "duplicate_query_name"
    firsts = sorted(G(n) + "=" + J(v) for n, v in case["query"])
    parts = []
    for f in firsts:
        i = f.index("=")
        if i == 0:
            continue
        parts.append(G(f[:i]) + "=" + G(f[i + 1:]))
    cq = "&".join(parts)
    cp = G(case["path"])
    signed = sorted([("X-Api-Nonce", case["nonce"]), ("X-Api-TimeStamp", ts)] + extras,
                    key=lambda p: p[0].encode())
    sts = method + "\n" + cp + "\n" + cq + "\n" + "".join(
        n.lower() + ":" + v + "\n" for n, v in signed)
    hx, sig = b64hex_hmac(case["client_secret"], sts)
    wire = "&".join(J(n) + "=" + J(v) for n, v in case["query"] if n != "")
    return "valid", {
        "canonical_path": cp,
        "canonical_query": cq,
        "signed_headers": [n for n, _ in signed],
        "string_to_sign": sts,
        "hmac_hex": hx,
        "signature": sig,
        "headers": {
            "X-Api-ClientID": case["client_id"],
            "X-Api-Auth-Version": "2.0",
            "X-Api-TimeStamp": ts,
            "X-Api-Nonce": case["nonce"],
            "X-Api-SignHeaders": ",".join(n for n, _ in signed),
            "X-Api-Signature": sig,
        },
        "wire_query": wire,
    }


def request_case(cid, comment, **kw):
    case = {
        "id": cid,
        "comment": comment,
        "client_id": kw.get("client_id", "123456"),
        "client_secret": kw.get("client_secret", "0123456789abcdef0123456789abcdef"),
        "method": kw.get("method", "GET"),
        "path": kw.get("path", "/jdy/v2/bd/material"),
        "timestamp": kw.get("timestamp", "1700000000000"),
        "nonce": kw.get("nonce", "1234567890"),
        "query": kw.get("query", []),
        "sign_headers": kw.get("sign_headers", []),
    }
    result, out = kingdee_sign(case)
    case["result"] = result
    if result == "valid":
        case["expected"] = out
    else:
        case["error"] = out
    if "expect" in kw:
        assert (result, out if result == "invalid" else "valid") == kw["expect"], (cid, result, out)
    return case


def aes_ecb(key, data, encrypt=True, pad=True):
    c = Cipher(algorithms.AES(key), modes.ECB())
    if encrypt:
        if pad:
            p = padding.PKCS7(128).padder()
            data = p.update(data) + p.finalize()
        e = c.encryptor()
        return e.update(data) + e.finalize()
    d = c.decryptor()
    return d.update(data) + d.finalize()


def weaver_sign(appid, secret, key, ts):
    md5 = hashlib.md5((appid + ":" + secret).encode()).hexdigest().upper()
    plain = "%d_%s" % (ts, md5)
    return md5, plain, aes_ecb(key.encode(), plain.encode()).hex()


def write(name, doc):
    count = sum(len(v) for v in doc.values() if isinstance(v, list))
    doc["numberOfTests"] = count
    ordered = {k: doc[k] for k in ("algorithm", "source", "notes", "numberOfTests") if k in doc}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(ordered, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(name, count)


PROVENANCE = ("qianming's own cases; expected values computed by vectors/tools/make_vectors.py, an "
              "independent Python implementation of the spec in docs/spec/ (stdlib hmac, hashlib, "
              "base64; `cryptography` for AES), not by the Rust code.")


def seeds():
    app = []
    hx, sig = b64hex_hmac("abc123", "abc")
    assert sig == "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=="
    app.append({"id": "seed-001-app-signature", "comment": "seed 001: app_key=abc, appSecret=abc123",
                "app_key": "abc", "app_secret": "abc123", "result": "valid", "hmac_hex": hx, "app_signature": sig})
    req = request_case(
        "seed-001-token-request", "seed 001 curl example: the wire query carries %3D%3D once, the canonical query %253D%253D",
        client_id="205022", path="/jdyconnector/app_management/kingdee_auth_token",
        timestamp="1655775240000", nonce="1655775240000",
        query=[["app_key", "abc"], ["app_signature", sig]], expect=("valid", "valid"))
    assert req["expected"]["wire_query"] == "app_key=abc&app_signature=" + sig.replace("=", "%3D")
    wv = []
    for cid, ts in (("seed-002-weaver-success", 1742369234096), ("seed-002-weaver-failure", 1742368947452)):
        md5, plain, s = weaver_sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", ts)
        wv.append({"id": cid, "comment": "seed 002: hutool SecureUtil.aes(key).encryptHex(ts + '_' + md5(appid:secret).upper()); ts from the answer's batchkey",
                   "appid": "weaverappid", "secret": "weaversecret", "aes_key": "8fy6K39X6PIEEeOq",
                   "timestamp_ms": ts, "md5_upper": md5, "plaintext": plain, "sign": s, "result": "valid"})
    basic = [basic_encode("seed-000-apusic-admin", "seed 000: admin:admin123 -> YWRtaW46YWRtaW4xMjM=", "admin", "admin123")]
    assert basic[0]["credentials"] == "YWRtaW46YWRtaW4xMjM="
    write("seed_examples.json", {
        "algorithm": "seed-examples",
        "source": "the worked examples of the seed documents listed in docs/README.md#seed-documents (001 Kingdee, 002 Weaver, 000 Apusic); " + PROVENANCE,
        "notes": "sections reuse the shapes of the other files: app_signature and request (Kingdee), sign (Weaver), basic_encode (Basic).",
        "app_signature": app, "request": [req], "sign": wv, "basic_encode": basic})


def kingdee_policy():
    R = request_case
    reqs = [
        R("pol-dup-query", "duplicate query names are refused (the SDK's map would keep one)",
          query=[["a", "1"], ["a", "2"]], expect=("invalid", "duplicate_query_name")),
        R("pol-dup-query-far", "duplicates are found wherever they stand",
          query=[["a", "1"], ["a0", "x"], ["b", "y"], ["a", "1"]], expect=("invalid", "duplicate_query_name")),
        R("pol-method-trace", "TRACE is not a method the gateway signs", method="TRACE", expect=("invalid", "unsupported_method")),
        R("pol-method-empty", "empty method", method="", expect=("invalid", "unsupported_method")),
        R("pol-method-lower", "a method in any case is upper-cased", method="post", expect=("valid", "valid")),
        R("pol-method-mixed", "mixed case", method="oPtIoNs", expect=("valid", "valid")),
        R("pol-ts-empty", "empty timestamp", timestamp="", expect=("invalid", "invalid_timestamp")),
        R("pol-ts-plus", "a sign is not a digit", timestamp="+1700000000000", expect=("invalid", "invalid_timestamp")),
        R("pol-ts-fraction", "fractional", timestamp="1700000000000.5", expect=("invalid", "invalid_timestamp")),
        R("pol-ts-space", "white space", timestamp=" 1700000000000", expect=("invalid", "invalid_timestamp")),
        R("pol-ts-overflow", "does not fit in 64 bits", timestamp="18446744073709551616", expect=("invalid", "invalid_timestamp")),
        R("pol-ts-fullwidth", "full-width digits are not ASCII digits", timestamp="１７００", expect=("invalid", "invalid_timestamp")),
        R("pol-ts-max", "u64::MAX is accepted", timestamp="18446744073709551615", expect=("valid", "valid")),
        R("pol-ts-zero", "zero", timestamp="0", expect=("valid", "valid")),
        R("pol-nonce-empty", "empty nonce", nonce="", expect=("invalid", "invalid_header_value")),
        R("pol-nonce-crlf", "header injection through the nonce", nonce="1\r\nX-Evil: 1", expect=("invalid", "invalid_header_value")),
        R("pol-nonce-leading-space", "leading space would be trimmed in transit", nonce=" 123", expect=("invalid", "invalid_header_value")),
        R("pol-nonce-trailing-tab", "trailing tab", nonce="123\t", expect=("invalid", "invalid_header_value")),
        R("pol-nonce-interior-space", "interior white space travels unchanged", nonce="12 3\t4", expect=("valid", "valid")),
        R("pol-nonce-letters", "a nonce need not be digits", nonce="abc-XYZ_~", expect=("valid", "valid")),
        R("pol-client-id-nonascii", "non-ASCII client id", client_id="客户", expect=("invalid", "invalid_header_value")),
        R("pol-client-id-lf", "LF in client id", client_id="1\n2", expect=("invalid", "invalid_header_value")),
        R("pol-client-id-del", "DEL is a control character", client_id="1\u007f", expect=("invalid", "invalid_header_value")),
        R("pol-empty-secret", "empty client secret", client_secret="", expect=("invalid", "empty_secret")),
        R("pol-header-name-space", "a header name with a space is not a token",
          sign_headers=[["X Custom", "1"]], expect=("invalid", "invalid_header_name")),
        R("pol-header-name-colon", "colon", sign_headers=[["X-A:", "1"]], expect=("invalid", "invalid_header_name")),
        R("pol-header-name-empty", "empty name", sign_headers=[["", "1"]], expect=("invalid", "invalid_header_name")),
        R("pol-header-dup", "the same extra header twice, differing in case",
          sign_headers=[["X-Custom", "1"], ["x-custom", "2"]], expect=("invalid", "duplicate_header")),
        R("pol-header-reserved-lower", "x-api-signheaders in lower case is still the signer's own",
          sign_headers=[["x-api-signheaders", "1"]], expect=("invalid", "reserved_header")),
        R("pol-header-reserved-clientid", "X-API-CLIENTID", sign_headers=[["X-API-CLIENTID", "1"]], expect=("invalid", "reserved_header")),
        R("pol-header-reserved-timestamp", "x-api-timestamp", sign_headers=[["x-api-timestamp", "1"]], expect=("invalid", "reserved_header")),
        R("pol-header-value-crlf", "header injection through an extra header",
          sign_headers=[["X-Custom", "a\r\nb"]], expect=("invalid", "invalid_header_value")),
        R("pol-header-value-nonascii", "non-ASCII header value", sign_headers=[["X-Custom", "中文"]], expect=("invalid", "invalid_header_value")),
        R("pol-header-value-padded", "padded value", sign_headers=[["X-Custom", " v"]], expect=("invalid", "invalid_header_value")),
        R("pol-header-value-missing", "a named header without value", sign_headers=[["X-Custom", None]], expect=("invalid", "missing_header_value")),
        R("pol-header-value-empty", "an empty value travels unchanged and is signed as empty",
          sign_headers=[["X-Custom", ""]], expect=("valid", "valid")),
        R("pol-header-tchar", "every tchar is allowed in a name",
          sign_headers=[["!#$%&'*+-.^_`|~09azAZ", "v"]], expect=("valid", "valid")),
        R("pol-header-sort", "upper case sorts before _ before lower case",
          sign_headers=[["x-custom", "3"], ["Content-Type", "application/json"], ["_x", "2"]], expect=("valid", "valid")),
        R("pol-empty-name-dropped", "a pair with an empty name is dropped from the canonical query and the wire",
          query=[["", "gone"], ["a", "1"]], expect=("valid", "valid")),
        R("pol-query-plus", "a + in a value travels as %2B and is signed as %252B",
          query=[["q", "a+b c"]], expect=("valid", "valid")),
        R("pol-query-order-a0", "a0=1 sorts before a=1 (sorted on encoded name=value)",
          query=[["a", "1"], ["a0", "1"]], expect=("valid", "valid")),
        R("pol-query-star-tilde", "* and ~ swap roles between J and G",
          query=[["s", "*"], ["t", "~"], ["n~*", "v"]], expect=("valid", "valid")),
        R("pol-path-unicode", "path with spaces, CJK and emoji", path="/jdy/v2/中文 路径/😀", expect=("valid", "valid")),
        R("pol-path-empty", "an empty path is signed as an empty line", path="", expect=("valid", "valid")),
    ]
    app = [{"id": "pol-app-empty-secret", "comment": "empty app secret is refused",
            "app_key": "abc", "app_secret": "", "result": "invalid", "error": "empty_secret"}]
    for cid, key, secret in (("pol-app-long-key", "k" * 300, "s"), ("pol-app-newline", "a\nb", "c\r\nd")):
        hx, sig = b64hex_hmac(secret, key)
        app.append({"id": cid, "comment": "app_signature signs any text", "app_key": key, "app_secret": secret,
                    "result": "valid", "hmac_hex": hx, "app_signature": sig})
    write("kingdee_policy.json", {
        "algorithm": "kingdee-apigw-2.0",
        "source": PROVENANCE,
        "notes": "Every refusal of docs/spec/kingdee.md#refusals plus edge cases the SDK file does not cover. Same shape as kingdee_official_sdk.json; valid cases also give expected.wire_query.",
        "app_signature": app, "request": reqs})


def kingdee_verify():
    secret = "0123456789abcdef0123456789abcdef"
    now = 1700000060000
    nonces = iter(range(9876543210, 9876543300))

    def signed(nonce, query=(("id", "42"), ("name", "a b=c")), sign_headers=(("Content-Type", "application/json"),)):
        """A request signed with its own nonce (a verifier remembers each nonce it accepts), and
        the headers it travels with."""
        req = request_case("v", "", client_id="123456", method="POST", path="/jdy/v2/scm/sal_out_bound",
                           timestamp="1700000000000", nonce=str(nonce),
                           query=[list(p) for p in query], sign_headers=[list(h) for h in sign_headers])
        sent = [[k, v] for k, v in req["expected"]["headers"].items()] + [list(h) for h in sign_headers] + [["Host", "api.kingdee.com"]]
        return req, sent

    base, headers = signed(next(nonces))
    exp = base["expected"]

    def case(cid, comment, result, error=None, **kw):
        sent = kw.get("headers", headers)
        if result == "valid" and "headers" not in kw:
            # Each accepted request needs a nonce of its own.
            nonce = next(nonces)
            sent = kw.get("make", lambda h: h)(signed(nonce)[1])
        c = {"id": cid, "comment": comment, "client_secret": kw.get("client_secret", secret),
             "now_ms": kw.get("now_ms", now), "method": kw.get("method", "POST"),
             "path": kw.get("path", base["path"]), "query": kw.get("query", base["query"]),
             "headers": sent, "result": result}
        if "window_ms" in kw:
            c["window_ms"] = kw["window_ms"]
        if result == "valid":
            nonce = next(v for n, v in sent if n.lower() == "x-api-nonce")
            c["expected"] = {"client_id": "123456", "timestamp_ms": 1700000000000, "nonce": nonce}
        else:
            c["error"] = error
        return c

    def replace(name, value, hs=None):
        return [[n, value if n == name else v] for n, v in (hs or headers)]

    def drop(name):
        return [[n, v] for n, v in headers if n != name]

    def lower(hs):
        return [[n.lower(), v] for n, v in hs]

    def reordered(hs):
        return replace("X-Api-SignHeaders", "X-Api-TimeStamp,X-Api-Nonce,Content-Type", hs)

    # Attack: sign A-1 and A-2, then send A-1 with a line feed standing in for A-2's line.
    two, two_headers = signed(next(nonces), sign_headers=(("A-1", "v1"), ("A-2", "v2")))
    smuggled = [[n, v] for n, v in two_headers if n != "A-2"]
    smuggled = replace("A-1", "v1\na-2:v2", replace("X-Api-SignHeaders", "A-1,X-Api-Nonce,X-Api-TimeStamp", smuggled))
    # Attack: data under an empty name, which the canonical query drops, so it is unsigned.
    unsigned_query = [["", "anything"]] + base["query"]
    cases = [
        case("ver-valid", "a request signed by the spec verifies", "valid"),
        case("ver-valid-lower-header-names", "header names are matched case-insensitively", "valid", make=lower),
        case("ver-valid-query-order", "query order does not matter", "valid", query=list(reversed(base["query"]))),
        case("ver-valid-method-case", "method in lower case", "valid", method="post"),
        case("ver-valid-signheaders-order", "X-Api-SignHeaders in another order (the seed's order) is re-sorted", "valid", make=reordered),
        case("ver-valid-edge-old", "exactly the window old", "valid", now_ms=1700000300000),
        case("ver-valid-edge-future", "exactly the window ahead", "valid", now_ms=1699999700000),
        case("ver-expired", "one millisecond past the window", "invalid", "expired", now_ms=1700000300001),
        case("ver-future", "too far in the future", "invalid", "future_timestamp", now_ms=1699999699999),
        case("ver-window-custom", "a one-minute window", "invalid", "expired", now_ms=1700000060001, window_ms=60000),
        case("ver-wrong-secret", "another secret", "invalid", "signature_mismatch", client_secret="another-secret"),
        case("ver-empty-secret", "empty verifier secret", "invalid", "empty_secret", client_secret=""),
        case("ver-tampered-method", "method changed", "invalid", "signature_mismatch", method="PUT"),
        case("ver-tampered-path", "path changed", "invalid", "signature_mismatch", path="/jdy/v2/scm/sal_out_bound/"),
        case("ver-tampered-query", "a query value changed", "invalid", "signature_mismatch", query=[["id", "43"], ["name", "a b=c"]]),
        case("ver-extra-query", "a query pair added", "invalid", "signature_mismatch", query=base["query"] + [["x", "1"]]),
        case("ver-tampered-nonce", "nonce changed", "invalid", "signature_mismatch", headers=replace("X-Api-Nonce", "9876543211")),
        case("ver-tampered-timestamp", "timestamp changed", "invalid", "signature_mismatch", headers=replace("X-Api-TimeStamp", "1700000000001")),
        case("ver-tampered-signed-header", "a signed extra header changed", "invalid", "signature_mismatch", headers=replace("Content-Type", "text/plain")),
        case("ver-tampered-signature", "one character of the signature changed", "invalid", "signature_mismatch",
             headers=replace("X-Api-Signature", ("M" if exp["signature"][0] == "N" else "N") + exp["signature"][1:])),
        case("ver-missing-signature", "no X-Api-Signature", "invalid", "missing_header", headers=drop("X-Api-Signature")),
        case("ver-missing-nonce", "no X-Api-Nonce", "invalid", "missing_header", headers=drop("X-Api-Nonce")),
        case("ver-missing-signed-header", "a header named in X-Api-SignHeaders is absent", "invalid", "missing_header", headers=drop("Content-Type")),
        case("ver-missing-version", "no X-Api-Auth-Version", "invalid", "missing_header", headers=drop("X-Api-Auth-Version")),
        case("ver-version", "auth version 1.0", "invalid", "unsupported_auth_version", headers=replace("X-Api-Auth-Version", "1.0")),
        case("ver-bad-timestamp", "timestamp not decimal", "invalid", "invalid_timestamp", headers=replace("X-Api-TimeStamp", "17e11")),
        case("ver-signheaders-without-nonce", "a list that leaves out the nonce", "invalid", "invalid_signed_headers",
             headers=replace("X-Api-SignHeaders", "Content-Type,X-Api-TimeStamp")),
        case("ver-signheaders-twice", "a list naming a header twice", "invalid", "invalid_signed_headers",
             headers=replace("X-Api-SignHeaders", "X-Api-Nonce,X-Api-TimeStamp,x-api-nonce")),
        case("ver-duplicate-header", "X-Api-Nonce sent twice", "invalid", "duplicate_header", headers=headers + [["x-api-nonce", "1"]]),
        case("ver-method", "unsupported method", "invalid", "unsupported_method", method="TRACE"),
        case("ver-dup-query", "duplicate query names", "invalid", "duplicate_query_name", query=base["query"] + [["id", "42"]]),
        case("ver-signed-value-line-feed", "a signed header value holding a line feed (standing in for another signed header's line) is refused, though the string to sign would match",
             "invalid", "invalid_header_value", query=two["query"], headers=smuggled),
        case("ver-unsigned-empty-name-pair", "a query pair with an empty name carries data the signature does not cover: refused by default",
             "invalid", "unsigned_query_data", query=unsigned_query),
    ]
    write("kingdee_verify.json", {
        "algorithm": "kingdee-apigw-2.0-verify",
        "source": PROVENANCE + " The request is signed by the same Python implementation, then changed one part at a time.",
        "notes": "Section verify_request: a verifier with client_secret (and window_ms, default 300000) checks the received method, decoded path, decoded query pairs and headers at now_ms. valid cases give the client id, timestamp and nonce the verifier reports. Every valid case has a nonce of its own, so one verifier (which refuses a nonce it has accepted before) can run all of them in order.",
        "verify_request": cases})


def weaver_policy():
    cases = []
    for cid, key, comment in (("wp-key-empty", "", "empty key"), ("wp-key-15", "0123456789abcde", "15 bytes"),
                              ("wp-key-17", "0123456789abcdef0", "17 bytes"), ("wp-key-33", "0" * 33, "33 bytes"),
                              ("wp-key-utf8-18", "密钥0123456789ab", "14 characters but 18 UTF-8 bytes"),
                              ("wp-key-utf8-16", "密0123456789abc", "14 characters, 16 UTF-8 bytes: AES-128")):
        if len(key.encode()) in (16, 24, 32):
            md5, plain, s = weaver_sign("app", "secret", key, 1700000000000)
            cases.append({"id": cid, "comment": comment, "appid": "app", "secret": "secret", "aes_key": key,
                          "timestamp_ms": 1700000000000, "md5_upper": md5, "plaintext": plain, "sign": s, "result": "valid"})
        else:
            cases.append({"id": cid, "comment": comment + ": AES needs 16, 24 or 32 bytes", "appid": "app", "secret": "secret",
                          "aes_key": key, "timestamp_ms": 1700000000000, "result": "invalid", "error": "invalid_key_length"})
    for cid, ts in (("wp-ts-zero", 0), ("wp-ts-max", 2 ** 64 - 1)):
        md5, plain, s = weaver_sign("app", "secret", "0123456789abcdef", ts)
        cases.append({"id": cid, "comment": "timestamp edge", "appid": "app", "secret": "secret", "aes_key": "0123456789abcdef",
                      "timestamp_ms": ts, "md5_upper": md5, "plaintext": plain, "sign": s, "result": "valid"})
    write("weaver_policy.json", {
        "algorithm": "weaver-archive-token-sign",
        "source": PROVENANCE,
        "notes": "Same shape as weaver_jdk.json (section sign); invalid cases name the error kind.",
        "sign": cases})


def weaver_verify():
    appid, secret, key = "weaverappid", "weaversecret", "8fy6K39X6PIEEeOq"
    md5 = hashlib.md5((appid + ":" + secret).encode()).hexdigest().upper()
    kb = key.encode()
    base_ts = 1742369234096

    def enc(plain, pad=True):
        return aes_ecb(kb, plain.encode() if isinstance(plain, str) else plain, pad=pad).hex()

    def step(sign, now, result, error=None, ts=None):
        s = {"sign": sign, "now_ms": now, "result": result}
        if result == "valid":
            s["timestamp_ms"] = ts
        else:
            s["error"] = error
        return s

    def case(cid, comment, steps, **kw):
        c = {"id": cid, "comment": comment, "appid": kw.get("appid", appid), "secret": kw.get("secret", secret),
             "aes_key": kw.get("aes_key", key), "steps": steps}
        if "window_ms" in kw:
            c["window_ms"] = kw["window_ms"]
        return c

    t = iter(range(base_ts, base_ts + 1000))

    def fresh():
        ts = next(t)
        return ts, enc("%d_%s" % (ts, md5))

    cases = []
    ts, s = fresh()
    cases.append(case("wv-valid", "a fresh sign verifies", [step(s, ts + 1000, "valid", ts=ts)]))
    ts, s = fresh()
    cases.append(case("wv-valid-upper-hex", "hex digits in upper case decode the same", [step(s.upper(), ts, "valid", ts=ts)]))
    ts, s = fresh()
    cases.append(case("wv-replayed", "the same sign twice: the second is a replay", [
        step(s, ts + 10, "valid", ts=ts), step(s, ts + 20, "invalid", "replayed")]))
    ts, s = fresh()
    cases.append(case("wv-replayed-upper", "a replay in other hex case is still a replay", [
        step(s, ts + 10, "valid", ts=ts), step(s.upper(), ts + 20, "invalid", "replayed")]))
    ts, s = fresh()
    cases.append(case("wv-expired", "one millisecond past five minutes", [step(s, ts + 300001, "invalid", "expired")]))
    ts, s = fresh()
    cases.append(case("wv-edge-old", "exactly five minutes old", [step(s, ts + 300000, "valid", ts=ts)]))
    ts, s = fresh()
    cases.append(case("wv-future", "more than five minutes ahead", [step(s, ts - 300001, "invalid", "future_timestamp")]))
    ts, s = fresh()
    cases.append(case("wv-edge-future", "exactly five minutes ahead", [step(s, ts - 300000, "valid", ts=ts)]))
    ts, s = fresh()
    cases.append(case("wv-window", "a one-second window", [step(s, ts + 1001, "invalid", "expired")], window_ms=1000))
    ts, s = fresh()
    cases.append(case("wv-future-not-remembered", "a sign refused for its time is not remembered: once the clock catches up it verifies", [
        step(s, ts - 400000, "invalid", "future_timestamp"), step(s, ts + 1, "valid", ts=ts)]))
    ts, s = fresh()
    ts2, s2 = fresh()
    cases.append(case("wv-clock-stepped-back", "the verifier judges by the latest time it has seen: after a later sign evicted this one, a clock stepped back cannot replay it", [
        step(s, ts, "valid", ts=ts), step(s2, ts + 400000, "invalid", "expired"), step(s, ts + 1, "invalid", "expired")]))
    ts, s = fresh()
    tampered = s[:-2] + ("00" if s[-2:] != "00" else "11")
    cases.append(case("wv-tampered-last-block", "last byte changed: padding breaks", [step(tampered, ts, "invalid", "undecryptable")]))
    ts, s = fresh()
    swapped = s[32:64] + s[:32] + s[64:]
    cases.append(case("wv-tampered-swapped-blocks", "first two blocks swapped: decrypts, but is not <digits>_<md5>", [step(swapped, ts, "invalid", "malformed_sign")]))
    ts, _ = fresh()
    cases.append(case("wv-wrong-key", "made with another AES key", [
        step(aes_ecb(b"0123456789abcdef", ("%d_%s" % (ts, md5)).encode()).hex(), ts, "invalid", "undecryptable")]))
    ts, _ = fresh()
    other = hashlib.md5(b"otherappid:weaversecret").hexdigest().upper()
    cases.append(case("wv-wrong-appid", "made for another appid", [step(enc("%d_%s" % (ts, other)), ts, "invalid", "sign_mismatch")]))
    ts, _ = fresh()
    cases.append(case("wv-lowercase-md5", "the MD5 must be upper case hex", [step(enc("%d_%s" % (ts, md5.lower())), ts, "invalid", "sign_mismatch")]))
    cases.append(case("wv-bad-hex", "not hex", [step("zz" * 48, base_ts, "invalid", "undecryptable")]))
    cases.append(case("wv-odd-hex", "odd number of hex digits", [step(s[:-1], base_ts, "invalid", "undecryptable")]))
    cases.append(case("wv-empty", "empty sign", [step("", base_ts, "invalid", "undecryptable")]))
    cases.append(case("wv-partial-block", "not a whole number of blocks", [step(s[:40], base_ts, "invalid", "undecryptable")]))
    cases.append(case("wv-bad-padding", "a whole block whose padding byte is 0", [
        step(aes_ecb(kb, b"1742369234096_AB" + b"\x00" * 16, pad=False).hex(), base_ts, "invalid", "undecryptable")]))
    cases.append(case("wv-not-utf8", "decrypts and unpads to bytes that are not UTF-8", [
        step(aes_ecb(kb, b"\xff\xfe" + b"1" * 10).hex(), base_ts, "invalid", "undecryptable")]))
    cases.append(case("wv-no-underscore", "plaintext without _", [step(enc("1742369234096" + md5), base_ts, "invalid", "malformed_sign")]))
    cases.append(case("wv-letters-in-ts", "timestamp with letters", [step(enc("17423692340x6_" + md5), base_ts, "invalid", "malformed_sign")]))
    cases.append(case("wv-short-md5", "31 hex digits", [step(enc("1742369234096_" + md5[:31]), base_ts, "invalid", "malformed_sign")]))
    cases.append(case("wv-ts-overflow", "timestamp does not fit in 64 bits", [step(enc("99999999999999999999_" + md5), base_ts, "invalid", "malformed_sign")]))
    cases.append(case("wv-too-long", "longer than the 1024 hex digit limit", [step("00" * 513, base_ts, "invalid", "input_too_large")]))
    ts, s = fresh()
    k32 = "0123456789abcdef0123456789abcdef"
    cases.append(case("wv-aes256", "AES-256 key", [step(aes_ecb(k32.encode(), ("%d_%s" % (ts, md5)).encode()).hex(), ts, "valid", ts=ts)], aes_key=k32))
    cases.append(case("wv-bad-key", "verifier with a 10-byte key", [step(s, ts, "invalid", "invalid_key_length")], aes_key="0123456789"))
    write("weaver_verify.json", {
        "algorithm": "weaver-archive-token-verify",
        "source": PROVENANCE,
        "notes": "Section verify_sign: one verifier (appid, secret, aes_key, window_ms default 300000 both ways) per case runs the steps in order, so a later step can be a replay of an earlier one. Errors map to the server's messages: undecryptable=签名解密异常, malformed_sign/sign_mismatch=appid或sign参数值异常, expired/future_timestamp=签名已过期, replayed=禁用重复签名获取token. Every sign is unique across cases, so all cases can share one verifier run (as the CLI --jsonl does).",
        "verify_sign": cases})


def basic_encode(cid, comment, user, password):
    if ":" in user:
        return {"id": cid, "comment": comment, "user": user, "password": password, "result": "invalid", "error": "invalid_user_name"}
    cred = base64.b64encode((user + ":" + password).encode()).decode()
    return {"id": cid, "comment": comment, "user": user, "password": password, "result": "valid",
            "credentials": cred, "authorization": "Basic " + cred, "authorization_raw": cred}


def basic():
    enc = [
        basic_encode("rfc7617-aladdin", "RFC 7617 §2 example", "Aladdin", "open sesame"),
        basic_encode("apusic-admin", "the Apusic seed example", "admin", "admin123"),
        basic_encode("rfc7617-test-utf8", "RFC 7617 §2.1 example: test / 123£ in UTF-8", "test", "123£"),
        basic_encode("empty-both", "empty user and password", "", ""),
        basic_encode("colon-in-password", "a colon in the password is fine", "user", "pa:ss:word"),
        basic_encode("cjk", "CJK user and password", "管理员", "密码😀"),
        basic_encode("colon-in-user", "a colon in the user name is refused (RFC 7617)", "us:er", "pw"),
        basic_encode("padding-1", "one padding character", "ab", "cd"),
        basic_encode("padding-0", "no padding", "abc", "de"),
    ]

    def dec(cid, comment, header, result, error=None, user=None, password=None):
        c = {"id": cid, "comment": comment, "authorization": header, "result": result}
        if result == "valid":
            c["user"], c["password"] = user, password
        else:
            c["error"] = error
        return c

    ala = "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    d = [
        dec("dec-aladdin", "RFC 7617 example", "Basic " + ala, "valid", user="Aladdin", password="open sesame"),
        dec("dec-scheme-lower", "the scheme is case-insensitive", "basic " + ala, "valid", user="Aladdin", password="open sesame"),
        dec("dec-scheme-upper", "BASIC", "BASIC " + ala, "valid", user="Aladdin", password="open sesame"),
        dec("dec-extra-spaces", "several spaces after the scheme, OWS around the value", "  Basic   " + ala + " ", "valid", user="Aladdin", password="open sesame"),
        dec("dec-first-colon", "split at the first colon", "Basic " + base64.b64encode("u:p:w".encode()).decode(), "valid", user="u", password="p:w"),
        dec("dec-empty-password", "empty password", "Basic " + base64.b64encode(b"user:").decode(), "valid", user="user", password=""),
        dec("dec-utf8", "UTF-8 credentials", "Basic " + base64.b64encode("管理员:密码".encode()).decode(), "valid", user="管理员", password="密码"),
        dec("dec-bearer", "another scheme", "Bearer " + ala, "invalid", "invalid_scheme"),
        dec("dec-raw", "the bare value has no scheme", ala, "invalid", "invalid_scheme"),
        dec("dec-empty", "empty header", "", "invalid", "invalid_scheme"),
        dec("dec-scheme-only", "scheme without credentials", "Basic", "invalid", "invalid_scheme"),
        dec("dec-basicx", "a longer scheme name", "Basicx " + ala, "invalid", "invalid_scheme"),
        dec("dec-no-padding", "padding left out", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ", "invalid", "invalid_base64"),
        dec("dec-urlsafe", "URL-safe alphabet", "Basic " + base64.urlsafe_b64encode(b"a:\xfb\xff").decode(), "invalid", "invalid_base64"),
        dec("dec-garbage", "not Base64", "Basic !!!!", "invalid", "invalid_base64"),
        dec("dec-inner-space", "a space inside the Base64", "Basic QWxh ZGRpbjpvcGVuIHNlc2FtZQ==", "invalid", "invalid_base64"),
        dec("dec-trailing-bits", "non-canonical trailing bits", "Basic YWI6Yx==", "invalid", "invalid_base64"),
        dec("dec-no-colon", "no separator", "Basic " + base64.b64encode(b"useronly").decode(), "invalid", "missing_separator"),
        dec("dec-not-utf8", "decoded bytes are not UTF-8", "Basic " + base64.b64encode(b"\xff\xfe:pw").decode(), "invalid", "invalid_unicode"),
    ]
    write("basic_auth.json", {
        "algorithm": "http-basic",
        "source": "RFC 7617 §2 and §2.1 examples, the Apusic seed (000) example, and " + PROVENANCE,
        "notes": "basic_encode: user, password -> credentials, authorization ('Basic ' mode) and authorization_raw (raw mode). basic_decode: a received Authorization header -> user, password.",
        "basic_encode": enc, "basic_decode": d})


if __name__ == "__main__":
    seeds()
    kingdee_policy()
    kingdee_verify()
    weaver_policy()
    weaver_verify()
    basic()
    import token_vectors  # the token requests and answers of issue 6
    token_vectors.main()
    import doctor_vectors  # the signature doctor of issue 15
    doctor_vectors.main()
    sys.exit(0)
