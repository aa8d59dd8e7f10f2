"""Weaver e-cology 9 (泛微 E9) OpenAPI: registration, token and the headers of each call, sans-IO.

1. ``regist_request`` sends the client's public key (``cpk``); ``parse_regist_answer`` reads
   ``secrit`` and the server's key ``spk``;
2. ``applytoken_request`` sends ``secrit`` RSA-encrypted with ``spk``; ``parse_token_answer``
   reads the token;
3. ``call_headers`` gives ``appid``, ``token`` and the encrypted ``userid`` for every call.

RSA PKCS#1 v1.5 encryption is randomised: each encryption takes a ``seed`` of ``SEED_LEN``
(32) random bytes, drawn with ``secrets.token_bytes`` when left out.

>>> from qianming import ecology
>>> SPK = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB"
>>> reg = ecology.parse_regist_answer(b'{"status":true,"secrit":"e0ab4a73","spk":"' + SPK.encode() + b'"}')
>>> req = ecology.applytoken_request("http://oa.example.com", "APP1", reg.spk, reg.secrit)
>>> req.url
'http://oa.example.com/api/ec/dev/auth/applytoken'
>>> t = ecology.parse_token_answer(b'{"status":true,"token":"770a10d8"}', received_at_ms=0)
>>> t.lifetime.expires_at_ms == ecology.DEFAULT_TOKEN_LIFETIME_S * 1000
True
>>> [name for name, _ in ecology.call_headers("APP1", t.token, reg.spk, "1")]
['appid', 'token', 'userid']
"""

from . import _native

server_key = _native.ecology_server_key
encrypt = _native.ecology_encrypt
seed_from_hex = _native.ecology_seed_from_hex
regist_request = _native.ecology_regist_request
parse_regist_answer = _native.ecology_parse_regist_answer
applytoken_request = _native.ecology_applytoken_request
parse_token_answer = _native.ecology_parse_token_answer
call_headers = _native.ecology_call_headers

ServerKey = _native.EcologyServerKey
Registration = _native.EcologyRegistration
Token = _native.EcologyToken

#: The length of one encryption's ``seed`` in bytes (read from the core).
SEED_LEN: int = _native.ECOLOGY_SEED_LEN
#: The ``lifetime_s`` of ``parse_token_answer`` when left out: Weaver's 30 minutes.
DEFAULT_TOKEN_LIFETIME_S: int = _native.ECOLOGY_DEFAULT_TOKEN_LIFETIME_S

__all__ = [
    "DEFAULT_TOKEN_LIFETIME_S",
    "Registration",
    "SEED_LEN",
    "ServerKey",
    "Token",
    "applytoken_request",
    "call_headers",
    "encrypt",
    "parse_regist_answer",
    "parse_token_answer",
    "regist_request",
    "seed_from_hex",
    "server_key",
]
