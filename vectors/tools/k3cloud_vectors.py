#!/usr/bin/env python3
"""Writes vectors/k3cloud.json: an independent implementation of docs/spec/k3cloud.md
(Kingdee K3Cloud WebAPI, the Java SDK's signed headers, LoginBySign, LoginByAppSecret and the
session answer) with the Python standard library only, not the Rust code. Kingdee publishes
no worked signature, so every valid case is computed here; the error kinds of invalid cases
are written by hand from the spec. Usage: python3 vectors/tools/k3cloud_vectors.py"""
import base64
import hashlib
import hmac
import json
import os
import urllib.parse

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

XOR_KEY = b"0054f397c6234378b09ca7d3e5debce7"  # the Java SDK's fixed key (ApiRequester.xOrSec)
SERVER = "https://erp.example.com/k3cloud/"
VIEW = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View"
LOGIN_BY_SIGN = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign"
LOGIN_BY_APP_SECRET = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret"

# AppIDs: client id, '_', 32 Base64 characters (24 bytes), like the ones Kingdee issues.
APP_ID = "224245_" + base64.b64encode(b"abcdefghijklmnopqrstuvwx").decode()
APP_ID_2 = "300113_" + base64.b64encode(bytes(range(200, 224))).decode()


def java_urlencode(text):
    """java.net.URLEncoder (UTF-8): keeps A-Z a-z 0-9 - _ . *, a space as +, %XX otherwise
    (written out: urllib's quoting always keeps '~', which URLEncoder escapes)."""
    keep = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.*"
    return "".join(chr(b) if b in keep else "+" if b == 0x20 else "%%%02X" % b for b in text.encode())


def gateway(app_id):
    client_id, masked = app_id.split("_")
    if len(masked) != 32:
        return client_id, masked
    raw = base64.b64decode(masked)
    return client_id, base64.b64encode(bytes(b ^ XOR_KEY[i] for i, b in enumerate(raw))).decode()


def b64_hex_hmac(key, message):
    return base64.b64encode(hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest().encode()).decode()


def path_and_query(url):
    parts = urllib.parse.urlsplit(url)
    path = parts.path or "/"
    return path + ("?" + parts.query if parts.query else "")


def sign_case(cid, comment, url, acct, user, app_id, secret, lcid, org, ts_ms, unit, body):
    ts = str(ts_ms if unit == "ms" else ts_ms // 1000)
    client_id, gw = gateway(app_id)
    sts = "POST\n%s\n\nx-api-nonce:%s\nx-api-timestamp:%s\n" % (java_urlencode(path_and_query(url)), ts, ts)
    app_data = "%s,%s,%d,%s" % (acct, user, lcid, org)
    headers = [["X-Api-ClientID", client_id], ["X-Api-Auth-Version", "2.0"], ["x-api-timestamp", ts],
               ["x-api-nonce", ts], ["x-api-signheaders", "X-Api-TimeStamp,X-Api-Nonce"],
               ["X-Api-Signature", b64_hex_hmac(gw, sts)], ["X-Kd-Appkey", app_id],
               ["X-Kd-Appdata", base64.b64encode(app_data.encode()).decode()],
               ["X-Kd-Signature", b64_hex_hmac(secret, app_id + app_data)],
               ["Content-Type", "application/json"]]
    return {"id": cid, "comment": comment, "url": url, "body": body, "acct_id": acct, "user_name": user,
            "app_id": app_id, "app_secret": secret, "lcid": lcid, "org_num": org, "timestamp_ms": ts_ms,
            "timestamp_unit": unit, "result": "valid",
            "expected": {"method": "POST", "url": url, "headers": headers, "body": body, "string_to_sign": sts,
                         "app_data": app_data, "timestamp": ts}}


def utf16_key(text):
    return text.encode("utf-16-be")  # big-endian UTF-16 bytes compare as code units do


def login_sign(acct, user, app_id, secret, ts_s, hash_name):
    text = "".join(sorted([acct, user, app_id, secret, str(ts_s)], key=utf16_key))
    return hashlib.new(hash_name, text.encode()).hexdigest()


def compact(doc):
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def request(url, body):
    return {"method": "POST", "url": url, "headers": [["Content-Type", "application/json"]], "body": body}


def k3cloud():
    gw = []
    for i, app_id in enumerate([APP_ID, APP_ID_2, "9_" + "A" * 32]):
        client_id, secret = gateway(app_id)
        gw.append({"id": "gateway-%d" % i, "comment": "Base64(Base64^-1(part 2) XOR the SDK key)", "app_id": app_id,
                   "result": "valid", "expected": {"client_id": client_id, "gateway_secret": secret}})
    gw.append({"id": "gateway-short-part", "comment": "a second part that is not 32 characters is used unchanged",
               "app_id": "224245_shortsecret", "result": "valid",
               "expected": {"client_id": "224245", "gateway_secret": "shortsecret"}})
    for cid, app_id, err in [("gateway-no-underscore", "224245", "invalid_field"),
                             ("gateway-two-underscores", "1_2_" + "A" * 32, "invalid_field"),
                             ("gateway-empty-client", "_" + "A" * 32, "invalid_field"),
                             ("gateway-empty-secret", "224245_", "invalid_field"),
                             ("gateway-not-base64", "224245_" + "*" * 32, "invalid_base64")]:
        gw.append({"id": cid, "comment": "refused AppID", "app_id": app_id, "result": "invalid", "error": err})

    sign = [
        sign_case("sign-view-ms", "a View call, Java SDK milliseconds", SERVER + VIEW + ".common.kdsvc",
                  "62a8f6b6c2a1b2", "demo", APP_ID, "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 2052, "0",
                  1700000000123, "ms", '{"formid":"BD_MATERIAL","data":{"Number":"WL0001"}}'),
        sign_case("sign-view-s", "the same in seconds (Python, PHP, Node, Go SDKs)", SERVER + VIEW + ".common.kdsvc",
                  "62a8f6b6c2a1b2", "demo", APP_ID, "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 2052, "0",
                  1700000000999, "s", "{}"),
        sign_case("sign-query", "the query is URL-encoded with the path, line 3 stays empty",
                  "http://10.0.0.8:8090/K3Cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc?x=1&y=a+b%20c~",
                  "5f3e1c", "Administrator", APP_ID_2, "s", 1033, "100", 0, "ms", ""),
        sign_case("sign-chinese-user", "a Chinese user name and organisation (UTF-8)", SERVER + VIEW + ".common.kdsvc",
                  "62a8f6b6c2a1b2", "集成用户", APP_ID, "密钥", 3076, "组织01", 18446744073709551615, "ms", "{}"),
        sign_case("sign-short-part", "an AppID whose second part is used unchanged", "https://h.example/a/b~c*d.kdsvc",
                  "a", "u", "77_notthirtytwo", "s", 2052, "0", 1, "s", "{}"),
    ]
    base = {"url": SERVER + VIEW + ".common.kdsvc", "body": "{}", "acct_id": "a", "user_name": "u", "app_id": APP_ID,
            "app_secret": "s", "lcid": 2052, "org_num": "0", "timestamp_ms": 1, "timestamp_unit": "ms",
            "result": "invalid"}
    for cid, change, err in [
        ("sign-empty-secret", {"app_secret": ""}, "empty_secret"),
        ("sign-empty-acct", {"acct_id": ""}, "invalid_field"),
        ("sign-comma-user", {"user_name": "a,b"}, "invalid_field"),
        ("sign-comma-org", {"org_num": "1,2"}, "invalid_field"),
        ("sign-bad-app-id", {"app_id": "no-underscore"}, "invalid_field"),
        ("sign-bad-unit", {"timestamp_unit": "us"}, "invalid_field"),
        ("sign-ftp-url", {"url": "ftp://h/x.kdsvc"}, "invalid_url"),
        ("sign-fragment", {"url": "https://h/x.kdsvc#f"}, "invalid_url"),
        ("sign-space-in-url", {"url": "https://h/a b.kdsvc"}, "invalid_url"),
    ]:
        sign.append(dict(base, id=cid, comment="refused: " + ", ".join(change), error=err, **change))

    login = []
    for i, (acct, user, app_id, secret, ts, h) in enumerate([
        ("62a8f6b6c2a1b2", "demo", APP_ID, "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 1700000000, "sha256"),
        ("62a8f6b6c2a1b2", "demo", APP_ID, "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 1700000000, "sha1"),
        ("5f3e1c", "Administrator", APP_ID_2, "Zz", 0, "sha256"),
        ("账套", "用户\uff5e", "\U0001f600app", "密钥", 1234567890, "sha256"),
        ("b", "B", "a", "A", 18446744073709551615, "sha1"),
    ]):
        login.append({"id": "login-sign-%d" % i, "comment": "hex %s of the five texts sorted by UTF-16 code units" % h,
                      "acct_id": acct, "user_name": user, "app_id": app_id, "app_secret": secret, "timestamp_s": ts,
                      "hash": h, "result": "valid", "expected": {"sign": login_sign(acct, user, app_id, secret, ts, h)}})
    login.append({"id": "login-sign-bad-hash", "comment": "an unknown hash", "acct_id": "a", "user_name": "u",
                  "app_id": "x", "app_secret": "s", "timestamp_s": 1, "hash": "md5", "result": "invalid",
                  "error": "invalid_field"})

    by_sign = []
    for i, (server, acct, user, app_id, secret, lcid, ts, h) in enumerate([
        (SERVER, "62a8f6b6c2a1b2", "demo", APP_ID, "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 2052, 1700000000, "sha256"),
        ("http://10.0.0.8:8090/K3Cloud", "5f3e1c", "王\"五\\", APP_ID_2, "s", 1033, 1, "sha1"),
    ]):
        sign_value = login_sign(acct, user, app_id, secret, ts, h)
        body = '{"parameters":[%s,%s,%s,%d,%s,%d]}' % (compact(acct), compact(user), compact(app_id), ts,
                                                       compact(sign_value), lcid)
        assert json.loads(body)["parameters"][4] == sign_value
        by_sign.append({"id": "login-by-sign-%d" % i, "comment": "POST …LoginBySign.common.kdsvc", "server_url": server,
                        "acct_id": acct, "user_name": user, "app_id": app_id, "app_secret": secret, "lcid": lcid,
                        "timestamp_s": ts, "hash": h, "result": "valid",
                        "expected": request(server.rstrip("/") + "/" + LOGIN_BY_SIGN + ".common.kdsvc", body)})
    lbase = {"server_url": SERVER, "acct_id": "a", "user_name": "u", "app_id": APP_ID, "app_secret": "s", "lcid": 2052,
             "timestamp_s": 1, "hash": "sha256", "result": "invalid"}
    for cid, change, err in [("login-by-sign-query-url", {"server_url": SERVER + "?x=1"}, "invalid_url"),
                             ("login-by-sign-empty-secret", {"app_secret": ""}, "empty_secret"),
                             ("login-by-sign-empty-user", {"user_name": ""}, "invalid_field")]:
        by_sign.append(dict(lbase, id=cid, comment="refused: " + ", ".join(change), error=err, **change))

    by_secret = []
    for i, (server, acct, user, app_id, secret, lcid) in enumerate([
        (SERVER, "62a8f6b6c2a1b2", "demo", APP_ID, "0d1f5a5e3c1b4a7f9e2d8c6b4a291735", 2052),
        ("https://erp.example.com", "a", "用户", APP_ID_2, "se\ncret", 3076),
    ]):
        body = compact({"parameters": [acct, user, app_id, secret, lcid]})
        by_secret.append({"id": "login-by-app-secret-%d" % i, "comment": "POST …LoginByAppSecret.common.kdsvc",
                          "server_url": server, "acct_id": acct, "user_name": user, "app_id": app_id,
                          "app_secret": secret, "lcid": lcid, "result": "valid",
                          "expected": request(server.rstrip("/") + "/" + LOGIN_BY_APP_SECRET + ".common.kdsvc", body)})
    by_secret.append({"id": "login-by-app-secret-empty-secret", "comment": "an empty AppSecret", "server_url": SERVER,
                      "acct_id": "a", "user_name": "u", "app_id": APP_ID, "app_secret": "", "lcid": 2052,
                      "result": "invalid", "error": "empty_secret"})

    ans = []
    ok = lambda cid, comment, doc, sid, msg, api: {
        "id": cid, "comment": comment, "body": doc if isinstance(doc, str) else compact(doc), "result": "valid",
        "expected": {"session_id": sid, "message": msg, "is_success_by_api": api}}
    ans += [
        ok("answer-granted", "a granted login (the fields the SDKs read)",
           {"Message": None, "MessageCode": None, "LoginResultType": 1, "Context": {"UserName": "demo", "LCID": 2052},
            "KDSVCSessionId": "8c6f1a2e-5b7d-4e1f-9a3c-2d4b6e8f0a1c", "FormId": None, "IsSuccessByAPI": True},
           "8c6f1a2e-5b7d-4e1f-9a3c-2d4b6e8f0a1c", None, True),
        ok("answer-granted-minimal", "only LoginResultType and KDSVCSessionId",
           '{"LoginResultType":1,"KDSVCSessionId":"s"}', "s", None, None),
        ok("answer-granted-string-type", "LoginResultType as a string", '{"LoginResultType":"1","KDSVCSessionId":"s","Message":"ok"}',
           "s", "ok", None),
    ]
    refused = lambda cid, comment, doc, code, msg: {
        "id": cid, "comment": comment, "body": compact(doc), "result": "invalid", "error": "login_failed",
        "refusal": {"code": code, "message": msg, "batchkey": None}}
    ans += [
        refused("answer-wrong-password", "LoginResultType 0", {"Message": "用户名或密码错误！", "LoginResultType": 0}, "0",
                "用户名或密码错误！"),
        refused("answer-failed", "LoginResultType -1", {"Message": "签名验证失败", "LoginResultType": -1,
                                                        "KDSVCSessionId": None, "IsSuccessByAPI": False}, "-1", "签名验证失败"),
        refused("answer-no-message", "a refusal without Message", {"LoginResultType": -5}, "-5", ""),
    ]
    bad = lambda cid, comment, body, err: {"id": cid, "comment": comment, "body": body, "result": "invalid", "error": err}
    ans += [
        bad("answer-html", "an HTML error page", "<html><body>502 Bad Gateway</body></html>", "invalid_json"),
        bad("answer-response-error", "the SDK's response_error text", "response_error:会话信息已丢失", "invalid_json"),
        bad("answer-list", "a JSON list", "[1]", "invalid_json"),
        bad("answer-no-type", "no LoginResultType", '{"KDSVCSessionId":"s"}', "missing_field"),
        bad("answer-no-session", "granted without KDSVCSessionId", '{"LoginResultType":1}', "missing_field"),
        bad("answer-empty-session", "an empty KDSVCSessionId", '{"LoginResultType":1,"KDSVCSessionId":""}', "invalid_field"),
        bad("answer-bool-type", "LoginResultType true", '{"LoginResultType":true,"KDSVCSessionId":"s"}', "invalid_field"),
        bad("answer-bad-flag", "IsSuccessByAPI as a string", '{"LoginResultType":1,"KDSVCSessionId":"s","IsSuccessByAPI":"yes"}',
            "invalid_field"),
        bad("answer-truncated", "truncated JSON", '{"LoginResultType":1,"KDSVC', "invalid_json"),
        bad("answer-deep", "nesting deeper than 32", '{"LoginResultType":1,"Context":' + "[" * 40 + "]" * 40 + "}",
            "input_too_large"),
    ]
    return {"algorithm": "k3cloud-webapi",
            "source": "Kingdee's Java WebAPI SDK (k3cloud-webapi-sdk: ApiRequester.buildHeader, decodeSec, xOrSec; "
                      "MD5Utils.hashMAC; K3CloudClienter.loginByAppSecret), Kingdee's WebAPI login guide (LoginBySign) "
                      "and qianming's own cases; expected values computed by vectors/tools/k3cloud_vectors.py (stdlib "
                      "hmac/hashlib/base64/urllib.parse/json), not by the Rust code; error kinds of invalid cases written "
                      "by hand from docs/spec/k3cloud.md.",
            "notes": "k3cloud_gateway_secret: app_id -> client_id, gateway_secret. k3cloud_sign: url, body, acct_id, "
                     "user_name, app_id, app_secret, lcid, org_num, timestamp_ms, timestamp_unit (ms|s) -> request "
                     "(method, url, headers in order, body), string_to_sign, app_data, timestamp. k3cloud_login_sign: "
                     "acct_id, user_name, app_id, app_secret, timestamp_s, hash (sha256|sha1) -> sign. "
                     "k3cloud_login_by_sign_request, k3cloud_login_by_app_secret_request: -> request. "
                     "k3cloud_login_answer: body -> session_id, message, is_success_by_api; refusals carry `refusal`.",
            "k3cloud_gateway_secret": gw, "k3cloud_sign": sign, "k3cloud_login_sign": login,
            "k3cloud_login_by_sign_request": by_sign, "k3cloud_login_by_app_secret_request": by_secret,
            "k3cloud_login_answer": ans}


def write(name, doc):
    doc["numberOfTests"] = sum(len(v) for v in doc.values() if isinstance(v, list))
    ordered = {k: doc[k] for k in ("algorithm", "source", "notes", "numberOfTests")}
    ordered.update({k: v for k, v in doc.items() if isinstance(v, list)})
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(ordered, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    write("k3cloud.json", k3cloud())
