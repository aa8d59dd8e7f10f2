"""Kingdee K3Cloud and Weaver e-cology 9 beyond the vectors: the defaults read from the core, the
e-cology seed drawn by the binding (a round trip through a freshly generated RSA key), argument
types, and reprs that hide the secrets."""

from __future__ import annotations

import base64
import secrets
import time
from typing import Any, List, Tuple

import pytest

import qianming
from qianming import _native, ecology, k3cloud

IDENT = ("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "app-secret-value")
URL = "https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc"
SITE = "https://erp.example.com/k3cloud"
# The 1024-bit test key of vectors/ecology.json (made for the vectors only).
SPK = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/"
    "v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
)


# ---- K3Cloud ---------------------------------------------------------------------------------


def test_k3cloud_defaults_come_from_the_core() -> None:
    assert k3cloud.DEFAULT_LCID == _native.K3CLOUD_DEFAULT_LCID == 2052
    assert k3cloud.DEFAULT_TIMESTAMP_UNIT == _native.K3CLOUD_DEFAULT_TIMESTAMP_UNIT == "ms"
    assert k3cloud.DEFAULT_LOGIN_HASH == _native.K3CLOUD_DEFAULT_LOGIN_HASH == "sha256"
    bare = k3cloud.sign(*IDENT, URL, timestamp_ms=1_700_000_000_123)
    spelled = k3cloud.sign(
        *IDENT, URL, timestamp_ms=1_700_000_000_123, lcid=k3cloud.DEFAULT_LCID, org_num="0",
        timestamp_unit=k3cloud.DEFAULT_TIMESTAMP_UNIT,
    )
    assert bare.headers == spelled.headers
    assert bare.app_data == f"{IDENT[0]},{IDENT[1]},{k3cloud.DEFAULT_LCID},0"
    assert k3cloud.login_sign(*IDENT, 1) == k3cloud.login_sign(*IDENT, 1, hash=k3cloud.DEFAULT_LOGIN_HASH)
    assert k3cloud.login_sign(*IDENT, 1) != k3cloud.login_sign(*IDENT, 1, hash="sha1")


def test_k3cloud_timestamps_default_to_now() -> None:
    before = int(time.time() * 1000)
    ms = int(k3cloud.sign(*IDENT, URL).timestamp)
    s = int(k3cloud.sign(*IDENT, URL, timestamp_unit="s").timestamp)
    after = int(time.time() * 1000)
    assert before <= ms <= after
    assert before // 1000 <= s <= after // 1000
    body = k3cloud.login_by_sign_request(SITE, *IDENT).body or ""
    sent = int(body.split(",")[3])
    assert before // 1000 <= sent <= int(time.time())
    assert k3cloud.login_sign(*IDENT, sent) in body


def test_k3cloud_unit_and_hash_are_read_by_the_core() -> None:
    for unit in ["us", "MS", "", "sec"]:
        with pytest.raises(qianming.InvalidFieldError):
            k3cloud.sign(*IDENT, URL, timestamp_unit=unit)
    # The core also reads the long names.
    assert k3cloud.sign(*IDENT, URL, timestamp_ms=5000, timestamp_unit="seconds").timestamp == "5"
    for name in ["md5", "SHA256", ""]:
        with pytest.raises(qianming.InvalidFieldError):
            k3cloud.login_sign(*IDENT, 1, hash=name)


def test_k3cloud_lcid_must_fit_32_bits() -> None:
    assert k3cloud.sign(*IDENT, URL, timestamp_ms=1, lcid=2**32 - 1).app_data.endswith(",4294967295,0")
    for wrong in [-1, 2**32]:
        with pytest.raises(qianming.InvalidFieldError):
            k3cloud.sign(*IDENT, URL, lcid=wrong)
    not_ints: List[Any] = ["2052", 2052.0, True]
    for not_int in not_ints:
        with pytest.raises(TypeError):
            k3cloud.login_by_app_secret_request(SITE, *IDENT, lcid=not_int)


def test_k3cloud_arguments_are_typed() -> None:
    with pytest.raises(TypeError):
        k3cloud.request(*IDENT, URL, b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        k3cloud.login_sign(*IDENT, "1700000000")  # type: ignore[arg-type]
    with pytest.raises(qianming.InvalidTimestampError):
        k3cloud.login_sign(*IDENT, -1)
    with pytest.raises(qianming.InvalidTimestampError):
        k3cloud.sign(*IDENT, URL, timestamp_ms=2**64)


def test_k3cloud_session_headers_refuse_what_cannot_travel() -> None:
    assert k3cloud.session_headers("abc") == [(k3cloud.SESSION_COOKIE, "abc"), ("Cookie", "kdservice-sessionid=abc")]
    for bad in ["a;b", "a b", "a\r\nb"]:
        with pytest.raises(qianming.InvalidHeaderValueError):
            k3cloud.session_headers(bad)


def test_k3cloud_refusal_carries_the_result_type() -> None:
    with pytest.raises(qianming.LoginFailedError) as info:
        k3cloud.parse_login_answer('{"Message":"用户名或密码错误！","LoginResultType":-1}')
    assert info.value.refusal is not None
    assert (info.value.refusal.code, info.value.refusal.message) == ("-1", "用户名或密码错误！")


def test_k3cloud_reprs_hide_the_secrets() -> None:
    c = k3cloud.gateway_credentials(IDENT[2])
    assert repr(c) == "GatewayCredentials(client_id='224245', gateway_secret=<redacted>)"
    assert c.gateway_secret not in repr(c)
    s = k3cloud.sign(*IDENT, URL, timestamp_ms=1)
    assert repr(s) == (
        f"SignedHeaders(timestamp='1', api_signature={s.api_signature!r}, kd_signature={s.kd_signature!r})"
    )
    assert IDENT[3] not in repr(s) and c.gateway_secret not in repr(s)
    req = k3cloud.login_by_app_secret_request(SITE, *IDENT)
    assert IDENT[3] in (req.body or "") and IDENT[3] not in repr(req)
    session = k3cloud.parse_login_answer('{"LoginResultType":1,"KDSVCSessionId":"sess-1234","Message":"ok"}')
    assert repr(session) == "Session(session_id=<redacted>, message='ok', is_success_by_api=None)"
    assert "sess-1234" not in repr(session) and "sess-1234" not in str(session)


# ---- e-cology --------------------------------------------------------------------------------


def test_ecology_defaults_come_from_the_core() -> None:
    assert ecology.SEED_LEN == _native.ECOLOGY_SEED_LEN == 32
    assert ecology.DEFAULT_TOKEN_LIFETIME_S == _native.ECOLOGY_DEFAULT_TOKEN_LIFETIME_S == 1800
    t = ecology.parse_token_answer('{"status":true,"token":"t"}', received_at_ms=1000)
    assert t.lifetime.expires_at_ms == 1000 + ecology.DEFAULT_TOKEN_LIFETIME_S * 1000
    t = ecology.parse_token_answer('{"status":true,"token":"t"}', received_at_ms=1000, lifetime_s=3600)
    assert t.lifetime.expires_at_ms == 1000 + 3600 * 1000


def fresh_key_pair() -> Tuple[str, Any]:
    """A new RSA-2048 key: its spk (Base64 of the DER SubjectPublicKeyInfo) and its private half."""
    rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii"), private


def opened(private: Any, ciphertext: str) -> str:
    padding = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.padding")
    return str(private.decrypt(base64.b64decode(ciphertext), padding.PKCS1v15()).decode("utf-8"))


def test_ecology_seedless_forms_round_trip_with_a_generated_key() -> None:
    spk, private = fresh_key_pair()
    assert ecology.server_key(spk).bits == 2048
    first, second = ecology.encrypt(spk, "e0ab4a73-秘"), ecology.encrypt(spk, "e0ab4a73-秘")
    assert first != second  # fresh seeds, fresh padding
    assert opened(private, first) == opened(private, second) == "e0ab4a73-秘"
    req = ecology.applytoken_request("http://oa.example.com", "APP1", spk, "the-secrit")
    assert opened(private, req.header("secret") or "") == "the-secrit"
    headers = dict(ecology.call_headers("APP1", "tok", spk, "42"))
    assert opened(private, headers["userid"]) == "42"


def test_ecology_seedless_forms_draw_with_secrets_token_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: List[int] = []

    def token_bytes(n: int) -> bytes:
        asked.append(n)
        return bytes(range(n))

    monkeypatch.setattr(secrets, "token_bytes", token_bytes)
    fixed = bytes(range(32))
    assert ecology.encrypt(SPK, "x") == ecology.encrypt(SPK, "x", seed=fixed)
    assert ecology.applytoken_request("http://h", "a", SPK, "s") == ecology.applytoken_request(
        "http://h", "a", SPK, "s", seed=fixed
    )
    assert ecology.call_headers("a", "t", SPK, "1") == ecology.call_headers("a", "t", SPK, "1", seed=fixed)
    assert asked == [ecology.SEED_LEN] * 3
    # A generator that returned the wrong number of bytes is refused, not padded.
    monkeypatch.setattr(secrets, "token_bytes", lambda n: b"short")
    with pytest.raises(qianming.InvalidFieldError):
        ecology.encrypt(SPK, "x")


@pytest.mark.parametrize("seed", [b"", bytes(16), bytes(31), bytes(33), bytearray(64)])
def test_ecology_seed_of_another_length_is_refused(seed: bytes) -> None:
    for call in (
        lambda: ecology.encrypt(SPK, "x", seed=seed),
        lambda: ecology.applytoken_request("http://h", "a", SPK, "s", seed=seed),
        lambda: ecology.call_headers("a", "t", SPK, "1", seed=seed),
    ):
        with pytest.raises(qianming.InvalidFieldError) as info:
            call()
        assert f"not {len(seed)}" in str(info.value)


@pytest.mark.parametrize("seed", ["00" * 32, 0, [0] * 32, memoryview(bytes(32))])
def test_ecology_seed_must_be_bytes(seed: Any) -> None:
    with pytest.raises(TypeError):
        ecology.encrypt(SPK, "x", seed=seed)


def test_ecology_seed_from_hex_is_the_cores() -> None:
    assert ecology.seed_from_hex("00" * 32) == bytes(32)
    for bad in ["00", "zz" * 32, "00" * 33]:
        with pytest.raises(qianming.InvalidFieldError):
            ecology.seed_from_hex(bad)


def test_ecology_time_s_is_sent_as_given() -> None:
    req = ecology.applytoken_request("http://h", "a", SPK, "s", time_s=0)
    assert req.header("time") == "0"
    assert ecology.applytoken_request("http://h", "a", SPK, "s").header("time") is None
    with pytest.raises(TypeError):
        ecology.applytoken_request("http://h", "a", SPK, "s", time_s="3600")  # type: ignore[arg-type]


def test_ecology_refusals_carry_the_vendor_words() -> None:
    with pytest.raises(qianming.SignMismatchError) as info:
        ecology.parse_token_answer('{"msg":"认证信息错误！","code":-1,"status":false}')
    assert info.value.refusal is not None
    assert (info.value.vendor_code, info.value.vendor_message) == ("-1", "认证信息错误！")
    with pytest.raises(qianming.VendorErrorError) as regist:
        ecology.parse_regist_answer('{"errcode":"1","errmsg":"passowrd error","status":false}')
    assert regist.value.vendor_code == "1"


def test_ecology_reprs_hide_the_secrets() -> None:
    assert repr(ecology.server_key(SPK)) == "ServerKey(bits=1024, max_plaintext_len=117)"
    r = ecology.parse_regist_answer('{"status":true,"secrit":"secrit-value","spk":"' + SPK + '"}')
    assert repr(r) == "Registration(secrit=<redacted>, message=None)"
    assert "secrit-value" not in repr(r) and "secrit-value" not in str(r)
    t = ecology.parse_token_answer('{"status":true,"token":"token-value","msg":"获取成功!"}', received_at_ms=0)
    assert repr(t) == "Token(token=<redacted>, message='获取成功!')"
    assert "token-value" not in repr(t)
    req = ecology.applytoken_request("http://h", "a", SPK, "secrit-value", seed=bytes(32))
    assert repr(req) == "HttpRequest(method='POST', url='http://h/api/ec/dev/auth/applytoken', headers=['appid', 'secret'])"
