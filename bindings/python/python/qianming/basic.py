"""HTTP Basic credentials (RFC 7617), as the Apusic (金蝶天燕) management API uses them.

>>> from qianming import basic
>>> basic.authorization_header("admin", "admin123")
'Basic YWRtaW46YWRtaW4xMjM='
>>> basic.parse_authorization("Basic YWRtaW46YWRtaW4xMjM=").user
'admin'
"""

from . import _native

credentials = _native.basic_credentials
authorization_header = _native.basic_authorization_header
parse_authorization = _native.basic_parse_authorization
parse_credentials = _native.basic_parse_credentials

Credentials = _native.Credentials

__all__ = [
    "Credentials",
    "authorization_header",
    "credentials",
    "parse_authorization",
    "parse_credentials",
]
