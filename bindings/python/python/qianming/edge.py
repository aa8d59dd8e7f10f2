"""IoT edge gateway (port 58081): login and refresh requests, their answer, ``x-token``, JWT claims.

>>> from qianming import edge
>>> req = edge.login_request("http://127.0.0.1:58081", username="admin", password="123456")
>>> req.url, req.body
('http://127.0.0.1:58081/v1.0/openapi/auth/login', '{"username":"admin","password":"123456"}')
>>> t = edge.parse_token_answer(b'{"code":0,"success":true,"t":1686386096216,'
...                             b'"result":{"access_token":"a.b.c","expire":1686393296}}')
>>> edge.x_token_header(t.access_token), t.lifetime.action(now_ms=1686393000000)
(('x-token', 'a.b.c'), 'reuse')
"""

from . import _native

login_request = _native.edge_login_request
refresh_request = _native.edge_refresh_request
x_token_header = _native.edge_x_token_header
parse_token_answer = _native.edge_parse_token_answer
read_jwt_claims = _native.edge_read_jwt_claims

EdgeToken = _native.EdgeToken
JwtClaims = _native.JwtClaims

DEFAULT_PORT: int = _native.EDGE_DEFAULT_PORT
LOGIN_PATH: str = _native.EDGE_LOGIN_PATH
REFRESH_PATH_PREFIX: str = _native.EDGE_REFRESH_PATH_PREFIX
TOKEN_HEADER: str = _native.EDGE_TOKEN_HEADER

__all__ = [
    "DEFAULT_PORT",
    "EdgeToken",
    "JwtClaims",
    "LOGIN_PATH",
    "REFRESH_PATH_PREFIX",
    "TOKEN_HEADER",
    "login_request",
    "parse_token_answer",
    "read_jwt_claims",
    "refresh_request",
    "x_token_header",
]
