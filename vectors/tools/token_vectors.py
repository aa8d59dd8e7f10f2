"""Vector files for the token requests and answers of issue 6 (docs/spec/kingdee.md#app-token-request,
docs/spec/kingdee.md#app-token-answer, docs/spec/weaver.md, docs/spec/apusic.md, docs/spec/oauth.md,
docs/spec/edge.md, docs/spec/common.md#token-lifetimes). Called by make_vectors.py; stdlib only
(hashlib, base64, json, urllib-free).

Valid outputs are computed here, independently of the Rust code; the error kind of each
invalid case is written by hand from the rules in docs/spec/ and the rustdoc of the parsers.
"""
import base64
import hashlib
import json

import make_vectors as mv

PROV = ("qianming's own cases; expected values computed by vectors/tools/token_vectors.py (run by "
        "make_vectors.py), an independent Python implementation (stdlib hashlib, hmac, base64, json), "
        "not by the Rust code; error kinds of invalid cases written by hand from docs/spec/.")
DAY = 24 * 3600 * 1000
SEED_ACCESS = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJRCI6MSwiVXNlcm5hbWUiOiJhZG1pbiIsImV4cCI6MTY4NjM5MzI5NiwiaXNzIjoiZWRnZS1nYXRld2F5IiwibmJmIjoxNjg2Mzg2MDk2fQ.jtD5t23hfs21PdHV6qeqqhqU2o17BJ4KS0rXqdUOsh0")
SEED_REFRESH = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJRCI6MSwiVXNlcm5hbWUiOiJhZG1pbiIsImV4cCI6MTY4NzU5NTY5NiwiaXNzIjoiZWRnZS1nYXRld2F5IiwibmJmIjoxNjg2Mzg2MDk2fQ.cY44sa53utIzffs5zDwvae0esTMawgZAL3h3BzPXfJM")
HTML = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
DEEP = "[" * 40 + "]" * 40


def case(cid, comment, result, out=None, error=None, **fields):
    c = {"id": cid, "comment": comment}
    c.update(fields)
    c["result"] = result
    if result == "valid":
        c["expected"] = out
    else:
        c["error"] = error
        if out is not None:
            c["refusal"] = out
    return c


def req(method, url, headers, body=None):
    return {"method": method, "url": url, "headers": [list(h) for h in headers], "body": body}


def form_query(pairs):
    return "&".join(mv.G(n) + "=" + mv.G(v) for n, v in pairs)


def hostile(prefix, extra_ok=True):
    """Malformed bodies every answer parser must refuse the same way."""
    return [
        case(prefix + "-html", "an HTML error page from a proxy", "invalid", error="invalid_json", body=HTML),
        case(prefix + "-not-json", "plain text", "invalid", error="invalid_json", body="Service Unavailable"),
        case(prefix + "-truncated", "the body ends early", "invalid", error="invalid_json", body='{"a":"b'),
        case(prefix + "-array", "JSON, but not an object", "invalid", error="invalid_json", body="[]"),
        case(prefix + "-float-overflow", "a number out of range for a double", "invalid", error="invalid_json", body='{"x":1e400}'),
        case(prefix + "-deep", "nesting deeper than MAX_JSON_DEPTH (32)", "invalid", error="input_too_large",
             body='{"x":' + DEEP + "}"),
        case(prefix + "-megabyte", "a body over MAX_ANSWER_BYTES (256 KiB): a megabyte string", "invalid",
             error="input_too_large", body='{"x":"', repeat="a", times=1 << 20, tail='"}'),
        case(prefix + "-bad-utf8", "a string that is not UTF-8", "invalid", error="invalid_json", body_hex="7b2278223a22ff227d"),
    ]


# --- Kingdee -------------------------------------------------------------------------------

def kingdee():
    reqs = []
    def kreq(cid, comment, base="https://api.kingdee.com", app_key="abc", app_secret="abc123", uid=None,
             client_id="205022", client_secret="0123456789abcdef0123456789abcdef", ts="1700000000000",
             nonce="1234567890", error=None):
        fields = dict(base_url=base, client_id=client_id, client_secret=client_secret, app_key=app_key,
                      app_secret=app_secret, uid=uid, timestamp=ts, nonce=nonce)
        if error:
            return case(cid, comment, "invalid", error=error, **fields)
        _, sig = mv.b64hex_hmac(app_secret, app_key)
        b = base.rstrip("/")
        prefix = b.split("://", 1)[1]
        prefix = prefix[prefix.index("/"):] if "/" in prefix else ""
        query = [["app_key", app_key], ["app_signature", sig]] + ([["uid", uid]] if uid is not None else [])
        k = {"client_id": client_id, "client_secret": client_secret, "method": "GET",
             "path": prefix + "/jdyconnector/app_management/kingdee_auth_token", "timestamp": ts,
             "nonce": nonce, "query": query, "sign_headers": []}
        result, out = mv.kingdee_sign(k)
        assert result == "valid", (cid, out)
        headers = [(n, out["headers"][n]) for n in ("X-Api-ClientID", "X-Api-Auth-Version", "X-Api-TimeStamp",
                                                     "X-Api-Nonce", "X-Api-SignHeaders", "X-Api-Signature")]
        e = req("GET", b + "/jdyconnector/app_management/kingdee_auth_token?" + out["wire_query"], headers)
        e["app_signature"] = sig
        e["string_to_sign"] = out["string_to_sign"]
        return case(cid, comment, "valid", e, **fields)
    reqs += [
        kreq("kt-req-seed", "seed 001 app key and secret"),
        kreq("kt-req-uid", "with the optional uid", uid="1234 5"),
        kreq("kt-req-trailing-slash", "a trailing / on the base URL is dropped", base="https://api.kingdee.com/"),
        kreq("kt-req-prefix", "a path prefix on the base URL is kept and signed", base="http://10.0.0.1:8080/gw"),
        kreq("kt-req-empty-app-secret", "empty app secret", app_secret="", error="empty_secret"),
        kreq("kt-req-empty-client-secret", "empty client secret", client_secret="", error="empty_secret"),
        kreq("kt-req-bad-base", "not http(s)", base="ftp://api.kingdee.com", error="invalid_url"),
        kreq("kt-req-crlf-base", "CR LF in the base URL", base="https://api.kingdee.com\r\nX-Evil: 1", error="invalid_url"),
        kreq("kt-req-query-in-base", "a query in the base URL", base="https://api.kingdee.com/?a=b", error="invalid_url"),
        kreq("kt-req-crlf-nonce", "CR LF in the nonce (header injection)", nonce="1\r\nX-Evil: 1", error="invalid_header_value"),
        kreq("kt-req-bad-timestamp", "timestamp not decimal", ts="17e11", error="invalid_timestamp"),
    ]
    ans = []
    def kans(cid, comment, body, result, out=None, error=None, **kw):
        return case(cid, comment, result, out, error, body=body, received_at_ms=1700000000000, **kw)
    ans += [
        kans("kt-ans-ok", "the documented success shape", '{"errcode":0,"description":"成功","data":{"uid":"10086","app-token":"8c1f3e"}}',
             "valid", {"app_token": "8c1f3e", "uid": "10086", "expires_at_ms": 1700000000000 + DAY}),
        kans("kt-ans-numeric-uid", "uid as a number is kept as its text", '{"errcode":0,"description":"成功","data":{"uid":10086,"app-token":"t"}}',
             "valid", {"app_token": "t", "uid": "10086", "expires_at_ms": 1700000000000 + DAY}),
        kans("kt-ans-no-uid", "no uid", '{"errcode":"0","data":{"app-token":"t"}}',
             "valid", {"app_token": "t", "uid": None, "expires_at_ms": 1700000000000 + DAY}),
        kans("kt-ans-refused", "wrong or rotated secret", '{"errcode":1001,"description":"授权密钥校验失败"}',
             "invalid", {"code": "1001", "message": "授权密钥校验失败", "batchkey": None}, "vendor_error"),
        kans("kt-ans-refused-string-code", "errcode as a string", '{"errcode":"40001","description":"invalid","data":null}',
             "invalid", {"code": "40001", "message": "invalid", "batchkey": None}, "vendor_error"),
        kans("kt-ans-no-errcode", "errcode missing", '{"description":"成功","data":{"app-token":"t"}}', "invalid", error="missing_field"),
        kans("kt-ans-no-data", "errcode 0 without data", '{"errcode":0,"description":"成功"}', "invalid", error="missing_field"),
        kans("kt-ans-no-token", "data without app-token", '{"errcode":0,"data":{"uid":"1"}}', "invalid", error="missing_field"),
        kans("kt-ans-empty-token", "an empty app-token", '{"errcode":0,"data":{"app-token":""}}', "invalid", error="invalid_field"),
        kans("kt-ans-token-number", "app-token is a number", '{"errcode":0,"data":{"app-token":123}}', "invalid", error="invalid_field"),
        kans("kt-ans-data-string", "data is a string", '{"errcode":0,"data":"x"}', "invalid", error="invalid_field"),
        kans("kt-ans-errcode-bool", "errcode is a boolean", '{"errcode":false}', "invalid", error="invalid_field"),
        kans("kt-ans-errcode-float", "errcode is a fraction", '{"errcode":0.5}', "invalid", error="invalid_field"),
        kans("kt-ans-empty", "an empty body", "", "invalid", error="invalid_json"),
    ]
    for c in hostile("kt-ans"):
        c["received_at_ms"] = 1700000000000
        ans.append(c)
    mv.write("kingdee_token.json", {
        "algorithm": "kingdee-app-token",
        "source": "docs/spec/kingdee.md#app-token-request and docs/spec/kingdee.md#app-token-answer; seed 001; " + PROV,
        "notes": "kingdee_token_request: the signed GET of /jdyconnector/app_management/kingdee_auth_token; the six X-Api-* headers in the signer's order. kingdee_token_answer: errcode 0 -> token living 24 h from received_at_ms; other errcode -> vendor_error with the refusal's code and message.",
        "kingdee_token_request": reqs, "kingdee_token_answer": ans})


# --- Weaver --------------------------------------------------------------------------------

def weaver():
    _, _, sign = mv.weaver_sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)
    def wreq(cid, comment, base="http://10.0.0.1", appid="weaverappid", s=sign, error=None):
        f = dict(base_url=base, appid=appid, sign=s)
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        return case(cid, comment, "valid", req("POST", base.rstrip("/") + "/api/cus/token/auth/getToken",
                    [("Content-Type", "application/json"), ("appid", appid), ("sign", s)]), **f)
    reqs = [
        wreq("wt-req-seed", "seed 002 appid with the sign of 1742369234096"),
        wreq("wt-req-https-slash", "https base with a trailing slash", base="https://oa.example.com/"),
        wreq("wt-req-crlf-appid", "CR LF in appid (header injection)", appid="a\r\nX-Evil: 1", error="invalid_header_value"),
        wreq("wt-req-lf-sign", "LF in the sign", s=sign + "\n", error="invalid_header_value"),
        wreq("wt-req-empty-sign", "an empty sign", s="", error="invalid_header_value"),
        wreq("wt-req-utf8-appid", "non-ASCII appid", appid="应用", error="invalid_header_value"),
        wreq("wt-req-bad-base", "no scheme", base="10.0.0.1", error="invalid_url"),
    ]
    t0 = 1742369234096
    def wans(cid, comment, body, result, out=None, error=None):
        return case(cid, comment, result, out, error, body=body, received_at_ms=t0)
    ok = '{ "batchkey": "amoy_token_auth_1742369234096_vvkm", "msg": "获取成功!", "status": true, "token": "fdca51c0-2225-4ad9-ac18-bd2b61408b99" }'
    ans = [wans("wt-ans-seed-ok", "seed 002 §5.1", ok, "valid",
                {"token": "fdca51c0-2225-4ad9-ac18-bd2b61408b99", "msg": "获取成功!",
                 "batchkey": "amoy_token_auth_1742369234096_vvkm", "expires_at_ms": t0 + 30 * 60 * 1000})]
    bk = "amoy_token_auth_1742368947452_3sfv"
    for cid, msg, kind in [
        ("wt-ans-disabled", "应用标识appid==>>weaverappid已被禁用,请联系管理员!!!", "appid_disabled"),
        ("wt-ans-bad-params", "appid或sign参数值异常!!!", "sign_mismatch"),
        ("wt-ans-replayed", "禁用重复签名获取token,请确认!!!", "replayed"),
        ("wt-ans-undecryptable", "签名解密异常,请确认!!!", "undecryptable"),
        ("wt-ans-expired", "签名已过期,请确认!!!", "expired"),
        ("wt-ans-unknown", "系统繁忙", "vendor_error"),
    ]:
        body = json.dumps({"batchkey": bk, "msg": msg, "status": False}, ensure_ascii=False)
        ans.append(wans(cid, "seed 002 failure message -> " + kind, body, "invalid",
                        {"code": None, "message": msg, "batchkey": bk}, kind))
    ans += [
        wans("wt-ans-no-msg", "status false without msg", '{"status":false}', "invalid", {"code": None, "message": "", "batchkey": None}, "vendor_error"),
        wans("wt-ans-no-token", "status true without token", '{"status":true,"msg":"获取成功!"}', "invalid", error="missing_field"),
        wans("wt-ans-no-status", "no status", '{"msg":"x","token":"t"}', "invalid", error="missing_field"),
        wans("wt-ans-status-string", "status as a string", '{"status":"true","token":"t"}', "invalid", error="invalid_field"),
        wans("wt-ans-token-object", "token is an object", '{"status":true,"token":{}}', "invalid", error="invalid_field"),
        wans("wt-ans-msg-number", "msg is a number", '{"status":false,"msg":5}', "invalid", error="invalid_field"),
    ]
    for c in hostile("wt-ans"):
        c["received_at_ms"] = t0
        ans.append(c)
    mv.write("weaver_token.json", {
        "algorithm": "weaver-token",
        "source": "docs/spec/weaver.md; seed 002 (request, §5.1–§5.6 answers); " + PROV,
        "notes": "weaver_token_request: POST /api/cus/token/auth/getToken, headers Content-Type, appid, sign, no body. weaver_token_answer: status true -> token living 30 min from received_at_ms; status false -> the failure message mapped to a kind, message and batchkey kept.",
        "weaver_token_request": reqs, "weaver_token_answer": ans})


# --- Apusic management ---------------------------------------------------------------------

def apusic():
    def areq(cid, comment, user="admin", password="admin123", mode="basic", remote="10.0.0.8",
             host=None, base=None, error=None):
        f = {"user": user, "password": password, "mode": mode, "remote_host_name": remote}
        if host is not None:
            f["host"] = host
        else:
            f["base_url"] = base
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        b = ("https://%s:6848" % host) if host is not None else base.rstrip("/")
        cred = base64.b64encode((user + ":" + password).encode()).decode()
        auth = "Basic " + cred if mode == "basic" else cred
        return case(cid, comment, "valid", req("POST", b + "/management/sessions", [
            ("Content-Type", "application/json"), ("Accept", "application/json"), ("X-Requested-By", "Apusic"),
            ("Cache-Control", "no-cache"), ("Authorization", auth), ("remoteHostName", remote)], "{}"), **f)
    reqs = [
        areq("ap-req-seed", "seed 000: admin:admin123, Basic mode", host="172.20.140.17"),
        areq("ap-req-raw", "raw mode: the bare credentials, as the seed writes them", host="172.20.140.17", mode="raw"),
        areq("ap-req-ipv6", "a bracketed IPv6 host", host="[fe80::1]"),
        areq("ap-req-base", "an explicit base URL", base="https://apusic.example.com:6848/"),
        areq("ap-req-utf8-password", "UTF-8 password", host="h1", password="密码"),
        areq("ap-req-colon-user", "a user name with ':'", host="h1", user="a:b", error="invalid_user_name"),
        areq("ap-req-crlf-remote", "CR LF in remoteHostName", host="h1", remote="1.2.3.4\r\nX-Evil: 1", error="invalid_header_value"),
        areq("ap-req-empty-remote", "empty remoteHostName (required)", host="h1", remote="", error="invalid_header_value"),
        areq("ap-req-host-path", "a host with a path", host="h1/evil", error="invalid_url"),
        areq("ap-req-host-port", "a host with a port (the port is always 6848)", host="h1:80", error="invalid_url"),
        areq("ap-req-host-empty", "an empty host", host="", error="invalid_url"),
        areq("ap-req-base-userinfo", "user info in the base URL", base="https://u:p@h1:6848", error="invalid_url"),
    ]
    def aans(cid, comment, body, result, out=None, error=None):
        return case(cid, comment, result, out, error, body=body)
    ans = [
        aans("ap-ans-ok", "SUCCESS with a token", '{"message":"","exit_code":"SUCCESS","extraProperties":{"token":"2d8085c851a23e6eba4dda394086e4f2e"}}',
             "valid", {"token": "2d8085c851a23e6eba4dda394086e4f2e", "message": ""}),
        aans("ap-ans-ok-extra", "extra properties besides the token are ignored", '{"exit_code":"SUCCESS","extraProperties":{"token":"t","other":[1,2]}}',
             "valid", {"token": "t", "message": None}),
        aans("ap-ans-failure", "FAILURE with a message", '{"message":"Authentication failed","exit_code":"FAILURE"}',
             "invalid", {"code": "FAILURE", "message": "Authentication failed", "batchkey": None}, "login_failed"),
        aans("ap-ans-false", "the seed's FALSE", '{"message":"x","exit_code":"FALSE","extraProperties":{}}',
             "invalid", {"code": "FALSE", "message": "x", "batchkey": None}, "login_failed"),
        aans("ap-ans-no-extra", "SUCCESS without extraProperties", '{"exit_code":"SUCCESS"}', "invalid", error="missing_field"),
        aans("ap-ans-no-token", "SUCCESS without a token", '{"exit_code":"SUCCESS","extraProperties":{}}', "invalid", error="missing_field"),
        aans("ap-ans-extra-string", "extraProperties as a string (the seed's table says String)", '{"exit_code":"SUCCESS","extraProperties":"t"}', "invalid", error="invalid_field"),
        aans("ap-ans-no-exit-code", "no exit_code", '{"message":"x"}', "invalid", error="missing_field"),
        aans("ap-ans-exit-code-number", "exit_code as a number", '{"exit_code":0}', "invalid", error="invalid_field"),
    ] + hostile("ap-ans")
    def hdr(cid, comment, token, cookie=None, x=False, error=None):
        f = {"token": token, "cookie_name": cookie, "x_auth_token": x}
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        h = [["Cookie", (cookie or "gfrestdtoken") + "=" + token]]
        if x:
            h.append(["X-Auth-Token", token])
        h.append(["X-Requested-By", "Apusic"])
        return case(cid, comment, "valid", {"headers": h}, **f)
    hs = [
        hdr("ap-hdr-seed", "seed 000 example cookie", "2d8085c851a23e6eba4dda394086e4f2e"),
        hdr("ap-hdr-glassfish", "stock GlassFish cookie name and X-Auth-Token", "abc", cookie="gfresttoken", x=True),
        hdr("ap-hdr-semicolon", "a token that would add a cookie", "a;admin=1", error="invalid_header_value"),
        hdr("ap-hdr-crlf", "a token with CR LF", "a\r\nX: 1", error="invalid_header_value"),
        hdr("ap-hdr-space", "a token with a space", "a b", error="invalid_header_value"),
        hdr("ap-hdr-empty", "an empty token", "", error="invalid_header_value"),
        hdr("ap-hdr-bad-cookie-name", "a cookie name that is not a token", "abc", cookie="a=b", error="invalid_header_name"),
    ]
    mv.write("apusic_session.json", {
        "algorithm": "apusic-management-token",
        "source": "docs/spec/apusic.md; seed 000; " + PROV,
        "notes": "apusic_session_request: POST https://<host>:6848/management/sessions (host -> base URL) with six headers and body {}. apusic_session_answer: exit_code SUCCESS -> extraProperties.token; otherwise login_failed with the exit code and message. apusic_call_headers: Cookie, optional X-Auth-Token, X-Requested-By.",
        "apusic_session_request": reqs, "apusic_session_answer": ans, "apusic_call_headers": hs})


# --- OAuth ---------------------------------------------------------------------------------

def pkce(verifier):
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def oauth():
    base = "http://lcy.aidm.apusic.com:9080/api/apusic"
    redirect = "http://127.0.0.1:8080/oauth_callback"
    rfc_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce(rfc_verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    def az(cid, comment, client="711983296695394304", redir=redirect, state=None, verifier=None, b=base, error=None):
        f = {"base_url": b, "client_id": client, "redirect_uri": redir, "state": state, "code_verifier": verifier}
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        q = [("client_id", client), ("redirect_uri", redir), ("response_type", "code")]
        if state is not None:
            q.append(("state", state))
        ch = pkce(verifier) if verifier is not None else None
        if ch:
            q += [("code_challenge", ch), ("code_challenge_method", "S256")]
        return case(cid, comment, "valid", {"url": b.rstrip("/") + "/oauth2/authorize?" + form_query(q), "code_challenge": ch}, **f)
    azs = [
        az("oa-az-seed", "seed 003 §2.4.1 example, redirect_uri URL-encoded"),
        az("oa-az-state", "with state", state="af0ifjsldkj"),
        az("oa-az-pkce", "with state and the RFC 7636 appendix B verifier", state="s1", verifier=rfc_verifier),
        az("oa-az-odd-redirect", "a redirect with query, space and UTF-8", redir="https://app.example.com/cb?x=1&y=a b#frag 中"),
        az("oa-az-odd-state", "a state with reserved characters", state="a+b/c=d&e"),
        az("oa-az-short-verifier", "a PKCE verifier shorter than 43", verifier="a" * 42, error="invalid_code_verifier"),
        az("oa-az-bad-verifier", "a PKCE verifier with '+'", verifier="a" * 42 + "+", error="invalid_code_verifier"),
        az("oa-az-empty-client", "empty client_id", client="", error="invalid_field"),
        az("oa-az-empty-state", "an empty state protects nothing", state="", error="invalid_field"),
        az("oa-az-bad-base", "a base URL with CR LF", b="http://sso\r\n", error="invalid_url"),
    ]
    def tr(cid, comment, client="R9ZyHNCNbZ", secret="sdfjsdjfsfhsdhsdhfodsfsdf", redir="http://localifera.cn.com:9082/OauthDome/LoginCode",
           code="34fdgdfgdfg", verifier=None, error=None):
        f = {"base_url": base, "client_id": client, "client_secret": secret, "redirect_uri": redir, "code": code, "code_verifier": verifier}
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        q = [("client_id", client), ("client_secret", secret), ("redirect_uri", redir), ("code", code)]
        if verifier:
            q.append(("code_verifier", verifier))
        return case(cid, comment, "valid", req("POST", base + "/oauth2/token?" + form_query(q),
                    [("Accept", "application/json, application/x-www-form-urlencoded")]), **f)
    trs = [
        tr("oa-tr-seed", "seed 003 §2.4.2 example: the redirect_uri matches the seed's encoding"),
        tr("oa-tr-pkce", "with a PKCE verifier", verifier=rfc_verifier),
        tr("oa-tr-odd-code", "a code with reserved characters", code="a/b+c=d e"),
        tr("oa-tr-empty-secret", "an empty client secret", secret="", error="empty_secret"),
        tr("oa-tr-empty-code", "an empty code", code="", error="invalid_field"),
        tr("oa-tr-bad-verifier", "a malformed verifier", verifier="short", error="invalid_code_verifier"),
    ]
    def ta(cid, comment, body, result, out=None, error=None, **kw):
        return case(cid, comment, result, None if result != "valid" else out, error, body=body, **kw)
    tas = [
        ta("oa-ta-form-seed", "seed 003 form answer without expires", "access_token=623239c3760c600d81ed551e6d2adf4fwefwqd5a1ed24d8f959ac44b2b82b",
           "valid", {"access_token": "623239c3760c600d81ed551e6d2adf4fwefwqd5a1ed24d8f959ac44b2b82b", "expires": None}),
        ta("oa-ta-form-expires", "form answer with expires", "access_token=abc&expires=7200", "valid", {"access_token": "abc", "expires": 7200}),
        ta("oa-ta-form-encoded", "form answer with escapes", "access_token=a%2Bb+c&expires=1\n", "valid", {"access_token": "a+b c", "expires": 1}),
        ta("oa-ta-json", "JSON answer", '{"access_token":"abc","expires":7200}', "valid", {"access_token": "abc", "expires": 7200}),
        ta("oa-ta-json-expires-in", "JSON answer with expires_in as a string", '{"access_token":"abc","expires_in":"3600","token_type":"bearer"}', "valid", {"access_token": "abc", "expires": 3600}),
        ta("oa-ta-form-error", "form error", "error=invalid_grant&error_description=code+used", "invalid", error="oauth_error"),
        ta("oa-ta-json-error", "JSON error", '{"error":"invalid_client"}', "invalid", error="oauth_error"),
        ta("oa-ta-form-missing", "no access_token", "expires=7200", "invalid", error="missing_field"),
        ta("oa-ta-json-missing", "no access_token", '{"expires":7200}', "invalid", error="missing_field"),
        ta("oa-ta-form-empty-token", "empty access_token", "access_token=&expires=1", "invalid", error="invalid_field"),
        ta("oa-ta-form-duplicate", "access_token twice", "access_token=a&access_token=b", "invalid", error="invalid_field"),
        ta("oa-ta-form-bad-expires", "expires not a number", "access_token=a&expires=soon", "invalid", error="invalid_field"),
        ta("oa-ta-huge-expires", "expires beyond 64 bits", '{"access_token":"a","expires":123456789012345678901234567890}', "invalid", error="invalid_field"),
        ta("oa-ta-negative-expires", "a negative expires", '{"access_token":"a","expires":-1}', "invalid", error="invalid_field"),
        ta("oa-ta-token-number", "access_token as a number", '{"access_token":5}', "invalid", error="invalid_field"),
        ta("oa-ta-bad-escape", "a broken percent escape", "access_token=a%zz", "invalid", error="invalid_percent_encoding"),
        ta("oa-ta-empty", "empty body", "", "invalid", error="invalid_json"),
    ] + hostile("oa-ta")
    def ur(cid, comment, token, b=base, error=None):
        f = {"base_url": b, "access_token": token}
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        return case(cid, comment, "valid", req("GET", b.rstrip("/") + "/v1.0/oauth2/userinfo?" + form_query([("access_token", token)]),
                    [("Accept", "application/json")]), **f)
    urs = [
        ur("oa-ur-seed", "seed 003 §2.4.3 example", "R9ZyHNCNbZdsfsfsdfsdfsdfsdfsdfs"),
        ur("oa-ur-reserved", "a token with reserved characters is encoded", "a+b/c=d&e"),
        ur("oa-ur-empty", "an empty token", "", error="invalid_field"),
    ]
    def ua(cid, comment, body, result, out=None, error=None):
        return case(cid, comment, result, out if result == "valid" else None, error, body=body)
    uas = [
        ua("oa-ua-seed", "seed 003 case 1", '{ "id": "10138640", "attributes": [{"IDPEmail": "10138640"}] }', "valid",
           {"id": "10138640", "attributes": [["IDPEmail", "10138640"]]}),
        ua("oa-ua-mixed", "a numeric id and non-string attribute values kept as JSON text",
           '{"id":42,"attributes":[{"a":"x"},{"n":7,"b":true,"o":{"k":"v"}}]}', "valid",
           {"id": "42", "attributes": [["a", "x"], ["b", "true"], ["n", "7"], ["o", '{"k":"v"}']]}),
        ua("oa-ua-no-attributes", "no attributes", '{"id":"u1"}', "valid", {"id": "u1", "attributes": []}),
        ua("oa-ua-expired", "seed 003 case 2", '{ "error": "expired_accessToken" }', "invalid", error="token_expired"),
        ua("oa-ua-other-error", "another error", '{"error":"invalid_token"}', "invalid", error="oauth_error"),
        ua("oa-ua-empty", "seed 003 case 3: nothing returned", "", "invalid", error="account_not_bound"),
        ua("oa-ua-blank", "only white space", " \r\n", "invalid", error="account_not_bound"),
        ua("oa-ua-no-id", "no id", '{"attributes":[]}', "invalid", error="missing_field"),
        ua("oa-ua-id-bool", "id as a boolean", '{"id":true}', "invalid", error="invalid_field"),
        ua("oa-ua-attributes-object", "attributes as an object", '{"id":"1","attributes":{"a":"b"}}', "invalid", error="invalid_field"),
        ua("oa-ua-attributes-strings", "attributes as a list of strings", '{"id":"1","attributes":["a"]}', "invalid", error="invalid_field"),
        ua("oa-ua-too-many", "more than MAX_USER_ATTRIBUTES (256) attributes",
           json.dumps({"id": "1", "attributes": [{"a%d" % i: "v"} for i in range(257)]}), "invalid", error="input_too_large"),
    ] + [c for c in hostile("oa-ua")]
    def cb(cid, comment, url, expected_state, result, out=None, error=None):
        return case(cid, comment, result, out if result == "valid" else None, error, callback=url, expected_state=expected_state)
    cbs = [
        cb("oa-cb-seed", "seed 003 §2.4.1 callback, with the state qianming requires", "http://127.0.0.1:8080/oauth_callback?code=586za9lGK7aK-hRgZrht-13pfDLmlzMWAlzhDfiilSbtDuwlfFebLiuTkW0M5dnHmW7swmGTVsKBQ93aaNPetGAe53ramnLWZ1vmSKJQes_LqzxNPo88wcN5DlBfU9Q1&state=s",
           "s", "valid", {"code": "586za9lGK7aK-hRgZrht-13pfDLmlzMWAlzhDfiilSbtDuwlfFebLiuTkW0M5dnHmW7swmGTVsKBQ93aaNPetGAe53ramnLWZ1vmSKJQes_LqzxNPo88wcN5DlBfU9Q1", "state": "s"}),
        cb("oa-cb-seed-no-state", "seed 003 §2.4.1 callback as printed, without state: refused (CSRF)", "http://127.0.0.1:8080/oauth_callback?code=586za9lGK7aK-hRgZrht-13pfDLmlzMWAlzhDfiilSbtDuwlfFebLiuTkW0M5dnHmW7swmGTVsKBQ93aaNPetGAe53ramnLWZ1vmSKJQes_LqzxNPo88wcN5DlBfU9Q1",
           "s", "invalid", error="state_mismatch"),
        cb("oa-cb-empty-expected", "an empty expected state would accept anything: refused", "/cb?code=c&state=", "", "invalid", error="invalid_field"),
        cb("oa-cb-state", "state matches", "/oauth_callback?state=a%2Bb&code=c1&target_uri=%2Fhome", "a+b", "valid", {"code": "c1", "state": "a+b"}),
        cb("oa-cb-query-only", "a bare query string", "code=c2&state=s", "s", "valid", {"code": "c2", "state": "s"}),
        cb("oa-cb-fragment", "a fragment is ignored", "/cb?code=c3&state=s#state=evil", "s", "valid", {"code": "c3", "state": "s"}),
        cb("oa-cb-mismatch", "another state", "/cb?code=c&state=evil", "s", "invalid", error="state_mismatch"),
        cb("oa-cb-no-state", "state sent but none returned", "/cb?code=c", "s", "invalid", error="state_mismatch"),
        cb("oa-cb-prefix", "a state that only starts like the expected one", "/cb?code=c&state=ss", "s", "invalid", error="state_mismatch"),
        cb("oa-cb-error", "the user denied access", "/cb?error=access_denied&error_description=no&state=s", "s", "invalid", error="oauth_error"),
        cb("oa-cb-forged-error", "an error callback with the wrong state", "/cb?error=access_denied&state=x", "s", "invalid", error="state_mismatch"),
        cb("oa-cb-no-code", "no code", "/cb?state=s", "s", "invalid", error="missing_field"),
        cb("oa-cb-empty-code", "an empty code", "/cb?code=&state=s", "s", "invalid", error="missing_field"),
        cb("oa-cb-two-codes", "code twice", "/cb?code=a&code=b&state=s", "s", "invalid", error="invalid_field"),
        cb("oa-cb-two-states", "state twice", "/cb?code=a&state=s&state=t", "s", "invalid", error="invalid_field"),
        cb("oa-cb-bad-escape", "a broken escape", "/cb?code=%zz&state=s", "s", "invalid", error="invalid_percent_encoding"),
    ]
    mv.write("oauth.json", {
        "algorithm": "apusic-oauth2-authorization-code",
        "source": "docs/spec/oauth.md; seed 003 §2.4; RFC 6749; RFC 7636 appendix B; " + PROV,
        "notes": "Query values are form-encoded: A-Z a-z 0-9 - _ . ~ kept, space as +, other bytes %XX (uppercase). oauth_authorize_url -> url and code_challenge; oauth_token_request and oauth_userinfo_request -> a request; oauth_token_answer -> access_token, expires; oauth_userinfo_answer -> id, attributes; oauth_callback -> code, state.",
        "oauth_authorize_url": azs, "oauth_token_request": trs, "oauth_token_answer": tas,
        "oauth_userinfo_request": urs, "oauth_userinfo_answer": uas, "oauth_callback": cbs})


# --- IoT edge gateway ----------------------------------------------------------------------

def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt_of(payload):
    return b64url(b'{"alg":"HS256","typ":"JWT"}') + "." + b64url(payload.encode()) + ".c2ln"


def claims(jwt):
    p = jwt.split(".")[1]
    d = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    return {k: d.get(k) for k in ("exp", "iat", "nbf", "iss")}


def edge():
    base = "http://127.0.0.1:58081"
    def lr(cid, comment, user, pw, b=base, error=None):
        f = {"base_url": b, "username": user, "password": pw}
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        body = '{"username":' + json.dumps(user, ensure_ascii=False) + ',"password":' + json.dumps(pw, ensure_ascii=False) + "}"
        return case(cid, comment, "valid", req("POST", b.rstrip("/") + "/v1.0/openapi/auth/login",
                    [("Content-Type", "application/json")], body), **f)
    lrs = [
        lr("ed-lr-seed", "seed 004 curl example", "admin", "123456"),
        lr("ed-lr-escapes", "quotes, backslash, control characters and UTF-8 are escaped as JSON", 'ad"min\\', "p\n\t\x01\x7f密码"),
        lr("ed-lr-injection", "a password that tries to add a JSON field stays a string", "admin", '","role":"root'),
        lr("ed-lr-bad-base", "a base URL with a fragment", "admin", "x", b=base + "#x", error="invalid_url"),
    ]
    def rr(cid, comment, token, error=None):
        f = {"base_url": base, "refresh_token": token}
        if error:
            return case(cid, comment, "invalid", error=error, **f)
        seg = "".join(chr(b) if (chr(b).isascii() and (chr(b).isalnum() or chr(b) in "-._~")) else "%%%02X" % b for b in token.encode())
        return case(cid, comment, "valid", req("POST", base + "/v1.0/openapi/token/" + seg, []), **f)
    rrs = [
        rr("ed-rr-seed", "seed 004 refresh example", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJJRCI6MSwiVXNlcm5hbWUiOiJhZG1pbiIsImV4cCI6MTY4NzYwMDIzNCwiaXNzIjoiZWRnZS1nYXRld2F5IiwibmJmIjoxNjg2MzkwNjM0fQ.yG6om2n8GbNidXkAZENkOJiJMQ4CcggDomtiHE591rk"),
        rr("ed-rr-traversal", "a token that would change the path", "../auth/login"),
        rr("ed-rr-query", "a token with ? # % space and CR LF", "a?b#c%d e\r\nX: 1"),
        rr("ed-rr-utf8", "non-ASCII", "令牌"),
        rr("ed-rr-empty", "an empty token", "", error="invalid_field"),
        rr("ed-rr-dotdot", "'..' alone", "..", error="invalid_field"),
        rr("ed-rr-dot", "'.' alone", ".", error="invalid_field"),
    ]
    seed_ok = json.dumps({"code": 0, "success": True, "t": 1686386096216, "result": {
        "access_token": SEED_ACCESS, "expire": 1686393296, "refresh_token": SEED_REFRESH}})
    def ta(cid, comment, body, result, out=None, error=None):
        return case(cid, comment, result, out, error, body=body)
    def ok_out(access, refresh, expire, t, code, refresh_until):
        return {"access_token": access, "refresh_token": refresh, "expire": expire, "t": t, "code": code,
                "expires_at_ms": expire * 1000, "refresh_expires_at_ms": refresh_until}
    tas = [
        ta("ed-ta-seed", "seed 004 answer: refresh until the refresh JWT's exp", seed_ok, "valid",
           ok_out(SEED_ACCESS, SEED_REFRESH, 1686393296, 1686386096216, "0", claims(SEED_REFRESH)["exp"] * 1000)),
        ta("ed-ta-opaque-refresh", "a refresh token that is not a JWT: refresh until t + 14 days",
           '{"code":0,"success":true,"t":1000,"result":{"access_token":"a","expire":5,"refresh_token":"opaque"}}', "valid",
           ok_out("a", "opaque", 5, 1000, "0", 1000 + 14 * DAY)),
        ta("ed-ta-no-refresh", "no refresh token: no refresh",
           '{"success":true,"result":{"access_token":"a","expire":5}}', "valid", ok_out("a", None, 5, None, None, None)),
        ta("ed-ta-failure", "success false (HTTP 200)", '{"code":1001,"success":false,"msg":"用户名或密码错误","t":1}', "invalid",
           {"code": "1001", "message": "用户名或密码错误", "batchkey": None}, "login_failed"),
        ta("ed-ta-failure-message", "success false with message", '{"code":"E1","success":false,"message":"token invalid"}', "invalid",
           {"code": "E1", "message": "token invalid", "batchkey": None}, "login_failed"),
        ta("ed-ta-no-success", "no success field", '{"code":0,"result":{"access_token":"a","expire":5}}', "invalid", error="missing_field"),
        ta("ed-ta-success-number", "success as 1", '{"success":1}', "invalid", error="invalid_field"),
        ta("ed-ta-no-result", "success without result", '{"success":true}', "invalid", error="missing_field"),
        ta("ed-ta-no-expire", "result without expire", '{"success":true,"result":{"access_token":"a"}}', "invalid", error="missing_field"),
        ta("ed-ta-expire-string", "expire as a string", '{"success":true,"result":{"access_token":"a","expire":"5"}}', "invalid", error="invalid_field"),
        ta("ed-ta-expire-huge", "expire beyond 64 bits", '{"success":true,"result":{"access_token":"a","expire":99999999999999999999999}}', "invalid", error="invalid_field"),
        ta("ed-ta-expire-negative", "a negative expire", '{"success":true,"result":{"access_token":"a","expire":-5}}', "invalid", error="invalid_field"),
        ta("ed-ta-t-float", "t as a fraction", '{"success":true,"t":1.5,"result":{"access_token":"a","expire":5}}', "invalid", error="invalid_field"),
        ta("ed-ta-empty-access", "an empty access token", '{"success":true,"result":{"access_token":"","expire":5}}', "invalid", error="invalid_field"),
        ta("ed-ta-empty-refresh", "an empty refresh token", '{"success":true,"result":{"access_token":"a","expire":5,"refresh_token":""}}', "invalid", error="invalid_field"),
        ta("ed-ta-result-array", "result as a list", '{"success":true,"result":[]}', "invalid", error="invalid_field"),
        ta("ed-ta-empty", "empty body", "", "invalid", error="invalid_json"),
    ] + hostile("ed-ta")
    def xt(cid, comment, token, error=None):
        if error:
            return case(cid, comment, "invalid", error=error, access_token=token)
        return case(cid, comment, "valid", {"name": "x-token", "value": token}, access_token=token)
    xts = [
        xt("ed-xt-seed", "seed 004 access token", SEED_ACCESS),
        xt("ed-xt-crlf", "CR LF (header injection)", "a\r\nX-Evil: 1", error="invalid_header_value"),
        xt("ed-xt-empty", "empty", "", error="invalid_header_value"),
        xt("ed-xt-utf8", "non-ASCII", "令牌", error="invalid_header_value"),
    ]
    def jw(cid, comment, token, error=None):
        if error:
            return case(cid, comment, "invalid", error=error, jwt=token)
        return case(cid, comment, "valid", claims(token), jwt=token)
    jws = [
        jw("ed-jwt-seed-access", "seed 004 access token", SEED_ACCESS),
        jw("ed-jwt-seed-refresh", "seed 004 refresh token", SEED_REFRESH),
        jw("ed-jwt-all", "exp, iat, nbf, iss", jwt_of('{"exp":2000000000,"iat":1999992800,"nbf":1999992800,"iss":"edge-gateway","sub":"x"}')),
        jw("ed-jwt-none", "no registered claims", jwt_of('{"ID":1}')),
        jw("ed-jwt-null", "null claims are absent", jwt_of('{"exp":null,"iss":null}')),
        jw("ed-jwt-two-parts", "two segments", "a.b", error="invalid_jwt"),
        jw("ed-jwt-four-parts", "four segments", "a.b.c.d", error="invalid_jwt"),
        jw("ed-jwt-empty-payload", "an empty payload", "eyJhbGciOiJIUzI1NiJ9..sig", error="invalid_jwt"),
        jw("ed-jwt-padded", "padding in the payload", "eyJhbGciOiJIUzI1NiJ9." + base64.urlsafe_b64encode(b'{"exp":12}').decode() + ".s", error="invalid_jwt"),
        jw("ed-jwt-std-alphabet", "standard Base64 alphabet (+ /)", "eyJhbGciOiJIUzI1NiJ9.+/+/.s", error="invalid_jwt"),
        jw("ed-jwt-not-json", "a payload that is not JSON", "eyJhbGciOiJIUzI1NiJ9." + b64url(b"hello") + ".s", error="invalid_jwt"),
        jw("ed-jwt-array", "a payload that is a JSON list", jwt_of("[1]"), error="invalid_jwt"),
        jw("ed-jwt-exp-string", "exp as a string", jwt_of('{"exp":"2000000000"}'), error="invalid_jwt"),
        jw("ed-jwt-exp-negative", "a negative exp", jwt_of('{"exp":-1}'), error="invalid_jwt"),
        jw("ed-jwt-exp-huge", "exp beyond 64 bits", jwt_of('{"exp":1e30}'), error="invalid_jwt"),
        jw("ed-jwt-iss-number", "iss as a number", jwt_of('{"iss":1}'), error="invalid_jwt"),
        jw("ed-jwt-deep", "a deeply nested payload", jwt_of('{"x":' + DEEP + "}"), error="input_too_large"),
        jw("ed-jwt-too-long", "longer than MAX_JWT_BYTES (16 KiB)", jwt_of('{"x":"' + "a" * 20000 + '"}'), error="input_too_large"),
    ]
    mv.write("edge_gateway.json", {
        "algorithm": "iot-edge-gateway-token",
        "source": "docs/spec/edge.md; seed 004; RFC 7519; " + PROV,
        "notes": "edge_login_request: POST /v1.0/openapi/auth/login with a compact JSON body. edge_refresh_request: POST /v1.0/openapi/token/<token as one percent-encoded path segment: A-Z a-z 0-9 - . _ ~ kept>. edge_token_answer: success true -> tokens and lifetime; success false -> login_failed. edge_x_token: the x-token header. edge_jwt: the payload claims, no signature check.",
        "edge_login_request": lrs, "edge_refresh_request": rrs, "edge_token_answer": tas,
        "edge_x_token": xts, "edge_jwt": jws})


# --- token lifetime ------------------------------------------------------------------------

def lifetime():
    def lt(cid, comment, now, skew, issued=None, life=None, exp_s=None, refresh_until=None, refresh_exp_s=None):
        f = {"now_ms": now, "skew_ms": skew}
        if exp_s is not None:
            f["exp_s"] = exp_s
            exp = exp_s * 1000
        else:
            f["issued_at_ms"], f["lifetime_ms"] = issued, life
            exp = min(issued + life, 2 ** 64 - 1)
        r = None
        if refresh_until is not None:
            f["refresh_expires_at_ms"] = refresh_until
            r = refresh_until
        if refresh_exp_s is not None:
            f["refresh_exp_s"] = refresh_exp_s
            r = refresh_exp_s * 1000
        horizon = min(now + skew, 2 ** 64 - 1)
        action = "reuse" if horizon < exp else ("refresh" if r is not None and horizon < r else "login_again")
        return case(cid, comment, "valid", {"action": action, "expires_at_ms": exp}, **f)
    k0 = 1700000000000
    cases = [
        lt("lt-kingdee-fresh", "Kingdee 24 h token, just issued", k0 + 1000, 60000, issued=k0, life=DAY),
        lt("lt-kingdee-inside-skew", "Kingdee token within the skew margin of expiry", k0 + DAY - 30000, 60000, issued=k0, life=DAY),
        lt("lt-kingdee-edge", "exactly at expiry minus skew: renew", k0 + DAY - 60000, 60000, issued=k0, life=DAY),
        lt("lt-kingdee-edge-minus-1", "one ms before expiry minus skew: reuse", k0 + DAY - 60001, 60000, issued=k0, life=DAY),
        lt("lt-weaver-expired", "Weaver 30 min token after 31 min", k0 + 31 * 60000, 0, issued=k0, life=30 * 60000),
        lt("lt-edge-reuse", "edge access token before exp", 1686390000000, 60000, exp_s=1686393296, refresh_exp_s=1687595696),
        lt("lt-edge-refresh", "edge access token expired, refresh token good", 1686393296000, 60000, exp_s=1686393296, refresh_exp_s=1687595696),
        lt("lt-edge-login", "both expired", 1687595696000, 0, exp_s=1686393296, refresh_exp_s=1687595696),
        lt("lt-refresh-ms", "refresh deadline given in ms", 5000, 0, issued=0, life=1000, refresh_until=6000),
        lt("lt-saturate", "lifetimes saturate at 2^64-1 ms", 2 ** 64 - 2, 0, issued=2 ** 64 - 10, life=2 ** 64 - 1),
        lt("lt-saturate-skew", "a huge skew saturates", 5, 2 ** 64 - 1, issued=2 ** 64 - 10, life=2 ** 64 - 1),
    ]
    mv.write("token_lifetime.json", {
        "algorithm": "token-lifetime",
        "source": "docs/spec/common.md#token-lifetimes (Kingdee 24 h, Weaver 30 min, edge JWT exp); " + PROV,
        "notes": "expires_at = issued_at_ms + lifetime_ms (saturating) or exp_s * 1000; reuse while now + skew < expires_at, else refresh while now + skew < the refresh deadline, else login_again.",
        "token_lifetime": cases})


def main():
    kingdee()
    weaver()
    apusic()
    oauth()
    edge()
    lifetime()
