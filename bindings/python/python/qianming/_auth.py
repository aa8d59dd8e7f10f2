"""What the requests and httpx plugins share: sign an outgoing request's method, path and query."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, Optional, Tuple

from . import kingdee


class SignerConfig:
    """What both plugins' ``KingdeeAuth`` hold: a ``kingdee.Signer`` (made from ``client_id``
    and ``client_secret``, or passed as ``signer``) and the extra header names to sign."""

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

    def __repr__(self) -> str:
        return f"KingdeeAuth(client_id={self.signer.client_id!r})"


def sign_parts(
    signer: kingdee.Signer,
    method: str,
    path: str,
    raw_query: str,
    header: Callable[[str], Optional[str]],
    sign_headers: Iterable[str],
) -> Dict[str, str]:
    """The six ``X-Api-*`` headers for a request about to be sent.

    ``path`` and ``raw_query`` (as they travel, percent-encoded) are decoded as the gateway
    decodes them, by the core's ``parse_request_target``: the gateway signs the decoded path and
    query, so a path with spaces or non-ASCII characters verifies. ``sign_headers`` names request headers to sign as well; ``header`` looks their
    values up (a missing one is refused by the core with ``MissingHeaderValueError``).
    """
    extra: Tuple[Tuple[str, Optional[str]], ...] = tuple((n, header(n)) for n in sign_headers)
    target = (path or "/") + ("?" + raw_query if raw_query else "")
    decoded_path, query = kingdee.parse_request_target(target)
    out = signer.sign(method, decoded_path, query=query, sign_headers=extra)
    return out.headers
