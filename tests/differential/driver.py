#!/usr/bin/env python3
"""The Python package's side of the differential test: reads the CLI's --jsonl input for one
operation on stdin and writes what the CLI would write (same field names), one line per line.
Usage: driver.py OPERATION < cases.jsonl"""
import qianming
from qianming import apusic, basic, dingtalk, ecology, edge, feishu, k3cloud, kingdee, oauth, weaver, wecom, yonyou
from serve import serve


def kingdee_sign(c):
    out = kingdee.Signer(c["client_id"], c["client_secret"]).sign(
        c["method"], c["path"], query=c["query"], sign_headers=c["sign_headers"],
        timestamp=c["timestamp"], nonce=c["nonce"],
    )
    return {
        "canonical_path": out.canonical_path, "canonical_query": out.canonical_query,
        "headers": out.headers, "hmac_hex": out.hmac_hex, "signature": out.signature,
        "signed_headers": out.signed_headers, "string_to_sign": out.string_to_sign,
        "wire_query": out.wire_query,
    }


def kingdee_app_signature(c):
    out = kingdee.explain_app_signature(c["app_key"], c["app_secret"])
    return {"app_signature": out.app_signature, "hmac_hex": out.hmac_hex}


def weaver_sign(c):
    out = weaver.explain(c["appid"], c["secret"], c["aes_key"], c["timestamp_ms"])
    return {"md5_upper": out.md5_upper, "plaintext": out.plaintext, "sign": out.sign}


def basic_encode(c):
    return {
        "authorization": basic.authorization_header(c["user"], c["password"]),
        "authorization_raw": basic.authorization_header(c["user"], c["password"], mode="raw"),
        "credentials": basic.credentials(c["user"], c["password"]),
    }


def basic_decode(c):
    out = basic.parse_authorization(c["authorization"])
    return {"password": out.password, "user": out.user}


def body_of(c):
    return bytes.fromhex(c["body_hex"]) if "body_hex" in c else c["body"].encode("utf-8")


def kingdee_token_answer(c):
    t = kingdee.parse_token_answer(body_of(c), received_at_ms=c["received_at_ms"])
    return {"app_token": t.app_token, "description": t.description,
            "expires_at_ms": t.lifetime.expires_at_ms, "uid": t.uid}


def weaver_token_answer(c):
    t = weaver.parse_token_answer(body_of(c), received_at_ms=c["received_at_ms"])
    return {"batchkey": t.batchkey, "expires_at_ms": t.lifetime.expires_at_ms, "msg": t.msg, "token": t.token}


KINGDEE_VERIFIERS = {}


def kingdee_verify(c):
    """One verifier per secret and window for the whole run, as the CLI keeps them (replays)."""
    key = (c["client_secret"], c.get("window_ms"))
    if key not in KINGDEE_VERIFIERS:
        options = {"window_ms": c["window_ms"]} if "window_ms" in c else {}
        KINGDEE_VERIFIERS[key] = kingdee.Verifier(c["client_secret"], **options)
    v = KINGDEE_VERIFIERS[key].verify(
        c["method"], c["path"], headers=c["headers"], query=c["query"], now_ms=c["now_ms"])
    return {"client_id": v.client_id, "nonce": v.nonce, "timestamp_ms": v.timestamp_ms}


WEAVER_VERIFIERS = {}


def weaver_verify(c):
    """One verifier per credential set for the whole run, as the CLI keeps them (replays)."""
    key = (c["appid"], c["secret"], c["aes_key"], c.get("window_ms"))
    if key not in WEAVER_VERIFIERS:
        options = {"window_ms": c["window_ms"]} if "window_ms" in c else {}
        WEAVER_VERIFIERS[key] = weaver.Verifier(c["appid"], c["secret"], c["aes_key"], **options)
    return {"timestamp_ms": WEAVER_VERIFIERS[key].verify(c["sign"], c["now_ms"]).timestamp_ms}


def edge_token_answer(c):
    t = edge.parse_token_answer(body_of(c))
    return {"access_token": t.access_token, "code": t.code, "expire": t.expire,
            "expires_at_ms": t.lifetime.expires_at_ms,
            "refresh_expires_at_ms": t.lifetime.refresh_expires_at_ms,
            "refresh_token": t.refresh_token, "t": t.t}


def edge_jwt(c):
    claims = edge.read_jwt_claims(c["jwt"])
    return {"exp": claims.exp, "iat": claims.iat, "iss": claims.iss, "nbf": claims.nbf,
            "payload_json": claims.payload_json}


def oauth_token_answer(c):
    t = oauth.parse_token_answer(body_of(c))
    return {"access_token": t.access_token, "expires": t.expires}


def oauth_userinfo_answer(c):
    u = oauth.parse_userinfo_answer(body_of(c))
    return {"attributes": [list(a) for a in u.attributes], "id": u.id}


def apusic_session_answer(c):
    t = apusic.parse_session_answer(body_of(c))
    return {"message": t.message, "token": t.token}


def wecom_signature(c):
    return {"signature": wecom.msg_signature(c["token"], c["timestamp"], c["nonce"], c["encrypt"])}


def wecom_decrypt(c):
    return {"message": wecom.decrypt(c["encoding_aes_key"], c["receive_id"], c["encrypt"])}


def wecom_encrypt(c):
    """The CLI takes the random prefix as hex: read by the core, as the CLI reads it."""
    out = wecom.encrypt_reply(
        c["encoding_aes_key"], c["receive_id"], c["message"], token=c["token"],
        timestamp=c["timestamp"], nonce=c["nonce"], random=wecom.random_from_hex(c["random_hex"]),
    )
    return {"encrypt": out.encrypt, "signature": out.signature}


def dingtalk_robot_sign(c):
    out = dingtalk.robot_sign(c["secret"], c["timestamp_ms"])
    return {"sign": out.sign, "sign_urlencoded": out.sign_urlencoded}


def feishu_bot_sign(c):
    return {"sign": feishu.bot_sign(c["secret"], c["timestamp"])}


def feishu_decrypt(c):
    return {"plaintext": feishu.decrypt(c["encrypt_key"], c["encrypt"])}


def feishu_event_signature(c):
    """With `signature`, the CLI checks it first, then answers the expected one."""
    head = (c["timestamp"], c["nonce"], c["encrypt_key"], body_of(c))
    if c.get("signature") is not None:
        feishu.verify_event_signature(*head, c["signature"])
    return {"signature": feishu.event_signature(*head)}


def yonyou_signature(c):
    out = yonyou.signature(c["app_key"], c["app_secret"], c["timestamp_ms"])
    return {"signature": out.signature, "signature_urlencoded": out.signature_urlencoded}


def yonyou_token_request(c):
    """`token_url` and `timestamp_ms` may be left out, as in the CLI (the core's URL; now)."""
    r = yonyou.token_request(c["app_key"], c["app_secret"], c.get("timestamp_ms"), token_url=c.get("token_url"))
    return {"body": r.body, "headers": [list(h) for h in r.headers], "method": r.method, "url": r.url}


def yonyou_token_answer(c):
    t = yonyou.parse_token_answer(body_of(c), received_at_ms=c.get("received_at_ms"))
    return {"access_token": t.access_token, "expire_s": t.expire_s, "expires_at_ms": t.lifetime.expires_at_ms,
            "message": t.message}


def request_fields(r, **extra):
    """An HTTP request as the CLI's --jsonl writes it."""
    return {"body": r.body, "headers": [list(h) for h in r.headers], "method": r.method, "url": r.url, **extra}


def k3cloud_gateway_secret(c):
    out = k3cloud.gateway_credentials(c["app_id"])
    return {"client_id": out.client_id, "gateway_secret": out.gateway_secret}


def k3cloud_identity(c):
    """The identity of a line; `lcid` may be left out (the core's default, as in the CLI)."""
    return (c["acct_id"], c["user_name"], c["app_id"], c["app_secret"]), {"lcid": c.get("lcid")}


def k3cloud_sign(c):
    """The CLI signs, then builds the request (its `body` defaults to `{}`); both come back."""
    ident, opts = k3cloud_identity(c)
    opts.update(org_num=c.get("org_num"), timestamp_unit=c.get("timestamp_unit"), timestamp_ms=c.get("timestamp_ms"))
    s = k3cloud.sign(*ident, c["url"], **opts)
    r = k3cloud.request(*ident, c["url"], c.get("body", "{}"), **opts)
    return request_fields(r, app_data=s.app_data, string_to_sign=s.string_to_sign, timestamp=s.timestamp)


def k3cloud_login_sign(c):
    ident, _ = k3cloud_identity(c)
    return {"sign": k3cloud.login_sign(*ident, c.get("timestamp_s"), hash=c.get("hash"))}


def k3cloud_login_request(c):
    ident, opts = k3cloud_identity(c)
    return request_fields(
        k3cloud.login_by_sign_request(c["server_url"], *ident, c.get("timestamp_s"), hash=c.get("hash"), **opts)
    )


def k3cloud_app_secret_login_request(c):
    ident, opts = k3cloud_identity(c)
    return request_fields(k3cloud.login_by_app_secret_request(c["server_url"], *ident, **opts))


def k3cloud_login_answer(c):
    s = k3cloud.parse_login_answer(body_of(c))
    return {"is_success_by_api": s.is_success_by_api, "message": s.message, "session_id": s.session_id}


def seed_of(c):
    """The CLI takes the seed as hex, read by the core (cases always carry it)."""
    return ecology.seed_from_hex(c["seed_hex"]) if "seed_hex" in c else None


def ecology_server_key(c):
    k = ecology.server_key(c["spk"])
    return {"bits": k.bits, "max_plaintext_len": k.max_plaintext_len}


def ecology_encrypt(c):
    seed = seed_of(c)
    return {"ciphertext": ecology.encrypt(c["spk"], c["plaintext"], seed=seed)}


def ecology_regist_request(c):
    return request_fields(ecology.regist_request(c["base_url"], c["appid"], c["cpk"]))


def ecology_regist_answer(c):
    r = ecology.parse_regist_answer(body_of(c))
    return {"message": r.message, "secrit": r.secrit, "spk": r.spk}


def ecology_token_request(c):
    seed = seed_of(c)
    return request_fields(
        ecology.applytoken_request(c["base_url"], c["appid"], c["spk"], c["secrit"], seed=seed, time_s=c.get("time_s"))
    )


def ecology_token_answer(c):
    t = ecology.parse_token_answer(body_of(c), received_at_ms=c.get("received_at_ms"), lifetime_s=c.get("lifetime_s"))
    return {"expires_at_ms": t.lifetime.expires_at_ms, "message": t.message, "token": t.token}


def ecology_call_headers(c):
    seed = seed_of(c)
    headers = ecology.call_headers(c["appid"], c["token"], c["spk"], c["userid"], seed=seed)
    return {"headers": [list(h) for h in headers]}


def describe(e):
    r = getattr(e, "refusal", None)
    said = None if r is None else {"batchkey": r.batchkey, "code": r.code, "message": r.message}
    return e.kind, str(e), said


if __name__ == "__main__":
    serve(globals(), qianming.QianmingError, describe)
