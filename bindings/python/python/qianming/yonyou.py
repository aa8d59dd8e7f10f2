"""Yonyou (用友) open platform, YonBIP / YonSuite: the self-built app's access token, sans-IO.

Build the request, send it with any HTTP client, parse the answer.

>>> from qianming import yonyou
>>> req = yonyou.token_request("fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7",
...                            "d2ee36a4a0c2f82954894a36c0a4b031", 1547192727928)
>>> req.url.startswith(yonyou.DEFAULT_TOKEN_URL + "?appKey=")
True
>>> t = yonyou.parse_token_answer(
...     b'{"code":"00000","data":{"access_token":"2215d3c7","expire":7200}}', received_at_ms=0)
>>> t.access_token, t.lifetime.action(now_ms=3_600_000)
('2215d3c7', 'reuse')
"""

from . import _native

signature = _native.yonyou_signature
token_request = _native.yonyou_token_request
parse_token_answer = _native.yonyou_parse_token_answer

Signature = _native.YonyouSignature
Token = _native.YonyouToken

#: The token endpoint of the public cloud (read from the core).
DEFAULT_TOKEN_URL: str = _native.YONYOU_DEFAULT_TOKEN_URL
#: The ``code`` of a granted answer.
SUCCESS_CODE: str = _native.YONYOU_SUCCESS_CODE

__all__ = [
    "DEFAULT_TOKEN_URL",
    "SUCCESS_CODE",
    "Signature",
    "Token",
    "parse_token_answer",
    "signature",
    "token_request",
]
