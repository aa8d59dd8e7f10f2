"""Login sessions: fetch a token, cache it, refresh it before it runs out, and retry a call once
when the server says it expired. One class per system that logs in without a browser:
``KingdeeSession``, ``WeaverSession``, ``ApusicSession`` and ``EdgeSession``.

Everything a session knows about a token comes from qianming's parsers: when it runs out
(``token.Lifetime.action``), whether to refresh or log in again, and which refusal means
"expired". A session sends with ``requests`` (pass ``http=`` a ``requests.Session`` to share
connections) and holds no lock: use one per thread.

``call(fn)`` runs ``fn(token)``, which makes the business call with the token and reads the
answer; when ``fn`` raises ``qianming.TokenExpiredError`` or returns a ``requests.Response``
with status 401, the session drops the token, gets a new one and runs ``fn`` once more.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Generic, Literal, Optional, TypeVar

try:
    import requests as _requests
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError("qianming.session needs the requests package: pip install 'qianming[requests]'")

from . import TokenExpiredError, apusic, edge, kingdee, weaver
from .token import DEFAULT_SKEW_MS, TokenAction

__all__ = ["ApusicSession", "EdgeSession", "KingdeeSession", "WeaverSession"]

T = TypeVar("T")
R = TypeVar("R")


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class _Session(Generic[T]):
    """Caches the parsed token answer ``T`` (whose ``lifetime``, when it has one, says when to
    refresh) and retries a call once on expiry."""

    def __init__(self, http: Optional[_requests.Session], skew_ms: int) -> None:
        self._http = http or _requests.Session()
        self._skew_ms = skew_ms
        self._answer: Optional[T] = None
        self.logins = 0
        self.refreshes = 0

    def _send(self, request: Any) -> _requests.Response:
        return self._http.request(
            request.method,
            request.url,
            headers=dict(request.headers),
            data=request.body.encode() if request.body is not None else None,
            allow_redirects=False,
            timeout=30,
        )

    def _login(self) -> T:
        raise NotImplementedError

    def _refresh(self, answer: T) -> T:
        return self._login()

    def _value(self, answer: T) -> str:
        raise NotImplementedError

    def token(self) -> str:
        """The cached token, refreshed or fetched anew when its lifetime says so."""
        answer = self._answer
        lifetime = getattr(answer, "lifetime", None)
        action = TokenAction.REUSE
        if answer is None:
            action = TokenAction.LOGIN_AGAIN
        elif lifetime is not None:
            action = TokenAction(lifetime.action(now_ms=_now_ms(), skew_ms=self._skew_ms))
        if action is TokenAction.REFRESH and answer is not None:
            self.refreshes += 1
            self._answer = self._refresh(answer)
        elif action is TokenAction.LOGIN_AGAIN:
            self.logins += 1
            self._answer = self._login()
        assert self._answer is not None
        return self._value(self._answer)

    def invalidate(self) -> None:
        """Forgets the cached token: the next ``token()`` logs in again."""
        self._answer = None

    def call(self, fn: Callable[[str], R]) -> R:
        """``fn(token)``, and once more with a new token if the server said it expired."""
        try:
            result = fn(self.token())
            if not (isinstance(result, _requests.Response) and result.status_code == 401):
                return result
        except TokenExpiredError:
            pass
        self.invalidate()
        return fn(self.token())


class KingdeeSession(_Session[kingdee.AppToken]):
    """A Kingdee app-token (24 h), fetched with a signed request and ``app_signature``."""

    def __init__(self, base_url: str, client_id: str, client_secret: str, app_key: str, app_secret: str, *,
                 uid: Optional[str] = None, http: Optional[_requests.Session] = None,
                 skew_ms: int = DEFAULT_SKEW_MS) -> None:
        super().__init__(http, skew_ms)
        self._signer = kingdee.Signer(client_id, client_secret)
        self._args = (base_url, app_key, app_secret, uid)

    def _login(self) -> kingdee.AppToken:
        base_url, app_key, app_secret, uid = self._args
        request = kingdee.token_request(self._signer, base_url, app_key=app_key, app_secret=app_secret, uid=uid)
        return kingdee.parse_token_answer(self._send(request).content)

    def _value(self, answer: kingdee.AppToken) -> str:
        return answer.app_token


class WeaverSession(_Session[weaver.Token]):
    """A Weaver token (30 min); each login signs anew (a sign works once)."""

    def __init__(self, base_url: str, appid: str, secret: str, aes_key: str, *,
                 http: Optional[_requests.Session] = None, skew_ms: int = DEFAULT_SKEW_MS) -> None:
        super().__init__(http, skew_ms)
        self._signer = weaver.Signer(appid, secret, aes_key)
        self._base_url = base_url

    def _login(self) -> weaver.Token:
        request = weaver.signed_token_request(self._signer, self._base_url)
        return weaver.parse_token_answer(self._send(request).content)

    def _value(self, answer: weaver.Token) -> str:
        return answer.token


class ApusicSession(_Session[apusic.SessionToken]):
    """An Apusic management session; its answer carries no lifetime, so it is kept until a call
    is refused with 401. ``headers()`` gives the headers of a later call."""

    def __init__(self, base_url: str, user: str, password: str, *, remote_host_name: str = "127.0.0.1",
                 mode: Optional[Literal["basic", "raw"]] = None, http: Optional[_requests.Session] = None,
                 skew_ms: int = DEFAULT_SKEW_MS) -> None:
        super().__init__(http, skew_ms)
        self._request = apusic.session_request(base_url, user=user, password=password,
                                               remote_host_name=remote_host_name, mode=mode)

    def _login(self) -> apusic.SessionToken:
        return apusic.parse_session_answer(self._send(self._request).content)

    def _value(self, answer: apusic.SessionToken) -> str:
        return answer.token

    def headers(self, token: Optional[str] = None) -> dict:
        """The cookie and ``X-Requested-By`` headers carrying ``token`` (default: ``token()``)."""
        return dict(apusic.call_headers(token if token is not None else self.token()))


class EdgeSession(_Session[edge.EdgeToken]):
    """An edge gateway access token (about 2 h), renewed with the refresh token (about 14 days)
    and logged in again when that has run out too."""

    def __init__(self, base_url: str, username: str, password: str, *,
                 http: Optional[_requests.Session] = None, skew_ms: int = DEFAULT_SKEW_MS) -> None:
        super().__init__(http, skew_ms)
        self._base_url = base_url
        self._login_request = edge.login_request(base_url, username=username, password=password)

    def _login(self) -> edge.EdgeToken:
        return edge.parse_token_answer(self._send(self._login_request).content)

    def _refresh(self, answer: edge.EdgeToken) -> edge.EdgeToken:
        if not answer.refresh_token:
            return self._login()
        request = edge.refresh_request(self._base_url, refresh_token=answer.refresh_token)
        return edge.parse_token_answer(self._send(request).content)

    def _value(self, answer: edge.EdgeToken) -> str:
        return answer.access_token

    def headers(self, token: Optional[str] = None) -> dict:
        """The ``x-token`` header carrying ``token`` (default: ``token()``)."""
        name, value = edge.x_token_header(token if token is not None else self.token())
        return {name: value}
