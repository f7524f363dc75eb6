import {
  createArgumentChecks,
  STORE_DEFAULTS,
  type StoreLease,
  type StoreRecord,
  type TokenStore,
  waitForGeneration,
} from "@zoomkit/core";
import { Connection } from "./connection.js";
import { RedisStoreError } from "./errors.js";
import { redisKeys } from "./keys.js";
import { type RedisStoreOptions, resolveOptions } from "./options.js";
import { runScript, scripts } from "./scripts.js";
import { Subscriber } from "./subscriber.js";

const {
  markTtlMs: MARK_TTL_MS,
  pollStartMs: POLL_START_MS,
  safetyPollStartMs: SAFETY_POLL_START_MS,
} = STORE_DEFAULTS;

/**
 * A `TokenStore` on Redis (standalone or Cluster), shared by every process that connects to the same
 * server. Every operation is one Lua script (atomic), every call is bounded by `timeoutMs`, and
 * waiters wake through pub/sub.
 *
 * @example
 * ```ts
 * import { createZoomClient } from "@zoomkit/core";
 * import { createRedisStore } from "@zoomkit/store-redis";
 *
 * const store = createRedisStore({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" });
 * const zoom = createZoomClient({ accountId, clientId, clientSecret, store });
 * // ...
 * await store.close();
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): TokenStore {
  const { timeoutMs, maxPollIntervalMs, notifications, namespace } = resolveOptions(options);
  const check = createArgumentChecks("redis store", RedisStoreError);
  const connection = new Connection(options, timeoutMs);
  const subscriber = new Subscriber(connection, timeoutMs);
  const closing = new AbortController();
  const prefix = connection.adapter.createKeyPrefix("", namespace);
  const keysOf = (operation: string, key: string) => redisKeys(prefix, check.key(operation, key));

  const run = (
    operation: string,
    script: (typeof scripts)[keyof typeof scripts],
    keys: string[],
    args: string[],
  ) =>
    connection.run(operation, async (client) => {
      const reply = await runScript(client, script, keys, args);
      if (notifications) subscriber.warm();
      return reply;
    });

  /** The record and its remaining time-to-live; `null` when absent (or not a valid record). */
  const read = async (operation: string, key: string) => {
    const reply = await run(operation, scripts.get, [keysOf(operation, key).data], []);
    if (reply === null) return null;
    const [value, tag, generation, pttl] = Array.isArray(reply) ? reply : [];
    if (typeof value !== "string" || typeof tag !== "string" || typeof generation !== "number") {
      throw unexpected(operation, reply);
    }
    return { record: { value, tag, generation } satisfies StoreRecord, pttl: Number(pttl) };
  };

  const unexpected = (operation: string, reply: unknown) =>
    new RedisStoreError(
      "store_error",
      operation,
      `redis store (${connection.server}): ${operation} got an unexpected reply of type ${typeof reply} from its script`,
    );

  const store = {
    name: "redis",
    capabilities: { shared: true, crossProcessLease: true, notifications, leaseRenewal: true, permits: true },

    async get(key) {
      return (await read("get", key))?.record ?? null;
    },

    async compareAndSet(key, expectedGeneration, next, ttlMs) {
      const op = "compareAndSet";
      const keys = keysOf(op, key);
      const expected = check.wholeNumber(op, "expectedGeneration", expectedGeneration);
      const value = check.text(op, "next.value", next?.value);
      const tag = check.text(op, "next.tag", next?.tag);
      const ttl = check.positiveMs(op, "ttlMs", ttlMs);
      const reply = await run(
        op,
        scripts.compareAndSet,
        [keys.data, keys.mark],
        [String(expected), value, tag, String(ttl), String(ttl + MARK_TTL_MS), keys.channel],
      );
      if (reply === null) return null;
      if (typeof reply !== "number") throw unexpected("compareAndSet", reply);
      return { value, tag, generation: reply };
    },

    async compareAndDelete(key, tag) {
      const keys = keysOf("compareAndDelete", key);
      const reply = await run(
        "compareAndDelete",
        scripts.compareAndDelete,
        [keys.data],
        [check.text("compareAndDelete", "tag", tag), keys.channel],
      );
      return reply === 1;
    },

    async acquireLease(key, holder, ttlMs) {
      const keys = keysOf("acquireLease", key);
      check.text("acquireLease", "holder", holder);
      const ttl = check.positiveMs("acquireLease", "ttlMs", ttlMs);
      const reply = await run(
        "acquireLease",
        scripts.acquireLease,
        [keys.data, keys.mark],
        [holder, String(ttl), String(ttl + MARK_TTL_MS), keys.channel],
      );
      if (reply === null) return null;
      if (typeof reply !== "number") throw unexpected("acquireLease", reply);
      return { key, holder, fence: reply, ttlMs: ttl } satisfies StoreLease;
    },

    async renewLease(lease, ttlMs) {
      const checked = check.lease("renewLease", lease);
      const keys = keysOf("renewLease", checked.key);
      const ttl = check.positiveMs("renewLease", "ttlMs", ttlMs);
      const reply = await run(
        "renewLease",
        scripts.renewLease,
        [keys.data, keys.mark],
        [checked.holder, String(checked.fence), String(ttl), String(ttl + MARK_TTL_MS)],
      );
      return reply === 1 ? ({ ...checked, ttlMs: ttl } satisfies StoreLease) : null;
    },

    async releaseLease(lease) {
      const { key, holder, fence } = check.lease("releaseLease", lease);
      const keys = keysOf("releaseLease", key);
      const reply = await run(
        "releaseLease",
        scripts.releaseLease,
        [keys.data],
        [holder, String(fence), keys.channel],
      );
      return reply === 1;
    },

    async recordEvent(key, windowMs) {
      const keys = keysOf("recordEvent", key);
      const window = check.positiveMs("recordEvent", "windowMs", windowMs);
      const reply = await run("recordEvent", scripts.recordEvent, [keys.data, keys.mark], [String(window)]);
      if (typeof reply !== "number") throw unexpected("recordEvent", reply);
      return reply;
    },

    async countEvents(key, windowMs) {
      const keys = keysOf("countEvents", key);
      const window = check.positiveMs("countEvents", "windowMs", windowMs);
      const reply = await run("countEvents", scripts.countEvents, [keys.data], [String(window)]);
      if (typeof reply !== "number") throw unexpected("countEvents", reply);
      return reply;
    },

    async takePermits(key, want, rate) {
      const keys = keysOf("takePermits", key);
      const request = check.permits("takePermits", want, rate);
      const reply = await run(
        "takePermits",
        scripts.takePermits,
        [keys.data],
        [String(request.want), String(request.ratePerSecond), String(request.burst)],
      );
      const [granted, retryAfterMs] = Array.isArray(reply) ? reply : [];
      if (typeof granted !== "number" || typeof retryAfterMs !== "number")
        throw unexpected("takePermits", reply);
      return { granted, retryAfterMs };
    },

    // Pub/sub messages are hints that trigger a re-read (the record is the truth); expiry publishes
    // nothing, so the waiter also re-reads when the record's time-to-live runs out; and a slow safety
    // poll covers messages lost while the subscriber reconnects. Without pub/sub it polls.
    async waitForChange(key, generation, timeoutMs, signal) {
      const { channel } = keysOf("waitForChange", key);
      check.wholeNumber("waitForChange", "generation", generation);
      check.nonNegativeMs("waitForChange", "timeoutMs", timeoutMs);
      return waitForGeneration({
        generation,
        timeoutMs,
        signal,
        closing: closing.signal,
        read: async () => {
          const state = await read("waitForChange", key);
          // PTTL: -2 absent, -1 no expiry (neither is an expiry to wait for).
          return { generation: state?.record.generation ?? 0, expiresInMs: state?.pttl ?? -2 };
        },
        notifications: {
          subscribe: (listener) =>
            notifications ? subscriber.listen(channel, () => listener.recheck()) : undefined,
        },
        poll: { initialMs: POLL_START_MS, maxMs: maxPollIntervalMs },
        safetyPoll: { initialMs: SAFETY_POLL_START_MS, maxMs: SAFETY_POLL_START_MS * 8 },
      });
    },

    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await Promise.all([subscriber.close(), connection.close()]);
    },
  } satisfies TokenStore;
  return store;
}
