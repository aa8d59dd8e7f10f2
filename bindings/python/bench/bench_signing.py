"""qianming vs the same operations in pure Python (stdlib hmac/hashlib/base64/urllib.parse, and
``cryptography`` for AES with a cached cipher and manual PKCS#7 padding), in one run.

Every pure-Python result is first checked equal to qianming's, so both sides do the same work.
Usage: python bench_signing.py [--markdown]
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import platform
import sys
import timeit
from typing import Callable, Dict, List, Tuple
from urllib.parse import quote_plus

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

import qianming
from qianming import kingdee, weaver

# ---- pure Python, written as fast as honestly possible --------------------------------------


def g(s: str) -> str:
    """The gateway encoder G: keeps A-Z a-z 0-9 - _ . ~, space → +."""
    return quote_plus(s, safe="")


def j(s: str) -> str:
    """java.net.URLEncoder: keeps A-Z a-z 0-9 - _ . *, space → +."""
    return quote_plus(s, safe="*").replace("~", "%7E")


class PySigner:
    def __init__(self, client_id: str, secret: str) -> None:
        self.client_id = client_id
        self.mac = hmac.new(secret.encode(), digestmod=hashlib.sha256)

    def sign(self, method: str, path: str, query: List[Tuple[str, str]], ts: str, nonce: str) -> Dict[str, str]:
        firsts = sorted(g(n) + "=" + j(v) for n, v in query)
        parts = []
        for first in firsts:
            name, _, value = first.partition("=")
            if name:
                parts.append(g(name) + "=" + g(value))
        sts = (
            f"{method.upper()}\n{g(path)}\n{'&'.join(parts)}\n"
            f"x-api-nonce:{nonce}\nx-api-timestamp:{ts}\n"
        )
        mac = self.mac.copy()
        mac.update(sts.encode())
        signature = base64.b64encode(mac.hexdigest().encode()).decode()
        return {
            "X-Api-ClientID": self.client_id,
            "X-Api-Auth-Version": "2.0",
            "X-Api-TimeStamp": ts,
            "X-Api-Nonce": nonce,
            "X-Api-SignHeaders": "X-Api-Nonce,X-Api-TimeStamp",
            "X-Api-Signature": signature,
        }


def py_app_signature(app_key: str, app_secret: str) -> str:
    digest = hmac.new(app_secret.encode(), app_key.encode(), hashlib.sha256).hexdigest()
    return base64.b64encode(digest.encode()).decode()


class PyWeaver:
    def __init__(self, appid: str, secret: str, aes_key: str) -> None:
        self.md5 = hashlib.md5(f"{appid}:{secret}".encode()).hexdigest().upper()
        self.cipher = Cipher(algorithms.AES(aes_key.encode()), modes.ECB())

    def sign(self, ts: int) -> str:
        plain = f"{ts}_{self.md5}".encode()
        pad = 16 - len(plain) % 16
        enc = self.cipher.encryptor()
        return (enc.update(plain + bytes([pad]) * pad) + enc.finalize()).hex()


def py_weaver_sign(appid: str, secret: str, aes_key: str, ts: int) -> str:
    return PyWeaver(appid, secret, aes_key).sign(ts)


# ---- the run ---------------------------------------------------------------------------------

CLIENT_ID, CLIENT_SECRET = "123456", "0123456789abcdef0123456789abcdef"
METHOD, PATH = "GET", "/jdyconnector/app_management/kingdee_auth_token"
QUERY = [
    ("app_key", "abc"),
    ("app_signature", kingdee.app_signature("abc", "abc123")),
    ("outerInstanceId", "219459425736233984"),
]
TS, NONCE = "1700000000000", "1234567890"
WEAVER = ("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
WTS = 1742369234096


def per_call_ns(fn: Callable[[], object], budget_s: float = 0.4) -> float:
    """Best of 5 repeats, each about budget_s / 5 long, in nanoseconds per call."""
    n, t = 1, 0.0
    while t < 0.02:
        n *= 4
        t = timeit.timeit(fn, number=n)
    number = max(1, int(n * (budget_s / 5) / t))
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e9


def main() -> None:
    markdown = "--markdown" in sys.argv
    signer = kingdee.Signer(CLIENT_ID, CLIENT_SECRET)
    py_signer = PySigner(CLIENT_ID, CLIENT_SECRET)
    wsigner = weaver.Signer(*WEAVER)
    py_wsigner = PyWeaver(*WEAVER)

    # Same answers first.
    assert py_signer.sign(METHOD, PATH, QUERY, TS, NONCE) == signer.sign(
        METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE
    ).headers
    assert py_app_signature("abc", "abc123") == kingdee.app_signature("abc", "abc123")
    assert py_wsigner.sign(WTS) == wsigner.sign(WTS) == weaver.sign(*WEAVER, WTS)
    assert py_weaver_sign(*WEAVER, WTS) == wsigner.sign(WTS)

    rows = [
        ("request signature (pre-keyed signer, headers dict)", 20,
         lambda: py_signer.sign(METHOD, PATH, QUERY, TS, NONCE),
         lambda: signer.sign(METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE).headers),
        ("app_signature", 5,
         lambda: py_app_signature("abc", "abc123"),
         lambda: kingdee.app_signature("abc", "abc123")),
        ("Weaver sign (pre-keyed: cached cipher vs Signer)", 10,
         lambda: py_wsigner.sign(WTS),
         lambda: wsigner.sign(WTS)),
        ("Weaver sign (one-shot, keys set up per call)", 10,
         lambda: py_weaver_sign(*WEAVER, WTS),
         lambda: weaver.sign(*WEAVER, WTS)),
    ]
    print(f"qianming {qianming.__version__} · CPython {platform.python_version()} · {platform.machine()}")
    if markdown:
        print("\n| operation | pure Python | qianming | speed-up | goal |")
        print("|---|---:|---:|---:|---:|")
    ok = True
    for name, goal, py_fn, qm_fn in rows:
        py_ns, qm_ns = per_call_ns(py_fn), per_call_ns(qm_fn)
        ratio = py_ns / qm_ns
        ok &= ratio >= goal
        if markdown:
            print(f"| {name} | {py_ns / 1000:.2f} µs | {qm_ns / 1000:.3f} µs | {ratio:.1f}× | ≥ {goal}× |")
        else:
            print(f"{name:55s} python {py_ns / 1000:8.2f} µs   qianming {qm_ns / 1000:7.3f} µs   {ratio:6.1f}×  (goal ≥ {goal}×)")
    print("all goals met" if ok else "SOME GOALS NOT MET")


if __name__ == "__main__":
    main()
