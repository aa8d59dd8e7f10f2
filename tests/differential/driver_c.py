#!/usr/bin/env python3
"""The C ABI's side of the differential test: the same --jsonl input through libqianming,
called with ctypes (only type conversion here: UTF-8 (ptr, len) in, views into a caller
buffer out, the status's stable name and qm_last_error_message for a refusal).
Usage: driver_c.py OPERATION path/to/libqianming.so < cases.jsonl"""
import ctypes as C
import sys

from serve import serve


class Str(C.Structure):
    _fields_ = [("ptr", C.c_void_p), ("len", C.c_size_t)]

    def text(self):
        return C.string_at(self.ptr, self.len).decode("utf-8") if self.len else ""

    def optional(self):
        """An absent text (NULL `ptr`) is None."""
        return None if self.ptr is None else self.text()


class Header(C.Structure):
    _fields_ = [("name", Str), ("value", Str)]


class Pair(C.Structure):
    _fields_ = [("name", C.c_char_p), ("name_len", C.c_size_t), ("value", C.c_char_p), ("value_len", C.c_size_t)]


class SignedRequest(C.Structure):
    _fields_ = [(n, Str) for n in ("method", "canonical_path", "canonical_query", "signed_headers",
                                   "string_to_sign", "hmac_hex", "signature", "wire_query")] + [("headers", Header * 6)]


class AppSignatureParts(C.Structure):
    _fields_ = [("hmac_hex", Str), ("app_signature", Str)]


class WeaverExplanation(C.Structure):
    _fields_ = [("md5_upper", Str), ("plaintext", Str), ("sign", Str)]


class UserPassword(C.Structure):
    _fields_ = [("user", Str), ("password", Str)]


class OptU64(C.Structure):
    _fields_ = [("present", C.c_bool), ("value", C.c_uint64)]


class Lifetime(C.Structure):
    _fields_ = [("expires_at_ms", C.c_uint64), ("refresh_expires_at_ms", OptU64)]


class KingdeeAppToken(C.Structure):
    _fields_ = [("app_token", Str), ("uid", Str), ("description", Str), ("lifetime", Lifetime)]


class WeaverToken(C.Structure):
    _fields_ = [("token", Str), ("msg", Str), ("batchkey", Str), ("lifetime", Lifetime)]


class EdgeToken(C.Structure):
    _fields_ = [("access_token", Str), ("refresh_token", Str), ("expire", C.c_uint64), ("t", OptU64),
                ("code", Str), ("lifetime", Lifetime)]


class OauthAccessToken(C.Structure):
    _fields_ = [("access_token", Str), ("expires", OptU64)]


class ApusicSessionToken(C.Structure):
    _fields_ = [("token", Str), ("message", Str)]


class JwtClaims(C.Structure):
    _fields_ = [("exp", OptU64), ("iat", OptU64), ("nbf", OptU64), ("iss", Str), ("payload_json", Str)]


def opt(number):
    """A `qm_opt_u64` as a number or None."""
    return number.value if number.present else None


class Refusal(C.Structure):
    _fields_ = [("refused", C.c_bool), ("status", C.c_uint32), ("code", Str), ("message", Str), ("batchkey", Str)]


class Refused(Exception):
    def __init__(self, kind, message, refusal=None):
        self.kind, self.message, self.refusal = kind, message, refusal


lib = C.CDLL(sys.argv[2])
lib.qm_status_name.restype = C.c_char_p
lib.qm_status_name.argtypes = [C.c_uint32]


def utf8(s):
    b = s.encode("utf-8")
    return b, len(b)


def check(status, refusal=None):
    if status != 0:
        buf, n = C.create_string_buffer(4096), C.c_size_t()
        lib.qm_last_error_message(buf, len(buf), C.byref(n))
        said = None
        if refusal is not None and refusal.refused:
            said = {"batchkey": refusal.batchkey.optional(), "code": refusal.code.optional(),
                    "message": refusal.message.text()}
        raise Refused(lib.qm_status_name(status).decode(), buf.raw[: n.value].decode("utf-8"), said)


def with_buffer(call, refusal=None):
    """Calls `call(buf, cap, out_len)`, growing the buffer on INSUFFICIENT_SIZE. Returns the
    buffer (keep it while reading the views the call wrote) and the bytes used."""
    cap = 64
    while True:
        buf, n = C.create_string_buffer(cap), C.c_size_t()
        status = call(buf, cap, C.byref(n))
        if lib.qm_status_name(status) == b"insufficient_size" and n.value > cap:
            cap = n.value
            continue
        check(status, refusal)
        return buf, n.value


def pairs(items):
    arr = (Pair * max(len(items), 1))()  # kept alive by the caller with `keep`
    keep = []
    for i, (name, value) in enumerate(items):
        nb = name.encode("utf-8")
        vb = None if value is None else value.encode("utf-8")
        keep += [nb, vb]
        arr[i] = Pair(nb, len(nb), vb, 0 if vb is None else len(vb))
    return (arr if items else None), len(items), keep


def kingdee_sign(c):
    signer = C.c_void_p()
    check(lib.qm_kingdee_signer_new(*utf8(c["client_id"]), *utf8(c["client_secret"]), C.byref(signer)))
    try:
        q, qn, keep_q = pairs(c["query"])
        h, hn, keep_h = pairs(c["sign_headers"])
        out = SignedRequest()
        buf, _ = with_buffer(lambda b, cap, n: lib.qm_kingdee_signer_sign(
            signer, *utf8(c["method"]), *utf8(c["path"]), q, qn, h, hn,
            *utf8(c["timestamp"]), *utf8(c["nonce"]), C.byref(out), b, cap, n))
        return {
            "canonical_path": out.canonical_path.text(), "canonical_query": out.canonical_query.text(),
            "headers": {hd.name.text(): hd.value.text() for hd in out.headers},
            "hmac_hex": out.hmac_hex.text(), "signature": out.signature.text(),
            "signed_headers": out.signed_headers.text().split(","),
            "string_to_sign": out.string_to_sign.text(), "wire_query": out.wire_query.text(),
        }
    finally:
        lib.qm_kingdee_signer_free(signer)


def kingdee_app_signature(c):
    out = AppSignatureParts()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_kingdee_explain_app_signature(
        *utf8(c["app_key"]), *utf8(c["app_secret"]), C.byref(out), b, cap, n))
    return {"app_signature": out.app_signature.text(), "hmac_hex": out.hmac_hex.text()}


def weaver_sign(c):
    out = WeaverExplanation()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_weaver_explain(
        *utf8(c["appid"]), *utf8(c["secret"]), *utf8(c["aes_key"]), c["timestamp_ms"],
        C.byref(out), b, cap, n))
    return {"md5_upper": out.md5_upper.text(), "plaintext": out.plaintext.text(), "sign": out.sign.text()}


def text_call(fn, *args):
    buf, n = with_buffer(lambda b, cap, out_len: fn(*args, b, cap, out_len))
    return buf.raw[:n].decode("utf-8")


def basic_encode(c):
    args = (*utf8(c["user"]), *utf8(c["password"]))
    return {
        "authorization": text_call(lib.qm_basic_authorization_header, *args),
        "authorization_raw": text_call(lib.qm_basic_authorization_header_raw, *args),
        "credentials": text_call(lib.qm_basic_credentials, *args),
    }


def basic_decode(c):
    out = UserPassword()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_basic_parse_authorization(
        *utf8(c["authorization"]), C.byref(out), b, cap, n))
    return {"password": out.password.text(), "user": out.user.text()}


def body_of(c):
    data = bytes.fromhex(c["body_hex"]) if "body_hex" in c else c["body"].encode("utf-8")
    return data, len(data)


def kingdee_token_answer(c):
    out, refusal = KingdeeAppToken(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_kingdee_parse_token_answer(
        *body_of(c), c["received_at_ms"], C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"app_token": out.app_token.text(), "description": out.description.optional(),
            "expires_at_ms": out.lifetime.expires_at_ms, "uid": out.uid.optional()}


def weaver_token_answer(c):
    out, refusal = WeaverToken(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_weaver_parse_token_answer(
        *body_of(c), c["received_at_ms"], C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"batchkey": out.batchkey.optional(), "expires_at_ms": out.lifetime.expires_at_ms,
            "msg": out.msg.optional(), "token": out.token.text()}


class KingdeeVerified(C.Structure):
    _fields_ = [("client_id", Str), ("nonce", Str), ("timestamp_ms", C.c_uint64)]


DEFAULT_WINDOW_MS = 300_000  # QM_DEFAULT_WINDOW_MS


KINGDEE_VERIFIERS = {}


def kingdee_verify(c):
    """One verifier handle per secret and window for the whole run, as the CLI keeps them
    (a nonce accepted on an earlier line is a replay)."""
    key = (c["client_secret"], c.get("window_ms"))
    if key not in KINGDEE_VERIFIERS:
        verifier = C.c_void_p()
        check(lib.qm_kingdee_verifier_new(*utf8(c["client_secret"]), c.get("window_ms", DEFAULT_WINDOW_MS),
                                          0, False, C.byref(verifier)))
        KINGDEE_VERIFIERS[key] = verifier
    q, qn, keep_q = pairs(c["query"])
    h, hn, keep_h = pairs(c["headers"])
    out = KingdeeVerified()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_kingdee_verifier_verify(
        KINGDEE_VERIFIERS[key], *utf8(c["method"]), *utf8(c["path"]), q, qn, h, hn, c["now_ms"],
        C.byref(out), b, cap, n))
    return {"client_id": out.client_id.text(), "nonce": out.nonce.text(), "timestamp_ms": out.timestamp_ms}


WEAVER_VERIFIERS = {}


def weaver_verify(c):
    """One verifier per credential set for the whole run, as the CLI keeps them (replays)."""
    key = (c["appid"], c["secret"], c["aes_key"], c.get("window_ms"))
    if key not in WEAVER_VERIFIERS:
        verifier = C.c_void_p()
        check(lib.qm_weaver_verifier_new(*utf8(c["appid"]), *utf8(c["secret"]), *utf8(c["aes_key"]),
                                         c.get("window_ms", DEFAULT_WINDOW_MS), C.byref(verifier)))
        WEAVER_VERIFIERS[key] = verifier
    ts = C.c_uint64()
    check(lib.qm_weaver_verifier_verify(WEAVER_VERIFIERS[key], *utf8(c["sign"]), c["now_ms"], C.byref(ts)))
    return {"timestamp_ms": ts.value}


def edge_token_answer(c):
    out, refusal = EdgeToken(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_edge_parse_token_answer(
        *body_of(c), C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"access_token": out.access_token.text(), "code": out.code.optional(), "expire": out.expire,
            "expires_at_ms": out.lifetime.expires_at_ms,
            "refresh_expires_at_ms": opt(out.lifetime.refresh_expires_at_ms),
            "refresh_token": out.refresh_token.optional(), "t": opt(out.t)}


def edge_jwt(c):
    out = JwtClaims()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_edge_read_jwt_claims(*utf8(c["jwt"]), C.byref(out), b, cap, n))
    return {"exp": opt(out.exp), "iat": opt(out.iat), "iss": out.iss.optional(), "nbf": opt(out.nbf),
            "payload_json": out.payload_json.text()}


def oauth_token_answer(c):
    out = OauthAccessToken()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_oauth_parse_token_answer(*body_of(c), C.byref(out), b, cap, n))
    return {"access_token": out.access_token.text(), "expires": opt(out.expires)}


def oauth_userinfo_answer(c):
    ident, count = Str(), C.c_size_t()
    attributes = (Header * 256)()  # the core accepts at most 256 attributes
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_oauth_parse_userinfo_answer(
        *body_of(c), C.byref(ident), attributes, len(attributes), C.byref(count), b, cap, n))
    return {"attributes": [[a.name.text(), a.value.text()] for a in attributes[: count.value]],
            "id": ident.text()}


def apusic_session_answer(c):
    out, refusal = ApusicSessionToken(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_apusic_parse_session_answer(
        *body_of(c), C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"message": out.message.optional(), "token": out.token.text()}



# ---- WXBizMsgCrypt, DingTalk, Feishu, Yonyou


class EncryptedReply(C.Structure):
    _fields_ = [("encrypt", Str), ("signature", Str)]


class RobotSignParts(C.Structure):
    _fields_ = [("sign", Str), ("sign_urlencoded", Str)]


class YonyouSignatureParts(C.Structure):
    _fields_ = [("signature", Str), ("signature_urlencoded", Str)]


class YonyouToken(C.Structure):
    _fields_ = [("access_token", Str), ("expire_s", C.c_uint64), ("message", Str), ("lifetime", Lifetime)]


HTTP_MAX_HEADERS = 12  # QM_HTTP_MAX_HEADERS


class HttpRequest(C.Structure):
    _fields_ = [("method", Str), ("url", Str), ("header_count", C.c_size_t), ("headers", Header * HTTP_MAX_HEADERS),
                ("body", Str)]


def request_fields(r):
    """A built request as the CLI's --jsonl line writes it."""
    return {"body": r.body.optional(), "headers": [[h.name.text(), h.value.text()] for h in r.headers[: r.header_count]],
            "method": r.method.text(), "url": r.url.text()}


def u64(c, key):
    """A u64 field read as the CLI's --jsonl reads it: a JSON integer from 0 to 2^64 - 1, else
    the CLI's line error (ctypes would wrap a larger number silently)."""
    value = c.get(key)
    if value is None:
        raise Refused("missing_field", f"field {key} is missing")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**64:
        raise Refused("invalid_field", f"field {key} must be a non-negative integer")
    return value


def wecom_signature(c):
    return {"signature": text_call(lib.qm_wecom_msg_signature, *utf8(c["token"]), *utf8(c["timestamp"]),
                                   *utf8(c["nonce"]), *utf8(c["encrypt"]))}


def wecom_decrypt(c):
    return {"message": text_call(lib.qm_wecom_decrypt, *utf8(c["encoding_aes_key"]), *utf8(c["receive_id"]),
                                 *utf8(c["encrypt"]))}


def random_bytes(random_hex):
    """The CLI's random_hex as the bytes the C ABI takes; text that is not hex becomes no bytes,
    which the ABI refuses as invalid_field (the CLI's kind; its detail speaks of hex digits)."""
    hex_digits = all(ch in "0123456789abcdefABCDEF" for ch in random_hex) and len(random_hex) % 2 == 0
    data = bytes.fromhex(random_hex) if hex_digits else b""
    return data, len(data)


def wecom_encrypt(c):
    out = EncryptedReply()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_wecom_encrypt_reply(
        *utf8(c["encoding_aes_key"]), *utf8(c["receive_id"]), *utf8(c["message"]), *random_bytes(c["random_hex"]),
        *utf8(c["token"]), *utf8(c["timestamp"]), *utf8(c["nonce"]), C.byref(out), b, cap, n))
    return {"encrypt": out.encrypt.text(), "signature": out.signature.text()}


def dingtalk_robot_sign(c):
    out = RobotSignParts()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_dingtalk_robot_sign(
        *utf8(c["secret"]), u64(c, "timestamp_ms"), C.byref(out), b, cap, n))
    return {"sign": out.sign.text(), "sign_urlencoded": out.sign_urlencoded.text()}


def feishu_bot_sign(c):
    return {"sign": text_call(lib.qm_feishu_bot_sign, *utf8(c["secret"]), u64(c, "timestamp"))}


def feishu_decrypt(c):
    return {"plaintext": text_call(lib.qm_feishu_decrypt, *utf8(c["encrypt_key"]), *utf8(c["encrypt"]))}


def feishu_event_signature(c):
    """As the CLI: a received `signature`, when given, is checked first."""
    args = (*utf8(c["timestamp"]), *utf8(c["nonce"]), *utf8(c["encrypt_key"]), *body_of(c))
    if c.get("signature") is not None:
        check(lib.qm_feishu_verify_event_signature(*args, *utf8(c["signature"])))
    return {"signature": text_call(lib.qm_feishu_event_signature, *args)}


def yonyou_signature(c):
    out = YonyouSignatureParts()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_yonyou_signature(
        *utf8(c["app_key"]), *utf8(c["app_secret"]), u64(c, "timestamp_ms"), C.byref(out), b, cap, n))
    return {"signature": out.signature.text(), "signature_urlencoded": out.signature_urlencoded.text()}


def yonyou_token_request(c):
    """The C ABI takes the token URL and the time always: the cases must carry both (the CLI
    would default them to the public cloud's URL and now)."""
    out = HttpRequest()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_yonyou_token_request(
        *utf8(c["token_url"]), *utf8(c["app_key"]), *utf8(c["app_secret"]), u64(c, "timestamp_ms"), C.byref(out),
        b, cap, n))
    return request_fields(out)


def yonyou_token_answer(c):
    out, refusal = YonyouToken(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_yonyou_parse_token_answer(
        *body_of(c), u64(c, "received_at_ms"), C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"access_token": out.access_token.text(), "expire_s": out.expire_s,
            "expires_at_ms": out.lifetime.expires_at_ms, "message": out.message.optional()}

# ---- Kingdee K3Cloud, Weaver e-cology 9


class K3cloudGatewayParts(C.Structure):
    _fields_ = [("client_id", Str), ("gateway_secret", Str)]


K3CLOUD_SIGNED_HEADER_COUNT = 9  # QM_K3CLOUD_SIGNED_HEADER_COUNT


class K3cloudSignedHeaders(C.Structure):
    _fields_ = [(n, Str) for n in ("timestamp", "string_to_sign", "api_signature", "app_data", "kd_signature")] + [
        ("headers", Header * K3CLOUD_SIGNED_HEADER_COUNT)]


class OptBool(C.Structure):
    _fields_ = [("present", C.c_bool), ("value", C.c_bool)]


class K3cloudSession(C.Structure):
    _fields_ = [("session_id", Str), ("message", Str), ("is_success_by_api", OptBool)]


class EcologyServerKeyInfo(C.Structure):
    _fields_ = [("bits", C.c_size_t), ("max_plaintext_len", C.c_size_t)]


class EcologyRegistration(C.Structure):
    _fields_ = [("secrit", Str), ("spk", Str), ("message", Str)]


class EcologyToken(C.Structure):
    _fields_ = [("token", Str), ("message", Str), ("lifetime", Lifetime)]


def opt_text(c, key):
    """An optional text: absent or null is NULL for the C ABI (its default)."""
    return (None, 0) if c.get(key) is None else utf8(c[key])


def lcid(c):
    """`lcid` as the CLI's --jsonl reads it (optional, 32 bits); absent is the C ABI's 0, the
    core's default locale. A case's own lcid 0 cannot be said to the C ABI (0 is its default)."""
    if c.get("lcid") is None:
        return 0
    value = u64(c, "lcid")
    if value >= 2**32:
        raise Refused("invalid_field", "field lcid must fit in 32 bits")
    return value


def k3cloud_identity(c):
    return (*utf8(c["acct_id"]), *utf8(c["user_name"]), *utf8(c["app_id"]), *utf8(c["app_secret"]))


def k3cloud_gateway_secret(c):
    out = K3cloudGatewayParts()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_k3cloud_gateway_credentials(*utf8(c["app_id"]), C.byref(out), b, cap, n))
    return {"client_id": out.client_id.text(), "gateway_secret": out.gateway_secret.text()}


def k3cloud_sign(c):
    """As the CLI: the signed headers (for the texts), then the request."""
    unit, body = c.get("timestamp_unit", "ms"), c.get("body", "{}")
    args = (*k3cloud_identity(c), lcid(c), *opt_text(c, "org_num"), *utf8(c["url"]))
    signed = K3cloudSignedHeaders()
    keep, _ = with_buffer(lambda b, cap, n: lib.qm_k3cloud_sign(
        *args, *utf8(unit), u64(c, "timestamp_ms"), C.byref(signed), b, cap, n))
    out = HttpRequest()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_k3cloud_request(
        *args, *utf8(body), *utf8(unit), u64(c, "timestamp_ms"), C.byref(out), b, cap, n))
    return {**request_fields(out), "app_data": signed.app_data.text(), "string_to_sign": signed.string_to_sign.text(),
            "timestamp": signed.timestamp.text()}


def k3cloud_login_sign(c):
    return {"sign": text_call(lib.qm_k3cloud_login_sign, *k3cloud_identity(c), u64(c, "timestamp_s"),
                              *utf8(c.get("hash", "sha256")))}


def k3cloud_login_request(c):
    out = HttpRequest()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_k3cloud_login_by_sign_request(
        *utf8(c["server_url"]), *k3cloud_identity(c), lcid(c), u64(c, "timestamp_s"), *utf8(c.get("hash", "sha256")),
        C.byref(out), b, cap, n))
    return request_fields(out)


def k3cloud_app_secret_login_request(c):
    out = HttpRequest()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_k3cloud_login_by_app_secret_request(
        *utf8(c["server_url"]), *k3cloud_identity(c), lcid(c), C.byref(out), b, cap, n))
    return request_fields(out)


def k3cloud_login_answer(c):
    out, refusal = K3cloudSession(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_k3cloud_parse_login_answer(
        *body_of(c), C.byref(out), C.byref(refusal), b, cap, n), refusal)
    flag = out.is_success_by_api
    return {"is_success_by_api": flag.value if flag.present else None, "message": out.message.optional(),
            "session_id": out.session_id.text()}


def seed(c):
    """seed_hex as the 32 bytes the C ABI takes (see random_bytes)."""
    return random_bytes(c["seed_hex"])


def ecology_server_key(c):
    out = EcologyServerKeyInfo()
    check(lib.qm_ecology_server_key(*utf8(c["spk"]), C.byref(out)))
    return {"bits": out.bits, "max_plaintext_len": out.max_plaintext_len}


def ecology_encrypt(c):
    return {"ciphertext": text_call(lib.qm_ecology_encrypt, *utf8(c["spk"]), *utf8(c["plaintext"]), *seed(c))}


def ecology_regist_request(c):
    out = HttpRequest()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_ecology_regist_request(
        *utf8(c["base_url"]), *utf8(c["appid"]), *utf8(c["cpk"]), C.byref(out), b, cap, n))
    return request_fields(out)


def ecology_regist_answer(c):
    out, refusal = EcologyRegistration(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_ecology_parse_regist_answer(
        *body_of(c), C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"message": out.message.optional(), "secrit": out.secrit.text(), "spk": out.spk.text()}


def ecology_token_request(c):
    """`time_s` absent is the C ABI's 0 (no `time` header); a case's own time_s 0 cannot be said
    to the C ABI."""
    time_s = 0 if c.get("time_s") is None else u64(c, "time_s")
    out = HttpRequest()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_ecology_applytoken_request(
        *utf8(c["base_url"]), *utf8(c["appid"]), *utf8(c["spk"]), *utf8(c["secrit"]), *seed(c), time_s,
        C.byref(out), b, cap, n))
    return request_fields(out)


def ecology_token_answer(c):
    lifetime_s = lib.qm_ecology_default_token_lifetime_s() if c.get("lifetime_s") is None else u64(c, "lifetime_s")
    out, refusal = EcologyToken(), Refusal()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_ecology_parse_token_answer(
        *body_of(c), u64(c, "received_at_ms"), lifetime_s, C.byref(out), C.byref(refusal), b, cap, n), refusal)
    return {"expires_at_ms": out.lifetime.expires_at_ms, "message": out.message.optional(), "token": out.token.text()}


def ecology_call_headers(c):
    headers, count = (Header * 3)(), C.c_size_t()
    buf, _ = with_buffer(lambda b, cap, n: lib.qm_ecology_call_headers(
        *utf8(c["appid"]), *utf8(c["token"]), *utf8(c["spk"]), *utf8(c["userid"]), *seed(c), headers, len(headers),
        C.byref(count), b, cap, n))
    return {"headers": [[h.name.text(), h.value.text()] for h in headers[: count.value]]}


# The prototypes, from include/qianming.h: ctypes must know every size_t and uint64_t.
TEXT = [C.c_char_p, C.c_size_t]
OUT = [C.c_char_p, C.c_size_t, C.POINTER(C.c_size_t)]
PROTOTYPES = {
    "qm_kingdee_signer_new": TEXT * 2 + [C.POINTER(C.c_void_p)],
    "qm_kingdee_signer_sign": [C.c_void_p] + TEXT * 2 + [C.POINTER(Pair), C.c_size_t] * 2 + TEXT * 2
    + [C.POINTER(SignedRequest)] + OUT,
    "qm_kingdee_explain_app_signature": TEXT * 2 + [C.POINTER(AppSignatureParts)] + OUT,
    "qm_weaver_explain": TEXT * 3 + [C.c_uint64, C.POINTER(WeaverExplanation)] + OUT,
    "qm_basic_credentials": TEXT * 2 + OUT,
    "qm_basic_authorization_header": TEXT * 2 + OUT,
    "qm_basic_authorization_header_raw": TEXT * 2 + OUT,
    "qm_basic_parse_authorization": TEXT + [C.POINTER(UserPassword)] + OUT,
    "qm_last_error_message": OUT,
    "qm_kingdee_verify": TEXT + [C.c_uint64] + TEXT * 2 + [C.POINTER(Pair), C.c_size_t] * 2
    + [C.c_uint64, C.POINTER(KingdeeVerified)] + OUT,
    "qm_kingdee_verifier_new": TEXT + [C.c_uint64, C.c_size_t, C.c_bool, C.POINTER(C.c_void_p)],
    "qm_kingdee_verifier_verify": [C.c_void_p] + TEXT * 2 + [C.POINTER(Pair), C.c_size_t] * 2
    + [C.c_uint64, C.POINTER(KingdeeVerified)] + OUT,
    "qm_weaver_verifier_new": TEXT * 3 + [C.c_uint64, C.POINTER(C.c_void_p)],
    "qm_weaver_verifier_verify": [C.c_void_p] + TEXT + [C.c_uint64, C.POINTER(C.c_uint64)],
    "qm_edge_parse_token_answer": [C.c_char_p, C.c_size_t, C.POINTER(EdgeToken), C.POINTER(Refusal)] + OUT,
    "qm_edge_read_jwt_claims": TEXT + [C.POINTER(JwtClaims)] + OUT,
    "qm_oauth_parse_token_answer": [C.c_char_p, C.c_size_t, C.POINTER(OauthAccessToken)] + OUT,
    "qm_oauth_parse_userinfo_answer": [C.c_char_p, C.c_size_t, C.POINTER(Str), C.POINTER(Header), C.c_size_t,
                                       C.POINTER(C.c_size_t)] + OUT,
    "qm_apusic_parse_session_answer": [C.c_char_p, C.c_size_t, C.POINTER(ApusicSessionToken),
                                       C.POINTER(Refusal)] + OUT,
    "qm_kingdee_parse_token_answer": [C.c_char_p, C.c_size_t, C.c_uint64, C.POINTER(KingdeeAppToken),
                                      C.POINTER(Refusal)] + OUT,
    "qm_weaver_parse_token_answer": [C.c_char_p, C.c_size_t, C.c_uint64, C.POINTER(WeaverToken),
                                     C.POINTER(Refusal)] + OUT,
    "qm_wecom_msg_signature": TEXT * 4 + OUT,
    "qm_wecom_decrypt": TEXT * 3 + OUT,
    "qm_wecom_encrypt_reply": TEXT * 7 + [C.POINTER(EncryptedReply)] + OUT,
    "qm_dingtalk_robot_sign": TEXT + [C.c_uint64, C.POINTER(RobotSignParts)] + OUT,
    "qm_feishu_bot_sign": TEXT + [C.c_uint64] + OUT,
    "qm_feishu_decrypt": TEXT * 2 + OUT,
    "qm_feishu_event_signature": TEXT * 4 + OUT,
    "qm_feishu_verify_event_signature": TEXT * 5,
    "qm_yonyou_signature": TEXT * 2 + [C.c_uint64, C.POINTER(YonyouSignatureParts)] + OUT,
    "qm_yonyou_token_request": TEXT * 3 + [C.c_uint64, C.POINTER(HttpRequest)] + OUT,
    "qm_yonyou_parse_token_answer": [C.c_char_p, C.c_size_t, C.c_uint64, C.POINTER(YonyouToken),
                                     C.POINTER(Refusal)] + OUT,
    "qm_k3cloud_gateway_credentials": TEXT + [C.POINTER(K3cloudGatewayParts)] + OUT,
    "qm_k3cloud_sign": TEXT * 4 + [C.c_uint32] + TEXT * 3 + [C.c_uint64, C.POINTER(K3cloudSignedHeaders)] + OUT,
    "qm_k3cloud_request": TEXT * 4 + [C.c_uint32] + TEXT * 4 + [C.c_uint64, C.POINTER(HttpRequest)] + OUT,
    "qm_k3cloud_login_sign": TEXT * 4 + [C.c_uint64] + TEXT + OUT,
    "qm_k3cloud_login_by_sign_request": TEXT * 5 + [C.c_uint32, C.c_uint64] + TEXT + [C.POINTER(HttpRequest)] + OUT,
    "qm_k3cloud_login_by_app_secret_request": TEXT * 5 + [C.c_uint32, C.POINTER(HttpRequest)] + OUT,
    "qm_k3cloud_parse_login_answer": [C.c_char_p, C.c_size_t, C.POINTER(K3cloudSession), C.POINTER(Refusal)] + OUT,
    "qm_ecology_server_key": TEXT + [C.POINTER(EcologyServerKeyInfo)],
    "qm_ecology_encrypt": TEXT * 3 + OUT,
    "qm_ecology_regist_request": TEXT * 3 + [C.POINTER(HttpRequest)] + OUT,
    "qm_ecology_parse_regist_answer": [C.c_char_p, C.c_size_t, C.POINTER(EcologyRegistration),
                                       C.POINTER(Refusal)] + OUT,
    "qm_ecology_applytoken_request": TEXT * 5 + [C.c_uint64, C.POINTER(HttpRequest)] + OUT,
    "qm_ecology_parse_token_answer": [C.c_char_p, C.c_size_t, C.c_uint64, C.c_uint64, C.POINTER(EcologyToken),
                                      C.POINTER(Refusal)] + OUT,
    "qm_ecology_call_headers": TEXT * 5 + [C.POINTER(Header), C.c_size_t, C.POINTER(C.c_size_t)] + OUT,
}
for name, argtypes in PROTOTYPES.items():
    getattr(lib, name).argtypes = argtypes
    getattr(lib, name).restype = C.c_uint32
lib.qm_kingdee_signer_free.argtypes = [C.c_void_p]
lib.qm_kingdee_signer_free.restype = None
lib.qm_ecology_default_token_lifetime_s.argtypes = []
lib.qm_ecology_default_token_lifetime_s.restype = C.c_uint64

if __name__ == "__main__":
    serve(globals(), Refused, lambda e: (e.kind, e.message, e.refusal))
