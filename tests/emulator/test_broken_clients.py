"""Deliberately broken clients, one per doctor verdict: each gets the vendor's refusal and the
doctor's verdict in X-Qianming-Verdict.

Two kinds: every case of vectors/kingdee_doctor.json and vectors/weaver_doctor.json (a request
made with one known mistake) replayed over HTTP to an emulator whose clock is frozen at the
case's time, which covers every verdict; and live clients built on qianming that sign with a
mistake now (wrong secret, seconds, a skewed clock, a replay)."""

from __future__ import annotations

import json
import pathlib
import time
from urllib.parse import quote, urlencode

import pytest
import requests
import qianming
from qianming import kingdee, weaver

from emulator import KINGDEE_APP, KINGDEE_CLIENT, STANDARD, WEAVER, Emulator, error, send, verdict

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "vectors"
KINGDEE_CASES = [c for c in json.loads((VECTORS / "kingdee_doctor.json").read_text())["kingdee_doctor"]
                 if c.get("expected")]
WEAVER_CASES = [c for c in json.loads((VECTORS / "weaver_doctor.json").read_text())["weaver_doctor"]
                if c.get("expected")]


def test_the_vectors_cover_every_verdict():
    covered = {c["expected"]["verdict"] for c in KINGDEE_CASES + WEAVER_CASES}
    assert covered == set(qianming.doctor.VERDICTS)


def kingdee_send(url: str, case: dict) -> requests.Response:
    """The case's request as it travels: the path percent-encoded, the query form-encoded."""
    target = quote(case["path"], safe="/") + ("?" + urlencode([tuple(p) for p in case["query"]]) if case["query"] else "")
    headers = {n: v for n, v in case["headers"] if n.lower() != "host"}
    return requests.request(case["method"], url + target, headers=headers, timeout=30)


@pytest.mark.parametrize("case", KINGDEE_CASES, ids=[c["id"] for c in KINGDEE_CASES])
def test_kingdee_vector_client(case):
    client_id = dict(case["headers"])["X-Api-ClientID"]
    with Emulator("--kingdee-client", f"{client_id}:{case['client_secret']}",
                  "--clock-frozen-at-ms", str(case["now_ms"])) as emu:
        response = kingdee_send(emu.url, case)
        if case.get("accepted_before"):
            assert response.status_code != 519, response.text
            response = kingdee_send(emu.url, case)
        expected = case["expected"]["verdict"]
        if expected == "valid":
            # Past the signature: the business call still wants its app-token.
            assert (response.status_code, verdict(response)) == (200, None), response.text
            assert response.json()["errcode"] == 1004
        else:
            assert response.status_code == 519, response.text
            assert response.json()["errcode"] == 1002
            assert verdict(response) == expected
            assert f"verdict={expected}" in emu.log()


@pytest.mark.parametrize("case", WEAVER_CASES, ids=[c["id"] for c in WEAVER_CASES])
def test_weaver_vector_client(case):
    with Emulator("--weaver", f"{case['appid']}:{case['secret']}:{case['aes_key']}",
                  "--clock-frozen-at-ms", str(case["now_ms"])) as emu:
        request = weaver.token_request(emu.url, appid=case["appid"], sign=case["sign"])
        response = send(request)
        if case.get("accepted_before"):
            assert weaver.parse_token_answer(response.content).token
            response = send(request)
        expected = case["expected"]["verdict"]
        if expected == "valid":
            assert weaver.parse_token_answer(response.content).token
            assert verdict(response) is None
        else:
            with pytest.raises(qianming.QianmingError):
                weaver.parse_token_answer(response.content)
            assert response.json()["status"] is False
            assert verdict(response) == expected


# Live broken clients: qianming signing with one mistake, against the emulator's clock.

def kingdee_call(url: str, client: tuple, timestamp: str | None = None) -> requests.Response:
    signer = kingdee.Signer(*client)
    request = kingdee.token_request(signer, url, app_key=KINGDEE_APP[0], app_secret=KINGDEE_APP[1],
                                    timestamp=timestamp)
    return send(request)


@pytest.fixture(scope="module")
def emu():
    with Emulator(*STANDARD) as e:
        yield e


def test_kingdee_wrong_secret_is_unexplained(emu):
    response = kingdee_call(emu.url, (KINGDEE_CLIENT[0], "not-the-secret"))
    assert (response.status_code, verdict(response), error(response)) == (519, "unexplained", "signature_mismatch")


def test_kingdee_unknown_client_is_unexplained(emu):
    response = kingdee_call(emu.url, ("999999", "whatever"))
    assert (response.status_code, verdict(response), response.json()["errcode"]) == (519, "unexplained", 1001)


def test_kingdee_timestamp_in_seconds(emu):
    response = kingdee_call(emu.url, KINGDEE_CLIENT, timestamp=str(int(time.time())))
    assert (response.status_code, verdict(response)) == (519, "timestamp_in_seconds")


@pytest.mark.parametrize("shift, expected", [(600_000, "expired"), (-600_000, "from_the_future")])
def test_kingdee_client_clock_off_by_ten_minutes(shift, expected):
    with Emulator(*STANDARD, "--clock-shift-ms", str(shift)) as emu:
        response = kingdee_call(emu.url, KINGDEE_CLIENT)
        assert (response.status_code, verdict(response)) == (519, expected)
        assert abs(int(response.headers["X-Qianming-Time-Difference-Ms"]) - shift) < 60_000


def test_weaver_wrong_aes_key(emu):
    request = weaver.signed_token_request(weaver.Signer(WEAVER[0], WEAVER[1], "0123456789abcdef"), emu.url)
    response = send(request)
    with pytest.raises(qianming.UndecryptableError, match="签名解密异常"):
        weaver.parse_token_answer(response.content)
    assert verdict(response) == "wrong_aes_key"


def test_weaver_timestamp_in_seconds(emu):
    sign = weaver.sign(*WEAVER, timestamp_ms=int(time.time()))
    response = send(weaver.token_request(emu.url, appid=WEAVER[0], sign=sign))
    with pytest.raises(qianming.ExpiredError, match="签名已过期"):
        weaver.parse_token_answer(response.content)
    assert verdict(response) == "timestamp_in_seconds"


def test_weaver_wrong_secret_and_unknown_appid(emu):
    sign = weaver.sign(WEAVER[0], "other-secret", WEAVER[2])
    response = send(weaver.token_request(emu.url, appid=WEAVER[0], sign=sign))
    with pytest.raises(qianming.SignMismatchError, match="appid或sign参数值异常"):
        weaver.parse_token_answer(response.content)
    assert verdict(response) == "unexplained"
    unknown = send(weaver.token_request(emu.url, appid="nobody", sign=sign))
    assert verdict(unknown) == "unexplained"
