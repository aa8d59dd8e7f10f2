"""The requests and httpx plugins, end to end: a real HTTP round trip to a server on 127.0.0.1
that checks every received request with qianming's Kingdee verifier."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import requests

import qianming
from qianming import kingdee
from qianming.httpx import KingdeeAuth as HttpxAuth
from qianming.requests import KingdeeAuth as RequestsAuth

SECRET = "0123456789abcdef0123456789abcdef"
CLIENT = "123456"


class Handler(BaseHTTPRequestHandler):
    verifier = kingdee.Verifier(SECRET)
    seen: List[Dict[str, Any]] = []

    def _handle(self) -> None:
        # The request line as received: the path and the raw query, each decoded by the core.
        raw_path, _, raw_query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        try:
            path = kingdee.percent_decode(raw_path)
            v = self.verifier.verify(
                self.command,
                path,
                query=kingdee.parse_query(raw_query),
                headers=list(self.headers.items()),
            )
            status, body = 200, {"client_id": v.client_id, "nonce": v.nonce, "path": path}
        except qianming.QianmingError as e:
            status, body = 401, {"kind": e.kind, "detail": str(e)}
        self.seen.append({"path": self.path, "status": status, **body})
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


PARAMS = {"app_key": "abc", "app_signature": "ZDlj==", "q": "a b+c&d=e", "名": "值 *~"}


def test_requests_round_trip(server: str) -> None:
    auth = RequestsAuth(CLIENT, SECRET)
    with requests.Session() as s:
        r = s.get(f"{server}/jdyconnector/app_management/kingdee_auth_token", params=PARAMS, auth=auth, timeout=10)
        assert r.status_code == 200, r.text
        assert r.json()["client_id"] == CLIENT
        r = s.post(f"{server}/jdy/v2/bd/material", params={"x": "1"}, json={"a": 1},
                   auth=RequestsAuth(CLIENT, SECRET, sign_headers=["Content-Type"]), timeout=10)
        assert r.status_code == 200, r.text
        r = s.get(f"{server}/plain", auth=auth, timeout=10)
        assert r.status_code == 200, r.text


def test_requests_nonces_differ(server: str) -> None:
    auth = RequestsAuth(CLIENT, SECRET)
    nonces = {requests.get(f"{server}/n", auth=auth, timeout=10).json()["nonce"] for _ in range(5)}
    assert len(nonces) == 5


def test_requests_wrong_secret_is_refused_by_the_server(server: str) -> None:
    r = requests.get(f"{server}/x", params={"a": "1"}, auth=RequestsAuth(CLIENT, "wrong"), timeout=10)
    assert r.status_code == 401
    assert r.json()["kind"] == "signature_mismatch"


def test_unsigned_request_is_refused(server: str) -> None:
    r = requests.get(f"{server}/x", timeout=10)
    assert r.status_code == 401 and r.json()["kind"] == "missing_header"


def test_requests_signed_header_must_exist() -> None:
    auth = RequestsAuth(CLIENT, SECRET, sign_headers=["X-Missing"])
    with pytest.raises(qianming.MissingHeaderValueError):
        auth(requests.Request("GET", "http://127.0.0.1/x").prepare())


def test_httpx_round_trip(server: str) -> None:
    auth = HttpxAuth(CLIENT, SECRET)
    with httpx.Client(auth=auth, timeout=10) as client:
        r = client.get(f"{server}/jdyconnector/app_management/kingdee_auth_token", params=PARAMS)
        assert r.status_code == 200, r.text
        assert r.json()["client_id"] == CLIENT
        r = client.put(f"{server}/jdy/v2/item", params={"k": "v"}, json={"a": 1})
        assert r.status_code == 200, r.text
    r = httpx.post(f"{server}/jdy/v2/item", params={"k": "v"}, json={"a": 1}, timeout=10,
                   auth=HttpxAuth(CLIENT, SECRET, sign_headers=["Content-Type"]))
    assert r.status_code == 200, r.text


def test_httpx_async_round_trip(server: str) -> None:
    async def main() -> List[int]:
        async with httpx.AsyncClient(auth=HttpxAuth(CLIENT, SECRET), timeout=10) as client:
            responses = await asyncio.gather(
                *(client.get(f"{server}/async/{i}", params={"i": str(i)}) for i in range(5))
            )
        return [r.status_code for r in responses]

    assert asyncio.run(main()) == [200] * 5


def test_httpx_wrong_secret_is_refused_by_the_server(server: str) -> None:
    r = httpx.get(f"{server}/x", auth=HttpxAuth(CLIENT, "wrong"), timeout=10)
    assert r.status_code == 401 and r.json()["kind"] == "signature_mismatch"


# Spaces, '+', non-ASCII (CJK and an emoji), reserved characters: the client percent-encodes
# them on the request line, the plugin and the server both sign the decoded path.
ODD_PATHS = ["/jdy/v2/物料/查询", "/a b/c+d/ü/😀", "/x/%41/;=,!$'()*"]


@pytest.mark.parametrize("path", ODD_PATHS)
def test_requests_non_ascii_path_round_trip(server: str, path: str) -> None:
    r = requests.get(f"{server}{path}", params={"名": "值"}, auth=RequestsAuth(CLIENT, SECRET), timeout=10)
    assert r.status_code == 200, r.text
    sent = r.request.path_url.partition("?")[0]
    assert sent.isascii()
    if not path.isascii() or " " in path:
        assert sent != path  # it travelled encoded
    assert r.json()["path"] == kingdee.percent_decode(sent)
    if "%" not in path:
        assert r.json()["path"] == path


@pytest.mark.parametrize("path", ODD_PATHS)
def test_httpx_non_ascii_path_round_trip(server: str, path: str) -> None:
    r = httpx.get(f"{server}{path}", params={"名": "值"}, auth=HttpxAuth(CLIENT, SECRET), timeout=10)
    assert r.status_code == 200, r.text
    sent = r.request.url.raw_path.decode("ascii").partition("?")[0]
    if not path.isascii() or " " in path:
        assert sent != path  # it travelled encoded
    assert r.json()["path"] == kingdee.percent_decode(sent)
    if "%" not in path:
        assert r.json()["path"] == path


def test_signing_the_raw_path_would_fail(server: str) -> None:
    """The server decodes the path, so a signature over the encoded path is refused: the
    decoding step in the plugins is what makes the tests above pass."""
    signer = kingdee.Signer(CLIENT, SECRET)
    raw = "/jdy/v2/%E7%89%A9%E6%96%99"
    headers = signer.sign("GET", raw).headers
    r = requests.get(f"{server}{raw}", headers=headers, timeout=10)
    assert r.status_code == 401 and r.json()["kind"] == "signature_mismatch"
    headers = signer.sign("GET", kingdee.percent_decode(raw)).headers
    r = requests.get(f"{server}{raw}", headers=headers, timeout=10)
    assert r.status_code == 200 and r.json()["path"] == "/jdy/v2/物料"


# What used to break the request line when the target was rendered verbatim: a space, `%`
# (a server decodes `%20` to a space), `#` (ends the URL), `?` (starts the query), non-ASCII.
TARGET_PATHS = ["/jdy/v2/物料/a b", "/a%20b", "/a#b", "/a?b=c", "/😀/+;=@:~"]


@pytest.mark.parametrize("path", TARGET_PATHS)
def test_signed_request_target_arrives_as_signed(server: str, path: str) -> None:
    out = kingdee.Signer(CLIENT, SECRET).sign("GET", path, query={"q": "a b", "名": "值"})
    target = out.path_and_query(path)
    assert target.isascii() and "#" not in target and target.count("?") == 1
    # The target goes on the request line exactly as rendered (no client re-encoding).
    with requests.Session() as s:
        prepared = s.prepare_request(requests.Request("GET", server + target, headers=out.headers))
        prepared.url = server + target
        r = s.send(prepared, timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["path"] == path


def test_server_saw_every_request(server: str) -> None:
    assert len(Handler.seen) >= 10
    assert {s["status"] for s in Handler.seen} == {200, 401}
