"""A second server process for the replay-store tests: its own Kingdee and Weaver verifiers,
sharing the test's Redis through RedisReplayStore.

Usage: python replay_peer.py PORT PREFIX. Reads one JSON request per line on stdin —
{"kingdee": {"method", "path", "headers", "now_ms"}} or {"weaver": {"sign", "now_ms"}} — and
answers each with one line: "ok" or the error kind that refused it."""

from __future__ import annotations

import json
import sys

from redis_server import client

import qianming
from qianming import kingdee, weaver
from qianming.replay import RedisReplayStore

# The same credentials as test_replay_redis.py.
KINGDEE_SECRET = "peer-secret"
WEAVER = ("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq")


def main() -> None:
    port, prefix = int(sys.argv[1]), sys.argv[2]
    store = RedisReplayStore(client(port), prefix=prefix)
    kingdee_verifier = kingdee.Verifier(KINGDEE_SECRET)
    weaver_verifier = weaver.Verifier(*WEAVER)
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if "kingdee" in request:
                r = request["kingdee"]
                kingdee_verifier.verify(r["method"], r["path"], headers=r["headers"], now_ms=r["now_ms"],
                                        store=store)
            else:
                r = request["weaver"]
                weaver_verifier.verify(r["sign"], now_ms=r["now_ms"], store=store)
            answer = "ok"
        except qianming.QianmingError as e:
            answer = e.kind
        print(answer, flush=True)


if __name__ == "__main__":
    main()
