"""RedisReplayStore against a real redis-server: two verifiers in two processes share one Redis
and refuse a replay sent to the other; with Redis stopped, verification fails closed; a restart
keeps what was recorded (append-only file)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
import redis
import redis.asyncio

import qianming
from qianming import kingdee, weaver
from qianming.replay import RedisReplayStore, ReplayStore, ReplayTicket

from redis_server import RedisServer, client
from replay_peer import KINGDEE_SECRET, WEAVER

PREFIX = "test:replay:"
SIGNER = kingdee.Signer("123456", KINGDEE_SECRET)
WEAVER_SIGNER = weaver.Signer(*WEAVER)


def now_ms() -> int:
    return int(time.time() * 1000)


class Peer:
    """The second server: tests/replay_peer.py in its own Python process."""

    def __init__(self, port: int) -> None:
        script = Path(__file__).with_name("replay_peer.py")
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(port), PREFIX],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.answer() == "ready"

    def answer(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"the peer process exited ({self.process.poll()})"
        return line.strip()

    def send(self, request: Dict[str, Any]) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self.answer()

    def kingdee(self, out: kingdee.SignedRequest, now: int) -> str:
        return self.send({"kingdee": {"method": "GET", "path": "/a", "headers": out.headers, "now_ms": now}})

    def weaver(self, sign: str, now: int) -> str:
        return self.send({"weaver": {"sign": sign, "now_ms": now}})

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


@pytest.fixture
def peer(redis_server: RedisServer) -> Iterator[Peer]:
    p = Peer(redis_server.port)
    try:
        yield p
    finally:
        p.close()


def outcome(call: Any) -> str:
    try:
        call()
        return "ok"
    except qianming.QianmingError as e:
        return e.kind


def test_two_processes_sharing_redis_refuse_each_others_replays(redis_server: RedisServer, peer: Peer) -> None:
    assert peer.process.pid != os.getpid()
    store = RedisReplayStore(client(redis_server.port), prefix=PREFIX)
    here = kingdee.Verifier(KINGDEE_SECRET)
    now = now_ms()
    first, second = (SIGNER.sign("GET", "/a", timestamp=now) for _ in range(2))

    def verify_here(out: kingdee.SignedRequest) -> str:
        return outcome(lambda: here.verify("GET", "/a", headers=out.headers, now_ms=now, store=store))

    assert verify_here(first) == "ok"
    assert peer.kingdee(first, now) == "replayed"  # accepted here, replayed there
    assert peer.kingdee(second, now) == "ok"
    assert verify_here(second) == "replayed"  # accepted there, replayed here
    assert here.remembered == 0  # the shared store decided, not the in-memory guard

    w = weaver.Verifier(*WEAVER)
    s1, s2 = WEAVER_SIGNER.sign(now), WEAVER_SIGNER.sign(now + 1)
    assert outcome(lambda: w.verify(s1, now_ms=now, store=store)) == "ok"
    assert peer.weaver(s1, now) == "replayed"
    assert peer.weaver(s2, now) == "ok"
    assert outcome(lambda: w.verify(s2, now_ms=now, store=store)) == "replayed"


def test_keys_live_as_long_as_the_core_says(redis_server: RedisServer) -> None:
    redis_client = client(redis_server.port)
    now = now_ms()
    out = SIGNER.sign("GET", "/a", timestamp=now - 60_000)
    v = kingdee.Verifier(KINGDEE_SECRET).verify(
        "GET", "/a", headers=out.headers, now_ms=now, store=RedisReplayStore(redis_client, prefix=PREFIX))
    assert redis_client.get(PREFIX + v.replay_key) == b"1"
    # SET … PX ticket.ttl_ms(now): 240,000 ms left of the five-minute window (Redis counts down).
    assert v.replay.ttl_ms(now) == 240_000
    assert 0 < int(redis_client.pttl(PREFIX + v.replay_key)) <= 240_000
    # A ticket already past its end gets the core's 1 ms, never 0 (which Redis would refuse).
    old = ReplayTicket("old", 5)
    assert old.ttl_ms(now) == 1
    RedisReplayStore(redis_client, prefix=PREFIX).record(old, now)


def test_stopped_redis_fails_closed_and_a_restart_keeps_what_was_recorded(
    redis_server: RedisServer, peer: Peer
) -> None:
    store = RedisReplayStore(client(redis_server.port), prefix=PREFIX)
    here_k, here_w = kingdee.Verifier(KINGDEE_SECRET), weaver.Verifier(*WEAVER)
    now = now_ms()
    accepted, during = SIGNER.sign("GET", "/a", timestamp=now), SIGNER.sign("GET", "/a", timestamp=now)
    sign_accepted, sign_during = WEAVER_SIGNER.sign(now), WEAVER_SIGNER.sign(now + 1)
    here_k.verify("GET", "/a", headers=accepted.headers, now_ms=now, store=store)
    here_w.verify(sign_accepted, now_ms=now, store=store)

    redis_server.stop()
    with pytest.raises(qianming.ReplayStoreUnavailableError) as info:
        here_k.verify("GET", "/a", headers=during.headers, now_ms=now, store=store)
    assert info.value.kind == "replay_store_unavailable"
    assert isinstance(info.value.__cause__, redis.ConnectionError)
    with pytest.raises(qianming.ReplayStoreUnavailableError):
        here_w.verify(sign_during, now_ms=now, store=store)
    # A replay is refused too (not accepted because the store cannot say it is one).
    with pytest.raises(qianming.ReplayStoreUnavailableError):
        here_k.verify("GET", "/a", headers=accepted.headers, now_ms=now, store=store)
    assert peer.kingdee(during, now) == "replay_store_unavailable"
    assert peer.weaver(sign_during, now) == "replay_store_unavailable"
    # A request the store cannot judge is never handed over: verify() raised every time.
    assert here_k.remembered == here_w.remembered == 0

    redis_server.start()  # same port and directory: the append-only file is read back
    assert peer.kingdee(accepted, now) == "replayed"
    assert peer.weaver(sign_accepted, now) == "replayed"
    # What was refused during the outage was never recorded: it works now, once.
    assert peer.kingdee(during, now) == "ok"
    assert outcome(lambda: here_k.verify("GET", "/a", headers=during.headers, now_ms=now, store=store)) \
        == "replayed"
    assert outcome(lambda: here_w.verify(sign_during, now_ms=now, store=store)) == "ok"


def test_a_killed_redis_keeps_every_acknowledged_key(redis_server: RedisServer) -> None:
    store = RedisReplayStore(client(redis_server.port), prefix=PREFIX)
    verifier = kingdee.Verifier(KINGDEE_SECRET)
    now = now_ms()
    requests = [SIGNER.sign("GET", "/a", timestamp=now) for _ in range(50)]
    for out in requests:
        verifier.verify("GET", "/a", headers=out.headers, now_ms=now, store=store)
    redis_server.stop(kill=True)  # SIGKILL: only what was fsynced survives (appendfsync always)
    redis_server.start()
    for out in requests:
        with pytest.raises(qianming.ReplayedError):
            verifier.verify("GET", "/a", headers=out.headers, now_ms=now, store=store)


def test_the_store_is_checked_when_made() -> None:
    store = RedisReplayStore(redis.Redis(port=1))  # no connection is made before a request
    assert isinstance(store, ReplayStore)
    assert store.prefix == RedisReplayStore.DEFAULT_PREFIX == "qianming:replay:"
    assert repr(store) == "RedisReplayStore(prefix='qianming:replay:')"

    async def with_an_asyncio_client() -> None:  # (made in a running loop: CPython 3.8 needs one)
        with pytest.raises(TypeError, match="synchronous"):
            RedisReplayStore(redis.asyncio.Redis(port=1))

    asyncio.run(with_an_asyncio_client())
    with pytest.raises(TypeError):
        RedisReplayStore(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        RedisReplayStore(redis.Redis(port=1), prefix=b"x")  # type: ignore[arg-type]
