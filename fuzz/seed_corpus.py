#!/usr/bin/env python3
"""Writes each fuzz target's seed corpus (fuzz/corpus/<target>/) from the cases in vectors/.

Every seed is serialised the way its target reads its input (see the comment at the top of
each fuzz_targets/*.rs): raw bodies or texts for the parsers, NUL-separated fields for the
verifiers and the C ABI target. Only the standard library; the corpus is not committed.

    python3 fuzz/seed_corpus.py            # writes fuzz/corpus/
    python3 fuzz/seed_corpus.py OUT_DIR
"""

import hashlib
import json
import pathlib
import struct
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "vectors"
# Seeds larger than this are left out: the fuzzers run with -max_len of the same size, and the
# size limits such cases test are one comparison each (the vector suites cover them).
MAX_SEED = 4096


def vectors(name):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def cases(name, section):
    return vectors(name).get(section, [])


def text(value):
    return value.encode("utf-8") if isinstance(value, str) else b""


def body(case):
    """An answer body: `body` or `body_hex`, then `repeat` × `times`, then `tail`."""
    data = bytes.fromhex(case["body_hex"]) if "body_hex" in case else text(case.get("body"))
    data += text(case.get("repeat")) * case.get("times", 0) + text(case.get("tail"))
    return data


def fields(*parts):
    return b"\0".join(p if isinstance(p, bytes) else text(str(p)) for p in parts)


def pair(tag, name, value):
    return tag + text(name) + (b"" if value is None else b"\x01" + text(value))


def shape(op, buf_cap=4096, item_cap=16, flags=0):
    """The c_abi target's `Shape`: op u8, buf_cap u16, item_cap u8, flags u8 (little-endian)."""
    return struct.pack("<BHBB", op, buf_cap, item_cap, flags)


# --- what each target reads, gathered from the vectors ----------------------------------

def answers(name, section):
    return [body(c) for c in cases(name, section)]


def authorizations():
    out = [text(c["authorization"]) for c in cases("basic_auth.json", "basic_decode")]
    for c in cases("basic_auth.json", "basic_encode"):
        out += [text(c.get(k)) for k in ("authorization", "authorization_raw", "credentials") if c.get(k)]
    return out


def jwts():
    out = [text(c["jwt"]) for c in cases("edge_gateway.json", "edge_jwt")]
    out += [text(c["access_token"]) for c in cases("edge_gateway.json", "edge_x_token")]
    return out


def callbacks():
    return [fields(c["callback"], c.get("expected_state") or "")
            for c in cases("oauth.json", "oauth_callback")]


def signed_requests():
    """(case, headers) of every valid Kingdee request signing case, as a server receives it."""
    for name in ("kingdee_official_sdk.json", "kingdee_policy.json", "seed_examples.json"):
        for c in cases(name, "request"):
            expected = c.get("expected")
            if c.get("result", "valid") != "valid" or not expected:
                continue
            headers = [(n, v) for n, v in expected["headers"].items()]
            headers += [(n, v) for n, v in c.get("sign_headers", []) if v is not None]
            yield c, headers


def wire_queries():
    out = []
    for c, _ in signed_requests():
        wire = c["expected"].get("wire_query")
        if wire is None:
            wire = urllib.parse.urlencode([tuple(p) for p in c["query"]])
        out.append(text(wire))
        out.append(text(urllib.parse.quote(c["path"]) + "?" + wire))
    for c in cases("oauth.json", "oauth_callback"):
        out.append(text(c["callback"].partition("?")[2]))
    return out


def encoded_paths():
    out = [text(urllib.parse.quote(c["path"])) for c, _ in signed_requests()]
    out += [text(c["path"]) for c, _ in signed_requests()]
    return out


def kingdee_verifications():
    """(secret, now_ms, method, path, query, headers) of received requests."""
    for c in cases("kingdee_verify.json", "verify_request"):
        window = f",{c['window_ms']}" if "window_ms" in c else ""
        yield (c["client_secret"], f"{c['now_ms']}{window}", c["method"], c["path"],
               c["query"], c["headers"])
    for c, headers in signed_requests():
        yield (c["client_secret"], c["timestamp"], c["method"], c["path"], c["query"], headers)


def kingdee_verify_seeds():
    return [fields(now, secret, method, path,
                   *[pair(b"q", n, v) for n, v in query], *[pair(b"h", n, v) for n, v in headers])
            for secret, now, method, path, query, headers in kingdee_verifications()]


def weaver_cases():
    """(appid, secret, aes_key, now_ms, window, [signs])."""
    for c in cases("weaver_verify.json", "verify_sign"):
        steps = c["steps"]
        window = f",{c['window_ms']}" if "window_ms" in c else ""
        yield c["appid"], c["secret"], c["aes_key"], f"{steps[0]['now_ms']}{window}", [s["sign"] for s in steps]
    for name in ("weaver_jdk.json", "weaver_policy.json", "seed_examples.json"):
        for c in cases(name, "sign"):
            if c.get("result", "valid") == "valid" and "sign" in c:
                yield c["appid"], c["secret"], c["aes_key"], str(c["timestamp_ms"]), [c["sign"]]


def weaver_verify_seeds():
    return [fields(now, appid, secret, key, *signs) for appid, secret, key, now, signs in weaver_cases()]


def c_abi_seeds():
    """The same inputs, behind the c_abi target's `Shape` (op numbers as in `run`)."""
    by_op = {
        0: encoded_paths(),
        1: authorizations(),
        2: [text(c["credentials"]) for c in cases("basic_auth.json", "basic_encode") if c.get("credentials")],
        3: jwts(),
        4: wire_queries(),
        5: callbacks(),
        6: [fields(b, 1700000000000) for b in answers("kingdee_token.json", "kingdee_token_answer")],
        7: [fields(b, 1700000000000) for b in answers("weaver_token.json", "weaver_token_answer")],
        8: answers("apusic_session.json", "apusic_session_answer"),
        9: answers("edge_gateway.json", "edge_token_answer"),
        10: answers("oauth.json", "oauth_token_answer"),
        11: answers("oauth.json", "oauth_userinfo_answer"),
        12: [fields(secret, method, path, now.split(",")[0],
                    *[pair(b"q", n, v) for n, v in query], *[pair(b"h", n, v) for n, v in headers])
             for secret, now, method, path, query, headers in kingdee_verifications()],
        13: [fields(c["client_id"], c["client_secret"], c["method"], c["path"], c["timestamp"], c["nonce"],
                    *[pair(b"q", n, v) for n, v in c["query"]],
                    *[pair(b"s" if v is not None else b"n", n, v) for n, v in c.get("sign_headers", [])])
             for name in ("kingdee_official_sdk.json", "kingdee_policy.json")
             for c in cases(name, "request")],
        14: [fields(appid, secret, key, now.split(",")[0], *signs)
             for appid, secret, key, now, signs in weaver_cases()],
        15: [fields(c["token"], c["cookie_name"] or "") for c in cases("apusic_session.json", "apusic_call_headers")],
        16: [fields(c["user"], c["password"]) for c in cases("basic_auth.json", "basic_encode")],
        18: [fields(secret, method, path, now.split(",")[0],
                    *[pair(b"q", n, v) for n, v in query], *[pair(b"h", n, v) for n, v in headers])
             for secret, now, method, path, query, headers in kingdee_verifications()],
        17: [fields(c["appid"], c["secret"], c["aes_key"], c["timestamp_ms"])
             for c in cases("weaver_jdk.json", "sign")],
    }
    out = []
    for op, inputs in by_op.items():
        for data in inputs:
            # A comfortable buffer with a refusal to fill, and a size query with NULL buffer.
            out.append(shape(op, 4096, 16, 0x10) + data)
            out.append(shape(op, 0, 0, 0x01) + data)
    return out


def wecom_seeds():
    """encrypt, receive id, timestamp, nonce, signature (vectors/wecom.json)."""
    out = [fields(c["encrypt"], c["receive_id"]) for c in cases("wecom.json", "wecom_decrypt")]
    out += [fields(c["encrypt"], "", c["timestamp"], c["nonce"], c["signature"])
            for c in cases("wecom.json", "wecom_signature") if c["result"] == "valid"]
    return out


def feishu_seeds():
    """Encrypt Key, encrypt, body, signature (vectors/feishu.json)."""
    out = [fields(c["encrypt_key"], c["encrypt"]) for c in cases("feishu.json", "feishu_decrypt")]
    out += [fields(c["encrypt_key"], "", c["body"], c.get("signature", ""))
            for c in cases("feishu.json", "feishu_event_signature")]
    return out


TARGETS = {
    "kingdee_token_answer": lambda: answers("kingdee_token.json", "kingdee_token_answer"),
    "weaver_token_answer": lambda: answers("weaver_token.json", "weaver_token_answer"),
    "apusic_session_answer": lambda: answers("apusic_session.json", "apusic_session_answer"),
    "edge_token_answer": lambda: answers("edge_gateway.json", "edge_token_answer"),
    "oauth_token_answer": lambda: answers("oauth.json", "oauth_token_answer"),
    "oauth_userinfo_answer": lambda: answers("oauth.json", "oauth_userinfo_answer"),
    "basic_authorization": authorizations,
    "edge_jwt": jwts,
    "oauth_callback": callbacks,
    "kingdee_query": wire_queries,
    "percent_decode": lambda: encoded_paths() + wire_queries(),
    "kingdee_verify": kingdee_verify_seeds,
    "weaver_verify": weaver_verify_seeds,
    "c_abi": c_abi_seeds,
    "wecom_decrypt": lambda: wecom_seeds(),
    "feishu_decrypt": lambda: feishu_seeds(),
    "yonyou_token_answer": lambda: answers("yonyou.json", "yonyou_token_answer"),
    "k3cloud_login_answer": lambda: answers("k3cloud.json", "k3cloud_login_answer"),
    "ecology_regist_answer": lambda: answers("ecology.json", "ecology_regist_answer"),
}


def main():
    out_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fuzz" / "corpus"
    for target, make in TARGETS.items():
        directory = out_dir / target
        directory.mkdir(parents=True, exist_ok=True)
        seeds = {s for s in make() if len(s) <= MAX_SEED}
        if not seeds:
            sys.exit(f"seed_corpus.py: no seeds for {target}: have the vector files changed shape?")
        for seed in seeds:
            (directory / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        print(f"{target}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
