"""The contract between a verifier and any ReplayStore: the store gets the core's ticket, its
refusals pass through, and whatever else goes wrong refuses the request (fail closed)."""

from __future__ import annotations

from typing import Any, Callable, List, Tuple

import pytest

import qianming
from qianming import kingdee, weaver
from qianming.replay import ReplayStore, ReplayTicket

SECRET = "s3cret"
SIGNER = kingdee.Signer("123456", SECRET)
AES_KEY = "8fy6K39X6PIEEeOq"
T0 = 1_700_000_000_000


class Store:
    """A store answering with `answer(ticket, now_ms)`; it keeps every ticket it was given."""

    def __init__(self, answer: Callable[[ReplayTicket, int], Any] = lambda t, n: None) -> None:
        self.answer = answer
        self.seen: List[Tuple[ReplayTicket, int]] = []

    def record(self, ticket: ReplayTicket, now_ms: int) -> Any:
        self.seen.append((ticket, now_ms))
        return self.answer(ticket, now_ms)


def kingdee_verify(store: Any) -> kingdee.Verified:
    out = SIGNER.sign("GET", "/a", timestamp=T0, nonce="1")
    return kingdee.Verifier(SECRET).verify("GET", "/a", headers=out.headers, now_ms=T0 + 5, store=store)


def weaver_verify(store: Any) -> weaver.Verified:
    s = weaver.sign("weaverappid", "weaversecret", AES_KEY, T0)
    return weaver.Verifier("weaverappid", "weaversecret", AES_KEY).verify(s, now_ms=T0 + 5, store=store)


VERIFY = [kingdee_verify, weaver_verify]


@pytest.mark.parametrize("verify", VERIFY)
def test_the_store_records_the_cores_ticket_at_the_given_time(verify: Callable[[Any], Any]) -> None:
    store = Store()
    assert isinstance(store, ReplayStore)
    v = verify(store)
    assert store.seen == [(v.replay, T0 + 5)]
    ticket = store.seen[0][0]
    assert (ticket.key, ticket.expires_at_ms) == (v.replay_key, v.replay_expires_at_ms)
    assert ticket.expires_at_ms == T0 + 300_000 and ticket.ttl_ms(T0 + 5) == 299_995


@pytest.mark.parametrize("verify", VERIFY)
def test_a_store_that_holds_the_key_refuses_the_request(verify: Callable[[Any], Any]) -> None:
    def replayed(t: ReplayTicket, n: int) -> None:
        raise qianming.ReplayedError("seen")

    with pytest.raises(qianming.ReplayedError, match="seen"):
        verify(Store(replayed))


@pytest.mark.parametrize("verify", VERIFY)
@pytest.mark.parametrize("failure", [OSError("connection reset"), RuntimeError("bug"), KeyError("k")])
def test_any_other_failure_of_the_store_refuses_the_request(
    verify: Callable[[Any], Any], failure: Exception
) -> None:
    def fail(t: ReplayTicket, n: int) -> None:
        raise failure

    with pytest.raises(qianming.ReplayStoreUnavailableError) as info:
        verify(Store(fail))
    assert info.value.kind == "replay_store_unavailable"
    assert info.value.__cause__ is failure
    assert type(failure).__name__ in str(info.value)


@pytest.mark.parametrize("verify", VERIFY)
@pytest.mark.parametrize("answer", [False, True, 0, "OK"])
def test_a_store_must_answer_none_or_raise(verify: Callable[[Any], Any], answer: Any) -> None:
    with pytest.raises(qianming.ReplayStoreUnavailableError, match="instead of None"):
        verify(Store(lambda t, n: answer))


@pytest.mark.parametrize("verify", VERIFY)
def test_something_that_is_no_store_refuses_the_request(verify: Callable[[Any], Any]) -> None:
    with pytest.raises(qianming.ReplayStoreUnavailableError):
        verify(object())


class Interrupt(BaseException):
    pass


@pytest.mark.parametrize("verify", VERIFY)
def test_an_interrupt_in_the_store_is_not_swallowed(verify: Callable[[Any], Any]) -> None:
    def interrupt(t: ReplayTicket, n: int) -> None:
        raise Interrupt()

    with pytest.raises(Interrupt):
        verify(Store(interrupt))


def test_a_request_refused_by_the_verifier_never_reaches_the_store() -> None:
    store = Store()
    out = SIGNER.sign("GET", "/a", timestamp=T0, nonce="1")
    verifier = kingdee.Verifier(SECRET)
    with pytest.raises(qianming.SignatureMismatchError):
        verifier.verify("GET", "/b", headers=out.headers, now_ms=T0, store=store)
    with pytest.raises(qianming.ExpiredError):
        verifier.verify("GET", "/a", headers=out.headers, now_ms=T0 + 400_000, store=store)
    with pytest.raises(qianming.UndecryptableError):
        weaver.Verifier("weaverappid", "weaversecret", AES_KEY).verify("zz", now_ms=T0, store=store)
    assert store.seen == []


def test_with_a_store_the_in_memory_guard_is_left_alone() -> None:
    out = SIGNER.sign("GET", "/a", timestamp=T0, nonce="1")
    verifier = kingdee.Verifier(SECRET)
    store = Store()
    for _ in range(2):  # this store accepts everything: the verifier obeys it
        verifier.verify("GET", "/a", headers=out.headers, now_ms=T0, store=store)
    assert verifier.remembered == 0 and len(store.seen) == 2
    assert verifier.verify("GET", "/a", headers=out.headers, now_ms=T0, store=None).nonce == "1"
    assert verifier.remembered == 1


def test_tickets() -> None:
    t = ReplayTicket("k", 1_000)
    assert (t.key, t.expires_at_ms) == ("k", 1_000)
    assert t == ReplayTicket("k", 1_000) and t != ReplayTicket("k", 1_001)
    assert (t.ttl_ms(0), t.ttl_ms(999), t.ttl_ms(1_000), t.ttl_ms(2**64 - 1)) == (1_000, 1, 1, 1)
    assert ReplayTicket("k", 2**64 - 1).ttl_ms() > 0  # now by default
    for bad in [(-1,), (2**64,)]:
        with pytest.raises(ValueError):
            ReplayTicket("k", *bad)
    with pytest.raises(TypeError):
        ReplayTicket(b"k", 1)  # type: ignore[arg-type]
    with pytest.raises(qianming.InvalidUnicodeError):
        ReplayTicket("\ud800", 1)
