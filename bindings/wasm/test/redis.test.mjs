// The Redis replay store against a real redis-server on 127.0.0.1: two "servers" in two Node
// processes share it, so a request accepted by one is a replay at the other; with Redis
// stopped every request is refused (`replay_store_unavailable`), never accepted; after a
// restart, what was recorded is still refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient, RESP_TYPES } from 'redis';
import * as q from 'qianming';
import { DEFAULT_PREFIX, RedisReplayStore } from 'qianming/redis';
import { RedisServer } from './redis-server.mjs';
import { blocks, needsRedis, runBlock } from './readme-blocks.mjs';
import { KINGDEE_SECRET, WEAVER, replayPeer } from './replay-peer.mjs';

let redis;
let here; // this process's peer
let there; // the child process's peer

/** The peer in a child process, asked over its stdin and stdout, one JSON line each way. */
function childPeer(url) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./replay-peer.mjs', import.meta.url)), url], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async handle(message) {
      child.stdin.write(`${JSON.stringify(message)}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error(`the child peer exited (${child.exitCode})`);
      return JSON.parse(value);
    },
    close() {
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      });
    },
  };
}

before(async () => {
  redis = await RedisServer.start();
  here = await replayPeer(redis.url);
  there = childPeer(redis.url);
});

after(async () => {
  await there?.close();
  await here?.close();
  await redis?.close();
});

let nonce = 1_000_000_000;
/** A Kingdee request signed now, with a nonce of its own. */
function kingdeeRequest() {
  nonce += 1;
  const out = q.kingdee.sign('205022', KINGDEE_SECRET, { method: 'POST', path: '/jdy/v2/a', nonce: String(nonce) });
  return { method: 'POST', path: '/jdy/v2/a', headers: out.headers };
}
const kingdee = (request) => ({ scheme: 'kingdee', request, nowMs: Date.now() });
const weaver = (sign) => ({ scheme: 'weaver', sign, nowMs: Date.now() });
let lastSignedAt = 0;
/** A Weaver sign made now, unique (two signs made in one millisecond would be one sign). */
function weaverSign() {
  lastSignedAt = Math.max(Date.now(), lastSignedAt + 1);
  return q.weaver.sign(...WEAVER, lastSignedAt);
}

test('a Kingdee request accepted by one server is a replay at the other, either way', async () => {
  const first = kingdeeRequest();
  assert.equal((await here.handle(kingdee(first))).ok, true);
  assert.deepEqual(await there.handle(kingdee(first)), {
    ok: false,
    kind: 'replayed',
    message: 'the shared replay store (Redis) already holds this request; each signed request works once, so a retry must sign again',
  });
  assert.equal((await here.handle(kingdee(first))).kind, 'replayed');
  const second = kingdeeRequest();
  const accepted = await there.handle(kingdee(second));
  assert.equal(accepted.ok, true);
  assert.equal(accepted.nonce, String(nonce));
  assert.equal((await here.handle(kingdee(second))).kind, 'replayed');
  assert.equal((await there.handle(kingdee(second))).kind, 'replayed');
});

test('a Weaver sign accepted by one server is a replay at the other, either way', async () => {
  const a = weaverSign();
  assert.equal((await there.handle(weaver(a))).ok, true);
  assert.equal((await here.handle(weaver(a))).kind, 'replayed');
  // The same sign in upper-case hex is the same sign.
  assert.equal((await there.handle(weaver(a.toUpperCase()))).kind, 'replayed');
  const b = weaverSign();
  assert.equal((await here.handle(weaver(b))).ok, true);
  assert.equal((await there.handle(weaver(b))).kind, 'replayed');
});

test('the key is the core ticket under the prefix, kept for the ticket time to live', async () => {
  const request = kingdeeRequest();
  const now = Date.now();
  const stateless = new q.kingdee.Verifier(KINGDEE_SECRET).verifyStateless(request, now);
  await here.store.record(stateless, now);
  const key = DEFAULT_PREFIX + stateless.replayKey;
  assert.equal(await here.client.get(key), '1');
  const pttl = await here.client.pTTL(key);
  assert.ok(pttl > 0 && pttl <= q.replay.ttlMs(stateless, now), `PTTL ${pttl}`);
  await assert.rejects(here.store.record(stateless, now), (e) => e.kind === 'replayed');
  // Another prefix is another store.
  const other = new RedisReplayStore(here.client, { prefix: 'other-app:' });
  assert.equal(other.prefix, 'other-app:');
  await other.record(stateless, now);
  assert.equal(await here.client.get(`other-app:${stateless.replayKey}`), '1');
});

test('a request refused by the verifier is never recorded', async () => {
  const request = kingdeeRequest();
  const forged = { ...request, headers: { ...request.headers, 'X-Api-Signature': 'forged' } };
  assert.equal((await here.handle(kingdee(forged))).kind, 'signature_mismatch');
  assert.equal((await there.handle(kingdee(request))).ok, true);
});

test('Redis stopped: every request is refused with replay_store_unavailable, none accepted', async () => {
  const recorded = kingdeeRequest();
  assert.equal((await here.handle(kingdee(recorded))).ok, true);
  const recordedSign = weaverSign();
  assert.equal((await there.handle(weaver(recordedSign))).ok, true);
  await redis.stop();
  const fresh = [kingdeeRequest(), kingdeeRequest()];
  for (const peer of [here, there]) {
    for (const message of [kingdee(fresh[0]), kingdee(fresh[1]), kingdee(recorded), weaver(weaverSign()), weaver(recordedSign)]) {
      const answer = await peer.handle(message);
      assert.equal(answer.ok, false, `accepted while Redis was down: ${JSON.stringify(answer)}`);
      assert.equal(answer.kind, 'replay_store_unavailable');
      assert.match(answer.message, /Redis could not record the replay ticket .*the request is refused/);
    }
  }
  // Redis comes back with what it had recorded: the replays stay refused, fresh requests work.
  const ready = new Promise((resolve) => here.client.once('ready', resolve));
  await redis.run();
  await ready;
  assert.equal((await here.handle(kingdee(recorded))).kind, 'replayed');
  assert.equal((await here.handle(weaver(recordedSign))).kind, 'replayed');
  assert.equal((await here.handle(kingdee(fresh[0]))).ok, true);
  assert.equal((await here.handle(kingdee(fresh[0]))).kind, 'replayed');
  assert.ok(here.errors.length > 0, 'the client reported the outage');
});

test('a Redis that refuses the command (no permission) refuses the request; a Buffer OK is OK', async () => {
  assert.throws(() => new RedisReplayStore({}), TypeError);
  assert.throws(() => new RedisReplayStore(here.client, { prefix: 1 }), TypeError);
  // A Redis user that may read but not write: SET is refused with NOPERM.
  await here.client.sendCommand(['ACL', 'SETUSER', 'reader', 'on', '>reader-pw', '~*', '+get', '+ping']);
  const reader = createClient({ url: redis.url, username: 'reader', password: 'reader-pw', disableOfflineQueue: true });
  reader.on('error', () => {});
  await reader.connect();
  try {
    const ticket = new q.kingdee.Verifier(KINGDEE_SECRET).verifyStateless(kingdeeRequest(), Date.now());
    await assert.rejects(new RedisReplayStore(reader).record(ticket, Date.now()), (e) => {
      assert.equal(e.kind, 'replay_store_unavailable');
      assert.match(e.message, /NOPERM/);
      return true;
    });
    // The same ticket through a client that maps simple strings to Buffers: recorded once.
    const bytes = new RedisReplayStore(here.client.withTypeMapping({ [RESP_TYPES.SIMPLE_STRING]: Buffer }));
    await bytes.record(ticket, Date.now());
    await assert.rejects(bytes.record(ticket, Date.now()), (e) => e.kind === 'replayed');
  } finally {
    await reader.close();
  }
});

test('a second client of the same Redis sees the keys (nothing is kept in the process)', async () => {
  const client = createClient({ url: redis.url });
  client.on('error', () => {});
  await client.connect();
  try {
    const request = kingdeeRequest();
    assert.equal((await here.handle(kingdee(request))).ok, true);
    const keys = await client.keys(`${DEFAULT_PREFIX}kingdee:*`);
    assert.ok(keys.some((key) => key.endsWith(`:${nonce}`)), keys.join(' '));
  } finally {
    await client.close();
  }
});

test('the README Redis example runs as written', async () => {
  const redisBlocks = blocks.map((code, i) => [code, i]).filter(([code]) => needsRedis(code));
  assert.ok(redisBlocks.length >= 1);
  process.env.REDIS_URL = redis.url;
  try {
    for (const [, i] of redisBlocks) await runBlock(i);
  } finally {
    delete process.env.REDIS_URL;
  }
});
