// One "server" of a fleet: a Kingdee and a Weaver verifier sharing replay state through a
// RedisReplayStore. The Redis test runs one in its own process and one in a child process
// (`node test/replay-peer.mjs <redis-url>`), which answers JSON lines on stdin with JSON
// lines on stdout: `{"scheme": "kingdee", "request": …, "nowMs": …}` or `{"scheme":
// "weaver", "sign": …, "nowMs": …}` → `{"ok": true, …}` or `{"ok": false, "kind": …}`.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createClient } from 'redis';
import * as q from 'qianming';
import { RedisReplayStore } from 'qianming/redis';

export const KINGDEE_SECRET = '0123456789abcdef0123456789abcdef';
export const WEAVER = ['fleetappid', 'fleetsecret', '0123456789abcdef'];

export async function replayPeer(url) {
  // Fail fast while Redis is unreachable instead of queueing commands until it is back.
  const client = createClient({ url, disableOfflineQueue: true });
  const errors = [];
  client.on('error', (error) => errors.push(error));
  await client.connect();
  const store = new RedisReplayStore(client);
  const kingdee = new q.kingdee.Verifier(KINGDEE_SECRET);
  const weaver = new q.weaver.Verifier(...WEAVER);
  return {
    client,
    store,
    errors,
    /** Verifies one message; resolves to what the peer answers. */
    async handle(message) {
      try {
        const verified =
          message.scheme === 'kingdee'
            ? await kingdee.verifyWith(store, message.request, message.nowMs)
            : await weaver.verifyWith(store, message.sign, message.nowMs);
        return { ok: true, ...verified };
      } catch (error) {
        if (error?.name !== 'QianmingError') throw error;
        return { ok: false, kind: error.kind, message: error.message };
      }
    },
    async close() {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const peer = await replayPeer(process.argv[2]);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    process.stdout.write(`${JSON.stringify(await peer.handle(JSON.parse(line)))}\n`);
  }
  await peer.close();
}
