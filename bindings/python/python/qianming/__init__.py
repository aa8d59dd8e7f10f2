"""qianming: byte-exact login signatures for Chinese enterprise systems, backed by Rust.

>>> import qianming
>>> qianming.kingdee.app_signature("abc", "abc123")
'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=='
>>> qianming.basic.credentials("admin", "admin123")
'YWRtaW46YWRtaW4xMjM='

Every refusal raises a subclass of ``QianmingError`` (a ``ValueError``) whose ``kind`` is the
stable name of the core's error kind:

>>> try:
...     qianming.kingdee.Signer("id", "")
... except qianming.QianmingError as e:
...     print(type(e).__name__, e.kind)
EmptySecretError empty_secret
>>> qianming.ERROR_CLASSES["empty_secret"] is qianming.EmptySecretError
True
"""

from . import _native
from ._native import *  # noqa: F401,F403  QianmingError and one subclass per error kind
from ._native import ERROR_CLASSES, HttpRequest, QianmingError
from . import (
    apusic, basic, dingtalk, doctor, ecology, edge, feishu, k3cloud, kingdee, oauth, replay, token, weaver,
    wecom, yonyou
)

try:
    from importlib.metadata import version as _version

    __version__ = _version("qianming")
except Exception:  # pragma: no cover - running from a source tree without metadata
    __version__ = "0.0.0"

# The exception classes are importable by name (``from qianming import ReplayedError``) and
# listed in ``ERROR_CLASSES``; ``__all__`` stays static so type checkers can read it.
__all__ = [
    "ERROR_CLASSES",
    "HttpRequest",
    "QianmingError",
    "apusic",
    "basic",
    "dingtalk",
    "doctor",
    "ecology",
    "edge",
    "feishu",
    "k3cloud",
    "kingdee",
    "oauth",
    "replay",
    "token",
    "weaver",
    "wecom",
    "yonyou",
]
del _native

