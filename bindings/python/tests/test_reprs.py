"""Result objects print like Python values: texts as Python's repr writes them, ``None`` for an
absent value (not Rust's ``Some("…")``/``None`` forms), secrets never."""

from __future__ import annotations

from qianming import basic, dingtalk, edge, kingdee, oauth, weaver, wecom, yonyou

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJleHAiOjE3MDAwMDM2MDAsImlhdCI6MTcwMDAwMDAwMCwiaXNzIjoiZWRnZS1nYXRld2F5In0.c2lnbmF0dXJl"
)


def test_optional_texts_and_numbers_print_as_python() -> None:
    with_uid = kingdee.parse_token_answer(
        '{"errcode":0,"data":{"uid":"10086","app-token":"tok"}}', received_at_ms=0
    )
    without_uid = kingdee.parse_token_answer('{"errcode":0,"data":{"app-token":"tok"}}', received_at_ms=0)
    assert repr(with_uid) == "AppToken(app_token=<redacted>, uid='10086')"
    assert repr(without_uid) == "AppToken(app_token=<redacted>, uid=None)"
    assert repr(oauth.parse_token_answer("access_token=t&expires=7200")).endswith("expires=7200)")
    assert repr(oauth.parse_token_answer("access_token=t")).endswith("expires=None)")
    assert repr(edge.read_jwt_claims(JWT)) == "JwtClaims(exp=1700003600, iat=1700000000, nbf=None, iss='edge-gateway')"
    token = weaver.parse_token_answer('{"status":true,"token":"t"}', received_at_ms=0)
    assert repr(token) == "Token(token=<redacted>, batchkey=None)"


def test_texts_are_quoted_and_escaped_as_python_does() -> None:
    for user in ["admin", "it's", 'say "hi"', "中文", "tab\there", "back\\slash"]:
        parsed = basic.parse_credentials(basic.credentials(user, "pw"))
        assert repr(parsed) == f"Credentials(user={user!r}, password=<redacted>)"
    signer = weaver.Signer("app'id", "secret", "0123456789abcdef")
    assert repr(signer) == "Signer(appid=\"app'id\", secret=<redacted>, aes_key=<redacted>)"
    assert repr(kingdee.Signer("123456", "s")) == "Signer(client_id='123456', client_secret=<redacted>)"


def test_signing_results_print_their_public_parts() -> None:
    out = kingdee.Signer("123456", "s").sign("GET", "/a b", timestamp=1, nonce="1")
    assert repr(out).startswith("SignedRequest(method='GET', canonical_path='%2Fa+b', signature='")
    assert "Some(" not in repr(kingdee.explain_app_signature("abc", "abc123"))
    explanation = weaver.explain("a", "b", "0123456789abcdef", 1)
    assert repr(explanation) == f"Explanation(plaintext={explanation.plaintext!r}, sign={explanation.sign!r})"


def test_verifiers_and_their_results_print_without_secrets() -> None:
    # Kingdee's repr reads two values under one lock (it once took the lock twice and hung).
    verifier = kingdee.Verifier("topsecret", window_ms=1000)
    assert repr(verifier) == "Verifier(client_secret=<redacted>, window_ms=1000, remembered=0)"
    out = kingdee.Signer("123456", "topsecret").sign("GET", "/a", timestamp=1, nonce="42")
    v = verifier.verify("GET", "/a", headers=out.headers, now_ms=1)
    assert repr(v) == "Verified(client_id='123456', timestamp_ms=1, nonce='42')"
    assert repr(verifier) == "Verifier(client_secret=<redacted>, window_ms=1000, remembered=1)"
    assert repr(v.replay) == f"ReplayTicket(key={v.replay_key!r}, expires_at_ms=1001)"
    d = kingdee.Verifier("other").diagnose("GET", "/a", headers=out.headers, now_ms=1)
    assert repr(d) == "Diagnosis(ok=False, kind='signature_mismatch', timestamp_ms=None, canonical_path='%2Fa')"
    w = weaver.Verifier("a", "b", "0123456789abcdef")
    assert repr(w.verify(weaver.sign("a", "b", "0123456789abcdef", 5), now_ms=5)) == "Verified(timestamp_ms=5)"
    assert repr(w) == "Verifier(window_ms=300000, remembered=1)"


def test_messaging_results_print_without_secrets() -> None:
    token = yonyou.parse_token_answer(
        '{"code":"00000","message":"成功！","data":{"access_token":"tok-2215d3c7","expire":7200}}',
        received_at_ms=0,
    )
    assert repr(token) == "Token(access_token=<redacted>, expire_s=7200, message='成功！')"
    assert "tok-2215d3c7" not in repr(token) and "tok-2215d3c7" not in str(token)
    bare = yonyou.parse_token_answer('{"code":"00000","data":{"access_token":"t","expire":1}}', received_at_ms=0)
    assert repr(bare) == "Token(access_token=<redacted>, expire_s=1, message=None)"
    s = yonyou.signature("k", "app-secret-value", 1)
    assert repr(s) == f"Signature(signature={s.signature!r})" and "app-secret-value" not in repr(s)
    sign = dingtalk.robot_sign("SECrobot-secret", 1)
    assert repr(sign) == f"RobotSign(sign={sign.sign!r})" and "SECrobot" not in repr(sign)
    reply = wecom.encrypt_reply(
        "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx1", "m", token="callback-token",
        timestamp="1", nonce="n", random=bytes(16),
    )
    assert repr(reply) == f"EncryptedReply(encrypt={reply.encrypt!r}, signature={reply.signature!r})"
    assert "callback-token" not in repr(reply) and "jWmYm7" not in repr(reply)
