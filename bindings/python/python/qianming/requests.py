"""``requests`` auth plugin: ``KingdeeAuth`` signs each outgoing request for the Kingdee gateway.

Needs the ``requests`` extra (``pip install 'qianming[requests]'``).

>>> import requests
>>> from qianming import kingdee
>>> from qianming.requests import KingdeeAuth
>>> auth = KingdeeAuth("123456", "s3cret")
>>> prepared = auth(requests.Request(
...     "GET", "http://127.0.0.1/jdy/v2/items", params={"q": "a b=c"}).prepare())
>>> prepared.headers["X-Api-SignHeaders"]
'X-Api-Nonce,X-Api-TimeStamp'
>>> path, _, query = prepared.path_url.partition("?")
>>> kingdee.Verifier("s3cret").verify(
...     "GET", path, query=kingdee.parse_query(query), headers=prepared.headers).client_id
'123456'
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit

try:
    import requests as _requests
    from requests.auth import AuthBase
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError(
        "qianming.requests needs the requests package: pip install 'qianming[requests]'"
    )

from ._auth import SignerConfig, sign_parts

__all__ = ["KingdeeAuth"]


def _header_text(r: _requests.PreparedRequest, name: str) -> Optional[str]:
    """A request header as text (``requests`` allows bytes, which travel as Latin-1)."""
    value = r.headers.get(name)
    return value.decode("latin-1") if isinstance(value, bytes) else value


class KingdeeAuth(SignerConfig, AuthBase):
    """Signs a ``requests`` request (method, path and query) with Kingdee auth version 2.0.

    ``client_id`` and ``client_secret`` make a ``qianming.kingdee.Signer`` (or pass one as
    ``signer``). ``sign_headers`` names request headers to sign besides the nonce and the
    timestamp (for example ``["Content-Type"]``). Each request gets the current time and a
    fresh random nonce.
    """

    def __call__(self, r: _requests.PreparedRequest) -> _requests.PreparedRequest:
        url = urlsplit(r.url or "")
        r.headers.update(
            sign_parts(
                self.signer,
                r.method or "GET",
                url.path,
                url.query,
                lambda name: _header_text(r, name),
                self.sign_headers,
            )
        )
        return r
