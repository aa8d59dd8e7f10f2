"""The attacks of issue 14, each tried through the Python API as an attacker would: every one
must be refused (replays, a line feed smuggled into a signed header, unsigned query data, a
clock stepped back, an empty OAuth state), and what a server may show must reveal nothing."""

from __future__ import annotations

import warnings
from typing import Dict, List, Tuple

import pytest

import qianming
from qianming import kingdee, oauth, weaver

SECRET = "0123456789abcdef0123456789abcdef"
SIGNER = kingdee.Signer("123456", SECRET)
T0 = 1_700_000_000_000
AES_KEY = "8fy6K39X6PIEEeOq"


def test_a_captured_kingdee_request_works_once() -> None:
    out = SIGNER.sign("GET", "/jdy/v2/bd/material", query={"page": "1"}, timestamp=T0)
    query = kingdee.parse_query(out.wire_query)
    verifier = kingdee.Verifier(SECRET)
    assert verifier.verify("GET", "/jdy/v2/bd/material", query=query, headers=out.headers, now_ms=T0).nonce
    # Replayed through the whole window, with the headers in another case and order.
    headers = [(n.lower(), v) for n, v in reversed(list(out.headers.items()))]
    for now in range(T0, T0 + 300_000, 4_999):
        with pytest.raises(qianming.ReplayedError) as info:
            verifier.verify("GET", "/jdy/v2/bd/material", query=query, headers=headers, now_ms=now)
        assert info.value.kind == "replayed"
    assert verifier.remembered == 1
    # verify_stateless keeps no state: it is for a shared store, which must then refuse.
    twice = [verifier.verify_stateless("GET", "/jdy/v2/bd/material", query=query, headers=out.headers,
                                       now_ms=T0) for _ in range(2)]
    assert twice[0].replay == twice[1].replay
    assert verifier.remembered == 1


def test_the_same_nonce_from_another_client_is_not_a_replay() -> None:
    verifier = kingdee.Verifier(SECRET)
    for client in ["a", "b"]:
        out = kingdee.Signer(client, SECRET).sign("GET", "/a", timestamp=T0, nonce="42")
        assert verifier.verify("GET", "/a", headers=out.headers, now_ms=T0).client_id == client
    assert verifier.remembered == 2


def test_a_line_feed_cannot_stand_in_for_another_signed_header() -> None:
    out = SIGNER.sign("GET", "/a", sign_headers=[("A-1", "v1"), ("A-2", "v2")], timestamp=T0, nonce="1")
    # What makes the forgery work: the string to sign joins the values with line feeds.
    assert "a-1:v1\na-2:v2\n" in out.string_to_sign
    forged: Dict[str, str] = dict(out.headers)
    forged["A-1"] = "v1\na-2:v2"
    forged["X-Api-SignHeaders"] = "A-1,X-Api-Nonce,X-Api-TimeStamp"
    verifier = kingdee.Verifier(SECRET)
    for attempt in (verifier.verify, verifier.verify_stateless, verifier.diagnose):
        with pytest.raises(qianming.InvalidHeaderValueError):
            attempt("GET", "/a", headers=forged, now_ms=T0)
    # The honest request still verifies.
    honest = dict(out.headers, **{"A-1": "v1", "A-2": "v2"})
    assert verifier.verify("GET", "/a", headers=honest, now_ms=T0).nonce == "1"


@pytest.mark.parametrize("smuggled", ["v1\r", "v1\x00", "v1\x7f", "v1\rX-Evil: 1"])
def test_no_signed_value_may_hold_a_control_character(smuggled: str) -> None:
    out = SIGNER.sign("GET", "/a", sign_headers=[("A-1", "v1")], timestamp=T0, nonce="1")
    headers = dict(out.headers, **{"A-1": smuggled})
    with pytest.raises(qianming.InvalidHeaderValueError):
        kingdee.Verifier(SECRET).verify("GET", "/a", headers=headers, now_ms=T0)


@pytest.mark.parametrize("extra", [[("", "anything")], [("", "")], [("", "a=b&c=d")]])
def test_unsigned_query_data_is_refused_unless_lenient(extra: List[Tuple[str, str]]) -> None:
    out = SIGNER.sign("GET", "/a", query={"k": "v"}, timestamp=T0, nonce="1")
    query = extra + [("k", "v")]
    strict = kingdee.Verifier(SECRET)
    with pytest.raises(qianming.UnsignedQueryDataError) as info:
        strict.verify("GET", "/a", query=query, headers=out.headers, now_ms=T0)
    assert info.value.kind == "unsigned_query_data"
    assert strict.remembered == 0
    # The vendor gateway's leniency, asked for explicitly: the empty-name pair is not signed.
    lenient = kingdee.Verifier(SECRET, lenient_query=True)
    assert lenient.verify("GET", "/a", query=query, headers=out.headers, now_ms=T0).nonce == "1"


def test_the_wire_form_of_unsigned_query_data_is_refused_too() -> None:
    out = SIGNER.sign("GET", "/a", query={"k": "v"}, timestamp=T0, nonce="1")
    query = kingdee.parse_query("=anything&" + out.wire_query)
    with pytest.raises(qianming.UnsignedQueryDataError):
        kingdee.Verifier(SECRET).verify("GET", "/a", query=query, headers=out.headers, now_ms=T0)


def test_a_kingdee_clock_stepped_back_does_not_reopen_a_window() -> None:
    verifier = kingdee.Verifier(SECRET, window_ms=1_000)
    old = SIGNER.sign("GET", "/a", timestamp=0, nonce="old")
    new = SIGNER.sign("GET", "/a", timestamp=5_000, nonce="new")
    verifier.verify("GET", "/a", headers=old.headers, now_ms=0)
    verifier.verify("GET", "/a", headers=new.headers, now_ms=5_000)  # "old" leaves the guard
    assert verifier.remembered == 1
    with pytest.raises(qianming.ExpiredError):  # the clock steps back to 500
        verifier.verify("GET", "/a", headers=old.headers, now_ms=500)


def test_a_weaver_clock_stepped_back_does_not_reopen_a_window() -> None:
    signer = weaver.Signer("weaverappid", "weaversecret", AES_KEY)
    verifier = weaver.Verifier("weaverappid", "weaversecret", AES_KEY, window_ms=1_000)
    first = signer.sign(0)
    verifier.verify(first, now_ms=0)
    verifier.verify(signer.sign(5_000), now_ms=5_000)  # the first sign leaves the guard
    assert verifier.remembered == 1
    with pytest.raises(qianming.ExpiredError):
        verifier.verify(first, now_ms=500)
    with pytest.raises(qianming.ReplayedError):
        verifier.verify(signer.sign(5_000), now_ms=4_500)


def test_the_oauth_callback_always_needs_a_non_empty_expected_state() -> None:
    for url in ["/cb?code=1", "/cb?code=1&state=", "/cb?code=1&state=xyz"]:
        with pytest.raises(qianming.QianmingError):
            oauth.parse_callback(url, expected_state="")
        with pytest.raises(TypeError):
            oauth.parse_callback(url)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            oauth.parse_callback(url, expected_state=None)  # type: ignore[arg-type]
    with pytest.raises(qianming.StateMismatchError):
        oauth.parse_callback("/cb?code=1", expected_state="xyz")
    assert oauth.parse_callback("/cb?code=1&state=xyz", expected_state="xyz").code == "1"


def refused_requests() -> List[Tuple[str, List[Tuple[str, str]], Dict[str, str], str]]:
    """(path, query, headers, kind) of requests a server refuses, each with a signature made
    by the real secret, so a leak of the expected signature would be a leak of a valid one."""
    out = SIGNER.sign("GET", "/a", query={"k": "v"}, timestamp=T0, nonce="1")
    forged = dict(out.headers, **{"X-Api-Signature": "Zm9yZ2Vk"})
    return [
        ("/b", [("k", "v")], dict(out.headers), "signature_mismatch"),
        ("/a", [("k", "v")], forged, "signature_mismatch"),
        ("/a", [("k", "w")], dict(out.headers), "signature_mismatch"),
        ("/a", [("k", "v")], dict(out.headers, **{"X-Api-TimeStamp": str(T0 + 1)}), "signature_mismatch"),
    ]


@pytest.mark.parametrize("path,query,headers,kind", refused_requests())
def test_diagnose_never_reveals_the_expected_signature(
    path: str, query: List[Tuple[str, str]], headers: Dict[str, str], kind: str
) -> None:
    verifier = kingdee.Verifier(SECRET)
    d = verifier.diagnose("GET", path, query=query, headers=headers, now_ms=T0)
    assert (d.ok, d.kind, d.timestamp_ms) == (False, kind, None)
    revealing = verifier.explain_revealing_signature("GET", path, query=query, headers=headers)
    assert d.string_to_sign == revealing.string_to_sign
    assert (d.canonical_path, d.canonical_query, d.signed_headers) == (
        revealing.canonical_path, revealing.canonical_query, revealing.signed_headers)
    shown = repr(d) + "".join(str(getattr(d, a)) for a in dir(d) if not a.startswith("_"))
    for secret_part in [revealing.expected_signature, revealing.hmac_hex, SECRET]:
        assert secret_part not in shown
    assert not hasattr(d, "expected_signature") and not hasattr(d, "hmac_hex")
    # The detail is what verify raises, nothing more.
    with pytest.raises(qianming.QianmingError) as info:
        verifier.verify("GET", path, query=query, headers=headers, now_ms=T0)
    assert (info.value.kind, str(info.value)) == (d.kind, d.detail)


def test_diagnose_judges_time_without_touching_the_replay_guard() -> None:
    out = SIGNER.sign("GET", "/a", timestamp=T0, nonce="1")
    verifier = kingdee.Verifier(SECRET)
    assert verifier.diagnose("GET", "/a", headers=out.headers, now_ms=T0 + 400_000).kind == "expired"
    assert verifier.diagnose("GET", "/a", headers=out.headers, now_ms=T0 - 400_000).kind == "future_timestamp"
    for _ in range(2):
        d = verifier.diagnose("GET", "/a", headers=out.headers, now_ms=T0)
        assert (d.ok, d.timestamp_ms, d.kind, d.detail) == (True, T0, None, None)
    assert verifier.remembered == 0
    verifier.verify("GET", "/a", headers=out.headers, now_ms=T0)
    with pytest.raises(qianming.MissingHeaderError):  # too malformed to rebuild: raised
        verifier.diagnose("GET", "/a", headers={"X-Api-ClientID": "1"}, now_ms=T0)


def test_explain_is_a_deprecated_alias_of_the_revealing_form() -> None:
    out = SIGNER.sign("GET", "/a", timestamp=T0, nonce="1")
    verifier = kingdee.Verifier(SECRET)
    with pytest.warns(DeprecationWarning, match="explain_revealing_signature"):
        old = verifier.explain("GET", "/a", headers=out.headers)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = verifier.explain_revealing_signature("GET", "/a", headers=out.headers)
    assert (old.expected_signature, old.hmac_hex) == (new.expected_signature, new.hmac_hex)
    assert new.expected_signature == new.received_signature == out.signature


def test_the_weaver_verifier_keeps_no_plaintext() -> None:
    md5 = weaver.md5_upper("weaverappid", "weaversecret")
    s = weaver.sign("weaverappid", "weaversecret", AES_KEY, T0)
    verifier = weaver.Verifier("weaverappid", "weaversecret", AES_KEY)
    for v in [verifier.verify_stateless(s, now_ms=T0), verifier.verify(s, now_ms=T0)]:
        assert not hasattr(v, "plaintext")
        assert v.timestamp_ms == T0
        assert v.replay_expires_at_ms == T0 + verifier.window_ms
        shown = repr(v) + v.replay_key + repr(v.replay)
        assert md5 not in shown and "weaversecret" not in shown
    # The signer's explanation keeps its plaintext: it is the client's own debugging aid.
    assert weaver.explain("weaverappid", "weaversecret", AES_KEY, T0).plaintext == f"{T0}_{md5}"
