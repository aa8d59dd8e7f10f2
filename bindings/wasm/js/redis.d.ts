// Type declarations of `qianming/redis`: a replay store in Redis over a node-redis client
// (`redis` 5 or 6, an optional peer dependency).

import type { ReplayStore, ReplayTicket } from './index.js';

/** The prefix put before every ticket key unless another is given: `qianming:replay:`. */
export const DEFAULT_PREFIX: string;

/** The one command the store needs: node-redis's `set(key, value, {condition, expiration})`. */
export interface RedisSetClient {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'PX'; value: number | bigint } },
  ): Promise<unknown>;
}

/**
 * A replay store in Redis shared by every server: each ticket becomes `SET <prefix><key> 1 NX
 * PX <ttl>`. An existing key rejects with kind `replayed`; a Redis error or any other reply
 * with `replay_store_unavailable` (fail closed).
 */
export class RedisReplayStore implements ReplayStore {
  constructor(client: RedisSetClient, options?: { prefix?: string });
  readonly prefix: string;
  record(ticket: ReplayTicket, nowMs: number): Promise<void>;
}
