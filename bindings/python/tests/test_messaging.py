"""WXBizMsgCrypt, DingTalk, Feishu and Yonyou beyond the vectors: the reply's random prefix drawn
by the binding, argument types, and the constants read from the core."""

from __future__ import annotations

import secrets
from typing import Any, List

import pytest

import qianming
from qianming import dingtalk, feishu, wecom, yonyou

KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
CORP = "wx5823bf96d3bd56c7"


def reply(message: str, random: Any = None) -> wecom.EncryptedReply:
    return wecom.encrypt_reply(
        KEY, CORP, message, token="QDG6eK", timestamp="1700000000", nonce="n1", random=random
    )


def open_reply(r: wecom.EncryptedReply) -> str:
    return wecom.verify_and_decrypt(
        "QDG6eK", KEY, CORP, timestamp="1700000000", nonce="n1", encrypt=r.encrypt, msg_signature=r.signature
    )


def test_reply_without_random_round_trips_with_fresh_bytes() -> None:
    message = "<xml><Content><![CDATA[你好]]></Content></xml>"
    first, second = reply(message), reply(message)
    # Fresh random bytes each time: the ciphertexts (and so the signatures) differ...
    assert first.encrypt != second.encrypt
    assert first.signature != second.signature
    # ...and both open to the message, under their own signature only.
    assert open_reply(first) == open_reply(second) == message
    with pytest.raises(qianming.SignatureMismatchError):
        wecom.verify_and_decrypt(
            "QDG6eK", KEY, CORP, timestamp="1700000000", nonce="n1", encrypt=first.encrypt,
            msg_signature=second.signature,
        )


def test_reply_without_random_draws_them_with_secrets_token_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: List[int] = []

    def token_bytes(n: int) -> bytes:
        asked.append(n)
        return bytes(range(n))

    monkeypatch.setattr(secrets, "token_bytes", token_bytes)
    drawn = reply("m")
    assert asked == [wecom.RANDOM_LEN] == [16]
    assert drawn.encrypt == reply("m", random=bytes(range(16))).encrypt
    # A generator that returned the wrong number of bytes is refused, not padded.
    monkeypatch.setattr(secrets, "token_bytes", lambda n: b"short")
    with pytest.raises(qianming.InvalidFieldError):
        reply("m")


@pytest.mark.parametrize("random", [b"", bytes(15), bytes(17), bytearray(32)])
def test_random_of_another_length_is_refused(random: bytes) -> None:
    with pytest.raises(qianming.InvalidFieldError) as info:
        reply("m", random=random)
    assert f"not {len(random)}" in str(info.value)


@pytest.mark.parametrize("random", ["00" * 16, 16, [0] * 16, memoryview(bytes(16))])
def test_random_must_be_bytes(random: Any) -> None:
    with pytest.raises(TypeError):
        reply("m", random=random)


def test_random_from_hex_is_the_cores() -> None:
    assert wecom.random_from_hex("00" * 16) == bytes(16)
    for bad in ["00", "zz" * 16, "00" * 17]:
        with pytest.raises(qianming.InvalidFieldError):
            wecom.random_from_hex(bad)


def test_yonyou_default_token_url_comes_from_the_core() -> None:
    from qianming import _native

    assert yonyou.DEFAULT_TOKEN_URL == _native.YONYOU_DEFAULT_TOKEN_URL
    assert yonyou.DEFAULT_TOKEN_URL.startswith("https://")
    req = yonyou.token_request("k", "s", 1)
    assert req.url.split("?")[0] == yonyou.DEFAULT_TOKEN_URL
    assert req == yonyou.token_request("k", "s", 1, token_url=yonyou.DEFAULT_TOKEN_URL)
    assert req.headers == [("Accept", "application/json")] and req.body is None


def test_yonyou_token_request_defaults_to_now() -> None:
    import time

    before = int(time.time() * 1000)
    url = yonyou.token_request("k", "s").url
    after = int(time.time() * 1000)
    ts = int(url.split("timestamp=")[1].split("&")[0])
    assert before <= ts <= after


def test_timestamps_of_the_signs_are_required_ints() -> None:
    for call in (
        lambda t: dingtalk.robot_sign("s", t),
        lambda t: feishu.bot_sign("s", t),
        lambda t: yonyou.signature("k", "s", t),
    ):
        for wrong in [None, "1700000000", 1.0, True]:
            with pytest.raises(TypeError):
                call(wrong)
        for out_of_range in [-1, 2**64]:
            with pytest.raises(qianming.InvalidTimestampError):
                call(out_of_range)
        call(2**64 - 1)


def test_yonyou_refusal_carries_the_vendor_code() -> None:
    with pytest.raises(qianming.VendorErrorError) as info:
        yonyou.parse_token_answer(b'{"code":"310036","message":"bad"}', received_at_ms=0)
    assert info.value.refusal is not None
    assert (info.value.refusal.code, info.value.refusal.message) == ("310036", "bad")
