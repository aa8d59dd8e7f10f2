"""Every case of every file in vectors/ through the Python binding (mirrors the Rust runner)."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

import qianming
from qianming import basic, kingdee, weaver

from conftest import vector_cases, vector_files

CASES = list(vector_cases())


def judge(case: Dict[str, Any], run: Callable[[], Any], check: Callable[[Any], None]) -> None:
    """Valid cases must succeed and match; invalid ones must raise the named kind's class."""
    if case.get("result", "valid") == "valid":
        check(run())
        return
    want = case["error"]
    cls = qianming.ERROR_CLASSES.get(want)
    assert cls is not None, f"vector names unknown error kind {want}"
    with pytest.raises(qianming.QianmingError) as info:
        run()
    assert info.value.kind == want, f"expected {want}, got {info.value.kind}: {info.value}"
    assert type(info.value) is cls


def pairs(value: Optional[List[List[Any]]]) -> List[Tuple[str, Any]]:
    return [(p[0], p[1]) for p in (value or [])]


def run_app_signature(case: Dict[str, Any]) -> None:
    def check(out: kingdee.AppSignature) -> None:
        assert out.hmac_hex == case["hmac_hex"]
        assert out.app_signature == case["app_signature"]
        assert kingdee.app_signature(case["app_key"], case["app_secret"]) == case["app_signature"]

    judge(case, lambda: kingdee.explain_app_signature(case["app_key"], case["app_secret"]), check)


def run_request(case: Dict[str, Any]) -> None:
    extra = pairs(case.get("sign_headers"))
    extra += [(name, None) for name in case.get("sign_header_names_without_value", [])]

    def run() -> kingdee.SignedRequest:
        signer = kingdee.Signer(case["client_id"], case["client_secret"])
        return signer.sign(
            case["method"],
            case["path"],
            query=pairs(case.get("query")),
            sign_headers=extra,
            timestamp=case["timestamp"],
            nonce=case["nonce"],
        )

    def check(out: kingdee.SignedRequest) -> None:
        want = case["expected"]
        assert out.canonical_path == want["canonical_path"]
        assert out.canonical_query == want["canonical_query"]
        assert out.string_to_sign == want["string_to_sign"]
        assert out.hmac_hex == want["hmac_hex"]
        assert out.signature == want["signature"]
        assert out.signed_headers == want["signed_headers"]
        headers = out.headers
        assert list(headers) == list(kingdee.SIGNER_HEADERS)
        for name in kingdee.SIGNER_HEADERS:
            assert headers[name] == want["headers"][name], name
            assert out.header(name.lower()) == want["headers"][name]
        if "wire_query" in want:
            assert out.wire_query == want["wire_query"]

    judge(case, run, check)


def run_verify_request(case: Dict[str, Any]) -> None:
    def run() -> kingdee.Verified:
        verifier = kingdee.Verifier(case["client_secret"], window_ms=case.get("window_ms"))
        return verifier.verify(
            case["method"],
            case["path"],
            query=pairs(case.get("query")),
            headers=pairs(case.get("headers")),
            now_ms=case["now_ms"],
        )

    def check(out: kingdee.Verified) -> None:
        want = case["expected"]
        assert (out.client_id, out.timestamp_ms, out.nonce) == (
            want["client_id"],
            want["timestamp_ms"],
            want["nonce"],
        )

    judge(case, run, check)


def run_sign(case: Dict[str, Any]) -> None:
    args = (case["appid"], case["secret"], case["aes_key"])
    ts = case["timestamp_ms"]

    def check(out: weaver.Explanation) -> None:
        assert out.md5_upper == case["md5_upper"]
        assert out.plaintext == case["plaintext"]
        assert out.sign == case["sign"]
        assert weaver.sign(*args, ts) == case["sign"]
        assert weaver.Signer(*args).sign(ts) == case["sign"]
        assert weaver.md5_upper(case["appid"], case["secret"]) == case["md5_upper"]

    judge(case, lambda: weaver.explain(*args, ts), check)


def run_verify_sign(case: Dict[str, Any]) -> None:
    verifier: Optional[weaver.Verifier] = None
    made: Optional[qianming.QianmingError] = None
    try:
        verifier = weaver.Verifier(
            case["appid"], case["secret"], case["aes_key"], window_ms=case.get("window_ms")
        )
    except qianming.QianmingError as e:
        made = e
    for i, step in enumerate(case["steps"]):

        def run(step: Dict[str, Any] = step) -> weaver.Verified:
            if verifier is None:
                assert made is not None
                raise made
            return verifier.verify(step["sign"], now_ms=step["now_ms"])

        def check(out: weaver.Verified, step: Dict[str, Any] = step) -> None:
            assert out.timestamp_ms == step["timestamp_ms"]

        try:
            judge(step, run, check)
        except AssertionError as e:
            raise AssertionError(f"step {i}: {e}") from e


def run_basic_encode(case: Dict[str, Any]) -> None:
    user, password = case["user"], case["password"]

    def check(cred: str) -> None:
        assert cred == case["credentials"]
        assert basic.authorization_header(user, password) == case["authorization"]
        assert basic.authorization_header(user, password, mode="raw") == case["authorization_raw"]

    judge(case, lambda: basic.credentials(user, password), check)


def run_basic_decode(case: Dict[str, Any]) -> None:
    def check(c: basic.Credentials) -> None:
        assert (c.user, c.password) == (case["user"], case["password"])

    judge(case, lambda: basic.parse_authorization(case["authorization"]), check)


RUNNERS: Dict[str, Callable[[Dict[str, Any]], None]] = {
    "app_signature": run_app_signature,
    "request": run_request,
    "verify_request": run_verify_request,
    "sign": run_sign,
    "verify_sign": run_verify_sign,
    "basic_encode": run_basic_encode,
    "basic_decode": run_basic_decode,
}


# Sections of the token API (issue 6: token requests and answers of every system) that the
# Python binding does not expose yet. Their cases are reported as skipped, by name; any other
# section without a runner fails.
UNBOUND_SECTIONS = frozenset(
    {
        "apusic_session_request",
        "apusic_session_answer",
        "apusic_call_headers",
        "edge_login_request",
        "edge_refresh_request",
        "edge_token_answer",
        "edge_x_token",
        "edge_jwt",
        "kingdee_token_request",
        "kingdee_token_answer",
        "oauth_authorize_url",
        "oauth_token_request",
        "oauth_token_answer",
        "oauth_userinfo_request",
        "oauth_userinfo_answer",
        "oauth_callback",
        "token_lifetime",
        "weaver_token_request",
        "weaver_token_answer",
    }
)


@pytest.mark.parametrize(
    "file,section,case",
    CASES,
    ids=[f"{f}:{s}:{c.get('id')}" for f, s, c in CASES],
)
def test_vector(file: str, section: str, case: Dict[str, Any]) -> None:
    if section in UNBOUND_SECTIONS and section not in RUNNERS:
        pytest.skip(f"{section}: the token API is not bound in Python yet")
    run = RUNNERS.get(section)
    assert run is not None, f"{file}: no runner for section {section}"
    try:
        run(case)
    except AssertionError as e:
        raise AssertionError(
            f"{file} [{section}] case {case.get('id')}: {e}\n{json.dumps(case, indent=2, ensure_ascii=False)}"
        ) from e


def test_every_file_is_counted() -> None:
    files = vector_files()
    assert len(files) >= 8, [f.name for f in files]
    total = 0
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        n = sum(len(v) for v in doc.values() if isinstance(v, list))
        assert n == doc["numberOfTests"], path.name
        total += n
    assert total == len(CASES)
    sections = {section for _, section, _ in CASES}
    assert sections <= set(RUNNERS) | UNBOUND_SECTIONS, sections - set(RUNNERS) - UNBOUND_SECTIONS
    bound = sum(1 for _, section, _ in CASES if section in RUNNERS)
    assert bound >= 376, bound
