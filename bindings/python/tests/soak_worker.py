"""One worker process of the Redis replay soak (test_replay_soak.py): its own Kingdee verifier
sharing Redis through RedisReplayStore, presenting its list of signed requests in order.

Worker w presents WORKER_REQUESTS copies: its own fresh requests, and every tenth copy a replay
of a request of another worker (signed again: the same nonce gives the same signature). A copy
refused with ReplayStoreUnavailableError (Redis down) is presented again until Redis answers, so
each copy ends accepted or replayed."""

from __future__ import annotations

import time
from typing import Any, Dict, List, Tuple

from redis_server import client

import qianming
from qianming import kingdee
from qianming.replay import RedisReplayStore

WORKERS = 8
WORKER_REQUESTS = 20_000
REPLAY_EVERY = 10  # one copy in ten is a replay
FRESH_PER_WORKER = WORKER_REQUESTS - WORKER_REQUESTS // REPLAY_EVERY
SECRET = "soak-secret"
PATH = "/soak"
ACCEPTED, REPLAYED = 1, 2


def plan(w: int) -> List[int]:
    """The request ids worker w presents, in order (id = worker * FRESH_PER_WORKER + index)."""
    ids, fresh = [], 0
    for i in range(WORKER_REQUESTS):
        if i % REPLAY_EVERY == REPLAY_EVERY - 1:
            rounds = i // REPLAY_EVERY
            other = (w + 1 + rounds % (WORKERS - 1)) % WORKERS
            # A request the other worker reaches at about half this worker's progress.
            ids.append(other * FRESH_PER_WORKER + rounds * (REPLAY_EVERY - 1) // 2)
        else:
            ids.append(w * FRESH_PER_WORKER + fresh)
            fresh += 1
    return ids


def signed(ids: List[int], timestamp_ms: int) -> Dict[int, Dict[str, str]]:
    signer = kingdee.Signer("soak-client", SECRET)
    return {i: signer.sign("POST", PATH, timestamp=timestamp_ms, nonce=f"{i:010d}").headers for i in set(ids)}


def run(w: int, port: int, prefix: str, timestamp_ms: int, ready: Any, go: Any, progress: Any,
        unavailable: Any, results: Any) -> None:
    """Signs everything up front, says ready, waits for go, verifies; puts (w, outcomes, ids of
    copies that met an unavailable store) on `results`."""
    ids = plan(w)
    headers = signed(ids, timestamp_ms)
    store = RedisReplayStore(client(port), prefix=prefix)
    verifier = kingdee.Verifier(SECRET)
    outcomes = bytearray(len(ids))
    met_outage: List[int] = []
    with ready.get_lock():
        ready.value += 1
    go.wait()
    for n, i in enumerate(ids):
        while True:
            try:
                verifier.verify("POST", PATH, headers=headers[i], now_ms=timestamp_ms, store=store)
                outcomes[n] = ACCEPTED
                break
            except qianming.ReplayedError:
                outcomes[n] = REPLAYED
                break
            except qianming.ReplayStoreUnavailableError:
                if not met_outage or met_outage[-1] != i:
                    met_outage.append(i)
                with unavailable.get_lock():
                    unavailable.value += 1
                time.sleep(0.01)  # Redis is down: present the same copy again shortly
        if n % 100 == 99:
            with progress.get_lock():
                progress.value += 100
    results.put((w, bytes(outcomes), met_outage))


def expected_copies() -> Tuple[int, int]:
    """(distinct requests, replay copies) over all workers."""
    return WORKERS * FRESH_PER_WORKER, WORKERS * (WORKER_REQUESTS - FRESH_PER_WORKER)
