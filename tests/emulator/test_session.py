"""qianming.session against the emulator: each session fetches a token once, reuses it, renews
it when its lifetime says so, and retries a call once when the server says it expired."""

from __future__ import annotations

import pytest
import requests
import qianming
from qianming import oauth
from qianming.requests import KingdeeAuth

from qianming import session

from emulator import APUSIC_USER, EDGE_USER, KINGDEE_APP, KINGDEE_CLIENT, STANDARD, WEAVER, Emulator


@pytest.fixture()
def emu():
    with Emulator(*STANDARD) as e:
        yield e


def test_kingdee_session_caches_and_retries_once_on_expiry(emu):
    s = session.KingdeeSession(emu.url, *KINGDEE_CLIENT, *KINGDEE_APP)
    auth = KingdeeAuth(*KINGDEE_CLIENT)

    def material(token: str) -> requests.Response:
        response = requests.get(f"{emu.url}/jdy/v2/bd/material", headers={"app-token": token}, auth=auth, timeout=30)
        # The emulator's documented refusal of an expired app-token, read as expiry.
        if response.headers.get("X-Qianming-Error") == "token_expired":
            raise qianming.TokenExpiredError("app-token expired")
        return response

    assert s.call(material).json()["errcode"] == 0
    assert s.call(material).json()["errcode"] == 0
    assert s.logins == 1
    emu.post("expire-tokens")
    assert s.call(material).json()["errcode"] == 0
    assert s.logins == 2


def test_weaver_session_logs_in_again_when_the_lifetime_runs_out():
    with Emulator(*STANDARD) as emu:
        # skew 0: the token (30 min by the seed's lifetime) is reused.
        s = session.WeaverSession(emu.url, *WEAVER, skew_ms=0)
        first = s.token()
        assert s.token() == first and s.logins == 1
        # A skew larger than the lifetime: every token() logs in again, each with a fresh sign.
        eager = session.WeaverSession(emu.url, *WEAVER, skew_ms=qianming.token.WEAVER_TOKEN_LIFETIME_MS)
        assert eager.token() != eager.token() and eager.logins == 2


def test_apusic_session_retries_once_on_401(emu):
    s = session.ApusicSession(emu.url, *APUSIC_USER)

    def domain(token: str) -> requests.Response:
        return requests.get(f"{emu.url}/management/domain", headers=s.headers(token), timeout=30)

    assert domain(s.token()).status_code == 200
    emu.post("expire-tokens")
    assert s.call(domain).status_code == 200
    assert s.logins == 2


def test_apusic_session_gives_up_after_one_retry(emu):
    s = session.ApusicSession(emu.url, *APUSIC_USER)
    calls = []

    def always_refused(token: str) -> requests.Response:
        calls.append(token)
        return requests.get(f"{emu.url}/management/domain", timeout=30)  # no token: 401

    assert s.call(always_refused).status_code == 401
    assert len(calls) == 2


def test_edge_session_refreshes_then_logs_in_again():
    with Emulator(*STANDARD) as emu:
        # skew of 2 h: the fresh access token is due for renewal at once, the refresh token is not.
        s = session.EdgeSession(emu.url, *EDGE_USER, skew_ms=qianming.token.EDGE_ACCESS_LIFETIME_MS)
        s.token()
        s.token()
        assert (s.logins, s.refreshes) == (1, 1)

        def create(token: str) -> requests.Response:
            return requests.get(f"{emu.url}/v1.0/openapi/createProduct", headers=s.headers(token), timeout=30)

        assert create(s.token()).json()["success"] is True


def test_oauth_expired_access_token_is_token_expired(emu):
    # No browser-free login exists for OAuth; the parser's TokenExpiredError is what call() retries on.
    with pytest.raises(qianming.TokenExpiredError):
        oauth.parse_userinfo_answer(b'{"error":"expired_accessToken"}')
