"""Kingdee (金蝶) API gateway, auth version 2.0.

``app_signature`` for the token endpoint, a pre-keyed request ``Signer`` and the server-side
``Verifier`` (each request works once: replay protection is on by default; see
``qianming.replay`` for a store shared by many servers). Timestamps default to now and nonces to ten random digits (64 bits from
``os.urandom``, formatted by the core).

>>> from qianming import kingdee
>>> kingdee.app_signature("abc", "abc123")
'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=='
>>> signer = kingdee.Signer("123456", "0123456789abcdef0123456789abcdef")
>>> out = signer.sign("GET", "/jdyconnector/app_management/kingdee_auth_token",
...                   query={"app_key": "abc"}, timestamp=1700000000000, nonce="1234567890")
>>> out.headers["X-Api-Signature"] == out.signature
True
>>> kingdee.Verifier("0123456789abcdef0123456789abcdef").verify(
...     "GET", "/jdyconnector/app_management/kingdee_auth_token",
...     query=kingdee.parse_query(out.wire_query), headers=out.headers,
...     now_ms=1700000000000).client_id
'123456'
"""

from . import _native

app_signature = _native.app_signature
explain_app_signature = _native.explain_app_signature
canonical_path = _native.canonical_path
canonical_query = _native.canonical_query
parse_query = _native.parse_query
parse_request_target = _native.parse_request_target
nonce_from_entropy = _native.nonce_from_entropy
new_nonce = _native.new_nonce
percent_decode = _native.percent_decode
token_request = _native.kingdee_token_request
parse_token_answer = _native.kingdee_parse_token_answer

AppSignature = _native.AppSignature
Signer = _native.KingdeeSigner
SignedRequest = _native.SignedRequest
Verifier = _native.KingdeeVerifier
Verified = _native.KingdeeVerified
Diagnosis = _native.KingdeeDiagnosis
VerifyExplanation = _native.VerifyExplanation
TokenRequest = _native.KingdeeTokenRequest
AppToken = _native.KingdeeAppToken

#: The path of the app-token endpoint.
TOKEN_PATH: str = _native.KINGDEE_TOKEN_PATH

#: The six headers a signed request carries, in the order ``SignedRequest.headers`` lists them.
SIGNER_HEADERS = _native.KINGDEE_SIGNER_HEADERS

__all__ = [
    "AppSignature",
    "AppToken",
    "Diagnosis",
    "SIGNER_HEADERS",
    "TOKEN_PATH",
    "TokenRequest",
    "SignedRequest",
    "Signer",
    "Verified",
    "Verifier",
    "VerifyExplanation",
    "app_signature",
    "canonical_path",
    "canonical_query",
    "explain_app_signature",
    "new_nonce",
    "nonce_from_entropy",
    "parse_query",
    "parse_request_target",
    "parse_token_answer",
    "percent_decode",
    "token_request",
]
