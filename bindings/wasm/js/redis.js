// `qianming/redis`: a replay store in Redis shared by every server behind a load balancer, over
// a node-redis client (`redis` 5 or 6, an optional peer dependency: the application creates and
// connects the client). The decision stays the core's: a verifier's `verifyStateless` checks
// the request and names the ticket (which key, until when); this store only records it
// atomically with `SET <prefix><key> 1 NX PX <ttl>`, the time to live computed by the core.
import { replay } from './api.js';

/** The prefix put before every ticket key unless another is given (the same in every binding). */
export const DEFAULT_PREFIX = 'qianming:replay:';

export class RedisReplayStore {
  #client;
  #prefix;

  /**
   * @param {{set: Function}} client a connected node-redis client (`createClient`, `createCluster`,
   *   …), shared by every verifier of the process
   * @param {{prefix?: string}} [options] `prefix` goes before every key (default `qianming:replay:`)
   */
  constructor(client, options) {
    if (client === null || typeof client !== 'object' || typeof client.set !== 'function') {
      throw new TypeError('the client must be a node-redis client with set()');
    }
    const prefix = options?.prefix ?? DEFAULT_PREFIX;
    if (typeof prefix !== 'string') throw new TypeError('prefix must be a string');
    this.#client = client;
    this.#prefix = prefix;
  }

  /** What goes before every ticket key. */
  get prefix() {
    return this.#prefix;
  }

  /**
   * Records `ticket` (a `verifyStateless` result) seen at `nowMs`, or throws a `QianmingError`:
   * kind `replayed` when Redis already holds its key, `replay_store_unavailable` when Redis
   * cannot be asked or answers anything else (the request is refused: fail closed).
   */
  async record(ticket, nowMs) {
    const ttl = replay.ttlMs(ticket, nowMs);
    if (typeof ticket.replayKey !== 'string') throw new TypeError('the ticket has no replayKey');
    let reply;
    try {
      reply = await this.#client.set(this.#prefix + ticket.replayKey, '1', {
        condition: 'NX',
        expiration: { type: 'PX', value: ttl },
      });
    } catch (error) {
      throw replay.storeUnavailableError(
        `Redis could not record the replay ticket (${error?.name ?? 'Error'}: ${error?.message ?? error}); the request is refused`,
        error,
      );
    }
    if (reply === null) {
      throw replay.replayedError(
        'the shared replay store (Redis) already holds this request; each signed request works once, so a retry must sign again',
      );
    }
    // 'OK', or its bytes from a client whose type mapping turns simple strings into Buffers.
    if (String(reply) !== 'OK') {
      throw replay.storeUnavailableError(
        `Redis answered SET … NX PX with ${String(reply)} instead of OK or nil; the request is refused`,
      );
    }
  }
}
