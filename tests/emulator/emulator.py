"""Starts `qianming emulate` for a test and stops it: the first stdout line gives the URL."""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
from typing import List, Optional

import requests

BIN = os.environ.get("QIANMING_BIN", "qianming")

# The accounts most tests use (the seeds' examples where there is one).
KINGDEE_CLIENT = ("205022", "0123456789abcdef0123456789abcdef")
KINGDEE_APP = ("abc", "abc123")
WEAVER = ("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")
APUSIC_USER = ("admin", "admin123")
EDGE_USER = ("admin", "123456")
OAUTH_CLIENT = ("711983296695394304", "sdfj", "http://127.0.0.1:8080/oauth_callback")

STANDARD = [
    "--kingdee-client", ":".join(KINGDEE_CLIENT),
    "--kingdee-app", ":".join(KINGDEE_APP),
    "--weaver", ":".join(WEAVER),
    "--weaver-disabled", "disabledappid",
    "--weaver", "disabledappid:s:8fy6K39X6PIEEeOq",
    "--apusic-user", ":".join(APUSIC_USER),
    "--edge-user", ":".join(EDGE_USER),
    "--oauth-client", ":".join(OAUTH_CLIENT),
]

# A hung emulator fails the test after this long instead of hanging it (not a timing check).
START_LIMIT_S = 60


class Emulator:
    """A running `qianming emulate`; `url` is its base URL, `log()` what it wrote to stderr."""

    def __init__(self, *args: str) -> None:
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [BIN, "emulate", "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], START_LIMIT_S)
        line = self.proc.stdout.readline() if ready else ""
        if not line.startswith("listening on http://"):
            self.stop()
            raise RuntimeError(f"the emulator did not start: {line!r}\n{self.log()}")
        self.url = line.split("listening on ", 1)[1].strip()

    def post(self, path: str, **params: object) -> requests.Response:
        """A control request under /_emulator/."""
        response = requests.post(f"{self.url}/_emulator/{path}", params=params, timeout=30)
        response.raise_for_status()
        return response

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def __enter__(self) -> "Emulator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def send(request, session: Optional[requests.Session] = None) -> requests.Response:
    """Sends a qianming HttpRequest (method, url, headers, body) as it is."""
    return (session or requests).request(
        request.method,
        request.url,
        headers=list_to_dict(request.headers),
        data=request.body.encode() if request.body is not None else None,
        allow_redirects=False,
        timeout=30,
    )


def list_to_dict(headers: List[tuple]) -> dict:
    return {name: value for name, value in headers}


def verdict(response: requests.Response) -> Optional[str]:
    return response.headers.get("X-Qianming-Verdict")


def error(response: requests.Response) -> Optional[str]:
    return response.headers.get("X-Qianming-Error")
