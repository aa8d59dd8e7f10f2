"""A real redis-server for the replay-store tests: started on 127.0.0.1 on a free port with its
own directory, append-only file fsynced on every write, no RDB snapshots; stopped gracefully
or killed, and started again on the same port and directory (so it reloads what it recorded)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

#: How long a starting server may take to answer PING before the test gives up (a hang guard,
#: not an assertion on speed).
START_GIVE_UP_S = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def client(port: int) -> redis.Redis:
    """A client that fails at once when the server is down (no retries), as the tests expect:
    the store must then refuse the request."""
    return redis.Redis(
        host="127.0.0.1", port=port, socket_timeout=10, socket_connect_timeout=10, retry=Retry(NoBackoff(), 0)
    )


class RedisServer:
    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: apt-get install -y redis-server (test.sh does)")
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.log = directory / "redis.log"

    def start(self) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.directory),
             "--logfile", str(self.log)],
            stdin=subprocess.DEVNULL,
        )
        give_up = time.monotonic() + START_GIVE_UP_S
        probe = client(self.port)
        while True:
            try:
                if probe.ping():
                    break
            except redis.RedisError:
                pass
            if self.process.poll() is not None or time.monotonic() > give_up:
                self.stop(kill=True)
                raise RuntimeError(f"redis-server did not start on port {self.port}: {self.log_text()}")
            time.sleep(0.02)
        probe.close()

    def stop(self, *, kill: bool = False) -> None:
        """Stops the server: SIGTERM (it finishes and closes its files), or SIGKILL (no goodbye:
        only what it fsynced survives)."""
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        self.process.wait()
        self.process = None

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"
