// Type-checked (tsc --noEmit) usage of 'qianming/redis' (written for node-redis's createClient).
import { kingdee } from 'qianming';
import { DEFAULT_PREFIX, RedisReplayStore, type RedisSetClient } from 'qianming/redis';

declare const client: RedisSetClient;
const store = new RedisReplayStore(client, { prefix: 'my-app:replay:' });
const prefix: string = store.prefix;
const verifier = new kingdee.Verifier('secret');
const verified: Promise<{ clientId: string; nonce: string }> = verifier.verifyWith(store, {
  method: 'GET',
  path: '/jdy/v2/a',
  headers: [],
});
const recorded: Promise<void> = store.record({ replayKey: 'kingdee:1:a:1:b', replayExpiresAtMs: 1 }, 0);
console.log(DEFAULT_PREFIX, prefix, verified, recorded);

// @ts-expect-error: the store needs a client with set()
new RedisReplayStore({});
