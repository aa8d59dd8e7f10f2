"""End to end: the CLI's `--format curl` commands, run by real curl against a server on
127.0.0.1, reach the server with the path that was signed.

The server records the request target exactly as it arrived on the request line and has the
CLI's own verifier (`kingdee verify --target`, the core's decoding) check it. Paths hold what
used to break the URL: spaces, non-ASCII, `%`, `#`, `?`.

Usage: python3 request_target.py path/to/qianming
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import List, Tuple
from urllib.parse import unquote

SECRET = "0123456789abcdef0123456789abcdef"
APP_SECRET = "abc123"
PATHS = [
    "/jdy/v2/物料/a b",
    "/a%20b",
    "/a#b",
    "/a?b=c",
    "/x/+;=,!$'()*@:/~",
    "/😀/%2F/..%",
]


class Recorder(BaseHTTPRequestHandler):
    """Answers 200 when the CLI's verifier accepts the request as received, 401 otherwise."""

    qianming = ""
    received: List[Tuple[str, int, str]] = []

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        headers = [arg for name, value in self.headers.items()
                   if name.lower().startswith("x-api-") for arg in ("--header", f"{name}: {value}")]
        verify = subprocess.run(
            [self.qianming, "kingdee", "verify", "--method", self.command,
             "--target", self.path, *headers],
            env={**os.environ, "QIANMING_CLIENT_SECRET": SECRET},
            capture_output=True, text=True, check=False)
        status = 200 if verify.returncode == 0 else 401
        self.received.append((self.path, status, verify.stdout + verify.stderr))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def curl_command(qianming: str, args: List[str]) -> str:
    out = subprocess.run([qianming, *args, "--format", "curl"],
                         env={**os.environ, "QIANMING_CLIENT_SECRET": SECRET,
                              "QIANMING_APP_SECRET": APP_SECRET},
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def run_curl(command: str) -> int:
    """Runs the printed command as a user would paste it; returns the HTTP status."""
    done = subprocess.run(["bash", "-c", command + " -sS -o /dev/null -w '%{http_code}'"],
                          capture_output=True, text=True, check=False, timeout=30)
    if done.returncode != 0:
        raise AssertionError(f"curl failed ({done.returncode}): {done.stderr}\n{command}")
    return int(done.stdout)


def main() -> int:
    qianming = os.path.abspath(sys.argv[1])
    Recorder.qianming = qianming
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    passed = failed = 0

    def check(name: str, ok: bool, detail: str) -> None:
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: {detail}", file=sys.stderr)

    try:
        for path in PATHS:
            for method in ("GET", "POST"):
                command = curl_command(qianming, [
                    "kingdee", "sign", "--client-id", "123456", "--method", method,
                    "--path", path, "--query", "q=a b&c", "--query", "名=值",
                    "--base-url", base])
                before = len(Recorder.received)
                status = run_curl(command)
                target, seen, said = Recorder.received[before]
                check(f"{method} {path!r} verified", status == 200 and seen == 200,
                      f"status {status}, server: {said}\n{command}")
                check(f"{method} {path!r} arrived as the path signed",
                      unquote(target.partition("?")[0]) == path, f"received {target!r}")
        # The token request: a gateway under a path prefix that needs escaping in a URL.
        for prefix in ("", "/kd%20gw/中"):
            command = curl_command(qianming, [
                "kingdee", "token-request", "--client-id", "205022", "--app-key", "abc",
                "--base-url", base + prefix.replace("中", "%E4%B8%AD")])
            before = len(Recorder.received)
            status = run_curl(command)
            target, seen, said = Recorder.received[before]
            check(f"token request under {prefix!r} verified", status == 200 and seen == 200,
                  f"status {status}, server: {said}\n{command}")
    finally:
        server.shutdown()
    print(f"request targets: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
