"""Kingdee K3Cloud (金蝶云星空) WebAPI: the gateway-signed call and the session login, sans-IO.

Every function takes the identity of the third-party login authorisation (第三方系统登录授权):
the account (data centre) id, the user name, the AppID and the AppSecret, with the locale
(``lcid``, default ``DEFAULT_LCID``) and, for signed calls, the organisation number
(``org_num``, default ``"0"``). Build a request, send it with any HTTP client, parse the answer.

>>> from qianming import k3cloud
>>> ident = ("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret")
>>> req = k3cloud.request(*ident,
...     "https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc",
...     '{"formid":"BD_MATERIAL","data":{"Number":"WL0001"}}', timestamp_ms=1700000000123)
>>> req.header("X-Api-ClientID"), req.header("x-api-timestamp")
('224245', '1700000000123')

The session login instead (``LoginBySign``), then the session's headers on each call:

>>> login = k3cloud.login_by_sign_request("https://erp.example.com/k3cloud", *ident, 1700000000)
>>> session = k3cloud.parse_login_answer(
...     b'{"LoginResultType":1,"KDSVCSessionId":"8c6f1a2e-sess","IsSuccessByAPI":true}')
>>> k3cloud.session_headers(session.session_id)[0]
('kdservice-sessionid', '8c6f1a2e-sess')
"""

from . import _native

gateway_credentials = _native.k3cloud_gateway_credentials
sign = _native.k3cloud_sign
request = _native.k3cloud_request
login_sign = _native.k3cloud_login_sign
login_by_sign_request = _native.k3cloud_login_by_sign_request
login_by_app_secret_request = _native.k3cloud_login_by_app_secret_request
parse_login_answer = _native.k3cloud_parse_login_answer
session_headers = _native.k3cloud_session_headers

GatewayCredentials = _native.K3CloudGatewayCredentials
SignedHeaders = _native.K3CloudSignedHeaders
Session = _native.K3CloudSession

#: The locale of ``lcid=None``: 2052, simplified Chinese (read from the core).
DEFAULT_LCID: int = _native.K3CLOUD_DEFAULT_LCID
#: The ``timestamp_unit`` of ``None``: ``"ms"``, as Kingdee's Java SDK sends it.
DEFAULT_TIMESTAMP_UNIT: str = _native.K3CLOUD_DEFAULT_TIMESTAMP_UNIT
#: The ``hash`` of ``None``: ``"sha256"``, as current servers check it.
DEFAULT_LOGIN_HASH: str = _native.K3CLOUD_DEFAULT_LOGIN_HASH
#: The header (and cookie) that carries the session: ``kdservice-sessionid``.
SESSION_COOKIE: str = _native.K3CLOUD_SESSION_COOKIE

__all__ = [
    "DEFAULT_LCID",
    "DEFAULT_LOGIN_HASH",
    "DEFAULT_TIMESTAMP_UNIT",
    "GatewayCredentials",
    "SESSION_COOKIE",
    "Session",
    "SignedHeaders",
    "gateway_credentials",
    "login_by_app_secret_request",
    "login_by_sign_request",
    "login_sign",
    "parse_login_answer",
    "request",
    "session_headers",
    "sign",
]
