#!/usr/bin/env python3
"""Writes vectors/ecology.json: an independent implementation of docs/spec/ecology.md
(Weaver e-cology 9 OpenAPI token authentication: regist, applytoken, the call headers) with the
Python standard library and `cryptography` for RSA, not the Rust code. The two public keys of
Weaver's token guide are embedded and parsed here before anything is written.

RSA PKCS#1 v1.5 encryption is randomised, so the encryption cases carry the private key of a
test key pair (PKCS#8 DER, Base64; made once with OpenSSL for these vectors, never used
elsewhere) and expect the ciphertext to decrypt to the input; this script checks its own
encryptions that way. Error kinds of invalid cases are written by hand from the spec.
Usage: python3 vectors/tools/ecology_vectors.py"""
import base64
import json
import os

from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import (Encoding, PublicFormat, load_der_private_key,
                                                          load_der_public_key)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# Weaver's token guide (Token 认证步骤): the spk of its registration answer and the spk of its
# TestToken example.
GUIDE_REGIST_SPK = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzf"
    "lLLEj4WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiW"
    "XyG1EsQWOW5zfwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZ"
    "hfBdmRdLY31AALWIuJH1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB"
)
GUIDE_TEST_SPK = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAgChcR0w1oEha8aKEVM+DW6Fa0ne7Ezi+hL4yhAiqF9PO/eiFso5DbnFK/Dixh9Oh"
    "S+UrDFLmmx/LLrO1sbx17mu6ZeW5t2qu9F4wGSncQlhq3qle9Sb45G/4zoqRhXXGzy7dSPMGxWomE/DQkcC7pfkOXvpaBAkMq0GZu+6brtVW"
    "YcKzimZxZFwRf/iVSaEL55Ky/zDzD17w/q4+s6+S++YDsqdtQAsV1plBoA2aCzBy8BuppkeuLBBgUKQ7/8eEi+1tz8YVd95BB3iY5oCLQPG7"
    "lALWJgGSOJxBRPc5BhQKymQPpsjEWTPf2884qFhuNu4IHcisJwzm2Imxb5sIBwIDAQAB"
)
# A blog's key with its middle left out ("…RSA PUBLIC KEY…" armour around an elided SPKI).
ELIDED_SPK = ("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAutgI110nor/T77o/wpQGEYUqhRNcDIuFybhYO9aP0fiD0Q66EUwTVWtwpgcxV71U"
              "MGJlWa0UPd1P6BktnQHzzkAx5aRN5z8dd0TVxCp6zcfUdwnAsPC7PCq4wseLFd0XGmmaeJW+8qlJs+6YSbEQIDAQAB")
# A P-256 key: a SubjectPublicKeyInfo, but not RSA.
EC_SPK = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQehQRhHABR8Bk+5n2uG4WnqgLA6X9N829zO+nwYkxN7c+B9+7HNwgnN9qab90XOyhVumOJtiHt0tjFs3+aG0eg=="

TEST_KEY_1024 = (
    "MIICdQIBADANBgkqhkiG9w0BAQEFAASCAl8wggJbAgEAAoGBANz7bhWjYhmkM0pHfMnBjcier7uvjD1A5BVL8ghW+4awxLFD"
    "y2ak7ZHNe35wS857Oj+/oJKgZmxuKJ2p+4yeOnZk+k6FrtGeh7H4kwx0DH+N7shkZr3KkYGmnqKTXdrBrbX5Kx7QT/FYb0Mb"
    "Nt9QjI1fJ6GpZTtRfo64vC8RFvzxAgMBAAECgYBbMg/+Mgz8E/1uvA3NnWkL0CEpzYqMhMkb2Nmrg2oN7cledmHsnEfGkgxS"
    "47kFH2msgUKdAEEEonl0h3/eSjZJfYDhTJ3rC1cT3wHFXMDMuzhUMiHFPg+IKt1CI8bGt4B006eBzA67n+Bscdt18MT1CIrU"
    "CdyNCQbfQRqW5DS6OQJBAPThbVEclDU6CudmnT3vtOBuYCoszImtcpGbrsk2fxBruKdxEMnDr4QBy4Iqz2hbUpYpG7KjNKwD"
    "auN1Hgz/FeMCQQDnBDMkaW2xEYlAGy9fP1OCPCEtFrfgR7VAieZbpYH8kmxKPvj1tqVhcSfXEKUxQaAgP0eeWI3yvPWaw6ZG"
    "8PobAkBWZVo+LckUZmAGeCut+G5maErBVoDraihruvOVxgZacsb5PGjh5op8Fm4IhLYcaWvf0q0U/4PL1IDXszBhAXZlAkAH"
    "1Debe0sxXgPFvWYclzvQRRNmwMdYfXWiC0pYPsKp+Zhb58huI1N1eu07t5+xjKTNkvdtYVjmKgs0xH6lFtOTAkA8X4O8K1Fq"
    "UyZh8sutUB37iuyLus1X+3WIVLmV6CjJUPubrzusmd84ARFPozCd6L/Ce6l2cH3NibDdt0Ys62vq"
)
TEST_KEY_2048 = (
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQChzd2diT3wJcRiyeaHDwDhgeY3+no3ISAqVM5bxLHjV3az"
    "dRXRHhYDiR5oikz39uNzjzXRupbCsw0BeUTaOVLTMOuAlbkiA9OOUAHks7Gcw7nVxAJrmsZkchTdThZH3riQfS9Op8Dcmr7A"
    "7kj9yEXQP2tmj52sjlV3lWiT7J4I1jBbL+d+lTTTtKLnCqAA5sXbNb/r/nipJEADb7V1gRmmsOReJD/rCCsgnKIrfVTGuaKk"
    "quk/LA2O8132qhKmGD5PLyMwkBXXoUXiRmwgFd2SGBQm51kwyNIth6UEv+T9r3oKJZUF9Ykq5qqLDwLuxO/9dm4iLwL+v6YV"
    "KsXQwNFZAgMBAAECggEAB/QTKwPJAYSfEW5JrrqHvONUEVs9l8zPKBAyczyQQmH/6AofABV8Zmtst8hZAVGLIqbtI4t8HPvw"
    "Xyq6hSOPGJR7y3eCZH4y/aNIC6fGdV5XYPDumKLO57cUTes2mWJ2gZu1sCYz7mQaqdnMrHv5lvxlSv9sAmDW8Kimdo4XwpOV"
    "JmIPeMozL6ZKnmtJDwSXulmSo3xKS/XI50HnOB7856mq+affke5GgXkUn2SxgbeHs7wErWKmRLNQMaRMBUWlW9TIczloFPV6"
    "w+v2KR9rC6o9mDEHLtQ0Un6KKgs/l5wZzHo9b0WvkaLktW2/kMJP2BAM0B0Q1Ma64a4XppNTFQKBgQDS5AWynVnzT8DJyJVd"
    "oLqPSlE6m//0S9nULrw5UBKVUQzwxtU4/UWvKCGP+JR8ZYs54Hv2svAbnMQNCSVBKkCE9IGtKxPy/KL+s936E/rTOUiOILaf"
    "s+sWyrqL7fG6bvQqfFOmRajVyGJISvB2bWF5Y+eEwsLiHuTtrOKYlJn3pwKBgQDEafTgtYzqQSTtyS3uH/kZtwxnzskooVf8"
    "Vayst3Ds5basPSbTOEbyxJqM3ieLTsb4m5/Ne9+LCw5atvcTPxXcksd3+yXatIxX+FI5L6AwIan6AygKq7QYv7NlNTVlmrPj"
    "SD0h4zPm3y63iaAv7f62Yed1ArPLd+JORuGVnGgO/wKBgAqjag4qleEKQuVq8u34L7EOxK46NF00flaPzPrvKSDTJ931icgI"
    "Lr25Pogut/7WeIGA63/0YtxhuhoWPgTdhseuNeRwad82E1rZ4/a7j0mceCaDS/Medlt9+o8Yf7sx4atK/kVC+lNeema/MQYo"
    "WmRvP7yYvo/9kvrSX9PmmyW9AoGAQb0w/9DkFDevk4LFQ7Eh37B7j3cPrvCpkURfogNX4YJVLLre9s0cOf8Bt2pXk/HO+MCl"
    "sNHoFRKjQEuC0MdJmuTprEe7+MJ7QqpTYt6E3/c0fAB4c3HaunnXImW3tIUd9lFkXKY95eUHLtj6a3Bd009bd7dq1AwRC5//"
    "uuJ5laMCgYEAhn9aRvJ4ZWD+gkxjYg/hAoyq5NIu6gk8m3RZ6kouZtnpnhYpwK/hHlHEc8G5pZDr38rzxazBe++UqtGuCjlx"
    "cQDgc6I2Jd/D+mSBhFuoohzA3NajvV3WK3upaX2vJTWBsAppySGwl76y2AXn+Q+cex6+kQ1EN8vEkbhAwgroBl8="
)

APPID = "EEAA5436-7577-4BE0-8C6C-89E9D88805EA"  # the appid of Weaver's guide
BASE = "http://oa.example.com:8080"
SECRIT = "e0ab4a73-e9c6-4ae5-9dac-f21a7807991a"  # the secrit of the guide's registration answer
SEEDS = ["00" * 32, "a5" * 32, "".join("%02x" % i for i in range(32))]


def private(pkcs8_b64):
    return load_der_private_key(base64.b64decode(pkcs8_b64), None)


def spk_of(pkcs8_b64):
    der = private(pkcs8_b64).public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


def pkcs1_of(pkcs8_b64):
    der = private(pkcs8_b64).public_key().public_bytes(Encoding.DER, PublicFormat.PKCS1)
    return base64.b64encode(der).decode()


def key_bits(spk):
    """The spec's parse: strict Base64 after white space is removed, then an RSA SPKI."""
    return load_der_public_key(base64.b64decode("".join(spk.split()), validate=True)).key_size


def encrypt(spk, text):
    return base64.b64encode(load_der_public_key(base64.b64decode(spk)).encrypt(text.encode(), padding.PKCS1v15())).decode()


def decrypt(pkcs8_b64, sealed):
    return private(pkcs8_b64).decrypt(base64.b64decode(sealed), padding.PKCS1v15()).decode()


# The embedded keys and the guide's keys are what this script says they are.
assert key_bits(GUIDE_REGIST_SPK) == 2048 and key_bits(GUIDE_TEST_SPK) == 2048
assert key_bits(spk_of(TEST_KEY_1024)) == 1024 and key_bits(spk_of(TEST_KEY_2048)) == 2048
for _key in (TEST_KEY_1024, TEST_KEY_2048):
    assert decrypt(_key, encrypt(spk_of(_key), SECRIT)) == SECRIT

SPK_1024, SPK_2048 = spk_of(TEST_KEY_1024), spk_of(TEST_KEY_2048)


def compact(doc):
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def server_keys():
    cases = []
    for cid, comment, spk in [
        ("guide-regist-spk", "the spk of the registration answer in Weaver's token guide", GUIDE_REGIST_SPK),
        ("guide-test-token-spk", "the spk of the TestToken example in Weaver's token guide", GUIDE_TEST_SPK),
        ("test-key-1024", "a 1024-bit key (the size of the guide's client keys)", SPK_1024),
        ("test-key-2048", "a 2048-bit key", SPK_2048),
        ("line-breaks", "white space (a key copied over several lines) is skipped",
         "\n".join(SPK_2048[i:i + 64] for i in range(0, len(SPK_2048), 64)) + "\r\n"),
    ]:
        cases.append({"id": cid, "comment": comment, "spk": spk, "result": "valid",
                      "expected": {"bits": key_bits(spk)}})
    pem = "-----BEGIN PUBLIC KEY-----\n" + SPK_1024 + "\n-----END PUBLIC KEY-----\n"
    for cid, comment, spk, error in [
        ("elided-blog-key", "a published key with its middle left out: not even Base64", ELIDED_SPK, "invalid_base64"),
        ("truncated", "the guide's key cut after 300 characters (whole Base64 groups)", GUIDE_REGIST_SPK[:300], "invalid_field"),
        ("pem-armour", "PEM armour around the Base64", pem, "invalid_base64"),
        ("pkcs1", "a PKCS#1 RSAPublicKey instead of the SubjectPublicKeyInfo", pkcs1_of(TEST_KEY_2048), "invalid_field"),
        ("ec-key", "a P-256 SubjectPublicKeyInfo", EC_SPK, "invalid_field"),
        ("not-base64", "URL-safe Base64", SPK_2048.replace("+", "-").replace("/", "_"), "invalid_base64"),
        ("empty", "an empty key", "", "invalid_field"),
    ]:
        cases.append({"id": cid, "comment": comment, "spk": spk, "result": "invalid", "error": error})
    return cases


def encrypt_cases():
    cases = []
    for i, (key, text, seed) in enumerate([
        (TEST_KEY_2048, SECRIT, SEEDS[0]), (TEST_KEY_2048, "1", SEEDS[1]), (TEST_KEY_1024, "用户一", SEEDS[2]),
        (TEST_KEY_1024, "x" * 117, SEEDS[1]), (TEST_KEY_2048, "y" * 245, SEEDS[2]),
    ]):
        cases.append({"id": "encrypt-%d" % i, "comment": "PKCS#1 v1.5, decrypts to the text (%d bytes)" % len(text.encode()),
                      "spk": spk_of(key), "private_key": key, "plaintext": text, "seed_hex": seed, "result": "valid",
                      "expected": {"plaintext": text}})
    base = {"spk": SPK_1024, "private_key": TEST_KEY_1024, "plaintext": "1", "seed_hex": SEEDS[0], "result": "invalid"}
    for cid, change, error in [
        ("encrypt-too-long", {"plaintext": "x" * 118}, "input_too_large"),
        ("encrypt-too-long-utf8", {"plaintext": "中" * 40}, "input_too_large"),
        ("encrypt-empty", {"plaintext": ""}, "invalid_field"),
        ("encrypt-short-seed", {"seed_hex": "00" * 16}, "invalid_field"),
        ("encrypt-bad-key", {"spk": EC_SPK}, "invalid_field"),
    ]:
        cases.append(dict(base, id=cid, comment="refused: " + ", ".join(change), error=error, **change))
    return cases


def regist_requests():
    cases = []
    for i, (base, appid, cpk) in enumerate([(BASE, APPID, SPK_1024), ("https://oa.example.com/", "1", SPK_2048)]):
        cases.append({"id": "regist-request-%d" % i, "comment": "POST …/api/ec/dev/auth/regist, headers appid and cpk",
                      "base_url": base, "appid": appid, "cpk": cpk, "result": "valid",
                      "expected": {"method": "POST", "url": base.rstrip("/") + "/api/ec/dev/auth/regist",
                                   "headers": [["appid", appid], ["cpk", cpk]], "body": None}})
    base = {"base_url": BASE, "appid": APPID, "cpk": SPK_1024, "result": "invalid"}
    for cid, change, error in [
        ("regist-request-query", {"base_url": BASE + "/?a=1"}, "invalid_url"),
        ("regist-request-empty-appid", {"appid": ""}, "invalid_field"),
        ("regist-request-crlf-appid", {"appid": "a\r\nX: y"}, "invalid_header_value"),
        ("regist-request-bad-cpk", {"cpk": pkcs1_of(TEST_KEY_1024)}, "invalid_field"),
    ]:
        cases.append(dict(base, id=cid, comment="refused: " + ", ".join(change), error=error, **change))
    return cases


def regist_answers():
    guide = {"msg": "ok", "errcode": "0", "code": 0, "msgShowType": "none", "secrit": SECRIT, "errmsg": "ok",
             "status": True, "spk": GUIDE_REGIST_SPK}
    cases = [
        {"id": "guide-regist-answer", "comment": "the registration answer of Weaver's token guide", "body": json.dumps(guide),
         "result": "valid", "expected": {"secrit": SECRIT, "spk": GUIDE_REGIST_SPK, "message": "ok"}},
        {"id": "regist-answer-minimal", "comment": "status, secrit and spk only",
         "body": compact({"status": True, "secrit": "s", "spk": SPK_1024}), "result": "valid",
         "expected": {"secrit": "s", "spk": SPK_1024, "message": None}},
    ]
    for cid, comment, doc, code, message in [
        ("guide-regist-error-1", "the guide's first error example",
         {"msg": "ok", "errcode": "1", "code": -1, "msgShowType": "none", "errmsg": "passowrd error:null & sysadmin",
          "status": False}, "1", "passowrd error:null & sysadmin"),
        ("guide-regist-error-2", "the guide's second error example (an unknown appid)",
         {"msg": "ok", "errcode": "1", "code": 0, "msgShowType": "none",
          "errmsg": "注册失败没有在找到正确的APPID:EEAA5436-7577-4BE0-8C6C-89E9D888", "status": False},
         "1", "注册失败没有在找到正确的APPID:EEAA5436-7577-4BE0-8C6C-89E9D888"),
        ("regist-error-msg-only", "no errcode or errmsg: code and msg", {"msg": "失败", "code": -1, "status": False}, "-1", "失败"),
    ]:
        cases.append({"id": cid, "comment": comment, "body": compact(doc), "result": "invalid", "error": "vendor_error",
                      "refusal": {"code": code, "message": message, "batchkey": None}})
    for cid, comment, body, error in [
        ("regist-answer-html", "an HTML login page (the path is not in unchecksessionurl)",
         "<!DOCTYPE html><html><head><title>登录</title></head></html>", "invalid_json"),
        ("regist-answer-no-status", "no status", compact({"secrit": "s", "spk": SPK_1024}), "missing_field"),
        ("regist-answer-string-status", "status as a string", compact({"status": "true", "secrit": "s", "spk": SPK_1024}),
         "invalid_field"),
        ("regist-answer-no-secrit", "granted without secrit", compact({"status": True, "spk": SPK_1024}), "missing_field"),
        ("regist-answer-empty-secrit", "an empty secrit", compact({"status": True, "secrit": "", "spk": SPK_1024}),
         "invalid_field"),
        ("regist-answer-secret-spelling", "`secret` instead of `secrit`", compact({"status": True, "secret": "s", "spk": SPK_1024}),
         "missing_field"),
        ("regist-answer-no-spk", "granted without spk", compact({"status": True, "secrit": "s"}), "missing_field"),
        ("regist-answer-bad-spk", "an spk that is not a key", compact({"status": True, "secrit": "s", "spk": GUIDE_REGIST_SPK[:300]}),
         "invalid_field"),
        ("regist-answer-truncated", "truncated JSON", '{"status":true,"secrit":"s","spk":"MIIB', "invalid_json"),
        ("regist-answer-deep", "nesting deeper than 32", '{"status":true,"x":' + "[" * 40 + "]" * 40 + "}", "input_too_large"),
    ]:
        cases.append({"id": cid, "comment": comment, "body": body, "result": "invalid", "error": error})
    return cases


def token_requests():
    cases = []
    for i, (key, base, appid, secrit, seed, time_s) in enumerate([
        (TEST_KEY_2048, BASE, APPID, SECRIT, SEEDS[0], None),
        (TEST_KEY_1024, "https://oa.example.com/", "1", "81ab3d983d34ed5b33", SEEDS[2], 3600),
    ]):
        plain = [["appid", appid]] + ([["time", str(time_s)]] if time_s is not None else [])
        case = {"id": "token-request-%d" % i, "comment": "POST …/api/ec/dev/auth/applytoken; secret decrypts to secrit",
                "base_url": base, "appid": appid, "spk": spk_of(key), "private_key": key, "secrit": secrit,
                "seed_hex": seed, "result": "valid",
                "expected": {"method": "POST", "url": base.rstrip("/") + "/api/ec/dev/auth/applytoken", "body": None,
                             "header_names": ["appid", "secret"] + (["time"] if time_s is not None else []),
                             "plain_headers": plain, "secret_decrypts_to": secrit}}
        if time_s is not None:
            case["time_s"] = time_s
        cases.append(case)
    base = {"base_url": BASE, "appid": APPID, "spk": SPK_1024, "private_key": TEST_KEY_1024, "secrit": SECRIT,
            "seed_hex": SEEDS[0], "result": "invalid"}
    for cid, change, error in [
        ("token-request-empty-secrit", {"secrit": ""}, "empty_secret"),
        ("token-request-pkcs1-spk", {"spk": pkcs1_of(TEST_KEY_1024)}, "invalid_field"),
        ("token-request-ftp", {"base_url": "ftp://oa.example.com"}, "invalid_url"),
        ("token-request-bad-seed", {"seed_hex": "zz" * 32}, "invalid_field"),
    ]:
        cases.append(dict(base, id=cid, comment="refused: " + ", ".join(change), error=error, **change))
    return cases


def token_answers():
    t0 = 1700000000000
    ok = lambda cid, comment, doc, token, msg, lifetime: {
        "id": cid, "comment": comment, "body": doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False),
        "received_at_ms": t0, "lifetime_s": lifetime, "result": "valid",
        "expected": {"token": token, "message": msg, "expires_at_ms": t0 + lifetime * 1000}}
    cases = [
        ok("guide-token-answer", "the token answer of Weaver's token guide",
           {"msg": "获取成功!", "code": 0, "msgShowType": "none", "status": True, "token": "770a10d8-0b15-492b-a614-b2c537b512e5"},
           "770a10d8-0b15-492b-a614-b2c537b512e5", "获取成功!", 1800),
        ok("token-answer-time", "a token asked for 3600 s", '{"status":true,"token":"t"}', "t", None, 3600),
    ]
    refused = lambda cid, comment, doc, error, code, msg: {
        "id": cid, "comment": comment, "body": json.dumps(doc, ensure_ascii=False), "received_at_ms": t0, "lifetime_s": 1800,
        "result": "invalid", "error": error, "refusal": {"code": code, "message": msg, "batchkey": None}}
    cases += [
        refused("guide-token-error-1", "the guide's first error example: wrong authentication data",
                {"msg": "认证信息错误！", "code": -1, "msgShowType": "none", "status": False}, "sign_mismatch", "-1", "认证信息错误！"),
        refused("guide-token-error-2", "the guide's second error example: the secret did not decrypt",
                {"msg": "解密失败！", "code": -1, "msgShowType": "none", "status": False}, "undecryptable", "-1", "解密失败！"),
        refused("token-error-secret", "the server's wording in the field reports (secret解密失败)",
                {"msg": "secret解密失败", "code": -1, "status": False}, "undecryptable", "-1", "secret解密失败"),
        refused("token-error-other", "another refusal", {"msg": "appid不存在", "code": -1, "status": False}, "vendor_error",
                "-1", "appid不存在"),
    ]
    for cid, comment, body, error in [
        ("token-answer-html", "an HTML page", "<html>404</html>", "invalid_json"),
        ("token-answer-no-token", "granted without token", '{"status":true}', "missing_field"),
        ("token-answer-empty-token", "an empty token", '{"status":true,"token":""}', "invalid_field"),
        ("token-answer-no-status", "no status", '{"token":"t"}', "missing_field"),
        ("token-answer-list", "a JSON list", "[]", "invalid_json"),
    ]:
        cases.append({"id": cid, "comment": comment, "body": body, "received_at_ms": t0, "lifetime_s": 1800,
                      "result": "invalid", "error": error})
    return cases


def call_headers():
    cases = []
    for i, (key, appid, token, userid, seed) in enumerate([
        (TEST_KEY_2048, APPID, "15889418-7830-4669-996c-3a87f9f48be1", "1", SEEDS[1]),
        (TEST_KEY_1024, "1", "770a10d8-0b15-492b-a614-b2c537b512e5", "31", SEEDS[2]),
    ]):
        cases.append({"id": "call-headers-%d" % i, "comment": "appid, token, userid = Base64(RSA(spk, userid))",
                      "appid": appid, "token": token, "spk": spk_of(key), "private_key": key, "userid": userid,
                      "seed_hex": seed, "result": "valid",
                      "expected": {"header_names": ["appid", "token", "userid"],
                                   "plain_headers": [["appid", appid], ["token", token]], "userid_decrypts_to": userid}})
    base = {"appid": APPID, "token": "t", "spk": SPK_1024, "private_key": TEST_KEY_1024, "userid": "1", "seed_hex": SEEDS[0],
            "result": "invalid"}
    for cid, change, error in [
        ("call-headers-empty-userid", {"userid": ""}, "invalid_field"),
        ("call-headers-empty-token", {"token": ""}, "invalid_field"),
        ("call-headers-crlf-token", {"token": "t\r\nX: y"}, "invalid_header_value"),
        ("call-headers-bad-spk", {"spk": "not base64!"}, "invalid_base64"),
    ]:
        cases.append(dict(base, id=cid, comment="refused: " + ", ".join(change), error=error, **change))
    return cases


def ecology():
    return {"algorithm": "weaver-ecology9-openapi-token",
            "source": "Weaver's token guide for e-cology 9 (Token 认证步骤: the regist, applytoken and call examples, the "
                      "answers and error answers, two published server keys) and Weaver's hutool demo (MainTest: regist, "
                      "applytoken with `time`, the call headers); qianming's own cases. Expected values computed by "
                      "vectors/tools/ecology_vectors.py (stdlib json/base64 and `cryptography` RSA), not by the Rust code; "
                      "error kinds of invalid cases written by hand from docs/spec/ecology.md.",
            "notes": "ecology_server_key: spk -> bits. ecology_encrypt: spk, plaintext, seed_hex (64 hex digits) -> the "
                     "Base64 ciphertext must decrypt with private_key (PKCS#8 DER, Base64, a test key) to expected.plaintext. "
                     "ecology_regist_request: base_url, appid, cpk -> request. ecology_regist_answer: body -> secrit, spk, "
                     "message; refusals carry `refusal`. ecology_token_request: base_url, appid, spk, secrit, seed_hex, "
                     "time_s (optional) -> method, url, body, header_names (in order), plain_headers, and the `secret` header "
                     "decrypts to secret_decrypts_to. ecology_token_answer: body, received_at_ms, lifetime_s -> token, message, "
                     "expires_at_ms. ecology_call_headers: appid, token, spk, userid, seed_hex -> header_names, plain_headers, "
                     "the `userid` header decrypts to userid_decrypts_to.",
            "ecology_server_key": server_keys(), "ecology_encrypt": encrypt_cases(),
            "ecology_regist_request": regist_requests(), "ecology_regist_answer": regist_answers(),
            "ecology_token_request": token_requests(), "ecology_token_answer": token_answers(),
            "ecology_call_headers": call_headers()}


def write(name, doc):
    doc["numberOfTests"] = sum(len(v) for v in doc.values() if isinstance(v, list))
    ordered = {k: doc[k] for k in ("algorithm", "source", "notes", "numberOfTests")}
    ordered.update({k: v for k, v in doc.items() if isinstance(v, list)})
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(ordered, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    write("ecology.json", ecology())
