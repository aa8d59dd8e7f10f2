"""Apusic (金蝶天燕) application server management API: the session token, sans-IO.

Build the request, send it with any HTTP client, parse the answer, then put the token on later
calls with ``call_headers``.

>>> from qianming import apusic
>>> req = apusic.session_request(apusic.base_url_for_host("172.20.140.17"),
...                              user="admin", password="admin123", remote_host_name="10.0.0.8")
>>> req.method, req.url
('POST', 'https://172.20.140.17:6848/management/sessions')
>>> token = apusic.parse_session_answer(
...     b'{"message":"","exit_code":"SUCCESS","extraProperties":{"token":"2d8085c8"}}').token
>>> dict(apusic.call_headers(token))
{'Cookie': 'gfrestdtoken=2d8085c8', 'X-Requested-By': 'Apusic'}
"""

from . import _native

base_url_for_host = _native.apusic_base_url_for_host
session_request = _native.apusic_session_request
parse_session_answer = _native.apusic_parse_session_answer
call_headers = _native.apusic_call_headers

SessionToken = _native.ApusicSessionToken

DEFAULT_PORT: int = _native.APUSIC_DEFAULT_PORT
SESSIONS_PATH: str = _native.APUSIC_SESSIONS_PATH
DEFAULT_TOKEN_COOKIE: str = _native.APUSIC_DEFAULT_TOKEN_COOKIE
REQUESTED_BY: str = _native.APUSIC_REQUESTED_BY

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_TOKEN_COOKIE",
    "REQUESTED_BY",
    "SESSIONS_PATH",
    "SessionToken",
    "base_url_for_host",
    "call_headers",
    "parse_session_answer",
    "session_request",
]
