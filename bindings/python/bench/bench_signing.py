"""qianming vs its floor and vs the same operations in pure Python (stdlib
hmac/hashlib/base64/urllib.parse, and ``cryptography`` for AES with a cached cipher and manual
PKCS#7 padding), in one run.

The floor of a call is ``qianming._native._floor_*`` (bench-only, ``src/floor.rs``): same
arguments, same conversions, same result objects, no signing. Goals (issue 16): the request
signature ≤ 1.5× its floor, ``app_signature`` ≤ 1.3× its floor. Every pure-Python result is
first checked equal to qianming's, so both sides do the same work.
Usage: python bench_signing.py [--markdown] [--rounds=N]
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import platform
import statistics
import sys
import time
import timeit
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import quote_plus

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

import qianming
from qianming import _native, kingdee, weaver

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


def per_call_ns(fn: Callable[[], object], budget_s: float = 0.2) -> float:
    """Best of 5 repeats, each about budget_s / 5 long, in nanoseconds per call. Timed in CPU
    time of this thread (``time.thread_time``), so time spent waiting for a core on a busy
    machine is not counted (caches shared with other processes still are)."""
    timer = timeit.Timer(fn, timer=time.thread_time)
    n, t = 1, 0.0
    while t < 0.02:
        n *= 4
        t = timer.timeit(number=n)
    number = max(1, int(n * (budget_s / 5) / t))
    return min(timer.repeat(number=number, repeat=5)) / number * 1e9


class Row:
    """One operation: the pure-Python side, qianming, and (for the goals) qianming's floor:
    a function of the same extension that takes the same arguments and returns the same
    objects without signing (``src/floor.rs``). Goal: qianming ≤ floor_goal × the floor."""

    def __init__(self, name: str, py_fn: Callable[[], object], qm_fn: Callable[[], object],
                 floor_fn: Optional[Callable[[], object]] = None, floor_goal: float = 0.0,
                 extra: Optional[Dict[str, Callable[[], object]]] = None) -> None:
        self.name, self.py_fn, self.qm_fn = name, py_fn, qm_fn
        self.floor_fn, self.floor_goal = floor_fn, floor_goal
        self.extra = extra or {}
        self.runs: List[Dict[str, float]] = []

    def measure(self) -> None:
        run = {"py": per_call_ns(self.py_fn), "qm": per_call_ns(self.qm_fn)}
        if self.floor_fn is not None:
            run["floor"] = per_call_ns(self.floor_fn)
        for key, fn in self.extra.items():
            run[key] = per_call_ns(fn)
        self.runs.append(run)

    def median(self, f: Callable[[Dict[str, float]], float]) -> float:
        return statistics.median(f(r) for r in self.runs)


def main() -> None:
    markdown = "--markdown" in sys.argv
    rounds = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--rounds=")), "7"))
    signer = kingdee.Signer(CLIENT_ID, CLIENT_SECRET)
    py_signer = PySigner(CLIENT_ID, CLIENT_SECRET)
    wsigner = weaver.Signer(*WEAVER)
    py_wsigner = PyWeaver(*WEAVER)
    floor_sign = _native._floor_sign_request
    floor_app = _native._floor_app_signature
    floor_core = _native._floor_sign_request_with_core

    # Same answers first (and the floors return objects of the same shape).
    headers = signer.sign(METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE).headers
    assert py_signer.sign(METHOD, PATH, QUERY, TS, NONCE) == headers
    floor_headers = floor_sign(signer, METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE)
    assert list(floor_headers) == list(headers)
    assert [len(v) for v in floor_headers.values()] == [len(v) for v in headers.values()]
    assert floor_core(signer, METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE) == headers
    assert py_app_signature("abc", "abc123") == kingdee.app_signature("abc", "abc123")
    assert len(floor_app("abc", "abc123")) == len(kingdee.app_signature("abc", "abc123"))
    assert py_wsigner.sign(WTS) == wsigner.sign(WTS) == weaver.sign(*WEAVER, WTS)
    assert py_weaver_sign(*WEAVER, WTS) == wsigner.sign(WTS)

    rows = [
        Row("request signature (pre-keyed signer, headers dict)",
            lambda: py_signer.sign(METHOD, PATH, QUERY, TS, NONCE),
            lambda: signer.sign(METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE).headers,
            lambda: floor_sign(signer, METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE), 1.5,
            {"the floor plus the core's signing (no SignedRequest object; a diagnostic)":
             lambda: floor_core(signer, METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE),
             "sign without reading .headers":
             lambda: signer.sign(METHOD, PATH, query=QUERY, timestamp=TS, nonce=NONCE)}),
        Row("app_signature",
            lambda: py_app_signature("abc", "abc123"),
            lambda: kingdee.app_signature("abc", "abc123"),
            lambda: floor_app("abc", "abc123"), 1.3),
        Row("Weaver sign (pre-keyed: cached cipher vs Signer)",
            lambda: py_wsigner.sign(WTS),
            lambda: wsigner.sign(WTS)),
        Row("Weaver sign (one-shot, keys set up per call)",
            lambda: py_weaver_sign(*WEAVER, WTS),
            lambda: weaver.sign(*WEAVER, WTS)),
    ]
    # Rounds interleave every function, so a slow spell of the machine hits all of them; each
    # figure below is the median over the rounds (each round: best of 5 repeats).
    for _ in range(rounds):
        for row in rows:
            row.measure()

    print(f"qianming {qianming.__version__} · CPython {platform.python_version()} · {platform.machine()} "
          f"· medians of {rounds} rounds")
    if markdown:
        print("\n| operation | pure Python | qianming | floor | vs floor | goal | speed-up vs pure Python |")
        print("|---|---:|---:|---:|---:|---|---:|")
    ok = True
    for row in rows:
        py_ns, qm_ns = row.median(lambda r: r["py"]), row.median(lambda r: r["qm"])
        speedup = row.median(lambda r: r["py"] / r["qm"])
        if row.floor_fn is not None:
            floor_ns = row.median(lambda r: r["floor"])
            ratios = sorted(r["qm"] / r["floor"] for r in row.runs)
            ratio = statistics.median(ratios)
            met = ratio <= row.floor_goal
            ok &= met
            verdict = f"≤ {row.floor_goal}× — {'met' if met else 'NOT MET'}"
            floor_text, ratio_text = f"{floor_ns / 1000:.3f} µs", f"{ratio:.2f}× ({ratios[0]:.2f}–{ratios[-1]:.2f})"
        else:
            verdict, floor_text, ratio_text = "—", "—", "—"
        if markdown:
            print(f"| {row.name} | {py_ns / 1000:.2f} µs | {qm_ns / 1000:.3f} µs | {floor_text} | {ratio_text} "
                  f"| {verdict} | {speedup:.1f}× |")
        else:
            print(f"{row.name:52s} python {py_ns / 1000:6.2f} µs  qianming {qm_ns / 1000:6.3f} µs  "
                  f"floor {floor_text:>9s}  vs floor {ratio_text:>20s} ({verdict})  speed-up {speedup:5.1f}×")
    for row in rows:
        for key in row.extra:
            print(f"- {row.name}: {key}: {row.median(lambda r: r[key]) / 1000:.3f} µs "
                  f"({row.median(lambda r: r['qm'] / r[key]):.2f}× of it)")
    print("floor goals met" if ok else "SOME FLOOR GOALS NOT MET")


if __name__ == "__main__":
    main()
