"""The signature doctor's Python surface beyond the vectors: arguments, verifiers, reprs."""

from __future__ import annotations

import pytest

import qianming
from qianming import doctor, kingdee, weaver

SECRET = "0123456789abcdef0123456789abcdef"
NOW = 1700000000000
WEAVER = ("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")


def signed(nonce: str = "4200000001") -> kingdee.SignedRequest:
    return kingdee.Signer("123456", SECRET).sign(
        "GET", "/jdy/v2/x", query={"q": "a b"}, timestamp=NOW, nonce=nonce
    )


def test_replayed_through_a_verifier_that_is_only_read() -> None:
    out = signed()
    verifier = kingdee.Verifier(SECRET)
    request = dict(query={"q": "a b"}, headers=out.headers, now_ms=NOW)
    assert doctor.kingdee(SECRET, "GET", "/jdy/v2/x", **request, verifier=verifier).verdict == "valid"
    assert verifier.remembered == 0
    verifier.verify("GET", "/jdy/v2/x", **request)
    r = doctor.kingdee(SECRET, "GET", "/jdy/v2/x", **request, verifier=verifier)
    assert (r.verdict, r.mistakes, verifier.remembered) == ("replayed", ["replayed"], 1)


def test_the_window_comes_from_the_argument_then_the_verifier() -> None:
    out = signed("4200000002")
    late = NOW + 400_000
    args = ("GET", "/jdy/v2/x")
    kw = dict(query={"q": "a b"}, headers=out.headers, now_ms=late)
    assert doctor.kingdee(SECRET, *args, **kw).verdict == "expired"
    assert doctor.kingdee(SECRET, *args, **kw, window_ms=500_000).verdict == "valid"
    wide = kingdee.Verifier(SECRET, window_ms=600_000)
    r = doctor.kingdee(SECRET, *args, **kw, verifier=wide)
    assert (r.verdict, r.window_ms, r.time_difference_ms) == ("valid", 600_000, 400_000)


def test_weaver_replayed_and_the_explanations() -> None:
    sign = weaver.sign(*WEAVER, NOW)
    verifier = weaver.Verifier(*WEAVER)
    verifier.verify(sign, now_ms=NOW)
    r = doctor.weaver(*WEAVER, sign, now_ms=NOW, verifier=verifier)
    assert r.verdict == "replayed"
    assert (r.explanation, r.explanation_zh) == doctor.VERDICTS["replayed"][1:]
    assert "replayed" in repr(r)


def test_a_verifier_of_the_wrong_type_or_vendor_is_a_type_error() -> None:
    out = signed("4200000003")
    with pytest.raises(TypeError, match="verifier must be a kingdee.Verifier"):
        doctor.kingdee(SECRET, "GET", "/a", headers=out.headers, verifier=weaver.Verifier(*WEAVER))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="verifier must be a weaver.Verifier"):
        doctor.weaver(*WEAVER, "00", verifier=kingdee.Verifier(SECRET))  # type: ignore[arg-type]


def test_bad_input_raises_the_core_kinds() -> None:
    with pytest.raises(qianming.InvalidFieldError, match="format"):
        doctor.kingdee_pasted(SECRET, "GET / HTTP/1.1\r\n\r\n", format="wget")  # type: ignore[arg-type]
    with pytest.raises(qianming.InvalidJsonError):
        doctor.kingdee_pasted(SECRET, "{not json", format="har")
    with pytest.raises(qianming.InputTooLargeError):
        doctor.kingdee_pasted(SECRET, "x" * 10_000_000)
    with pytest.raises(qianming.InvalidUnicodeError):
        doctor.kingdee_pasted(SECRET, "curl 'https://h/\ud800'")
    with pytest.raises(qianming.InvalidKeyLengthError):
        doctor.weaver("a", "b", "short", "00")
    with pytest.raises(TypeError):
        doctor.kingdee(SECRET, "GET", b"/a", headers={})  # type: ignore[arg-type]
    with pytest.raises(qianming.EmptySecretError):
        doctor.kingdee("", "GET", "/a", headers=signed("4200000004").headers)


def test_a_pasted_curl_with_a_once_encoded_query() -> None:
    out = signed("4200000005")
    curl = "curl 'https://api.kingdee.com/jdy/v2/x?q=a+b' " + " ".join(
        f"-H '{k}: {v}'" for k, v in out.headers.items()
    )
    p = doctor.kingdee_pasted(SECRET, curl, now_ms=NOW)
    assert (p.method, p.target, p.query, p.body) == ("GET", "/jdy/v2/x?q=a+b", [("q", "a b")], None)
    assert p.report.verdict == "valid" and "valid" in repr(p)


def test_compare_string_to_sign() -> None:
    expected = signed("4200000006").string_to_sign
    assert doctor.compare_string_to_sign(expected, expected).identical
    c = doctor.compare_string_to_sign(expected, expected.replace("%2Fjdy", "/jdy"))
    assert (c.identical, c.line, c.part) == (False, 2, "canonical_path")
    assert c.mistake == "path_not_encoded"
    assert (c.explanation, c.explanation_zh) == doctor.VERDICTS["path_not_encoded"][1:]
    assert "path_not_encoded" in repr(c)


def test_every_verdict_is_listed_once_in_code_order() -> None:
    codes = [code for code, _, _ in doctor.VERDICTS.values()]
    assert codes == list(range(1, len(codes) + 1))
    for name in ("valid", "unexplained", "query_encoded_once", "md5_lowercase", "wrong_aes_key"):
        assert name in doctor.VERDICTS
