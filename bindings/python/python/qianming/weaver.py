"""Weaver (泛微) archive-integration token ``sign`` and the server-side ``Verifier``.

``sign = hex(AES-ECB-PKCS#7(aes_key, timestamp_ms "_" MD5_UPPER(appid ":" secret)))``;
``timestamp_ms`` defaults to now.

>>> from qianming import weaver
>>> signer = weaver.Signer("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
>>> s = signer.sign(1742369234096)
>>> s == weaver.sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1742369234096)
True
>>> weaver.Verifier("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq").verify(
...     s, now_ms=1742369234096).timestamp_ms
1742369234096
"""

from . import _native

sign = _native.weaver_sign
explain = _native.weaver_explain
md5_upper = _native.weaver_md5_upper

Explanation = _native.WeaverExplanation
Signer = _native.WeaverSigner
Verifier = _native.WeaverVerifier
Verified = _native.WeaverVerified
Token = _native.WeaverToken
token_request = _native.weaver_token_request
signed_token_request = _native.weaver_signed_token_request
parse_token_answer = _native.weaver_parse_token_answer

#: The path of the token endpoint.
TOKEN_PATH: str = _native.WEAVER_TOKEN_PATH

__all__ = [
    "Explanation",
    "Signer",
    "TOKEN_PATH",
    "Token",
    "Verified",
    "Verifier",
    "explain",
    "md5_upper",
    "parse_token_answer",
    "sign",
    "signed_token_request",
    "token_request",
]
