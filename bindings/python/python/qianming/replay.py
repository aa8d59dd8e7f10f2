"""Replay protection shared by many servers.

A verifier's own replay guard lives in one process: behind a load balancer, a request accepted
by one instance would be accepted again by the next. Give every instance the same store
instead: ``Verifier.verify(..., store=store)`` checks the request without the in-memory guard,
then ``store.record(verified.replay, now_ms)`` records its ``ReplayTicket`` ("this key until
this time") or refuses it. The decision stays the core's; a store only records atomically.

A store must fail closed: it raises ``ReplayedError`` when it already holds the key and
``ReplayStoreUnavailableError`` when it cannot answer, and never returns normally without
recording. (The verifier also turns any other exception from a store into
``ReplayStoreUnavailableError``.)

``RedisReplayStore`` is the Redis one (``pip install 'qianming[redis]'``)::

    import redis
    from qianming import kingdee, replay

    store = replay.RedisReplayStore(redis.Redis(host="redis.internal"))
    verified = kingdee.Verifier(secret).verify(method, path, headers=h, query=q, store=store)

>>> from qianming import replay
>>> replay.ReplayTicket("weaver:1:a:2:ff", 10_000).ttl_ms(now_ms=4_000)
6000
"""

from __future__ import annotations

import inspect
from typing import Any, Optional, Protocol, runtime_checkable

from . import _native

ReplayTicket = _native.ReplayTicket


@runtime_checkable
class ReplayStore(Protocol):
    """Where the replay decisions of several servers meet (Redis, a database, …).

    ``record`` must record ``ticket.key`` until ``ticket.expires_at_ms`` atomically (its time to
    live is ``ticket.ttl_ms(now_ms)``, computed by the core), or raise ``ReplayedError`` when
    the key is already there, or ``ReplayStoreUnavailableError`` when the store cannot be asked.
    It returns ``None``. Implementations must be safe to call from several threads.
    """

    def record(self, ticket: ReplayTicket, now_ms: int) -> None: ...


class RedisClient(Protocol):
    """The one command ``RedisReplayStore`` needs: ``SET name value NX PX ms`` answering
    ``True`` when set and ``None`` when the key exists (``redis.Redis``,
    ``redis.RedisCluster``, a ``redis.Sentinel`` master, … of the ``redis`` package)."""

    def set(self, name: str, value: str, *, px: int, nx: bool) -> Any: ...


class RedisReplayStore:
    """A ``ReplayStore`` in Redis: each ticket becomes ``SET <prefix><key> 1 NX PX <ttl>``, so
    Redis records the key only if it is absent, in one atomic step, and forgets it when the
    request's window has closed. An existing key is a replay (``ReplayedError``); a
    connection failure, a timeout or any other error or reply is ``ReplayStoreUnavailableError``
    (the request is refused: fail closed).

    ``client`` is a synchronous client of the ``redis`` package (thread-safe with its
    connection pool), shared by every verifier of the process; ``prefix`` goes before every
    key. Configure Redis with ``appendonly yes`` so recorded keys survive a restart.
    """

    DEFAULT_PREFIX = "qianming:replay:"

    def __init__(self, client: RedisClient, *, prefix: str = DEFAULT_PREFIX) -> None:
        if not callable(getattr(client, "set", None)):
            raise TypeError(f"client must be a Redis client with set(), not {type(client).__name__}")
        if type(client).__module__.startswith("redis.asyncio") or inspect.iscoroutinefunction(client.set):
            raise TypeError("RedisReplayStore needs a synchronous client (redis.Redis), not redis.asyncio")
        if not isinstance(prefix, str):
            raise TypeError(f"prefix must be str, not {type(prefix).__name__}")
        self._client = client
        self._prefix = prefix

    @property
    def prefix(self) -> str:
        """What goes before every ticket key."""
        return self._prefix

    def record(self, ticket: ReplayTicket, now_ms: int) -> None:
        """Records ``ticket`` seen at ``now_ms``, or raises ``ReplayedError`` /
        ``ReplayStoreUnavailableError``."""
        key = self._prefix + ticket.key
        try:
            reply: Optional[object] = self._client.set(key, "1", nx=True, px=ticket.ttl_ms(now_ms))
        except Exception as e:  # redis.RedisError, OSError, …: refuse, never accept
            raise _native.ReplayStoreUnavailableError(
                f"Redis could not record the replay ticket ({type(e).__name__}: {e}); the request is refused"
            ) from e
        if inspect.isawaitable(reply):  # an asynchronous client after all: nothing was sent
            getattr(reply, "close", lambda: None)()
            raise _native.ReplayStoreUnavailableError(
                "the Redis client answered with an awaitable: RedisReplayStore needs a synchronous client; "
                "the request is refused"
            )
        if reply is None:
            raise _native.ReplayedError(
                "the shared replay store (Redis) already holds this request; "
                "each signed request works once, so a retry must sign again"
            )
        if reply is not True:
            raise _native.ReplayStoreUnavailableError(
                f"Redis answered SET … NX PX with {reply!r} instead of OK or nil; the request is refused"
            )

    def __repr__(self) -> str:
        return f"RedisReplayStore(prefix={self._prefix!r})"


__all__ = ["RedisClient", "RedisReplayStore", "ReplayStore", "ReplayTicket"]
