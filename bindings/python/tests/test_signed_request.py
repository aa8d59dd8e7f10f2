"""The signed request's lookups: headers by any-case name, and the request target."""

from __future__ import annotations

from qianming import kingdee

SIGNER = kingdee.Signer("client-1", "secret-1")


def test_header_finds_the_six_signer_headers_in_any_case() -> None:
    out = SIGNER.sign("GET", "/a", query={"q": "1"}, timestamp=1, nonce="n")
    for name, value in out.headers.items():
        assert out.header(name) == value
        assert out.header(name.lower()) == value
        assert out.header(name.upper()) == value
    assert out.header("Content-Type") is None
    assert out.header("") is None


def test_path_and_query_adds_the_wire_query_only_when_there_is_one() -> None:
    with_query = SIGNER.sign("GET", "/a", query={"q": "x y"}, timestamp=1, nonce="n")
    assert with_query.path_and_query("/a b") == "/a%20b?" + with_query.wire_query
    without = SIGNER.sign("GET", "/a", timestamp=1, nonce="n")
    assert without.wire_query == ""
    assert without.path_and_query("/a") == "/a"


def test_path_and_query_encodes_the_path_for_the_request_line() -> None:
    out = SIGNER.sign("GET", "/a", timestamp=1, nonce="n")
    assert out.path_and_query("/jdy/v2/物料/a b") == "/jdy/v2/%E7%89%A9%E6%96%99/a%20b"
    assert out.path_and_query("/a%20b#c?d") == "/a%2520b%23c%3Fd"
