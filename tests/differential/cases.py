#!/usr/bin/env python3
"""Random inputs for the cross-language differential test, one JSONL file per operation, in the
CLI's --jsonl input shape. Seeded, so a run is reproducible: cases.py OUT_DIR [SEED [COUNT]].

The alphabet is chosen to hit what bindings get wrong: characters each encoder treats
differently (space, + = & % ~ * ' ( ) !), 2-, 3- and 4-byte UTF-8 (é, 中, 😀 — the last is two
UTF-16 units in JavaScript), control characters and CR/LF (refused in header values), and
empty strings. Lone surrogates are left out: they cannot cross the CLI's JSON input, and each
binding's refusal of them is tested on its own."""
import base64
import json
import os
import random
import sys

ALPHABET = list("aZ09-_.~*+=&%/?#:;,!'()@ \t") + ["é", "中", "€", "\u00a0", "😀", "𝄞", "\n", "\r", "\x00"]
OPS = ("kingdee-sign", "kingdee-app-signature", "weaver-sign", "basic-encode", "basic-decode")


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


def app_signature(rng):
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


MAKERS = {
    "kingdee-sign": kingdee_sign,
    "kingdee-app-signature": app_signature,
    "weaver-sign": weaver_sign,
    "basic-encode": basic_encode,
    "basic-decode": basic_decode,
}


def main():
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
