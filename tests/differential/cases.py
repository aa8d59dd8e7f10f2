#!/usr/bin/env python3
"""Random inputs for the cross-language differential test, one JSONL file per operation, in the
CLI's --jsonl input shape. Seeded, so a run is reproducible: cases.py OUT_DIR [SEED [COUNT]];
then, once the CLI has answered the signing cases, cases.py verify OUT_DIR [SEED] makes the
verification cases from them.

The alphabet is chosen to hit what bindings get wrong: characters each encoder treats
differently (space, + = & % ~ * ' ( ) !), 2-, 3- and 4-byte UTF-8 (é, 中, 😀 — the last is two
UTF-16 units in JavaScript), control characters and CR/LF (refused in header values), and
empty strings. Token answers are JSON bodies with fields of any type or left out, one in four
damaged (truncated, a stray byte, invalid UTF-8, nested deep, an HTML error page, a BOM); the
other systems' answers start from the vector files' bodies with their integers now and then
replaced by edge values (2^53 ± 1, where JavaScript switches to bigint, 2^63, 2^64 − 1, 2^64).
Lone surrogates are left out: they cannot cross the CLI's JSON input, and each
binding's refusal of them is tested on its own."""
import base64
import json
import os
import random
import sys

ALPHABET = list("aZ09-_.~*+=&%/?#:;,!'()@ \t") + ["é", "中", "€", "\u00a0", "😀", "𝄞", "\n", "\r", "\x00"]
OPS = ("kingdee-sign", "kingdee-app-signature", "weaver-sign", "basic-encode", "basic-decode",
       "kingdee-token-answer", "weaver-token-answer", "edge-token-answer", "edge-jwt",
       "oauth-token-answer", "oauth-userinfo-answer", "apusic-session-answer",
       "wecom-signature", "wecom-encrypt", "dingtalk-robot-sign", "feishu-bot-sign",
       "feishu-decrypt", "feishu-event-signature", "yonyou-signature", "yonyou-token-request",
       "yonyou-token-answer", "k3cloud-gateway-secret", "k3cloud-sign", "k3cloud-login-sign",
       "k3cloud-login-request", "k3cloud-app-secret-login-request", "k3cloud-login-answer",
       "ecology-server-key", "ecology-encrypt", "ecology-regist-request", "ecology-regist-answer",
       "ecology-token-request", "ecology-token-answer", "ecology-call-headers")
VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "vectors")
# Integers around the edges each side must carry exactly: JavaScript's exact-number limit
# (2^53, where the npm package switches to bigint), u64's end, and one past it.
EDGE_NUMBERS = [0, 1, 2**53 - 1, 2**53, 2**53 + 1, 2**63, 2**64 - 1, 2**64, -1, 1686393296, 1686386096216]
# The edge numbers a u64 argument can take (a timestamp beyond u64 is refused by each driver's
# own reading of the line, not by the bindings).
U64_EDGES = [n for n in EDGE_NUMBERS if 0 <= n < 2**64]
# The Weaver server's failure messages (seed 002), each of which maps to its own error kind.
WEAVER_MESSAGES = ["应用标识appid==>>weaverappid已被禁用,请联系管理员!!!", "appid或sign参数值异常!!!",
                   "禁用重复签名获取token,请确认!!!", "签名解密异常,请确认!!!", "签名已过期,请确认!!!",
                   "获取成功!", "系统繁忙", ""]


def pick(rng, good, bad, p_bad=0.05):
    """Mostly one of `good`, now and then (p_bad) one of `bad`: each refusal stays common
    enough to be compared, without drowning the signatures."""
    return rng.choice(bad) if rng.random() < p_bad else rng.choice(good)


def header_text(rng, lo, hi):
    """Text for a header value: printable ASCII, with a rare character a header cannot carry."""
    return text(rng, lo, hi, list("aZ09-_.~*+=&%/?#:;,!'()@ ") + ["é"] * (rng.random() < 0.05) + ["\n"] * (rng.random() < 0.03))


def text(rng, lo, hi, alphabet=ALPHABET):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def kingdee_sign(rng):
    return {
        "client_id": pick(rng, ["123456", "client-7", header_text(rng, 1, 8)], ["", "中", "a\tb"]),
        "client_secret": pick(rng, ["0123456789abcdef0123456789abcdef", "sécret😀", text(rng, 1, 10)], [""]),
        "method": pick(rng, ["GET", "post", "Put", "DELETE", "patch"], ["G ET", "", "GÉT"]),
        "path": rng.choice(["/", "", "/api/"]) + text(rng, 0, 14),
        "query": [[text(rng, 0, 6), text(rng, 0, 10)] for _ in range(rng.randint(0, 5))],
        "sign_headers": [
            [pick(rng, ["Content-Type", "X-Trace-Id", "x-b"], ["", "Bad Name", "X-Api-Nonce"]),
             pick(rng, [header_text(rng, 0, 8)], [None])]
            for _ in range(rng.randint(0, 2))
        ],
        "timestamp": pick(rng, ["1700000000000", "0", "18446744073709551615"],
                          ["18446744073709551616", "-1", "17e11", "", " 1"]),
        "nonce": pick(rng, [str(rng.randint(0, 10**10)), header_text(rng, 1, 6)], ["", "é"]),
    }


def kingdee_app_signature(rng):
    return {"app_key": text(rng, 0, 12), "app_secret": pick(rng, ["abc123", text(rng, 1, 12)], [""])}


def weaver_sign(rng):
    key_len = pick(rng, [16, 24, 32], [15, 0, 33])
    return {
        "appid": text(rng, 0, 10),
        "secret": text(rng, 0, 10),
        "aes_key": text(rng, key_len, key_len, list("aZ09-_+/=") + ["é"] * (rng.random() < 0.05)),
        "timestamp_ms": rng.choice([rng.randint(0, 2**53 - 1), 1742369234096, 0]),
    }


def basic_encode(rng):
    return {"user": text(rng, 0, 10), "password": text(rng, 0, 10)}


def basic_decode(rng):
    user, password = text(rng, 0, 8), text(rng, 0, 8)
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {
        "authorization": rng.choice([
            f"Basic {token}", f"basic {token}", f"Basic  {token}", token, f"Basic {token[:-1]}",
            f"Basic {token}=", f"Bearer {token}", "Basic ", f"Basic {text(rng, 1, 12)}",
        ])
    }


def json_value(rng, depth=0):
    """Any JSON value, small: what a field may hold when the server (or a proxy) misbehaves."""
    kinds = ["str", "int", "null", "bool", "float", "big"] + (["list", "obj"] if depth < 2 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return text(rng, 0, 8)
    if kind == "int":
        return rng.choice([0, 1, -1, 7, 100, 2**63])
    if kind == "float":
        return rng.choice([1.5, -0.0, 1e300])
    if kind == "big":
        return 10**rng.randint(19, 40)
    if kind == "list":
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 2))]
    if kind == "obj":
        return {text(rng, 1, 4): json_value(rng, depth + 1) for _ in range(rng.randint(0, 2))}
    return {"null": None, "bool": rng.choice([True, False])}[kind]


def answer_body(rng, fields, raw=None):
    """`fields` as a JSON body (or `raw` bytes as they are), then (one time in four) damaged: truncated, a byte inserted,
    an invalid UTF-8 byte, nested deep, an HTML error page, a BOM, or empty. Returned as the
    CLI's `body` (text) or `body_hex` (bytes that are not UTF-8)."""
    body = raw if raw is not None else json.dumps(
        fields, ensure_ascii=rng.random() < 0.5, separators=rng.choice([(",", ":"), (", ", ": ")])).encode()
    if rng.random() < 0.25:
        damage = rng.choice(["truncate", "insert", "invalid_utf8", "deep", "html", "bom", "empty", "trailing"])
        at = rng.randint(0, len(body))
        body = {
            "truncate": lambda: body[:at],
            "insert": lambda: body[:at] + rng.choice([b"{", b"}", b"\"", b",", b"\\", b"\x00"]) + body[at:],
            "invalid_utf8": lambda: body[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80"]) + body[at:],
            "deep": lambda: b"[" * 40 + body + b"]" * 40,
            "html": lambda: b"<html><body>502 Bad Gateway</body></html>",
            "bom": lambda: b"\xef\xbb\xbf" + body,
            "empty": lambda: b"",
            "trailing": lambda: body + b" x",
        }[damage]()
    try:
        return {"body": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"body_hex": body.hex()}


def maybe(rng, good, p_other=0.1):
    """`good` most of the time, else any JSON value (or the field left out: `...`)."""
    return good if rng.random() >= p_other else rng.choice([json_value(rng), ...])


def fields_of(pairs):
    return {k: v for k, v in pairs if v is not ...}


def kingdee_token_answer(rng):
    errcode = pick(rng, [0, "0"], [1, 100, "10001", -1], 0.3)
    data = fields_of([("uid", maybe(rng, rng.choice(["10086", 10086, None, "中"]))),
                      ("app-token", maybe(rng, rng.choice(["8c1f3e", text(rng, 1, 12)])))])
    body = fields_of([("errcode", maybe(rng, errcode)), ("description", maybe(rng, rng.choice(["成功", "app_key错误", None]))),
                      ("data", maybe(rng, data))])
    return {**answer_body(rng, body), "received_at_ms": rng.choice([1700000000000, rng.randint(0, 2**53 - 10**9)])}


def weaver_token_answer(rng):
    status = pick(rng, [True], [False], 0.5)
    body = fields_of([("status", maybe(rng, status)), ("msg", maybe(rng, rng.choice(WEAVER_MESSAGES + [text(rng, 0, 8)]))),
                      ("token", maybe(rng, rng.choice(["fdca51c0-2225-4ad9-ac18-bd2b61408b99", text(rng, 1, 10), ""]))),
                      ("batchkey", maybe(rng, rng.choice(["amoy_token_auth_1742369234096_vvkm", None])))])
    return {**answer_body(rng, body), "received_at_ms": rng.choice([1742369234096, rng.randint(0, 2**53 - 10**9)])}


def vector_bodies(file, section):
    """The answer bodies of a vector section, as bytes (the vectors' shorthand expanded)."""
    with open(os.path.join(VECTORS, file), encoding="utf-8") as f:
        cases = json.load(f)[section]
    bodies = []
    for c in cases:
        data = bytes.fromhex(c["body_hex"]) if "body_hex" in c else c["body"].encode()
        data += c.get("repeat", "").encode() * min(c.get("times", 0), 100) + c.get("tail", "").encode()
        bodies.append(data)
    return bodies


def renumber(rng, body):
    """`body` with each integer literal replaced, one time in three, by an edge number."""
    out, i = bytearray(), 0
    while i < len(body):
        j = i
        while j < len(body) and chr(body[j]).isdigit():
            j += 1
        if j > i:
            number = body[i:j]
            out += str(rng.choice(EDGE_NUMBERS)).encode() if rng.random() < 0.33 else number
            i = j
        else:
            out.append(body[i])
            i += 1
    return bytes(out)


def from_vectors(file, section):
    """A maker: a vector answer, renumbered, then damaged like `answer_body`'s."""
    bodies = vector_bodies(file, section)

    def make(rng):
        body = renumber(rng, rng.choice(bodies))
        return answer_body(rng, None, body)

    return make


edge_token_answer = from_vectors("edge_gateway.json", "edge_token_answer")
oauth_token_answer = from_vectors("oauth.json", "oauth_token_answer")
oauth_userinfo_answer = from_vectors("oauth.json", "oauth_userinfo_answer")
apusic_session_answer = from_vectors("apusic_session.json", "apusic_session_answer")


def edge_jwt(rng):
    """A JWT whose payload has numbers around the edges, strings, or junk; now and then a
    broken segment (not Base64url, padded, missing, extra)."""
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    payload = {k: rng.choice([rng.choice(EDGE_NUMBERS), text(rng, 0, 4), None, 1.5, [1]])
               for k in rng.sample(["exp", "iat", "nbf", "iss", "ID", "Username"], rng.randint(0, 6))}
    if "iss" in payload and rng.random() < 0.7:
        payload["iss"] = rng.choice(["edge-gateway", text(rng, 0, 6)])
    body = json.dumps(payload, ensure_ascii=rng.random() < 0.5).encode()
    parts = [b64(b'{"alg":"HS256","typ":"JWT"}'), b64(body), "c2ln"]
    damage = rng.choice(["none"] * 5 + ["padded", "not_b64", "two", "four", "not_json", "empty_payload"])
    if damage == "padded":
        parts[1] = base64.urlsafe_b64encode(body).decode()
    elif damage == "not_b64":
        parts[1] = parts[1][:-1] + "*"
    elif damage == "two":
        parts = parts[:2]
    elif damage == "four":
        parts.append("x")
    elif damage == "not_json":
        parts[1] = b64(b"{not json")
    elif damage == "empty_payload":
        parts[1] = ""
    return {"jwt": ".".join(parts)}


# ---- WXBizMsgCrypt, DingTalk, Feishu, Yonyou (issue 17) ------------------------------------

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def vector_cases(file, section):
    with open(os.path.join(VECTORS, file), encoding="utf-8") as f:
        return json.load(f)[section]


def aes_key(rng):
    """An EncodingAESKey: mostly 43 Base64 characters (the last one's low bits sometimes set,
    which strict decoding refuses), now and then the wrong length or a character outside the
    alphabet."""
    key = "".join(rng.choice(B64) for _ in range(43))
    if rng.random() < 0.5:
        key = key[:42] + rng.choice("AEIMQUYcgkosw048")  # low two bits clear
    return pick(rng, [key, "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"],
                [key[:42], key + "A", key[:20] + "*" + key[21:], ""], 0.1)


def wecom_signature(rng):
    encrypt = rng.choice([c["encrypt"] for c in vector_cases("wecom.json", "wecom_signature")] + [text(rng, 0, 30)])
    return {"token": text(rng, 0, 10), "timestamp": pick(rng, [str(rng.randint(0, 2**32))], [text(rng, 0, 6)]),
            "nonce": text(rng, 0, 10), "encrypt": encrypt}


def wecom_encrypt(rng):
    random_hex = "".join(rng.choice("0123456789abcdefABCDEF") for _ in range(32))
    return {"encoding_aes_key": aes_key(rng), "receive_id": pick(rng, [text(rng, 0, 18)], ["a\nb"]),
            "message": text(rng, 0, 60),
            # Always 32 hex digits: the bindings take 16 bytes, which each driver makes from the
            # hex; a malformed random_hex would be the drivers' refusal, not the bindings'.
            "random_hex": random_hex,
            "token": text(rng, 0, 10), "timestamp": pick(rng, [str(rng.randint(0, 2**32))], [text(rng, 0, 6), ""]),
            "nonce": text(rng, 0, 10)}


def wecom_decrypt(rng, case, sealed):
    """Second stage: what the CLI encrypted (or, one time in five, a vector case), mostly
    intact, else with one character changed, another key or another receive id."""
    if rng.random() < 0.2:
        case = rng.choice(vector_cases("wecom.json", "wecom_decrypt"))
        sealed = case
    encrypt = sealed["encrypt"]
    if rng.random() < 0.2 and encrypt:
        encrypt = flip(rng, encrypt)
    return {"encoding_aes_key": pick(rng, [case["encoding_aes_key"]], [aes_key(rng)], 0.1),
            "receive_id": pick(rng, [case["receive_id"]], [text(rng, 0, 18)], 0.1), "encrypt": encrypt}


def dingtalk_robot_sign(rng):
    return {"secret": pick(rng, ["SEC" + text(rng, 1, 40)], [""]),
            "timestamp_ms": rng.choice(U64_EDGES + [rng.randint(0, 2**53)])}


def feishu_bot_sign(rng):
    return {"secret": pick(rng, [text(rng, 1, 40)], [""]),
            "timestamp": rng.choice(U64_EDGES + [rng.randint(0, 2**40)])}


def feishu_decrypt(rng):
    case = rng.choice(vector_cases("feishu.json", "feishu_decrypt"))
    encrypt = case["encrypt"]
    if rng.random() < 0.5 and encrypt:
        encrypt = flip(rng, encrypt)
    return {"encrypt_key": pick(rng, [case["encrypt_key"]], [text(rng, 0, 12)], 0.2), "encrypt": encrypt}


def feishu_event_signature(rng):
    return {"timestamp": pick(rng, [str(rng.randint(0, 2**32))], [text(rng, 0, 6)]), "nonce": text(rng, 0, 12),
            "encrypt_key": pick(rng, [text(rng, 1, 20)], [""]), **answer_body(rng, {"encrypt": text(rng, 0, 30)})}


def yonyou_signature(rng):
    return {"app_key": text(rng, 0, 32), "app_secret": pick(rng, [text(rng, 1, 40)], [""]),
            "timestamp_ms": rng.choice(U64_EDGES + [rng.randint(0, 2**53)])}


def yonyou_token_request(rng):
    url = pick(rng, ["https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken",
                     "http://127.0.0.1:8080/iuap-api-auth/open-auth/selfAppAuth/getAccessToken"],
               ["ftp://x/y", "https://h/p?q=1", "", "https://" + text(rng, 0, 8)], 0.1)
    return {"token_url": url, **yonyou_signature(rng)}


yonyou_token_answer_body = from_vectors("yonyou.json", "yonyou_token_answer")


def yonyou_token_answer(rng):
    return {**yonyou_token_answer_body(rng), "received_at_ms": rng.choice([1547192727928, rng.randint(0, 2**53 - 10**9)])}


# ---- Kingdee K3Cloud, Weaver e-cology 9 (issue 17) ----------------------------------------------

HEADER_SAFE = [c for c in ALPHABET if " " <= c <= "~" and c != ","]


def header_text(rng, lo, hi):
    """Text that can travel in a header (and in X-Kd-Appdata: no `,`), now and then not."""
    return pick(rng, [text(rng, lo, hi, HEADER_SAFE)], [text(rng, lo, hi), "a,b", "a\nb"], 0.1)


def k3cloud_app_id(rng):
    """An AppID: mostly `<client id>_<32 Base64 characters>` (the masked secret), now and then
    another length, no `_`, or characters outside Base64."""
    masked = "".join(rng.choice(B64) for _ in range(32))
    valid = [c["app_id"] for c in vector_cases("k3cloud.json", "k3cloud_gateway_secret") if c["result"] == "valid"]
    return pick(rng, [f"{rng.randint(1, 999999)}_{masked}", rng.choice(valid)],
                [masked, f"1_{masked[:20]}", f"1_{masked[:31]}*", "", "_" + masked], 0.15)


def k3cloud_identity(rng):
    identity = {"acct_id": pick(rng, [header_text(rng, 1, 16)], [""]), "user_name": pick(rng, [header_text(rng, 1, 12)], [""]),
                "app_id": k3cloud_app_id(rng), "app_secret": pick(rng, [text(rng, 1, 32)], [""])}
    if rng.random() < 0.7:
        # Never 0: the C ABI (and Java and the C driver over it) passes 0 for "the default".
        identity["lcid"] = rng.choice([2052, 1033, 3076, 1, 2**32 - 1])
    return identity


def k3cloud_gateway_secret(rng):
    return {"app_id": k3cloud_app_id(rng)}


def k3cloud_sign(rng):
    line = {**k3cloud_identity(rng),
            "url": pick(rng, ["https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc",
                              "http://10.0.0.5/k3cloud/" + text(rng, 1, 20, HEADER_SAFE).replace(" ", "") + ".common.kdsvc?x=" + text(rng, 0, 6, HEADER_SAFE).replace(" ", "")],
                        ["ftp://x/y", "", "https://", "https://h/" + text(rng, 0, 6) + " x"], 0.05),
            "body": text(rng, 0, 40), "timestamp_ms": rng.choice(U64_EDGES + [rng.randint(0, 2**53)]),
            "timestamp_unit": pick(rng, ["ms", "s"], ["seconds", "MS", ""], 0.1)}
    if rng.random() < 0.5:
        line["org_num"] = pick(rng, [str(rng.randint(0, 999)), text(rng, 0, 4)], ["a,b"])
    return line


def k3cloud_login_sign(rng):
    identity = k3cloud_identity(rng)
    identity.pop("lcid", None)
    return {**identity, "timestamp_s": rng.choice(U64_EDGES + [rng.randint(0, 2**40)]),
            "hash": pick(rng, ["sha256", "sha1"], ["SHA256", "md5", ""], 0.1)}


def k3cloud_server_url(rng):
    return pick(rng, ["https://erp.example.com/k3cloud/", "http://10.0.0.5/k3cloud"],
                ["ftp://x", "", "https://h/k3cloud?q=1", "https://" + text(rng, 0, 6)], 0.1)


def k3cloud_login_request(rng):
    return {**k3cloud_login_sign(rng), "server_url": k3cloud_server_url(rng),
            **({"lcid": rng.choice([2052, 1033])} if rng.random() < 0.5 else {})}


def k3cloud_app_secret_login_request(rng):
    return {**k3cloud_identity(rng), "server_url": k3cloud_server_url(rng)}


k3cloud_login_answer = from_vectors("k3cloud.json", "k3cloud_login_answer")

ECOLOGY_KEYS = None


def ecology_spk(rng):
    """A server key from the vectors (valid and refused ones), now and then damaged."""
    global ECOLOGY_KEYS
    if ECOLOGY_KEYS is None:
        cases = vector_cases("ecology.json", "ecology_server_key")
        ECOLOGY_KEYS = ([c["spk"] for c in cases if c["result"] == "valid"],
                        [c["spk"] for c in cases if c["result"] != "valid"])
    spk = pick(rng, *ECOLOGY_KEYS, 0.2)
    return flip(rng, spk) if rng.random() < 0.1 else spk


def seed_hex(rng):
    return "".join(rng.choice("0123456789abcdef") for _ in range(64))


def ecology_server_key(rng):
    return {"spk": ecology_spk(rng)}


def ecology_encrypt(rng):
    return {"spk": ecology_spk(rng), "plaintext": pick(rng, [text(rng, 0, 40)], ["x" * 300]), "seed_hex": seed_hex(rng)}


def ecology_appid(rng):
    return pick(rng, ["EEAA5436-7577-4BE0-8C6C-89E9D88805EA", text(rng, 1, 20, HEADER_SAFE)], ["", "a\nb", "中"], 0.1)


def ecology_base_url(rng):
    return pick(rng, ["http://oa.example.com:8080", "https://oa.example.com/"], ["ftp://x", "", "http://h/?q"], 0.1)


def ecology_regist_request(rng):
    cpk = rng.choice(vector_cases("ecology.json", "ecology_regist_request"))["cpk"]
    return {"base_url": ecology_base_url(rng), "appid": ecology_appid(rng), "cpk": pick(rng, [cpk], ["", "a\nb", text(rng, 1, 8)], 0.1)}


def ecology_regist_answer(rng):
    """A vector answer damaged like `answer_body`'s, not renumbered (digits inside the spk would
    break the key rather than test the numbers)."""
    return answer_body(rng, None, rng.choice(vector_bodies("ecology.json", "ecology_regist_answer")))


def ecology_token_request(rng):
    line = {"base_url": ecology_base_url(rng), "appid": ecology_appid(rng), "spk": ecology_spk(rng),
            "secrit": pick(rng, [text(rng, 1, 36)], [""]), "seed_hex": seed_hex(rng)}
    if rng.random() < 0.5:
        line["time_s"] = rng.choice([1800, 3600, 1, 2**32])  # 0 is "none" in the C ABI
    return line


ecology_token_answer_body = from_vectors("ecology.json", "ecology_token_answer")


def ecology_token_answer(rng):
    line = {**ecology_token_answer_body(rng), "received_at_ms": rng.choice([1700000000000, rng.randint(0, 2**53 - 10**9)])}
    if rng.random() < 0.5:
        line["lifetime_s"] = rng.choice([1800, 60, 0, 2**40])
    return line


def ecology_call_headers(rng):
    return {"appid": ecology_appid(rng), "token": pick(rng, [text(rng, 1, 36, HEADER_SAFE)], ["", "a\nb"]),
            "spk": ecology_spk(rng), "userid": pick(rng, [str(rng.randint(1, 99999)), text(rng, 1, 8)], [""]),
            "seed_hex": seed_hex(rng)}


# Each operation's maker is the function named like it (`_` for `-`).
MAKERS = {op: globals()[op.replace("-", "_")] for op in OPS}


# ---- second stage: requests to verify, made from what the CLI signed in the first -----------

VERIFY_OPS = ("kingdee-verify", "weaver-verify")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def flip(rng, s):
    """`s` with one character changed (or, empty, a character added)."""
    if not s:
        return "A"
    at = rng.randrange(len(s))
    return s[:at] + ("B" if s[at] != "B" else "C") + s[at + 1:]


def safe(ms):
    """`ms` kept where every side reads a JSON number exactly (JavaScript: up to 2^53 − 1)."""
    return min(max(ms, 0), 2**53 - 1)


def kingdee_verify(rng, case, signed):
    ts = int(case["timestamp"])
    base = ts if ts < 2**53 else 2**53 - 1
    headers = [[n, v] for n, v in signed["headers"].items()] + [list(h) for h in case["sign_headers"]]
    query = [list(p) for p in case["query"]]
    rng.shuffle(query)  # order must not matter
    rng.shuffle(headers)
    line = {"client_secret": case["client_secret"], "method": case["method"], "path": case["path"],
            "query": query, "headers": headers,
            "now_ms": safe(base + rng.randint(-300_000, 300_000))}
    if rng.random() < 0.3:
        line["window_ms"] = rng.choice([0, 1000, 300_000, 2**40])
    damage = rng.choice(["none"] * 4 + ["case", "secret", "method", "path", "query", "drop", "duplicate",
                                        "signature", "late", "future", "nonce", "timestamp"])
    if damage == "case" and headers:
        h = rng.choice(headers)
        h[0] = rng.choice([h[0].lower(), h[0].upper()])
    elif damage == "secret":
        line["client_secret"] = flip(rng, line["client_secret"])
    elif damage == "method":
        line["method"] = rng.choice(["GET", "POST", "get", "PUT"])
    elif damage == "path":
        line["path"] = flip(rng, line["path"])
    elif damage == "query":
        if query:
            q = rng.choice(query)
            q[1] = flip(rng, q[1])
        else:
            query.append(["x", "1"])
    elif damage == "drop" and headers:
        headers.pop(rng.randrange(len(headers)))
    elif damage == "duplicate" and headers:
        headers.append(list(rng.choice(headers)))
    elif damage in ("signature", "nonce", "timestamp"):
        name = {"signature": "X-Api-Signature", "nonce": "X-Api-Nonce", "timestamp": "X-Api-TimeStamp"}[damage]
        for h in headers:
            if h[0] == name:
                h[1] = flip(rng, h[1])
    elif damage == "late":
        line["now_ms"] = safe(base + rng.choice([300_001, 10**9]))
    elif damage == "future":
        line["now_ms"] = safe(base - rng.choice([300_001, 10**9]))
    return line


def weaver_verify(rng, case, signed):
    ts = case["timestamp_ms"]
    line = {"appid": case["appid"], "secret": case["secret"], "aes_key": case["aes_key"],
            "sign": signed["sign"], "now_ms": safe(ts + rng.randint(-1000, 300_000))}
    if rng.random() < 0.3:
        line["window_ms"] = rng.choice([1000, 300_000, 2**40])
    damage = rng.choice(["none"] * 4 + ["upper", "flip", "truncate", "empty", "not_hex", "secret", "late", "future"])
    if damage == "upper":
        line["sign"] = line["sign"].upper()
    elif damage == "flip":
        line["sign"] = flip(rng, line["sign"]).lower()
    elif damage == "truncate":
        line["sign"] = line["sign"][: rng.randrange(len(line["sign"]))]
    elif damage == "empty":
        line["sign"] = ""
    elif damage == "not_hex":
        line["sign"] = "zz" + line["sign"][2:]
    elif damage == "secret":
        line["secret"] = flip(rng, line["secret"])
    elif damage == "late":
        line["now_ms"] = safe(ts + rng.choice([300_001, 10**9]))
    elif damage == "future":
        line["now_ms"] = safe(ts - rng.choice([60_001, 10**9]))
    return line


def verify_cases(out_dir, seed):
    """kingdee-verify.jsonl and weaver-verify.jsonl from the first stage's signing cases and the
    CLI's answers to them: the signed request as received (headers and query shuffled), mostly
    intact, else damaged in one way. A line is sometimes repeated, to be a replay. Also
    wecom-decrypt.jsonl from the messages the CLI encrypted."""
    rng = random.Random(seed + 1)
    cases = load(os.path.join(out_dir, "wecom-encrypt.jsonl"))
    answers = load(os.path.join(out_dir, "wecom-encrypt.cli.jsonl"))
    with open(os.path.join(out_dir, "wecom-decrypt.jsonl"), "w", encoding="utf-8") as f:
        for case, sealed in zip(cases, answers):
            if sealed.get("ok"):
                f.write(json.dumps(wecom_decrypt(rng, case, sealed), ensure_ascii=False) + "\n")
    for op, sign_op, make in (("kingdee-verify", "kingdee-sign", kingdee_verify),
                              ("weaver-verify", "weaver-sign", weaver_verify)):
        cases = load(os.path.join(out_dir, sign_op + ".jsonl"))
        answers = load(os.path.join(out_dir, sign_op + ".cli.jsonl"))
        with open(os.path.join(out_dir, op + ".jsonl"), "w", encoding="utf-8") as f:
            for case, signed in zip(cases, answers):
                if not signed.get("ok"):
                    continue
                line = json.dumps(make(rng, case, signed), ensure_ascii=False) + "\n"
                f.write(line)
                if rng.random() < 0.1:
                    f.write(line)


def main():
    if sys.argv[1] == "verify":
        verify_cases(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20261128)
        return
    out_dir = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261128
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    for op in OPS:
        with open(os.path.join(out_dir, op + ".jsonl"), "w", encoding="utf-8") as f:
            for _ in range(count):
                f.write(json.dumps(MAKERS[op](rng), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
