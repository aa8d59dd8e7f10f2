#!/usr/bin/env python3
"""Writes vectors/{wecom,dingtalk,feishu,yonyou}.json (issue 17): an independent
implementation of docs/spec/wecom.md, dingtalk.md, feishu.md and yonyou.md with the Python
standard library (hmac, hashlib, base64, json, urllib.parse) and `cryptography` for AES-CBC,
not the Rust code. Official samples are embedded and checked here before anything is written.
Usage: python3 vectors/tools/messaging_vectors.py"""
import base64
import hashlib
import hmac
import json
import os
import struct
import urllib.parse

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# Tencent's WXBizMsgCrypt sample (Sample.php / Sample.java of the WeCom callback SDK).
TX_TOKEN = "QDG6eK"
TX_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
TX_RECEIVE_ID = "wx5823bf96d3bd56c7"
TX_TIMESTAMP = "1409659589"
TX_NONCE = "263014780"
TX_SIGNATURE = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
TX_ECHOSTR = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="
TX_ECHO_PLAIN = "1616140317555161061"
# Feishu's decrypt sample (the event subscription guide).
FS_KEY = "test key"
FS_ENCRYPT = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="
FS_PLAIN = "hello world"


def java_urlencode(text):
    """java.net.URLEncoder: keeps A-Z a-z 0-9 - _ . *, a space as +, UTF-8 %XX otherwise."""
    return urllib.parse.quote_plus(text, safe="-_.*")


def aes_cbc(key, iv, data, decrypt=False):
    c = Cipher(algorithms.AES(key), modes.CBC(iv))
    op = c.decryptor() if decrypt else c.encryptor()
    return op.update(data) + op.finalize()


# --- WXBizMsgCrypt ---------------------------------------------------------------------------

def wx_key(encoding_aes_key):
    # Lenient as Tencent's decoders: the 2 bits past the 32 bytes are dropped.
    return base64.b64decode(encoding_aes_key + "=")


def wx_signature(token, timestamp, nonce, encrypt):
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypt])).encode()).hexdigest()


def wx_seal(encoding_aes_key, plain):
    key = wx_key(encoding_aes_key)
    return base64.b64encode(aes_cbc(key, key[:16], plain)).decode()


def wx_plain(message, receive_id, random):
    body = random + struct.pack(">I", len(message)) + message + receive_id
    pad = 32 - len(body) % 32
    return body + bytes([pad]) * pad


def wx_encrypt(encoding_aes_key, message, receive_id, random):
    return wx_seal(encoding_aes_key, wx_plain(message.encode(), receive_id.encode(), random))


def wx_decrypt(encoding_aes_key, encrypt):
    key = wx_key(encoding_aes_key)
    plain = aes_cbc(key, key[:16], base64.b64decode(encrypt), decrypt=True)
    pad = plain[-1]
    plain = plain[:-pad]
    (n,) = struct.unpack(">I", plain[16:20])
    return plain[20:20 + n].decode(), plain[20 + n:].decode()


assert wx_signature(TX_TOKEN, TX_TIMESTAMP, TX_NONCE, TX_ECHOSTR) == TX_SIGNATURE
assert wx_decrypt(TX_KEY, TX_ECHOSTR) == (TX_ECHO_PLAIN, TX_RECEIVE_ID)

KEY2 = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
CASES_RANDOM = [bytes(range(16)), bytes([0xA5]) * 16, bytes(range(255, 239, -1))]


def wecom():
    sig = [{"id": "tencent-sample-verify-url", "comment": "Tencent's sample: the VerifyURL request",
            "token": TX_TOKEN, "timestamp": TX_TIMESTAMP, "nonce": TX_NONCE, "encrypt": TX_ECHOSTR,
            "result": "valid", "signature": TX_SIGNATURE}]
    for i, (token, ts, nonce, enc) in enumerate([
        ("token", "1700000000", "nonce", "abc"),
        ("Z", "0", "a", "B"),
        ("令牌", "1700000000", "随机", "密文"),
        ("", "1", "", ""),
        ("same", "5", "same", "same"),
    ]):
        sig.append({"id": "sig-%d" % i, "comment": "sorted by code point (UTF-8 bytes)", "token": token,
                    "timestamp": ts, "nonce": nonce, "encrypt": enc, "result": "valid",
                    "signature": wx_signature(token, ts, nonce, enc)})
    for cid, ts in (("sig-bad-timestamp-letters", "17e9"), ("sig-bad-timestamp-empty", ""),
                    ("sig-bad-timestamp-negative", "-1")):
        sig.append({"id": cid, "comment": "the timestamp must be decimal digits", "token": "t", "timestamp": ts,
                    "nonce": "n", "encrypt": "e", "result": "invalid", "error": "invalid_timestamp"})

    dec = [{"id": "tencent-sample-echostr", "comment": "Tencent's sample: the echostr of VerifyURL",
            "encoding_aes_key": TX_KEY, "receive_id": TX_RECEIVE_ID, "encrypt": TX_ECHOSTR,
            "result": "valid", "message": TX_ECHO_PLAIN}]
    enc = []
    messages = [
        ("xml", "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Content><![CDATA[你好]]></Content></xml>", TX_RECEIVE_ID),
        ("empty-message", "", TX_RECEIVE_ID),
        ("empty-receive-id", "personal third-party app", ""),
        ("pad-32", "x" * (64 - 20 - len(TX_RECEIVE_ID)), TX_RECEIVE_ID),
        ("pad-1", "x" * (64 - 20 - len(TX_RECEIVE_ID) - 1), TX_RECEIVE_ID),
        ("dingtalk-suite", '{"EventType":"check_url"}', "suite4xxxxxxxxxxxxxxx"),
        ("long", "消息" * 300, "ww1436e0e65a779aee"),
    ]
    for i, (name, message, rid) in enumerate(messages):
        random = CASES_RANDOM[i % len(CASES_RANDOM)]
        key = TX_KEY if i % 2 == 0 else KEY2
        e = wx_encrypt(key, message, rid, random)
        assert wx_decrypt(key, e) == (message, rid)
        dec.append({"id": "dec-" + name, "comment": "encrypted by the independent implementation",
                    "encoding_aes_key": key, "receive_id": rid, "encrypt": e, "result": "valid", "message": message})
        ts, nonce = str(1700000000 + i), "nonce%d" % i
        enc.append({"id": "enc-" + name, "comment": "encrypt then sign (EncryptMsg without XML)",
                    "encoding_aes_key": key, "receive_id": rid, "message": message, "random_hex": random.hex(),
                    "token": TX_TOKEN, "timestamp": ts, "nonce": nonce, "result": "valid",
                    "encrypt": e, "signature": wx_signature(TX_TOKEN, ts, nonce, e)})
    good = wx_encrypt(TX_KEY, "hello", TX_RECEIVE_ID, CASES_RANDOM[0])
    bad = lambda cid, comment, error, **kw: dict(
        {"id": cid, "comment": comment, "encoding_aes_key": TX_KEY, "receive_id": TX_RECEIVE_ID,
         "encrypt": good, "result": "invalid", "error": error}, **kw)
    # A wrong key: checked here to give invalid padding (so the case is deterministic).
    wrong = wx_key(KEY2)
    wrong_plain = aes_cbc(wrong, wrong[:16], base64.b64decode(good), decrypt=True)
    assert not (1 <= wrong_plain[-1] <= 32 and wrong_plain[-wrong_plain[-1]:] == bytes([wrong_plain[-1]]) * wrong_plain[-1])
    dec += [
        bad("dec-other-receive-id", "made for another receive id", "sign_mismatch", receive_id="wx0000000000000000"),
        bad("dec-receive-id-prefix", "the receive id is a prefix of the real one", "sign_mismatch", receive_id=TX_RECEIVE_ID[:-1]),
        bad("dec-empty-receive-id", "an empty receive id where one was sent", "sign_mismatch", receive_id=""),
        bad("dec-wrong-key", "another EncodingAESKey: the padding is wrong", "undecryptable", encoding_aes_key=KEY2),
        bad("dec-key-42", "an EncodingAESKey of 42 characters", "invalid_key_length", encoding_aes_key=TX_KEY[:-1]),
        bad("dec-key-44", "an EncodingAESKey of 44 characters (with its '=')", "invalid_key_length", encoding_aes_key=TX_KEY + "="),
        bad("dec-key-not-base64", "an EncodingAESKey with '!'", "invalid_base64", encoding_aes_key="!" + TX_KEY[1:]),
        bad("dec-not-base64", "encrypt is not Base64", "invalid_base64", encrypt="not base64!"),
        bad("dec-unpadded-base64", "encrypt without its Base64 padding", "invalid_base64", encrypt=good.rstrip("=")),
        bad("dec-empty", "an empty encrypt", "undecryptable", encrypt=""),
        bad("dec-15-bytes", "15 bytes: not whole AES blocks", "undecryptable", encrypt=base64.b64encode(b"x" * 15).decode()),
        bad("dec-pad-0", "a padding byte of 0", "undecryptable",
            encrypt=wx_seal(TX_KEY, bytes(16) + struct.pack(">I", 1) + b"a" + TX_RECEIVE_ID.encode() + bytes(25))),
        bad("dec-pad-33", "a padding byte of 33", "undecryptable",
            encrypt=wx_seal(TX_KEY, bytes(16) + struct.pack(">I", 1) + b"a" + TX_RECEIVE_ID.encode() + bytes([33]) * 25 + bytes([33]) * 32)),
        bad("dec-pad-mixed", "padding bytes that differ", "undecryptable",
            encrypt=wx_seal(TX_KEY, bytes(16) + struct.pack(">I", 1) + b"a" + TX_RECEIVE_ID.encode() + bytes([24]) * 23 + bytes([25]) * 2)),
        bad("dec-length-too-large", "a message length past the end", "undecryptable",
            encrypt=wx_seal(TX_KEY, wx_plain(b"", b"", bytes(16))[:16] + struct.pack(">I", 1000) + bytes([12]) * 12)),
        bad("dec-too-short", "padding leaves fewer than 20 bytes", "undecryptable",
            encrypt=wx_seal(TX_KEY, bytes(10) + bytes([22]) * 22)),
        bad("dec-not-utf8", "the message is not UTF-8", "undecryptable",
            encrypt=wx_seal(TX_KEY, wx_plain(b"\xff\xfe", TX_RECEIVE_ID.encode(), bytes(16)))),
    ]
    enc += [
        {"id": "enc-bad-random", "comment": "random_hex is not 32 hex digits", "encoding_aes_key": TX_KEY,
         "receive_id": TX_RECEIVE_ID, "message": "m", "random_hex": "00", "token": TX_TOKEN, "timestamp": "1",
         "nonce": "n", "result": "invalid", "error": "invalid_field"},
        {"id": "enc-bad-timestamp", "comment": "the timestamp must be decimal digits", "encoding_aes_key": TX_KEY,
         "receive_id": TX_RECEIVE_ID, "message": "m", "random_hex": "00" * 16, "token": TX_TOKEN, "timestamp": "x",
         "nonce": "n", "result": "invalid", "error": "invalid_timestamp"},
        {"id": "enc-bad-key", "comment": "an EncodingAESKey of 32 characters", "encoding_aes_key": TX_KEY[:32],
         "receive_id": TX_RECEIVE_ID, "message": "m", "random_hex": "00" * 16, "token": TX_TOKEN, "timestamp": "1",
         "nonce": "n", "result": "invalid", "error": "invalid_key_length"},
    ]
    return {"algorithm": "wxbizmsgcrypt",
            "source": "Tencent's WXBizMsgCrypt sample (token QDG6eK, EncodingAESKey jWmYm7…, receive id wx5823bf96d3bd56c7, "
                      "the VerifyURL request of Sample.php/Sample.java) and qianming's own cases; expected values computed by "
                      "vectors/tools/messaging_vectors.py (stdlib hashlib/base64/struct, `cryptography` AES-CBC), not by the Rust code.",
            "notes": "wecom_signature: token, timestamp, nonce, encrypt -> signature. wecom_decrypt: encoding_aes_key, receive_id, "
                     "encrypt -> message. wecom_encrypt: encoding_aes_key, receive_id, message, random_hex (the 16 random bytes), "
                     "token, timestamp, nonce -> encrypt, signature.",
            "wecom_signature": sig, "wecom_decrypt": dec, "wecom_encrypt": enc}


# --- DingTalk -------------------------------------------------------------------------------

def dingtalk():
    cases = []
    for i, (secret, ts) in enumerate([
        ("this is secret", 1700000000000),
        ("SEC7ba2ab5d4b0f8a5e9c1d3b6f2e4a8c0d1f3e5a7b9c2d4e6f8a0b1c3d5e7f9a2b4c", 1577262236757),
        ("SECxyz", 0),
        ("密钥", 1599360473000),
        ("a", 18446744073709551615),
    ]):
        sign = base64.b64encode(hmac.new(secret.encode(), ("%d\n%s" % (ts, secret)).encode(), hashlib.sha256).digest()).decode()
        cases.append({"id": "robot-%d" % i, "comment": "Base64(HmacSHA256(secret, timestamp_ms + LF + secret))",
                      "secret": secret, "timestamp_ms": ts, "result": "valid",
                      "sign": sign, "sign_urlencoded": java_urlencode(sign)})
    cases.append({"id": "robot-empty-secret", "comment": "an empty secret", "secret": "", "timestamp_ms": 1,
                  "result": "invalid", "error": "empty_secret"})
    return {"algorithm": "dingtalk-robot-sign",
            "source": "DingTalk's custom robot security settings (加签) and its Java/Python samples; expected values computed by "
                      "vectors/tools/messaging_vectors.py (stdlib hmac/hashlib/base64/urllib.parse), not by the Rust code.",
            "notes": "dingtalk_robot_sign: secret, timestamp_ms -> sign, sign_urlencoded (java.net.URLEncoder).",
            "dingtalk_robot_sign": cases}


# --- Feishu ---------------------------------------------------------------------------------

def fs_decrypt(key, encrypt):
    data = base64.b64decode(encrypt)
    plain = aes_cbc(hashlib.sha256(key.encode()).digest(), data[:16], data[16:], decrypt=True)
    return plain[:-plain[-1]].decode()


def fs_encrypt(key, plain, iv):
    data = plain.encode()
    pad = 16 - len(data) % 16
    return base64.b64encode(iv + aes_cbc(hashlib.sha256(key.encode()).digest(), iv, data + bytes([pad]) * pad)).decode()


assert fs_decrypt(FS_KEY, FS_ENCRYPT) == FS_PLAIN


def feishu():
    bot = []
    for i, (secret, ts) in enumerate([("secret", 1599360473), ("nIMtb7r3N9pkXyXdtAbx6e", 1700000000),
                                      ("密钥", 0), ("x", 18446744073709551615)]):
        key = ("%d\n%s" % (ts, secret)).encode()
        bot.append({"id": "bot-%d" % i, "comment": "Base64(HmacSHA256(key = timestamp + LF + secret, message = empty))",
                    "secret": secret, "timestamp": ts, "result": "valid",
                    "sign": base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()})
    # The DingTalk formula on the same inputs gives another sign: the inverse-key mistake.
    dingtalk_way = base64.b64encode(hmac.new(b"secret", b"1599360473\nsecret", hashlib.sha256).digest()).decode()
    assert dingtalk_way != bot[0]["sign"]
    bot.append({"id": "bot-empty-secret", "comment": "an empty secret", "secret": "", "timestamp": 1,
                "result": "invalid", "error": "empty_secret"})

    dec = [{"id": "feishu-sample", "comment": "Feishu's decrypt sample", "encrypt_key": FS_KEY, "encrypt": FS_ENCRYPT,
            "result": "valid", "plaintext": FS_PLAIN}]
    for i, (key, plain) in enumerate([("kx7a9Ml1", '{"challenge":"ajls384kdjx98XX","token":"xxxxxx","type":"url_verification"}'),
                                      ("密钥", "事件"), ("k", ""), ("k", "x" * 16)]):
        iv = bytes([i * 17 % 256] * 16)
        dec.append({"id": "dec-%d" % i, "comment": "encrypted by the independent implementation", "encrypt_key": key,
                    "encrypt": fs_encrypt(key, plain, iv), "result": "valid", "plaintext": plain})
    good = fs_encrypt("k", "hello", bytes(16))
    raw = base64.b64decode(good)
    dec += [
        {"id": "dec-wrong-key", "comment": "another Encrypt Key: the padding is wrong", "encrypt_key": "other",
         "encrypt": good, "result": "invalid", "error": "undecryptable"},
        {"id": "dec-empty-key", "comment": "an empty Encrypt Key", "encrypt_key": "", "encrypt": good,
         "result": "invalid", "error": "empty_secret"},
        {"id": "dec-not-base64", "comment": "not Base64", "encrypt_key": "k", "encrypt": "%%%",
         "result": "invalid", "error": "invalid_base64"},
        {"id": "dec-iv-only", "comment": "an IV and no block", "encrypt_key": "k",
         "encrypt": base64.b64encode(raw[:16]).decode(), "result": "invalid", "error": "undecryptable"},
        {"id": "dec-partial-block", "comment": "an IV and 20 bytes", "encrypt_key": "k",
         "encrypt": base64.b64encode(raw + raw[:4]).decode(), "result": "invalid", "error": "undecryptable"},
        {"id": "dec-not-utf8", "comment": "the plaintext is not UTF-8", "encrypt_key": "k",
         "encrypt": base64.b64encode(bytes(16) + aes_cbc(hashlib.sha256(b"k").digest(), bytes(16), b"\xff" * 15 + b"\x01")).decode(),
         "result": "invalid", "error": "undecryptable"},
    ]

    sig = []
    body = '{"encrypt":"%s"}' % FS_ENCRYPT
    for i, (ts, nonce, key, b) in enumerate([("1700000000", "n1", "ek_secret", '{"type":"event"}'),
                                             ("1602656591", "1894713476", FS_KEY, body),
                                             ("0", "", "k", ""), ("1700000000", "随机", "密钥", '{"x":"事件"}')]):
        s = hashlib.sha256((ts + nonce + key).encode() + b.encode()).hexdigest()
        sig.append({"id": "sig-%d" % i, "comment": "hex SHA-256(timestamp + nonce + Encrypt Key + body)",
                    "timestamp": ts, "nonce": nonce, "encrypt_key": key, "body": b, "result": "valid", "signature": s})
    sig.append({"id": "sig-empty-key", "comment": "no Encrypt Key: no signature to check", "timestamp": "1",
                "nonce": "n", "encrypt_key": "", "body": "{}", "result": "invalid", "error": "empty_secret"})
    return {"algorithm": "feishu",
            "source": "Feishu's custom bot guide (签名校验), its event subscription guide (decrypt sample: key `test key`, "
                      "P37w…ghk= -> hello world; 签名校验 of X-Lark-Signature) and qianming's own cases; expected values computed by "
                      "vectors/tools/messaging_vectors.py (stdlib hmac/hashlib/base64, `cryptography` AES-CBC), not by the Rust code.",
            "notes": "feishu_bot_sign: secret, timestamp (seconds) -> sign. feishu_decrypt: encrypt_key, encrypt -> plaintext. "
                     "feishu_event_signature: timestamp, nonce, encrypt_key, body (the raw request body) -> signature.",
            "feishu_bot_sign": bot, "feishu_decrypt": dec, "feishu_event_signature": sig}


# --- Yonyou ---------------------------------------------------------------------------------

TOKEN_URL = "https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken"


def yy_sign(app_key, app_secret, ts):
    text = "".join(k + v for k, v in sorted({"appKey": app_key, "timestamp": str(ts)}.items()))
    return base64.b64encode(hmac.new(app_secret.encode(), text.encode(), hashlib.sha256).digest()).decode()


def gateway_encode(text):
    return urllib.parse.quote_plus(text, safe="-_.~")


def yonyou():
    sig, req, ans = [], [], []
    for i, (k, s, ts) in enumerate([("fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7", "d2ee36a4a0c2f82954894a36c0a4b031", 1547192727928),
                                    ("appkey", "secret", 0), ("应用", "密钥", 1700000000000),
                                    ("k", "s", 18446744073709551615)]):
        v = yy_sign(k, s, ts)
        sig.append({"id": "sig-%d" % i, "comment": "Base64(HmacSHA256(appSecret, appKey<k>timestamp<ts>))", "app_key": k,
                    "app_secret": s, "timestamp_ms": ts, "result": "valid", "signature": v,
                    "signature_urlencoded": java_urlencode(v)})
    sig.append({"id": "sig-empty-secret", "comment": "an empty appSecret", "app_key": "k", "app_secret": "",
                "timestamp_ms": 1, "result": "invalid", "error": "empty_secret"})
    for i, (url, k) in enumerate([(TOKEN_URL, "fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7"),
                                  ("https://c2.yonyoucloud.com/iuap-api-auth/open-auth/selfAppAuth/getAccessToken/", "a b&c")]):
        ts, secret = 1547192727928, "d2ee36a4a0c2f82954894a36c0a4b031"
        q = "&".join("%s=%s" % (n, gateway_encode(v)) for n, v in
                     (("appKey", k), ("timestamp", str(ts)), ("signature", yy_sign(k, secret, ts))))
        req.append({"id": "req-%d" % i, "comment": "GET <token URL>?appKey&timestamp&signature", "token_url": url,
                    "app_key": k, "app_secret": secret, "timestamp_ms": ts, "result": "valid",
                    "expected": {"method": "GET", "url": url.rstrip("/") + "?" + q,
                                 "headers": [["Accept", "application/json"]], "body": None}})
    req += [
        {"id": "req-query-in-url", "comment": "a token URL with a query", "token_url": TOKEN_URL + "?x=1", "app_key": "k",
         "app_secret": "s", "timestamp_ms": 1, "result": "invalid", "error": "invalid_url"},
        {"id": "req-ftp", "comment": "not http(s)", "token_url": "ftp://open.yonyoucloud.com/x", "app_key": "k",
         "app_secret": "s", "timestamp_ms": 1, "result": "invalid", "error": "invalid_url"},
        {"id": "req-empty-key", "comment": "an empty appKey", "token_url": TOKEN_URL, "app_key": "",
         "app_secret": "s", "timestamp_ms": 1, "result": "invalid", "error": "invalid_field"},
        {"id": "req-empty-secret", "comment": "an empty appSecret", "token_url": TOKEN_URL, "app_key": "k",
         "app_secret": "", "timestamp_ms": 1, "result": "invalid", "error": "empty_secret"},
    ]
    t0 = 1547192727928
    ok = lambda cid, comment, body, token, expire, message: {
        "id": cid, "comment": comment, "body": body, "received_at_ms": t0, "result": "valid",
        "expected": {"access_token": token, "expire_s": expire, "message": message, "expires_at_ms": t0 + expire * 1000}}
    ans += [
        ok("ans-demo", "the demo's answer", json.dumps({"code": "00000", "message": "成功！", "data": {
            "access_token": "2215d3c77b684876980ff15f9a0df6c7", "expire": 7200}}, ensure_ascii=False),
           "2215d3c77b684876980ff15f9a0df6c7", 7200, "成功！"),
        ok("ans-no-message", "no message", '{"code":"00000","data":{"access_token":"t","expire":0}}', "t", 0, None),
    ]
    refused = lambda cid, comment, body, code, message: {
        "id": cid, "comment": comment, "body": body, "received_at_ms": t0, "result": "invalid", "error": "vendor_error",
        "refusal": {"code": code, "message": message, "batchkey": None}}
    ans += [
        refused("ans-bad-signature", "a refusal", json.dumps({"code": "310036", "message": "非法token"}, ensure_ascii=False),
                "310036", "非法token"),
        refused("ans-numeric-code", "a numeric code", '{"code":1,"message":"x"}', "1", "x"),
    ]
    bad = lambda cid, comment, body, error: {"id": cid, "comment": comment, "body": body, "received_at_ms": t0,
                                             "result": "invalid", "error": error}
    ans += [
        bad("ans-html", "an HTML error page", "<html>502</html>", "invalid_json"),
        bad("ans-no-code", "no code", '{"message":"x"}', "missing_field"),
        bad("ans-no-data", "granted without data", '{"code":"00000"}', "missing_field"),
        bad("ans-empty-token", "an empty access_token", '{"code":"00000","data":{"access_token":"","expire":7200}}', "invalid_field"),
        bad("ans-string-expire", "expire as a string", '{"code":"00000","data":{"access_token":"t","expire":"7200"}}', "invalid_field"),
        bad("ans-huge-expire", "expire past u64 milliseconds", '{"code":"00000","data":{"access_token":"t","expire":18446744073709551615}}', "invalid_field"),
    ]
    return {"algorithm": "yonyou-self-app-token",
            "source": "Yonyou's self-built app demo (yonyoucloud-open/corp-demo: README getAccessToken, SignHelper.java) and "
                      "qianming's own cases; expected values computed by vectors/tools/messaging_vectors.py (stdlib hmac/hashlib/"
                      "base64/urllib.parse/json), not by the Rust code; error kinds of invalid cases written by hand from docs/spec/yonyou.md.",
            "notes": "yonyou_signature: app_key, app_secret, timestamp_ms -> signature, signature_urlencoded. yonyou_token_request: "
                     "token_url, app_key, app_secret, timestamp_ms -> expected method, url, headers, body. yonyou_token_answer: body, "
                     "received_at_ms -> expected access_token, expire_s, message, expires_at_ms; refusals carry `refusal`.",
            "yonyou_signature": sig, "yonyou_token_request": req, "yonyou_token_answer": ans}


def write(name, doc):
    doc["numberOfTests"] = sum(len(v) for v in doc.values() if isinstance(v, list))
    ordered = {k: doc[k] for k in ("algorithm", "source", "notes", "numberOfTests")}
    ordered.update({k: v for k, v in doc.items() if isinstance(v, list)})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(ordered, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    write("wecom.json", wecom())
    write("dingtalk.json", dingtalk())
    write("feishu.json", feishu())
    write("yonyou.json", yonyou())


if __name__ == "__main__":
    main()
