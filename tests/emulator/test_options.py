"""The emulator's clock, token lifetimes and failure injection, from the command line and
from /_emulator/ while running."""

from __future__ import annotations

import pytest
import requests
import qianming
from qianming import edge, kingdee, oauth, weaver
from qianming.requests import KingdeeAuth

from emulator import (EDGE_USER, KINGDEE_APP, KINGDEE_CLIENT, OAUTH_CLIENT, STANDARD, WEAVER,
                      Emulator, error, send, verdict)

NOW = 1_796_000_000_000


def app_token(emu: Emulator, timestamp: int | None = None) -> str:
    request = kingdee.token_request(kingdee.Signer(*KINGDEE_CLIENT), emu.url, app_key=KINGDEE_APP[0],
                                    app_secret=KINGDEE_APP[1], timestamp=timestamp)
    return kingdee.parse_token_answer(send(request).content).app_token


def business(emu: Emulator, token: str, timestamp: int | None = None) -> requests.Response:
    signer = kingdee.Signer(*KINGDEE_CLIENT)
    out = signer.sign("GET", "/jdy/v2/bd/material", timestamp=timestamp)
    headers = dict(out.headers) | {"app-token": token}
    return requests.get(f"{emu.url}/jdy/v2/bd/material", headers=headers, timeout=30)


def test_frozen_clock_and_token_lifetime():
    with Emulator(*STANDARD, "--clock-frozen-at-ms", str(NOW), "--kingdee-token-lifetime-ms", "60000") as emu:
        assert emu.post("clock").json() == {"now_ms": NOW}
        token = app_token(emu, NOW)
        assert business(emu, token, NOW).json()["errcode"] == 0
        emu.post("clock", advance_ms=59_999)
        assert business(emu, token, NOW + 59_999).json()["errcode"] == 0
        emu.post("clock", advance_ms=1)
        late = business(emu, token, NOW + 60_000)
        assert (late.json()["errcode"], error(late)) == (1004, "token_expired")


def test_clock_set_while_running_changes_the_doctors_verdict():
    with Emulator(*STANDARD, "--clock-frozen-at-ms", str(NOW)) as emu:
        signer = kingdee.Signer(*KINGDEE_CLIENT)
        emu.post("clock", frozen_at_ms=NOW + 301_000)
        request = kingdee.token_request(signer, emu.url, app_key=KINGDEE_APP[0], app_secret=KINGDEE_APP[1],
                                        timestamp=NOW)
        response = send(request)
        assert (response.status_code, verdict(response)) == (519, "expired")
        assert response.headers["X-Qianming-Time-Difference-Ms"] == "301000"
        shifted = emu.post("clock", shift_ms=0).json()["now_ms"]
        assert shifted > NOW  # the machine's clock again, running


def test_expire_every_token_now():
    with Emulator(*STANDARD) as emu:
        token = app_token(emu)
        login = edge.parse_token_answer(send(edge.login_request(emu.url, username=EDGE_USER[0],
                                                                 password=EDGE_USER[1])).content)
        emu.post("expire-tokens")
        assert error(business(emu, token)) == "token_expired"
        call = requests.get(f"{emu.url}/v1.0/openapi/x", headers=dict([edge.x_token_header(login.access_token)]),
                            timeout=30)
        assert (call.json()["success"], error(call)) == (False, "token_expired")
        with pytest.raises(qianming.LoginFailedError):
            edge.parse_token_answer(send(edge.refresh_request(emu.url, refresh_token=login.refresh_token)).content)
        # A fresh login works again.
        assert app_token(emu)


def test_edge_access_token_lifetime():
    with Emulator(*STANDARD, "--clock-frozen-at-ms", str(NOW), "--edge-access-lifetime-ms", "5000") as emu:
        login = edge.parse_token_answer(send(edge.login_request(emu.url, username=EDGE_USER[0],
                                                                 password=EDGE_USER[1])).content)
        assert login.expire == NOW // 1000 + 5
        emu.post("clock", advance_ms=5000)
        call = requests.get(f"{emu.url}/v1.0/openapi/x", headers=dict([edge.x_token_header(login.access_token)]),
                            timeout=30)
        assert error(call) == "token_expired"
        renewed = edge.parse_token_answer(send(edge.refresh_request(emu.url, refresh_token=login.refresh_token)).content)
        ok = requests.get(f"{emu.url}/v1.0/openapi/x", headers=dict([edge.x_token_header(renewed.access_token)]),
                          timeout=30)
        assert ok.json()["success"] is True


def test_oauth_token_lifetime_and_expired_access_token():
    with Emulator(*STANDARD, "--clock-frozen-at-ms", str(NOW), "--oauth-token-lifetime-ms", "60000") as emu:
        url = oauth.authorize_url(emu.url, client_id=OAUTH_CLIENT[0], redirect_uri=OAUTH_CLIENT[2], state="s")
        location = requests.get(url, allow_redirects=False, timeout=30).headers["Location"]
        code = oauth.parse_callback(location, expected_state="s").code
        token = oauth.parse_token_answer(send(oauth.token_request(
            emu.url, client_id=OAUTH_CLIENT[0], client_secret=OAUTH_CLIENT[1], redirect_uri=OAUTH_CLIENT[2],
            code=code)).content)
        assert token.expires == 60
        emu.post("clock", advance_ms=60_000)
        with pytest.raises(qianming.TokenExpiredError):
            oauth.parse_userinfo_answer(send(oauth.userinfo_request(emu.url, access_token=token.access_token)).content)


def test_injected_5xx_from_the_command_line_then_served():
    with Emulator(*STANDARD, "--fail-status", "503", "--fail-count", "2") as emu:
        request = weaver.signed_token_request(weaver.Signer(*WEAVER), emu.url)
        for _ in range(2):
            failed = send(request)
            assert (failed.status_code, failed.headers["X-Qianming-Injected"]) == (503, "503")
        # The injected failures never reached the verifier: the same sign still works once.
        assert weaver.parse_token_answer(send(request).content).token
        assert "-> 503 injected=503" in emu.log()


def test_injected_failures_while_running():
    with Emulator(*STANDARD) as emu:
        emu.post("failures", status=502)
        for _ in range(3):
            assert requests.get(f"{emu.url}/management/domain", timeout=30).status_code == 502
        emu.post("failures", status=0)
        assert requests.get(f"{emu.url}/management/domain", timeout=30).status_code == 401
        assert requests.post(f"{emu.url}/_emulator/failures", params={"status": 404}, timeout=30).status_code == 400


def test_slow_answers_outlast_a_short_client_timeout():
    # The emulator waits 5 s; a client that waits 0.5 s gives up. (A generous margin either way:
    # the test checks the option works, not how fast anything is.)
    with Emulator(*STANDARD, "--slow-ms", "5000") as emu:
        with pytest.raises(requests.exceptions.Timeout):
            requests.get(f"{emu.url}/management/domain", timeout=0.5)
        emu.post("failures", slow_ms=0)
        assert requests.get(f"{emu.url}/management/domain", timeout=30).status_code == 401


def test_bad_accounts_are_refused_before_listening(tmp_path):
    import subprocess
    from emulator import BIN
    for args in (["--weaver", "a:b:short-key"], ["--kingdee-client", "justone"], ["--fail-status", "404"]):
        done = subprocess.run([BIN, "emulate", "--listen", "127.0.0.1:0", *args], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 2 and done.stdout == "", (args, done)
