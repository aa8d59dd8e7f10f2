"""Every case of every file in vectors/ through the Python binding (mirrors the Rust runner)."""

from __future__ import annotations

import base64
import json
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import pytest

import qianming
from qianming import (
    apusic, basic, dingtalk, doctor, ecology, edge, feishu, k3cloud, kingdee, oauth, token, weaver, wecom, yonyou
)

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
    request = dict(
        method=case["method"],
        path=case["path"],
        query=pairs(case.get("query")),
        headers=pairs(case.get("headers")),
        now_ms=case["now_ms"],
    )
    verifier: Optional[kingdee.Verifier] = None

    def run() -> kingdee.Verified:
        nonlocal verifier
        verifier = kingdee.Verifier(case["client_secret"], window_ms=case.get("window_ms"))
        return verifier.verify(**request)

    def check(out: kingdee.Verified) -> None:
        want = case["expected"]
        assert (out.client_id, out.timestamp_ms, out.nonce) == (
            want["client_id"],
            want["timestamp_ms"],
            want["nonce"],
        )
        # Sent again, it is a replay; diagnose agrees with the first verdict.
        assert verifier is not None
        with pytest.raises(qianming.ReplayedError):
            verifier.verify(**request)
        d = verifier.diagnose(**request)
        assert (d.ok, d.timestamp_ms, d.kind) == (True, want["timestamp_ms"], None)

    judge(case, run, check)
    if case.get("result", "valid") != "valid" and verifier is not None:
        try:  # a request too malformed to rebuild raises here too; otherwise the same refusal
            d = verifier.diagnose(**request)
        except qianming.QianmingError as e:
            assert e.kind == case["error"]
        else:
            assert (d.ok, d.kind) == (False, case["error"])


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


# ---- issue 6: token requests and answers -----------------------------------------------------


def answer_body(case: Dict[str, Any]) -> bytes:
    """``body`` (text) or ``body_hex``, then ``repeat`` × ``times``, then ``tail``."""
    out = bytes.fromhex(case["body_hex"]) if "body_hex" in case else case["body"].encode("utf-8")
    if "repeat" in case:
        out += case["repeat"].encode("utf-8") * case["times"]
    return bytes(out + case.get("tail", "").encode("utf-8"))


def check_request(want: Dict[str, Any], got: Any) -> None:
    """A built request against the case's ``expected`` request (headers in order)."""
    assert got.method == want["method"]
    assert got.url == want["url"]
    assert got.headers == [tuple(h) for h in want["headers"]]
    assert all(type(h) is tuple for h in got.headers)
    assert got.body == want["body"]
    for name, value in want["headers"]:
        assert got.header(name.upper()) is not None


def judge_answer(case: Dict[str, Any], run: Callable[[], Any], check: Callable[[Any], None]) -> None:
    """Like ``judge``; a refusal must also carry the case's ``refusal`` (code, message, batchkey)
    on the raised exception; any other error must carry none."""
    if case.get("result", "valid") == "valid":
        check(run())
        return
    judge(case, run, check)
    with pytest.raises(qianming.QianmingError) as info:
        run()
    e = info.value
    if "refusal" in case:
        want = case["refusal"]
        assert e.refusal is not None, "a refusal must carry .refusal"
        assert (e.refusal.code, e.refusal.message, e.refusal.batchkey) == (
            want["code"],
            want["message"],
            want["batchkey"],
        )
        assert (e.vendor_code, e.vendor_message, e.batchkey) == (
            want["code"],
            want["message"],
            want["batchkey"],
        )
        assert e.refusal.kind == e.kind == case["error"]
    else:
        assert e.refusal is None and e.vendor_code is None and e.vendor_message is None


def run_kingdee_token_request(case: Dict[str, Any]) -> None:
    def run() -> kingdee.TokenRequest:
        signer = kingdee.Signer(case["client_id"], case["client_secret"])
        return kingdee.token_request(
            signer,
            case["base_url"],
            app_key=case["app_key"],
            app_secret=case["app_secret"],
            uid=case["uid"],
            timestamp=case["timestamp"],
            nonce=case["nonce"],
        )

    def check(out: kingdee.TokenRequest) -> None:
        want = case["expected"]
        check_request(want, out)
        check_request(want, out.request)
        assert out.app_signature == want["app_signature"]
        assert out.signing.string_to_sign == want["string_to_sign"]
        assert out.signing.signature == out.header("X-Api-Signature")
        assert list(out.signing.headers.items()) == [tuple(h) for h in want["headers"]]

    judge(case, run, check)


def run_kingdee_token_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(t: kingdee.AppToken) -> None:
        want = case["expected"]
        assert t.app_token == want["app_token"]
        assert t.uid == want["uid"]
        assert t.lifetime.expires_at_ms == want["expires_at_ms"]
        assert t.lifetime.refresh_expires_at_ms is None

    judge_answer(case, lambda: kingdee.parse_token_answer(body, received_at_ms=case["received_at_ms"]), check)
    # bytearray gives the same answer as bytes.
    judge_answer(
        case, lambda: kingdee.parse_token_answer(bytearray(body), received_at_ms=case["received_at_ms"]), check
    )


def run_weaver_token_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: weaver.token_request(case["base_url"], appid=case["appid"], sign=case["sign"]),
        lambda out: check_request(case["expected"], out),
    )


def run_weaver_token_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(t: weaver.Token) -> None:
        want = case["expected"]
        assert (t.token, t.msg, t.batchkey) == (want["token"], want["msg"], want["batchkey"])
        assert t.lifetime.expires_at_ms == want["expires_at_ms"]

    judge_answer(case, lambda: weaver.parse_token_answer(body, received_at_ms=case["received_at_ms"]), check)


def run_apusic_session_request(case: Dict[str, Any]) -> None:
    def run() -> qianming.HttpRequest:
        base = apusic.base_url_for_host(case["host"]) if "host" in case else case["base_url"]
        return apusic.session_request(
            base,
            user=case["user"],
            password=case["password"],
            mode=case["mode"],
            remote_host_name=case["remote_host_name"],
        )

    judge(case, run, lambda out: check_request(case["expected"], out))


def run_apusic_session_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(t: apusic.SessionToken) -> None:
        assert (t.token, t.message) == (case["expected"]["token"], case["expected"]["message"])

    judge_answer(case, lambda: apusic.parse_session_answer(body), check)


def run_apusic_call_headers(case: Dict[str, Any]) -> None:
    def check(headers: List[Tuple[str, str]]) -> None:
        assert headers == [tuple(h) for h in case["expected"]["headers"]]

    judge(
        case,
        lambda: apusic.call_headers(
            case["token"], cookie_name=case["cookie_name"], x_auth_token=case["x_auth_token"]
        ),
        check,
    )


def run_oauth_authorize_url(case: Dict[str, Any]) -> None:
    def check(url: str) -> None:
        want = case["expected"]
        assert url == want["url"]
        verifier = case["code_verifier"]
        assert (oauth.pkce_challenge(verifier) if verifier is not None else None) == want["code_challenge"]

    judge(
        case,
        lambda: oauth.authorize_url(
            case["base_url"],
            client_id=case["client_id"],
            redirect_uri=case["redirect_uri"],
            state=case["state"],
            code_verifier=case["code_verifier"],
        ),
        check,
    )


def run_oauth_token_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: oauth.token_request(
            case["base_url"],
            client_id=case["client_id"],
            client_secret=case["client_secret"],
            redirect_uri=case["redirect_uri"],
            code=case["code"],
            code_verifier=case["code_verifier"],
        ),
        lambda out: check_request(case["expected"], out),
    )


def run_oauth_token_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(t: oauth.AccessToken) -> None:
        assert (t.access_token, t.expires) == (case["expected"]["access_token"], case["expected"]["expires"])

    judge_answer(case, lambda: oauth.parse_token_answer(body), check)


def run_oauth_userinfo_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: oauth.userinfo_request(case["base_url"], access_token=case["access_token"]),
        lambda out: check_request(case["expected"], out),
    )


def run_oauth_userinfo_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(u: oauth.UserInfo) -> None:
        assert u.id == case["expected"]["id"]
        assert u.attributes == [tuple(a) for a in case["expected"]["attributes"]]

    judge_answer(case, lambda: oauth.parse_userinfo_answer(body), check)


def run_oauth_callback(case: Dict[str, Any]) -> None:
    def check(cb: oauth.Callback) -> None:
        assert (cb.code, cb.state) == (case["expected"]["code"], case["expected"]["state"])

    judge(case, lambda: oauth.parse_callback(case["callback"], expected_state=case["expected_state"]), check)


def run_edge_login_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: edge.login_request(case["base_url"], username=case["username"], password=case["password"]),
        lambda out: check_request(case["expected"], out),
    )


def run_edge_refresh_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: edge.refresh_request(case["base_url"], refresh_token=case["refresh_token"]),
        lambda out: check_request(case["expected"], out),
    )


def run_edge_token_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(t: edge.EdgeToken) -> None:
        want = case["expected"]
        assert (t.access_token, t.refresh_token, t.expire, t.t, t.code) == (
            want["access_token"],
            want["refresh_token"],
            want["expire"],
            want["t"],
            want["code"],
        )
        assert t.lifetime.expires_at_ms == want["expires_at_ms"]
        assert t.lifetime.refresh_expires_at_ms == want["refresh_expires_at_ms"]

    judge_answer(case, lambda: edge.parse_token_answer(body), check)


def run_edge_x_token(case: Dict[str, Any]) -> None:
    def check(header: Tuple[str, str]) -> None:
        assert header == (case["expected"]["name"], case["expected"]["value"])

    judge(case, lambda: edge.x_token_header(case["access_token"]), check)


def run_edge_jwt(case: Dict[str, Any]) -> None:
    def check(c: edge.JwtClaims) -> None:
        want = case["expected"]
        assert (c.exp, c.iat, c.nbf, c.iss) == (want["exp"], want["iat"], want["nbf"], want["iss"])

    judge(case, lambda: edge.read_jwt_claims(case["jwt"]), check)


def run_token_lifetime(case: Dict[str, Any]) -> None:
    def run() -> Tuple[str, token.Lifetime]:
        if "exp_s" in case:
            life = token.Lifetime.from_exp_seconds(case["exp_s"])
        else:
            life = token.Lifetime.from_lifetime(case["issued_at_ms"], case["lifetime_ms"])
        if "refresh_expires_at_ms" in case:
            life = life.with_refresh_until(case["refresh_expires_at_ms"])
        if "refresh_exp_s" in case:
            life = life.with_refresh_exp_seconds(case["refresh_exp_s"])
        return life.action(now_ms=case["now_ms"], skew_ms=case["skew_ms"]), life

    def check(out: Tuple[str, token.Lifetime]) -> None:
        action, life = out
        assert action == case["expected"]["action"]
        assert token.TokenAction(action).value == action
        assert life.expires_at_ms == case["expected"]["expires_at_ms"]

    judge(case, run, check)


def same_verdict(report: Any, want: Dict[str, Any]) -> None:
    assert report.verdict == want["verdict"]
    assert report.mistakes == want["mistakes"]
    code, en, zh = doctor.VERDICTS[report.verdict]
    assert (report.verdict_code, report.explanation, report.explanation_zh) == (code, en, zh)
    assert en and zh and en != zh


def same_kingdee_report(report: doctor.KingdeeReport, want: Dict[str, Any], now_ms: int) -> None:
    same_verdict(report, want)
    assert report.string_to_sign == want["string_to_sign"]
    if "client_string_to_sign" in want:
        assert report.client_string_to_sign == want["client_string_to_sign"]
    if "time_difference_ms" in want:
        assert report.time_difference_ms == want["time_difference_ms"]
    assert (report.now_ms, report.window_ms) == (now_ms, doctor.DEFAULT_WINDOW_MS)


def run_kingdee_doctor(case: Dict[str, Any]) -> None:
    """With a verifier for the secret that accepted the request first when `accepted_before`."""
    request = dict(
        method=case["method"],
        path=case["path"],
        query=pairs(case.get("query")),
        headers=pairs(case.get("headers")),
    )
    now = case["now_ms"]

    def run() -> doctor.KingdeeReport:
        seen = None
        if case.get("accepted_before"):
            seen = kingdee.Verifier(case["client_secret"])
            seen.verify(**request, now_ms=now)
        return doctor.kingdee(case["client_secret"], **request, now_ms=now, verifier=seen)

    judge(case, run, lambda r: same_kingdee_report(r, case["expected"], now))


def run_kingdee_doctor_pasted(case: Dict[str, Any]) -> None:
    now = case["now_ms"]

    def run() -> doctor.PastedRequest:
        return doctor.kingdee_pasted(case["client_secret"], case["text"], format=case["format"], now_ms=now)

    def check(p: doctor.PastedRequest) -> None:
        want = case["expected"]
        assert (p.method, p.path, p.body) == (want["method"], want["path"], want["body"])
        assert p.query == pairs(want["query"])
        assert p.headers == pairs(want["headers"])
        assert p.target.startswith("/"), p.target
        same_kingdee_report(p.report, want, now)

    judge(case, run, check)


def run_weaver_doctor(case: Dict[str, Any]) -> None:
    args = (case["appid"], case["secret"], case["aes_key"], case["sign"])
    now = case["now_ms"]

    def run() -> doctor.WeaverReport:
        seen = None
        if case.get("accepted_before"):
            seen = weaver.Verifier(*args[:3])
            seen.verify(case["sign"], now_ms=now)
        return doctor.weaver(*args, now_ms=now, verifier=seen)

    def check(r: doctor.WeaverReport) -> None:
        want = case["expected"]
        same_verdict(r, want)
        assert (r.timestamp_ms, r.time_difference_ms) == (want["timestamp_ms"], want["time_difference_ms"])
        assert (r.plaintext_layout is not None) == (r.timestamp_ms is not None)
        assert (r.now_ms, r.window_ms) == (now, doctor.DEFAULT_WINDOW_MS)

    judge(case, run, check)


# ---- WXBizMsgCrypt, DingTalk, Feishu, Yonyou --------------------------------------------------


def run_wecom_signature(case: Dict[str, Any]) -> None:
    args = (case["token"], case["timestamp"], case["nonce"], case["encrypt"])

    def check(signature: str) -> None:
        assert signature == case["signature"]
        assert wecom.verify_msg_signature(*args, case["signature"]) is None
        with pytest.raises(qianming.SignatureMismatchError):
            wecom.verify_msg_signature(*args, case["signature"].upper())

    judge(case, lambda: wecom.msg_signature(*args), check)
    # The check refuses what the signature refuses, with the same kind.
    judge(case, lambda: wecom.verify_msg_signature(*args, case.get("signature", "")), lambda _: None)


def run_wecom_decrypt(case: Dict[str, Any]) -> None:
    key, receive_id, encrypt = case["encoding_aes_key"], case["receive_id"], case["encrypt"]

    def check(message: str) -> None:
        assert message == case["message"]

    judge(case, lambda: wecom.decrypt(key, receive_id, encrypt), check)
    # The same through verify_and_decrypt, under a signature made for it.
    signature = wecom.msg_signature("tok", "1700000000", "n", encrypt)
    judge(
        case,
        lambda: wecom.verify_and_decrypt(
            "tok", key, receive_id, timestamp="1700000000", nonce="n", encrypt=encrypt, msg_signature=signature
        ),
        check,
    )


def run_wecom_encrypt(case: Dict[str, Any]) -> None:
    key, receive_id = case["encoding_aes_key"], case["receive_id"]

    def run(random: Union[bytes, bytearray]) -> wecom.EncryptedReply:
        return wecom.encrypt_reply(
            key,
            receive_id,
            case["message"],
            token=case["token"],
            timestamp=case["timestamp"],
            nonce=case["nonce"],
            random=random,
        )

    def check(out: wecom.EncryptedReply) -> None:
        assert (out.encrypt, out.signature) == (case["encrypt"], case["signature"])
        assert wecom.decrypt(key, receive_id, out.encrypt) == case["message"]
        assert (
            wecom.verify_and_decrypt(
                case["token"],
                key,
                receive_id,
                timestamp=case["timestamp"],
                nonce=case["nonce"],
                encrypt=out.encrypt,
                msg_signature=out.signature,
            )
            == case["message"]
        )

    # The random prefix as the core reads hex, and as bytes / bytearray decoded here.
    judge(case, lambda: run(wecom.random_from_hex(case["random_hex"])), check)
    judge(case, lambda: run(bytes.fromhex(case["random_hex"])), check)
    judge(case, lambda: run(bytearray.fromhex(case["random_hex"])), check)


def run_dingtalk_robot_sign(case: Dict[str, Any]) -> None:
    def check(out: dingtalk.RobotSign) -> None:
        assert (out.sign, out.sign_urlencoded) == (case["sign"], case["sign_urlencoded"])

    judge(case, lambda: dingtalk.robot_sign(case["secret"], case["timestamp_ms"]), check)


def run_feishu_bot_sign(case: Dict[str, Any]) -> None:
    def check(sign: str) -> None:
        assert sign == case["sign"]

    judge(case, lambda: feishu.bot_sign(case["secret"], case["timestamp"]), check)


def run_feishu_decrypt(case: Dict[str, Any]) -> None:
    def check(plaintext: str) -> None:
        assert plaintext == case["plaintext"]

    judge(case, lambda: feishu.decrypt(case["encrypt_key"], case["encrypt"]), check)


def run_feishu_event_signature(case: Dict[str, Any]) -> None:
    head = (case["timestamp"], case["nonce"], case["encrypt_key"])
    body = case["body"]

    def check(signature: str) -> None:
        assert signature == case["signature"]
        # The body as str, bytes or bytearray: the same bytes.
        assert feishu.event_signature(*head, body.encode("utf-8")) == signature
        assert feishu.event_signature(*head, bytearray(body.encode("utf-8"))) == signature
        assert feishu.verify_event_signature(*head, body.encode("utf-8"), signature) is None
        with pytest.raises(qianming.SignatureMismatchError):
            feishu.verify_event_signature(*head, body.encode("utf-8") + b" ", signature)

    judge(case, lambda: feishu.event_signature(*head, body), check)
    judge(case, lambda: feishu.verify_event_signature(*head, body, case.get("signature", "")), lambda _: None)


def run_yonyou_signature(case: Dict[str, Any]) -> None:
    def check(out: yonyou.Signature) -> None:
        assert (out.signature, out.signature_urlencoded) == (case["signature"], case["signature_urlencoded"])

    judge(case, lambda: yonyou.signature(case["app_key"], case["app_secret"], case["timestamp_ms"]), check)


def run_yonyou_token_request(case: Dict[str, Any]) -> None:
    args = (case["app_key"], case["app_secret"], case["timestamp_ms"])

    def check(out: qianming.HttpRequest) -> None:
        check_request(case["expected"], out)
        if case["token_url"] == yonyou.DEFAULT_TOKEN_URL:
            assert yonyou.token_request(*args) == out

    judge(case, lambda: yonyou.token_request(*args, token_url=case["token_url"]), check)


def run_yonyou_token_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(t: yonyou.Token) -> None:
        want = case["expected"]
        assert (t.access_token, t.expire_s, t.message) == (want["access_token"], want["expire_s"], want["message"])
        assert t.lifetime.expires_at_ms == want["expires_at_ms"]
        assert t.lifetime.refresh_expires_at_ms is None

    judge_answer(case, lambda: yonyou.parse_token_answer(body, received_at_ms=case["received_at_ms"]), check)
    judge_answer(
        case, lambda: yonyou.parse_token_answer(bytearray(body), received_at_ms=case["received_at_ms"]), check
    )


# ---- Kingdee K3Cloud, Weaver e-cology 9 -------------------------------------------------------


def k3cloud_identity(case: Dict[str, Any]) -> Tuple[str, str, str, str]:
    return (case["acct_id"], case["user_name"], case["app_id"], case["app_secret"])


def run_k3cloud_gateway_secret(case: Dict[str, Any]) -> None:
    def check(out: k3cloud.GatewayCredentials) -> None:
        want = case["expected"]
        assert (out.client_id, out.gateway_secret) == (want["client_id"], want["gateway_secret"])

    judge(case, lambda: k3cloud.gateway_credentials(case["app_id"]), check)


def run_k3cloud_sign(case: Dict[str, Any]) -> None:
    ident = k3cloud_identity(case)
    opts: Dict[str, Any] = dict(
        lcid=case["lcid"], org_num=case["org_num"], timestamp_unit=case["timestamp_unit"],
        timestamp_ms=case["timestamp_ms"],
    )
    defaults = (case["lcid"], case["org_num"], case["timestamp_unit"]) == (
        k3cloud.DEFAULT_LCID, "0", k3cloud.DEFAULT_TIMESTAMP_UNIT
    )

    def check_request_of(out: qianming.HttpRequest) -> None:
        check_request(case["expected"], out)
        if defaults:  # the same request with the defaults left out
            assert k3cloud.request(*ident, case["url"], case["body"], timestamp_ms=case["timestamp_ms"]) == out

    def check_signed(out: k3cloud.SignedHeaders) -> None:
        want = case["expected"]
        assert (out.timestamp, out.string_to_sign, out.app_data) == (
            want["timestamp"], want["string_to_sign"], want["app_data"]
        )
        # The nine signed headers are the request's, less its Content-Type.
        assert out.headers == [tuple(h) for h in want["headers"]][:-1]
        assert all(type(h) is tuple for h in out.headers)
        headers = dict(out.headers)
        assert (out.api_signature, out.kd_signature) == (headers["X-Api-Signature"], headers["X-Kd-Signature"])

    judge(case, lambda: k3cloud.request(*ident, case["url"], case["body"], **opts), check_request_of)
    judge(case, lambda: k3cloud.sign(*ident, case["url"], **opts), check_signed)


def run_k3cloud_login_sign(case: Dict[str, Any]) -> None:
    ident = k3cloud_identity(case)

    def check(sign: str) -> None:
        assert sign == case["expected"]["sign"]
        if case["hash"] == k3cloud.DEFAULT_LOGIN_HASH:
            assert k3cloud.login_sign(*ident, case["timestamp_s"]) == sign

    judge(case, lambda: k3cloud.login_sign(*ident, case["timestamp_s"], hash=case["hash"]), check)


def run_k3cloud_login_by_sign_request(case: Dict[str, Any]) -> None:
    ident = k3cloud_identity(case)

    def check(out: qianming.HttpRequest) -> None:
        check_request(case["expected"], out)
        sign = k3cloud.login_sign(*ident, case["timestamp_s"], hash=case["hash"])
        assert f'"{sign}"' in (out.body or "")

    judge(
        case,
        lambda: k3cloud.login_by_sign_request(
            case["server_url"], *ident, case["timestamp_s"], lcid=case["lcid"], hash=case["hash"]
        ),
        check,
    )


def run_k3cloud_login_by_app_secret_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: k3cloud.login_by_app_secret_request(case["server_url"], *k3cloud_identity(case), lcid=case["lcid"]),
        lambda out: check_request(case["expected"], out),
    )


def run_k3cloud_login_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(s: k3cloud.Session) -> None:
        want = case["expected"]
        assert (s.session_id, s.message, s.is_success_by_api) == (
            want["session_id"], want["message"], want["is_success_by_api"]
        )
        assert k3cloud.session_headers(s.session_id)[0] == (k3cloud.SESSION_COOKIE, s.session_id)

    judge_answer(case, lambda: k3cloud.parse_login_answer(body), check)
    judge_answer(case, lambda: k3cloud.parse_login_answer(body.decode("utf-8")), check)


try:  # the main test venv installs cryptography (test.sh); the other interpreters' may not
    from cryptography.hazmat.primitives.asymmetric import padding as _padding
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey as _RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_der_private_key as _load_der_private_key

    HAVE_CRYPTOGRAPHY = True
except ImportError:  # pragma: no cover - depends on the venv
    HAVE_CRYPTOGRAPHY = False


def check_sealed(case: Dict[str, Any], ciphertext: str, plaintext: str) -> None:
    """An e-cology ciphertext: Base64 of one RSA block of the case's key that, with
    ``cryptography``, decrypts (PKCS#1 v1.5) with the case's private key to ``plaintext``."""
    sealed = base64.b64decode(ciphertext, validate=True)
    assert len(sealed) * 8 == ecology.server_key(case["spk"]).bits
    if not HAVE_CRYPTOGRAPHY:
        return
    key = _load_der_private_key(base64.b64decode(case["private_key"]), None)
    assert isinstance(key, _RSAPrivateKey)
    assert key.decrypt(sealed, _padding.PKCS1v15()).decode("utf-8") == plaintext


def run_with_seeds(case: Dict[str, Any], run: Callable[[Any], Any], check: Callable[[Any], None]) -> None:
    """The seed as the core reads its hex, and as bytes / bytearray decoded here (when it is
    hex): one answer per seed. Without a seed, a valid case draws one and passes the same check
    with another ciphertext; an invalid case with a well-formed seed is refused the same way."""
    judge(case, lambda: run(ecology.seed_from_hex(case["seed_hex"])), check)
    try:
        raw: Optional[bytes] = bytes.fromhex(case["seed_hex"])
    except ValueError:
        raw = None
    if raw is not None:
        judge(case, lambda: run(raw), check)
        judge(case, lambda: run(bytearray(raw)), check)
    if case["result"] == "valid":
        seeded = run(ecology.seed_from_hex(case["seed_hex"]))
        assert run(raw) == seeded == run(bytearray(raw or b""))
        drawn = run(None)
        check(drawn)
        assert drawn != seeded
    elif raw is not None and len(raw) == ecology.SEED_LEN:
        judge(case, lambda: run(None), check)


def run_ecology_server_key(case: Dict[str, Any]) -> None:
    def check(k: ecology.ServerKey) -> None:
        assert k.bits == case["expected"]["bits"]
        assert k.max_plaintext_len == k.bits // 8 - 11

    judge(case, lambda: ecology.server_key(case["spk"]), check)


def run_ecology_encrypt(case: Dict[str, Any]) -> None:
    def check(ciphertext: str) -> None:
        check_sealed(case, ciphertext, case["expected"]["plaintext"])

    run_with_seeds(case, lambda seed: ecology.encrypt(case["spk"], case["plaintext"], seed=seed), check)


def run_ecology_regist_request(case: Dict[str, Any]) -> None:
    judge(
        case,
        lambda: ecology.regist_request(case["base_url"], case["appid"], case["cpk"]),
        lambda out: check_request(case["expected"], out),
    )


def run_ecology_regist_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)

    def check(r: ecology.Registration) -> None:
        want = case["expected"]
        assert (r.secrit, r.spk, r.message) == (want["secrit"], want["spk"], want["message"])

    judge_answer(case, lambda: ecology.parse_regist_answer(body), check)
    judge_answer(case, lambda: ecology.parse_regist_answer(bytearray(body)), check)


def check_sealed_headers(
    case: Dict[str, Any], headers: List[Tuple[str, str]], sealed_name: str, plaintext: str
) -> None:
    want = case["expected"]
    assert [name for name, _ in headers] == want["header_names"]
    assert all(type(h) is tuple for h in headers)
    for pair in want["plain_headers"]:
        assert tuple(pair) in headers, pair
    check_sealed(case, dict(headers)[sealed_name], plaintext)


def run_ecology_token_request(case: Dict[str, Any]) -> None:
    def run(seed: Any) -> qianming.HttpRequest:
        return ecology.applytoken_request(
            case["base_url"], case["appid"], case["spk"], case["secrit"], seed=seed, time_s=case.get("time_s")
        )

    def check(out: qianming.HttpRequest) -> None:
        want = case["expected"]
        assert (out.method, out.url, out.body) == (want["method"], want["url"], want["body"])
        check_sealed_headers(case, out.headers, "secret", want["secret_decrypts_to"])

    run_with_seeds(case, run, check)


def run_ecology_token_answer(case: Dict[str, Any]) -> None:
    body = answer_body(case)
    at, lifetime = case["received_at_ms"], case["lifetime_s"]

    def check(t: ecology.Token) -> None:
        want = case["expected"]
        assert (t.token, t.message) == (want["token"], want["message"])
        assert t.lifetime.expires_at_ms == want["expires_at_ms"]
        if lifetime == ecology.DEFAULT_TOKEN_LIFETIME_S:
            assert ecology.parse_token_answer(body, received_at_ms=at).lifetime.expires_at_ms == want["expires_at_ms"]

    judge_answer(case, lambda: ecology.parse_token_answer(body, received_at_ms=at, lifetime_s=lifetime), check)


def run_ecology_call_headers(case: Dict[str, Any]) -> None:
    def run(seed: Any) -> List[Tuple[str, str]]:
        return ecology.call_headers(case["appid"], case["token"], case["spk"], case["userid"], seed=seed)

    run_with_seeds(
        case, run, lambda out: check_sealed_headers(case, out, "userid", case["expected"]["userid_decrypts_to"])
    )


RUNNERS: Dict[str, Callable[[Dict[str, Any]], None]] = {
    "app_signature": run_app_signature,
    "request": run_request,
    "verify_request": run_verify_request,
    "sign": run_sign,
    "verify_sign": run_verify_sign,
    "basic_encode": run_basic_encode,
    "basic_decode": run_basic_decode,
    "kingdee_token_request": run_kingdee_token_request,
    "kingdee_token_answer": run_kingdee_token_answer,
    "weaver_token_request": run_weaver_token_request,
    "weaver_token_answer": run_weaver_token_answer,
    "apusic_session_request": run_apusic_session_request,
    "apusic_session_answer": run_apusic_session_answer,
    "apusic_call_headers": run_apusic_call_headers,
    "oauth_authorize_url": run_oauth_authorize_url,
    "oauth_token_request": run_oauth_token_request,
    "oauth_token_answer": run_oauth_token_answer,
    "oauth_userinfo_request": run_oauth_userinfo_request,
    "oauth_userinfo_answer": run_oauth_userinfo_answer,
    "oauth_callback": run_oauth_callback,
    "edge_login_request": run_edge_login_request,
    "edge_refresh_request": run_edge_refresh_request,
    "edge_token_answer": run_edge_token_answer,
    "edge_x_token": run_edge_x_token,
    "edge_jwt": run_edge_jwt,
    "token_lifetime": run_token_lifetime,
    "kingdee_doctor": run_kingdee_doctor,
    "kingdee_doctor_pasted": run_kingdee_doctor_pasted,
    "weaver_doctor": run_weaver_doctor,
    "wecom_signature": run_wecom_signature,
    "wecom_decrypt": run_wecom_decrypt,
    "wecom_encrypt": run_wecom_encrypt,
    "dingtalk_robot_sign": run_dingtalk_robot_sign,
    "feishu_bot_sign": run_feishu_bot_sign,
    "feishu_decrypt": run_feishu_decrypt,
    "feishu_event_signature": run_feishu_event_signature,
    "yonyou_signature": run_yonyou_signature,
    "yonyou_token_request": run_yonyou_token_request,
    "yonyou_token_answer": run_yonyou_token_answer,
    "k3cloud_gateway_secret": run_k3cloud_gateway_secret,
    "k3cloud_sign": run_k3cloud_sign,
    "k3cloud_login_sign": run_k3cloud_login_sign,
    "k3cloud_login_by_sign_request": run_k3cloud_login_by_sign_request,
    "k3cloud_login_by_app_secret_request": run_k3cloud_login_by_app_secret_request,
    "k3cloud_login_answer": run_k3cloud_login_answer,
    "ecology_server_key": run_ecology_server_key,
    "ecology_encrypt": run_ecology_encrypt,
    "ecology_regist_request": run_ecology_regist_request,
    "ecology_regist_answer": run_ecology_regist_answer,
    "ecology_token_request": run_ecology_token_request,
    "ecology_token_answer": run_ecology_token_answer,
    "ecology_call_headers": run_ecology_call_headers,
}


@pytest.mark.parametrize(
    "file,section,case",
    CASES,
    ids=[f"{f}:{s}:{c.get('id')}" for f, s, c in CASES],
)
def test_vector(file: str, section: str, case: Dict[str, Any]) -> None:
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
    # Every section has a runner (an unknown one also fails its own cases), and every runner
    # has cases.
    assert sections == set(RUNNERS), (sections - set(RUNNERS), set(RUNNERS) - sections)
    assert total >= 770, total
