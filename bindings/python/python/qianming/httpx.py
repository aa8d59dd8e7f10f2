"""``httpx`` auth plugin: ``KingdeeAuth`` signs each outgoing request for the Kingdee gateway.

Works with ``httpx.Client`` and ``httpx.AsyncClient``. Needs the ``httpx`` extra
(``pip install 'qianming[httpx]'``).

>>> import httpx
>>> from qianming import kingdee
>>> from qianming.httpx import KingdeeAuth
>>> request = httpx.Request("GET", "http://127.0.0.1/jdy/v2/items", params={"q": "a b=c"})
>>> signed = next(KingdeeAuth("123456", "s3cret").auth_flow(request))
>>> path, _, query = signed.url.raw_path.decode("ascii").partition("?")
>>> kingdee.Verifier("s3cret").verify(
...     "GET", path, query=kingdee.parse_query(query), headers=signed.headers.items()).nonce.isdigit()
True
"""

from __future__ import annotations

from typing import Generator, Iterable, Optional

try:
    import httpx as _httpx
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError(
        "qianming.httpx needs the httpx package: pip install 'qianming[httpx]'"
    )

from . import kingdee
from ._auth import sign_parts

__all__ = ["KingdeeAuth"]


class KingdeeAuth(_httpx.Auth):
    """Signs an ``httpx`` request (method, path and query) with Kingdee auth version 2.0.

    ``client_id`` and ``client_secret`` make a ``qianming.kingdee.Signer`` (or pass one as
    ``signer``). ``sign_headers`` names request headers to sign besides the nonce and the
    timestamp. Each request gets the current time and a fresh random nonce.
    """

    def __init__(
        self,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        *,
        signer: Optional[kingdee.Signer] = None,
        sign_headers: Iterable[str] = (),
    ) -> None:
        if signer is None:
            if client_id is None or client_secret is None:
                raise TypeError("KingdeeAuth needs client_id and client_secret, or signer=")
            signer = kingdee.Signer(client_id, client_secret)
        self.signer = signer
        self.sign_headers = tuple(sign_headers)

    def auth_flow(
        self, request: _httpx.Request
    ) -> Generator[_httpx.Request, _httpx.Response, None]:
        path, _, query = request.url.raw_path.decode("ascii").partition("?")
        request.headers.update(
            sign_parts(
                self.signer,
                request.method,
                path,
                query,
                lambda name: request.headers.get(name),
                self.sign_headers,
            )
        )
        yield request

    def __repr__(self) -> str:
        return f"KingdeeAuth(client_id={self.signer.client_id!r})"
