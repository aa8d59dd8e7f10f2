"""Signing and verifying from many threads at once (the GIL is released around the core)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, List, Sequence, Tuple, TypeVar

import pytest

import qianming
from qianming import kingdee, weaver

SIGNER = kingdee.Signer("client-1", "secret-1")
VERIFIER = kingdee.Verifier("secret-1")

T = TypeVar("T")


def work(i: int) -> Tuple[str, int]:
    query = {f"k{j}": f"v {i} {j}=" for j in range(20)}
    out = SIGNER.sign("POST", f"/api/{i}", query=query, timestamp=1_700_000_000_000 + i, nonce=str(i))
    # Stateless: the single-threaded pass and the threaded one verify the same requests.
    v = VERIFIER.verify_stateless(
        "POST", f"/api/{i}", query=kingdee.parse_query(out.wire_query), headers=out.headers,
        now_ms=1_700_000_000_000,
    )
    return out.signature, v.timestamp_ms


def test_threads_agree_with_one_thread() -> None:
    expected = [work(i) for i in range(400)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got: List[Tuple[str, int]] = list(pool.map(work, range(400)))
    assert got == expected


def assert_each_accepted_once(verify: Callable[[T], object], items: Sequence[T]) -> None:
    """Presents every item 4 times from 8 threads: ``verify`` must accept exactly one attempt
    each and refuse the other three with ``ReplayedError``."""

    def attempt(item: T) -> str:
        try:
            verify(item)
            return "ok"
        except qianming.ReplayedError:
            return "replayed"

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, list(items) * 4))
    assert results.count("ok") == len(items)
    assert results.count("replayed") == 3 * len(items)


def test_weaver_replay_guard_is_shared_safely() -> None:
    key = "8fy6K39X6PIEEeOq"
    signer = weaver.Signer("app", "secret", key)
    verifier = weaver.Verifier("app", "secret", key, window_ms=10**12)
    signs = [signer.sign(1_000_000 + i) for i in range(200)]

    assert_each_accepted_once(lambda s: verifier.verify(s, now_ms=1_000_000), signs)
    assert verifier.remembered == len(signs)


def test_kingdee_replay_guard_is_shared_safely() -> None:
    verifier = kingdee.Verifier("secret-1")
    requests = [SIGNER.sign("GET", "/r", timestamp=1_000_000, nonce=f"n{i}") for i in range(200)]

    assert_each_accepted_once(
        lambda out: verifier.verify("GET", "/r", headers=out.headers, now_ms=1_000_000), requests
    )
    assert verifier.remembered == len(requests)


def test_wrong_secret_fails_in_threads_too() -> None:
    out = SIGNER.sign("GET", "/x", timestamp=1, nonce="1")
    bad = kingdee.Verifier("other")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(bad.verify, "GET", "/x", headers=out.headers, now_ms=1) for _ in range(20)]
        for f in futures:
            with pytest.raises(qianming.SignatureMismatchError):
                f.result()


def test_large_requests_sign_and_verify_in_threads() -> None:
    """Requests of 4 KiB or more are signed and verified with the GIL released (smaller ones
    keep it: see BENCHMARKS.md); both paths must give the single-threaded answers."""
    big = "x" * 6000
    cases = [("/big/%d/%s" % (i, big if i % 2 else "s"), {"q": big[: 100 * i]}) for i in range(16)]
    # Request k uses case k % 16 and nonce k: each is new to the (stateful) verifier.
    calls = range(16 * 8)
    want = [SIGNER.sign("GET", cases[k % 16][0], query=cases[k % 16][1], timestamp=1, nonce=str(k)).signature
            for k in calls]
    verifier = kingdee.Verifier("secret-1")

    def work(k: int) -> str:
        path, query = cases[k % 16]
        out = SIGNER.sign("GET", path, query=query, timestamp=1, nonce=str(k))
        verifier.verify("GET", path, query=query, headers=out.headers, now_ms=1)
        return out.signature

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(work, calls))
    assert got == want
    assert verifier.remembered == len(calls)
