"""Exception classes, wrong Python types, lone surrogates, stubs in step with the module."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any, Callable, List

import pytest

import qianming
from qianming import _native, basic, dingtalk, feishu, kingdee, weaver, wecom, yonyou

from conftest import vector_cases


def test_one_class_per_kind_with_stable_kind() -> None:
    assert len(qianming.ERROR_CLASSES) >= 28
    codes = set()
    for kind, cls in qianming.ERROR_CLASSES.items():
        assert issubclass(cls, qianming.QianmingError)
        assert issubclass(cls, ValueError)
        assert cls.kind == kind
        assert cls.__name__ == "".join(w.capitalize() for w in kind.split("_")) + "Error"
        assert getattr(qianming, cls.__name__) is cls
        assert cls.__module__ == "qianming"
        codes.add(cls.code)
    assert len(codes) == len(qianming.ERROR_CLASSES)


def test_every_kind_named_by_a_vector_has_a_class() -> None:
    named = set()
    for _, _, case in vector_cases():
        if "error" in case:
            named.add(case["error"])
        for step in case.get("steps", []):
            if "error" in step:
                named.add(step["error"])
    assert named, "no vector names an error"
    assert named <= set(qianming.ERROR_CLASSES), named - set(qianming.ERROR_CLASSES)


def test_raised_error_carries_kind_and_detail() -> None:
    with pytest.raises(qianming.EmptySecretError) as info:
        kingdee.Signer("id", "")
    assert info.value.kind == "empty_secret"
    assert "secret" in str(info.value)
    with pytest.raises(ValueError):
        weaver.sign("a", "b", "short", 1)
    with pytest.raises(qianming.UnsupportedMethodError):
        kingdee.Signer("id", "s").sign("TRACE", "/")
    with pytest.raises(qianming.DuplicateQueryNameError):
        kingdee.canonical_query([("a", "1"), ("a", "2")])


def test_secrets_never_appear_in_errors_or_reprs() -> None:
    signer = kingdee.Signer("id", "topsecret-value")
    assert "topsecret" not in repr(signer)
    assert "topsecret" not in repr(kingdee.Verifier("topsecret-value"))
    assert "hunter2" not in repr(basic.parse_credentials(basic.credentials("u", "hunter2")))
    assert "0123456789abcdef" not in repr(weaver.Signer("a", "b", "0123456789abcdef"))


WECOM_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"

CALLS: List[Callable[[Any], Any]] = [
    lambda x: kingdee.app_signature(x, "s"),
    lambda x: kingdee.app_signature("k", x),
    lambda x: kingdee.Signer(x, "s"),
    lambda x: kingdee.Signer("id", x),
    lambda x: kingdee.Signer("id", "s").sign(x, "/"),
    lambda x: kingdee.Signer("id", "s").sign("GET", x),
    lambda x: kingdee.Signer("id", "s").sign("GET", "/", query=[(x, "v")]),
    lambda x: kingdee.Signer("id", "s").sign("GET", "/", query={"n": x}),
    lambda x: kingdee.Signer("id", "s").sign("GET", "/", sign_headers=[("X-A", x)]),
    lambda x: kingdee.Signer("id", "s").sign("GET", "/", nonce=x),
    lambda x: kingdee.Verifier(x),
    lambda x: kingdee.Verifier("s").verify("GET", x, headers={}),
    lambda x: kingdee.canonical_path(x),
    lambda x: kingdee.parse_query(x),
    lambda x: weaver.sign(x, "s", "0123456789abcdef", 1),
    lambda x: weaver.sign("a", x, "0123456789abcdef", 1),
    lambda x: weaver.sign("a", "s", x, 1),
    lambda x: weaver.Verifier("a", "s", "0123456789abcdef").verify(x, now_ms=1),
    lambda x: basic.credentials(x, "p"),
    lambda x: basic.credentials("u", x),
    lambda x: basic.parse_authorization(x),
    lambda x: wecom.msg_signature(x, "1", "n", "e"),
    lambda x: wecom.msg_signature("t", x, "n", "e"),
    lambda x: wecom.verify_msg_signature("t", "1", "n", "e", x),
    lambda x: wecom.decrypt(x, "wx1", "e"),
    lambda x: wecom.decrypt(WECOM_KEY, x, "e"),
    lambda x: wecom.decrypt(WECOM_KEY, "wx1", x),
    lambda x: wecom.encrypt_reply(WECOM_KEY, "wx1", x, token="t", timestamp="1", nonce="n"),
    lambda x: wecom.encrypt_reply(WECOM_KEY, "wx1", "m", token=x, timestamp="1", nonce="n"),
    lambda x: wecom.verify_and_decrypt(
        "t", WECOM_KEY, "wx1", timestamp="1", nonce="n", encrypt="e", msg_signature=x
    ),
    lambda x: dingtalk.robot_sign(x, 1),
    lambda x: feishu.bot_sign(x, 1),
    lambda x: feishu.decrypt(x, "e"),
    lambda x: feishu.event_signature("1", "n", x, b"{}"),
    lambda x: feishu.verify_event_signature("1", "n", "k", b"{}", x),
    lambda x: yonyou.signature(x, "s", 1),
    lambda x: yonyou.signature("k", x, 1),
    lambda x: yonyou.token_request("k", "s", 1, token_url=x),
]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("bad", [1, b"bytes", 1.5, object()])
def test_wrong_types_raise_type_error(call: Callable[[Any], Any], bad: Any) -> None:
    with pytest.raises(TypeError):
        call(bad)


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "ok\ud83d"])
def test_lone_surrogates_are_refused(call: Callable[[Any], Any], text: str) -> None:
    with pytest.raises(qianming.InvalidUnicodeError) as info:
        call(text)
    assert info.value.kind == "invalid_unicode"


def test_timestamps() -> None:
    signer = kingdee.Signer("id", "s")
    a = signer.sign("GET", "/", timestamp=1700000000000, nonce="1")
    b = signer.sign("GET", "/", timestamp="1700000000000", nonce="1")
    assert a.signature == b.signature
    for bad in ["-1", "1.5", "", "18446744073709551616", -1, 2**64]:
        with pytest.raises(qianming.InvalidTimestampError):
            signer.sign("GET", "/", timestamp=bad, nonce="1")
    for wrong in [1.0, True, b"1", [1]]:
        with pytest.raises(TypeError):
            signer.sign("GET", "/", timestamp=wrong, nonce="1")
    with pytest.raises(qianming.InvalidTimestampError):
        weaver.sign("a", "b", "0123456789abcdef", -5)
    with pytest.raises(TypeError):
        weaver.sign("a", "b", "0123456789abcdef", "5")  # type: ignore[arg-type]


def test_pairs_shapes() -> None:
    want = kingdee.canonical_query([("a", "1"), ("b", "2")])
    assert kingdee.canonical_query({"b": "2", "a": "1"}) == want
    assert kingdee.canonical_query([["b", "2"], ["a", "1"]]) == want
    assert kingdee.canonical_query((p for p in [("a", "1"), ("b", "2")])) == want
    for bad in ["a=1", [("a", "1", "x")], [1], 5]:
        with pytest.raises(TypeError):
            kingdee.canonical_query(bad)  # type: ignore[arg-type]


def test_missing_sign_header_value_is_refused() -> None:
    with pytest.raises(qianming.MissingHeaderValueError):
        kingdee.Signer("id", "s").sign("GET", "/", sign_headers={"X-A": None})


def test_stub_lists_every_native_name() -> None:
    """The .pyi is a hand-written file: it must name every exception the module makes."""
    stub = Path(qianming.__file__).with_name("_native.pyi").read_text(encoding="utf-8")
    tree = ast.parse(stub)
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    for cls in qianming.ERROR_CLASSES.values():
        assert cls.__name__ in classes, f"add {cls.__name__} to _native.pyi"
    assert set(_native.__all__) == {"QianmingError"} | {
        c.__name__ for c in qianming.ERROR_CLASSES.values()
    }


def test_kind_names_match_the_vectors_readme() -> None:
    # Every stable name is snake_case ASCII; json round trip keeps it.
    for kind in qianming.ERROR_CLASSES:
        assert kind == json.loads(json.dumps(kind))
        assert kind.replace("_", "").isalnum() and kind.islower()
