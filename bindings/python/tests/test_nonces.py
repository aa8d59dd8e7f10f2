"""Default nonces: ten digits, fresh on every call, from every thread, and never shared with a
forked child (the pool of randomness behind them is emptied in the child)."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import List

import pytest

from qianming import kingdee

SIGNER = kingdee.Signer("client-1", "secret-1")


def default_nonces(count: int) -> List[str]:
    return [SIGNER.sign("GET", "/").headers["X-Api-Nonce"] for _ in range(count)]


def test_default_nonces_are_ten_digits_and_fresh_across_refills() -> None:
    # 1,200 nonces span more than two refills of the 512-nonce pool; a repeat among them has
    # a probability of about 7e-5 (ten random digits).
    nonces = default_nonces(600) + [kingdee.new_nonce() for _ in range(600)]
    assert all(len(n) == 10 and n.isdigit() for n in nonces)
    assert len(set(nonces)) == len(nonces)


def test_threads_draw_distinct_nonces() -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(default_nonces, [150] * 8))
    nonces = [n for batch in batches for n in batch]
    assert len(set(nonces)) == len(nonces)


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs os.fork")
# CPython >= 3.12 warns about fork() while other threads exist (earlier tests' HTTP servers may
# still be winding down). The child only draws nonces and leaves with os._exit, which is safe.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_child_does_not_repeat_the_parents_nonces() -> None:
    default_nonces(3)  # the pool is filled and partly used before the fork
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: report its next nonces and leave at once
        try:
            os.write(write, ",".join(default_nonces(50)).encode())
        finally:
            os._exit(0)
    os.close(write)
    parent = default_nonces(50)
    with os.fdopen(read) as pipe:
        child = pipe.read().split(",")
    os.waitpid(pid, 0)
    assert len(child) == 50
    assert not set(parent) & set(child)
