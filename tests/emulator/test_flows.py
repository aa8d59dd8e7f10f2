"""Each system's whole login flow against the emulator with Python `requests` and qianming:
fetch a token the way a client does, use it, see it refused once expired."""

from __future__ import annotations

import pytest
import requests
import qianming
from qianming import apusic, edge, kingdee, oauth, weaver
from qianming.requests import KingdeeAuth

from emulator import (APUSIC_USER, EDGE_USER, KINGDEE_APP, KINGDEE_CLIENT, OAUTH_CLIENT,
                      STANDARD, WEAVER, Emulator, error, send, verdict)


@pytest.fixture(scope="module")
def emu():
    with Emulator(*STANDARD) as e:
        yield e


def kingdee_token(emu: Emulator) -> str:
    signer = kingdee.Signer(*KINGDEE_CLIENT)
    request = kingdee.token_request(signer, emu.url, app_key=KINGDEE_APP[0], app_secret=KINGDEE_APP[1])
    response = send(request)
    assert response.status_code == 200, response.text
    return kingdee.parse_token_answer(response.content).app_token


def test_kingdee_app_token_then_a_business_call_signed_by_the_requests_plugin(emu):
    token = kingdee_token(emu)
    auth = KingdeeAuth(*KINGDEE_CLIENT)
    response = requests.get(f"{emu.url}/jdy/v2/bd/material", params={"search": "M6 bolt", "q": "a=b*~"},
                            headers={"app-token": token}, auth=auth, timeout=30)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["errcode"], body["data"]["path"], body["data"]["app_key"]) == (0, "/jdy/v2/bd/material", "abc")
    # The same signed request again is a replay: HTTP 519, and the doctor says so.
    again = requests.Session().send(response.request, timeout=30)
    assert (again.status_code, verdict(again), error(again)) == (519, "replayed", "replayed")
    # Without the app-token the gateway refuses the business call (signature fine).
    bare = requests.get(f"{emu.url}/jdy/v2/bd/material", auth=auth, timeout=30)
    assert (bare.status_code, bare.json()["errcode"], error(bare)) == (200, 1004, "missing_header")
    assert verdict(bare) is None


def test_kingdee_business_call_signed_by_the_httpx_plugin(emu):
    import httpx
    from qianming.httpx import KingdeeAuth as HttpxKingdeeAuth

    token = kingdee_token(emu)
    with httpx.Client(auth=HttpxKingdeeAuth(*KINGDEE_CLIENT), timeout=30) as client:
        response = client.get(f"{emu.url}/jdy/v2/bd/物料/a b", params={"search": "M6 bolt", "k": "="},
                              headers={"app-token": token})
        assert response.status_code == 200, response.text
        assert response.json()["data"]["path"] == "/jdy/v2/bd/物料/a b"
        # Signed with a ten-digit (seconds) timestamp instead: the emulator says which mistake it is.
        signer = kingdee.Signer(*KINGDEE_CLIENT)
        out = signer.sign("GET", "/jdy/v2/bd/material", timestamp=str(requests.get(f"{emu.url}/_emulator/clock", timeout=30).json()["now_ms"] // 1000))
        broken = client.get(f"{emu.url}/jdy/v2/bd/material", headers={**out.headers, "app-token": token},
                            auth=None)
        assert (broken.status_code, broken.headers["x-qianming-verdict"]) == (519, "timestamp_in_seconds")


def test_kingdee_wrong_app_secret_is_the_documented_refusal(emu):
    signer = kingdee.Signer(*KINGDEE_CLIENT)
    request = kingdee.token_request(signer, emu.url, app_key=KINGDEE_APP[0], app_secret="rotated")
    response = send(request)
    with pytest.raises(qianming.VendorErrorError, match="授权密钥校验失败"):
        kingdee.parse_token_answer(response.content)


def test_weaver_token_once_per_sign(emu):
    request = weaver.signed_token_request(weaver.Signer(*WEAVER), emu.url)
    first = send(request)
    assert weaver.parse_token_answer(first.content).token
    again = send(request)
    with pytest.raises(qianming.ReplayedError):
        weaver.parse_token_answer(again.content)
    assert (verdict(again), error(again)) == ("replayed", "replayed")


def test_weaver_disabled_appid(emu):
    request = weaver.signed_token_request(weaver.Signer("disabledappid", "s", WEAVER[2]), emu.url)
    with pytest.raises(qianming.AppidDisabledError, match="disabledappid"):
        weaver.parse_token_answer(send(request).content)


@pytest.mark.parametrize("mode", ["basic", "raw"])
def test_apusic_session_then_calls_with_the_cookie_and_the_header(emu, mode):
    request = apusic.session_request(emu.url, user=APUSIC_USER[0], password=APUSIC_USER[1],
                                     remote_host_name="127.0.0.1", mode=mode)
    token = apusic.parse_session_answer(send(request).content).token
    for options in ({}, {"x_auth_token": True}):
        headers = dict(apusic.call_headers(token, **options))
        response = requests.get(f"{emu.url}/management/domain", headers=headers, timeout=30)
        assert (response.status_code, response.json()["exit_code"]) == (200, "SUCCESS"), response.text
    wrong = apusic.session_request(emu.url, user="admin", password="nope", remote_host_name="127.0.0.1", mode=mode)
    refused = send(wrong)
    assert (refused.status_code, error(refused)) == (401, "login_failed")
    with pytest.raises(qianming.LoginFailedError):
        apusic.parse_session_answer(refused.content)


def test_apusic_refuses_a_post_without_x_requested_by(emu):
    response = requests.post(f"{emu.url}/management/sessions", auth=APUSIC_USER, timeout=30)
    assert (response.status_code, error(response)) == (400, "missing_header")


def authorize(emu: Emulator, state: str, verifier: str | None) -> str:
    url = oauth.authorize_url(emu.url, client_id=OAUTH_CLIENT[0], redirect_uri=OAUTH_CLIENT[2],
                              state=state, code_verifier=verifier)
    response = requests.get(url, allow_redirects=False, timeout=30)
    assert response.status_code == 302, response.text
    return oauth.parse_callback(response.headers["Location"], expected_state=state).code


def exchange(emu: Emulator, code: str, verifier: str | None) -> requests.Response:
    return send(oauth.token_request(emu.url, client_id=OAUTH_CLIENT[0], client_secret=OAUTH_CLIENT[1],
                                    redirect_uri=OAUTH_CLIENT[2], code=code, code_verifier=verifier))


def test_oauth_code_flow_with_pkce_and_user_info(emu):
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    code = authorize(emu, "st-1 é", verifier)
    token = oauth.parse_token_answer(exchange(emu, code, verifier).content)
    assert token.expires == 7200
    user = oauth.parse_userinfo_answer(send(oauth.userinfo_request(emu.url, access_token=token.access_token)).content)
    assert (user.id, user.attributes) == ("admin", [("loginName", "admin")])
    # A code works once.
    with pytest.raises(qianming.OauthErrorError, match="invalid_grant"):
        oauth.parse_token_answer(exchange(emu, code, verifier).content)


def test_oauth_pkce_is_checked(emu):
    code = authorize(emu, "st-2", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    refused = exchange(emu, code, "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    assert (refused.status_code, error(refused)) == (400, "oauth_error")
    with pytest.raises(qianming.OauthErrorError):
        oauth.parse_token_answer(refused.content)
    code = authorize(emu, "st-3", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    assert exchange(emu, code, None).status_code == 400


def test_oauth_unregistered_redirect_is_not_followed(emu):
    url = oauth.authorize_url(emu.url, client_id=OAUTH_CLIENT[0], redirect_uri="http://evil.invalid/cb")
    response = requests.get(url, allow_redirects=False, timeout=30)
    assert response.status_code == 400 and "Location" not in response.headers


def test_edge_login_call_refresh(emu):
    answer = edge.parse_token_answer(send(edge.login_request(emu.url, username=EDGE_USER[0], password=EDGE_USER[1])).content)
    claims = edge.read_jwt_claims(answer.access_token)
    assert claims.iss == "edge-gateway" and claims.exp == answer.expire
    name, value = edge.x_token_header(answer.access_token)
    call = requests.get(f"{emu.url}/v1.0/openapi/createProduct", headers={name: value}, timeout=30).json()
    assert (call["success"], call["result"]["username"]) == (True, "admin")
    renewed = edge.parse_token_answer(send(edge.refresh_request(emu.url, refresh_token=answer.refresh_token)).content)
    assert renewed.access_token
    # An access token is no refresh token.
    wrong = send(edge.refresh_request(emu.url, refresh_token=answer.access_token))
    assert error(wrong) == "invalid_jwt"
    with pytest.raises(qianming.LoginFailedError):
        edge.parse_token_answer(wrong.content)
    bad = send(edge.login_request(emu.url, username="admin", password="wrong"))
    with pytest.raises(qianming.LoginFailedError):
        edge.parse_token_answer(bad.content)


def test_every_request_is_logged_with_its_verdict(emu):
    request = weaver.signed_token_request(weaver.Signer(*WEAVER), emu.url)
    send(request)
    send(request)
    assert "POST /api/cus/token/auth/getToken -> 200 verdict=replayed error=replayed" in emu.log()
