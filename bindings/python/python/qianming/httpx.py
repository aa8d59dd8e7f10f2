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

from typing import Generator

try:
    import httpx as _httpx
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError(
        "qianming.httpx needs the httpx package: pip install 'qianming[httpx]'"
    )

from ._auth import SignerConfig, sign_parts

__all__ = ["KingdeeAuth"]


class KingdeeAuth(SignerConfig, _httpx.Auth):
    """Signs an ``httpx`` request (method, path and query) with Kingdee auth version 2.0.

    ``client_id`` and ``client_secret`` make a ``qianming.kingdee.Signer`` (or pass one as
    ``signer``). ``sign_headers`` names request headers to sign besides the nonce and the
    timestamp. Each request gets the current time and a fresh random nonce.
    """

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
