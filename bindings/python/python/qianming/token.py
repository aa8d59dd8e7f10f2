"""What the five systems' token answers share: the ``Lifetime`` helper and the vendor ``Refusal``.

``Lifetime.action(now_ms, skew_ms)`` says whether to reuse a token, refresh it or log in again
(``"reuse"``, ``"refresh"``, ``"login_again"``; the names of ``TokenAction``). Pure: the time is
passed in (``now_ms`` defaults to now).

>>> from qianming import token
>>> life = token.Lifetime.from_lifetime(0, token.WEAVER_TOKEN_LIFETIME_MS)
>>> life.action(now_ms=0), life.action(now_ms=token.WEAVER_TOKEN_LIFETIME_MS - 1000)
('reuse', 'login_again')
>>> token.TokenAction(life.action(now_ms=token.WEAVER_TOKEN_LIFETIME_MS - 1000, skew_ms=0))
<TokenAction.REUSE: 'reuse'>

A parser whose vendor refused raises the mapped exception class; what the vendor said is on it:
``e.refusal`` (a ``Refusal``: ``kind``, ``code``, ``message``, ``batchkey``) and the shortcuts
``e.vendor_code``, ``e.vendor_message`` and ``e.batchkey`` (``e.code`` stays the error kind's
number, as on every qianming error).
"""

import enum

from . import _native

Lifetime = _native.Lifetime
Refusal = _native.Refusal

KINGDEE_TOKEN_LIFETIME_MS: int = _native.KINGDEE_TOKEN_LIFETIME_MS
WEAVER_TOKEN_LIFETIME_MS: int = _native.WEAVER_TOKEN_LIFETIME_MS
EDGE_ACCESS_LIFETIME_MS: int = _native.EDGE_ACCESS_LIFETIME_MS
EDGE_REFRESH_LIFETIME_MS: int = _native.EDGE_REFRESH_LIFETIME_MS
DEFAULT_SKEW_MS: int = _native.DEFAULT_SKEW_MS


class TokenAction(enum.Enum):
    """The names ``Lifetime.action`` answers, as an enum: ``TokenAction(life.action(...))``."""

    REUSE = "reuse"
    REFRESH = "refresh"
    LOGIN_AGAIN = "login_again"


__all__ = [
    "DEFAULT_SKEW_MS",
    "EDGE_ACCESS_LIFETIME_MS",
    "EDGE_REFRESH_LIFETIME_MS",
    "KINGDEE_TOKEN_LIFETIME_MS",
    "Lifetime",
    "Refusal",
    "TokenAction",
    "WEAVER_TOKEN_LIFETIME_MS",
]
