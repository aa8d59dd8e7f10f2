"""Hypothesis properties: round trips and query-order independence."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qianming
from qianming import basic, kingdee, weaver

# Any Unicode text without lone surrogates (those are refused, tested elsewhere).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
QUERY = st.dictionaries(NAMES, TEXT, max_size=8)
PATH = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).map(
    lambda p: "/" + p
)
SIGNER = kingdee.Signer("client-1", "secret-1")


@settings(max_examples=200, deadline=None)
@given(query=QUERY, path=PATH, data=st.data())
def test_query_order_does_not_matter(query: Dict[str, str], path: str, data: st.DataObject) -> None:
    items = list(query.items())
    shuffled = data.draw(st.permutations(items))
    a = SIGNER.sign("GET", path, query=items, timestamp=1, nonce="n")
    b = SIGNER.sign("GET", path, query=shuffled, timestamp=1, nonce="n")
    assert a.canonical_query == b.canonical_query == kingdee.canonical_query(query)
    assert a.signature == b.signature


@settings(max_examples=200, deadline=None)
@given(query=QUERY, path=PATH, method=st.sampled_from(["get", "POST", "Put", "DELETE"]),
       ts=st.integers(0, 2**63), nonce=st.from_regex(r"[0-9A-Za-z]{1,16}", fullmatch=True))
def test_sign_then_verify_round_trip(
    query: Dict[str, str], path: str, method: str, ts: int, nonce: str
) -> None:
    out = SIGNER.sign(method, path, query=query, timestamp=ts, nonce=nonce)
    # What a server sees: the wire query, decoded by the core.
    received: List[Tuple[str, str]] = kingdee.parse_query(out.wire_query)
    expected = [(k, v) for k, v in query.items() if k]
    assert sorted(received) == sorted(expected)
    # A fresh verifier per example: a shared one would (rightly) refuse a nonce drawn twice,
    # and judge expiry by the latest time any earlier example showed it.
    verifier = kingdee.Verifier("secret-1")
    v = verifier.verify(method, path, query=received, headers=out.headers, now_ms=ts)
    assert (v.client_id, v.timestamp_ms, v.nonce) == ("client-1", ts, nonce)
    with pytest.raises(qianming.ReplayedError):
        verifier.verify(method, path, query=received, headers=out.headers, now_ms=ts)
    explained = verifier.explain_revealing_signature(method, path, query=received, headers=out.headers)
    assert explained.string_to_sign == out.string_to_sign
    assert explained.expected_signature == explained.received_signature == out.signature
    diagnosis = verifier.diagnose(method, path, query=received, headers=out.headers, now_ms=ts)
    assert diagnosis.string_to_sign == out.string_to_sign
    assert (diagnosis.ok, diagnosis.timestamp_ms, diagnosis.kind) == (True, ts, None)


@settings(max_examples=200, deadline=None)
@given(ts=st.integers(0, 2**64 - 1), appid=TEXT, secret=TEXT)
def test_weaver_round_trip(ts: int, appid: str, secret: str) -> None:
    key = "8fy6K39X6PIEEeOq"
    s = weaver.Signer(appid, secret, key).sign(ts)
    assert s == weaver.sign(appid, secret, key, ts)
    v = weaver.Verifier(appid, secret, key).verify_stateless(s, now_ms=ts)
    assert v.timestamp_ms == ts
    assert v.replay_key.startswith("weaver:") and v.replay_key.endswith(":" + s)
    assert weaver.md5_upper(appid, secret) not in repr(v) + v.replay_key


@settings(max_examples=200, deadline=None)
@given(user=TEXT.filter(lambda u: ":" not in u), password=TEXT)
def test_basic_round_trip(user: str, password: str) -> None:
    c = basic.parse_authorization(basic.authorization_header(user, password))
    assert (c.user, c.password) == (user, password)
    raw = basic.parse_credentials(basic.authorization_header(user, password, mode="raw"))
    assert (raw.user, raw.password) == (user, password)


@given(entropy=st.integers(0, 2**64 - 1))
def test_nonce_from_entropy_is_ten_digits(entropy: int) -> None:
    n = kingdee.nonce_from_entropy(entropy)
    assert len(n) == 10 and n.isdigit()
