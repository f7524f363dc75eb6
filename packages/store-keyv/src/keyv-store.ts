import { type StoreLease, type StoreRecord, type TokenStore, waitForGeneration } from "@zoomkit/core";
import type { Keyv } from "keyv";
import { KeyvStoreError } from "./errors.js";
import { defaults, type KeyvStoreOptions } from "./options.js";
import { asEvents, asLease, asMark, asRecord, countSince, type StoredEvents } from "./records.js";
import { sharedState } from "./shared.js";
import { positiveMs, requireKey } from "./validate.js";

/** How long a generation or fence high-water mark outlives its record; past it the clock keeps them rising. */
const MARK_TTL_MS = 24 * 60 * 60 * 1000;
/** A waiter's first poll interval (it doubles up to `maxPollIntervalMs`). */
const POLL_START_MS = 50;

/**
 * Turns any Keyv instance (Redis, Postgres, Mongo, SQLite, memory...) into a `TokenStore`.
 *
 * Weaker than the Redis and Postgres stores: Keyv has no compare-and-set, so every read-modify-write
 * runs under an in-process lock per key. Within this process operations are atomic; across processes
 * they are not (`capabilities.crossProcessLease` is false: single-flight per process only), and
 * `waitForChange` polls (`notifications` is false). Sets `keyv.throwOnErrors`, so backend failures
 * reach the caller instead of reading as a miss: give the store a Keyv of its own.
 *
 * @example
 * ```ts
 * import KeyvSqlite from "@keyv/sqlite";
 * import { Keyv } from "keyv";
 * import { createKeyvStore } from "@zoomkit/store-keyv";
 *
 * const store = createKeyvStore(new Keyv({ store: new KeyvSqlite("sqlite://tokens.sqlite") }));
 * const zoom = createZoomClient({ accountId, clientId, clientSecret, store });
 * ```
 */
export function createKeyvStore(keyv: Keyv, options: KeyvStoreOptions = {}): TokenStore {
  const name = options.name ?? defaults.name;
  const timeoutMs = positiveMs(options.timeoutMs ?? defaults.timeoutMs, "timeoutMs");
  const maxPollIntervalMs = positiveMs(
    options.maxPollIntervalMs ?? defaults.maxPollIntervalMs,
    "maxPollIntervalMs",
  );
  const now = options.now ?? Date.now;
  const shared = options.shared ?? !(keyv.store instanceof Map);
  const state = sharedState(keyv);
  const closing = new AbortController();

  // Keyv's get() swallows a backend's thrown error unless told otherwise; and some backends emit
  // errors instead of throwing. Surface both: throw, and fail any operation during which one was emitted.
  keyv.throwOnErrors = true;
  let emitted = 0;
  let lastEmitted: unknown;
  const onError = (error: unknown) => {
    emitted++;
    lastEmitted = error;
  };
  keyv.on("error", onError);

  const fail = (operation: string, code: "store_timeout" | "store_error", detail: string, cause?: unknown) =>
    new KeyvStoreError(
      code,
      operation,
      `${name} store: ${operation} ${detail}`,
      cause === undefined ? {} : { cause },
    );

  /** Runs `fn` under the key's in-process lock, bounded by `timeoutMs`, with backend errors surfaced. */
  const run = async <T>(operation: string, key: string, fn: () => Promise<T>): Promise<T> => {
    requireKey(key);
    if (closing.signal.aborted)
      throw new KeyvStoreError("store_closed", operation, `${name} store: ${operation} called after close()`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(fail(operation, "store_timeout", `timed out after ${timeoutMs} ms; check the Keyv backend`)),
        timeoutMs,
      );
    });
    // The lock is released on timeout too: a hung backend must not queue every later caller forever
    // (a write that timed out may still land later; generations still never go back).
    const work = state.mutex.withLock(key, async () => {
      const before = emitted;
      const result = await fn();
      if (emitted !== before)
        throw fail(
          operation,
          "store_error",
          `failed: the backend reported ${describe(lastEmitted)}`,
          lastEmitted,
        );
      return result;
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (error instanceof KeyvStoreError) throw error;
      throw fail(operation, "store_error", `failed: ${describe(error)}`, error);
    } finally {
      clearTimeout(timer);
    }
  };

  const set = async (key: string, value: unknown, ttlMs: number) => {
    if ((await keyv.set(key, value, ttlMs)) === false) throw new Error(`the backend did not store ${key}`);
  };
  const nextNumber = async (markKey: string, floor: number, ttlMs: number) => {
    // max(previous + 1, clock): strictly increasing per key, also after the record is deleted or expired.
    const next = Math.max(asMark(await keyv.get(markKey)) + 1, floor + 1, Math.floor(now()));
    await set(markKey, next, ttlMs + MARK_TTL_MS);
    return next;
  };

  const store = {
    name,
    capabilities: { shared, crossProcessLease: false, notifications: false },

    get: (key) =>
      run("get", key, async () => {
        const record = asRecord(await keyv.get(key), now());
        return (
          record &&
          ({ value: record.value, tag: record.tag, generation: record.generation } satisfies StoreRecord)
        );
      }),

    compareAndSet: (key, expectedGeneration, next, ttlMs) =>
      run("compareAndSet", key, async () => {
        const ttl = positiveMs(ttlMs, "ttlMs");
        const current = asRecord(await keyv.get(key), now())?.generation ?? 0;
        if (current !== expectedGeneration) return null;
        const generation = await nextNumber(`${key}#mark`, current, ttl);
        await set(key, { value: next.value, tag: next.tag, generation, expiresAt: now() + ttl }, ttl);
        state.waiters.recheck(key);
        return { value: next.value, tag: next.tag, generation };
      }),

    compareAndDelete: (key, tag) =>
      run("compareAndDelete", key, async () => {
        const record = asRecord(await keyv.get(key), now());
        if (record === null || record.tag !== tag) return false;
        await keyv.delete(key);
        state.waiters.recheck(key);
        return true;
      }),

    acquireLease: (key, holder, ttlMs) =>
      run("acquireLease", key, async () => {
        const ttl = positiveMs(ttlMs, "ttlMs");
        if (asLease(await keyv.get(key), now()) !== null) return null;
        const fence = await nextNumber(`${key}#mark`, 0, ttl);
        await set(key, { holder, fence, expiresAt: now() + ttl }, ttl);
        return { key, holder, fence, ttlMs: ttl } satisfies StoreLease;
      }),

    releaseLease: (lease) =>
      run("releaseLease", lease.key, async () => {
        const current = asLease(await keyv.get(lease.key), now());
        if (current === null || current.holder !== lease.holder || current.fence !== lease.fence)
          return false;
        await keyv.delete(lease.key);
        return true;
      }),

    recordEvent: (key, windowMs) =>
      run("recordEvent", key, async () => {
        const window = positiveMs(windowMs, "windowMs");
        const at = now();
        const series: StoredEvents = asEvents(await keyv.get(key)) ?? { times: [], longestWindowMs: window };
        // Trimmed by the longest window asked for, so a shorter count never loses a longer one's events.
        series.longestWindowMs = Math.max(series.longestWindowMs, window);
        series.times = series.times.filter((t) => t > at - series.longestWindowMs);
        series.times.push(at);
        await set(key, series, series.longestWindowMs);
        return countSince(series.times, at, window);
      }),

    countEvents: (key, windowMs) =>
      run("countEvents", key, async () => {
        const window = positiveMs(windowMs, "windowMs");
        return countSince(asEvents(await keyv.get(key))?.times ?? [], now(), window);
      }),

    // Keyv has no change notifications: the waiter polls with backoff (from 50 ms, doubling, with
    // jitter); a write through the same Keyv instance in this process wakes it at once, and it
    // re-reads when the record it saw reaches its expiry.
    waitForChange(key, generation, timeoutMs, signal) {
      return waitForGeneration({
        generation,
        timeoutMs,
        signal,
        closing: closing.signal,
        read: async () => {
          const record = asRecord(await keyv.get(requireKey(key)), now());
          return { generation: record?.generation ?? 0, expiresInMs: record ? record.expiresAt - now() : -1 };
        },
        notifications: state.waiters.notifications(key),
        poll: { initialMs: POLL_START_MS, maxMs: maxPollIntervalMs },
      });
    },

    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      keyv.off("error", onError);
    },
  } satisfies TokenStore;
  return store;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
