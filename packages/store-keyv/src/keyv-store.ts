import {
  createArgumentChecks,
  redactUrl,
  STORE_DEFAULTS,
  type StoreLease,
  type StoreRecord,
  sanitizeCause,
  type TokenStore,
  takeFromBucket,
  waitForGeneration,
} from "@zoomkit/core";
import type { Keyv } from "keyv";
import { KeyvStoreError } from "./errors.js";
import { type KeyvStoreOptions, resolveOptions } from "./options.js";
import { asEvents, asLease, asMark, asPermits, asRecord, countSince, type StoredEvents } from "./records.js";
import { sharedState } from "./shared.js";

const { markTtlMs: MARK_TTL_MS, pollStartMs: POLL_START_MS } = STORE_DEFAULTS;

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
  const { name, timeoutMs, maxPollIntervalMs } = resolveOptions(options);
  const check = createArgumentChecks(`${name} store`, KeyvStoreError);
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

  // Backend messages may quote a connection string (the store never sees one): redact any URL credentials.
  const fail = (operation: string, code: "store_timeout" | "store_error", detail: string, cause?: unknown) =>
    new KeyvStoreError(
      code,
      operation,
      `${name} store: ${operation} ${detail}`,
      cause === undefined ? {} : { cause: sanitizeCause(cause, redactUrl) },
    );

  /**
   * Runs `fn` under the key's in-process lock, bounded by `timeoutMs` (the wait for the lock
   * included), with backend errors surfaced. On timeout the lock is released too, so a hung backend
   * call does not queue every later caller of the key behind it.
   */
  const run = async <T>(operation: string, key: string, fn: () => Promise<T>): Promise<T> => {
    check.key(operation, key);
    if (closing.signal.aborted)
      throw new KeyvStoreError("store_closed", operation, `${name} store: ${operation} called after close()`);
    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(
          fail(operation, "store_timeout", `timed out after ${timeoutMs} ms; check the Keyv backend`),
        ),
      timeoutMs,
    );
    try {
      return await state.mutex.withLock(
        key,
        async () => {
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
        },
        deadline.signal,
      );
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

  // A renewed lease may outlive its fence's high-water mark: keep the mark at least the live fence.
  const keepMark = async (markKey: string, fence: number, ttlMs: number) => {
    await set(markKey, Math.max(asMark(await keyv.get(markKey)), fence), ttlMs + MARK_TTL_MS);
  };

  const store = {
    name,
    capabilities: {
      shared,
      crossProcessLease: false,
      notifications: false,
      leaseRenewal: true,
      permits: true,
    },

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
        const expected = check.wholeNumber("compareAndSet", "expectedGeneration", expectedGeneration);
        const value = check.text("compareAndSet", "next.value", next?.value);
        const tag = check.text("compareAndSet", "next.tag", next?.tag);
        const ttl = check.positiveMs("compareAndSet", "ttlMs", ttlMs);
        const current = asRecord(await keyv.get(key), now())?.generation ?? 0;
        if (current !== expected) return null;
        const generation = await nextNumber(`${key}#mark`, current, ttl);
        await set(key, { value, tag, generation, expiresAt: now() + ttl }, ttl);
        state.waiters.changed(key, generation);
        return { value, tag, generation };
      }),

    compareAndDelete: (key, tag) =>
      run("compareAndDelete", key, async () => {
        check.text("compareAndDelete", "tag", tag);
        const record = asRecord(await keyv.get(key), now());
        if (record === null || record.tag !== tag) return false;
        await keyv.delete(key);
        state.waiters.changed(key, 0);
        return true;
      }),

    acquireLease: (key, holder, ttlMs) =>
      run("acquireLease", key, async () => {
        check.text("acquireLease", "holder", holder);
        const ttl = check.positiveMs("acquireLease", "ttlMs", ttlMs);
        if (asLease(await keyv.get(key), now()) !== null) return null;
        const fence = await nextNumber(`${key}#mark`, 0, ttl);
        await set(key, { holder, fence, expiresAt: now() + ttl }, ttl);
        return { key, holder, fence, ttlMs: ttl } satisfies StoreLease;
      }),

    // As atomic as the lease itself, within this process only: across processes a renewal can land
    // just after another process took the expired lease, as two processes can both acquire it.
    async renewLease(lease, ttlMs) {
      const checked = check.lease("renewLease", lease);
      const ttl = check.positiveMs("renewLease", "ttlMs", ttlMs);
      return run("renewLease", checked.key, async () => {
        const current = asLease(await keyv.get(checked.key), now());
        if (current === null || current.holder !== checked.holder || current.fence !== checked.fence)
          return null;
        await set(checked.key, { ...current, expiresAt: now() + ttl }, ttl);
        await keepMark(`${checked.key}#mark`, checked.fence, ttl);
        return { ...checked, ttlMs: ttl } satisfies StoreLease;
      });
    },

    async releaseLease(lease) {
      const { key, holder, fence } = check.lease("releaseLease", lease);
      return run("releaseLease", key, async () => {
        const current = asLease(await keyv.get(key), now());
        if (current === null || current.holder !== holder || current.fence !== fence) return false;
        await keyv.delete(key);
        return true;
      });
    },

    recordEvent: (key, windowMs) =>
      run("recordEvent", key, async () => {
        const window = check.positiveMs("recordEvent", "windowMs", windowMs);
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
        const window = check.positiveMs("countEvents", "windowMs", windowMs);
        return countSince(asEvents(await keyv.get(key))?.times ?? [], now(), window);
      }),

    // Under the key's lock, so exact within this process; across processes two read-modify-writes can
    // interleave and both spend the same permits (the bound then holds per process, not per fleet).
    takePermits: (key, want, rate) =>
      run("takePermits", key, async () => {
        const request = check.permits("takePermits", want, rate);
        const at = now();
        const step = takeFromBucket(asPermits(await keyv.get(key)), at * 1000, request.want, request);
        if (step.granted > 0) await set(key, { tatUs: step.tatUs }, step.ttlMs);
        return { granted: step.granted, retryAfterMs: step.retryAfterMs };
      }),

    // Keyv has no change notifications: the waiter polls with backoff (from 50 ms, doubling, with
    // jitter); a write through the same Keyv instance in this process wakes it at once, and it
    // re-reads when the record it saw reaches its expiry.
    async waitForChange(key, generation, timeoutMs, signal) {
      check.key("waitForChange", key);
      check.wholeNumber("waitForChange", "generation", generation);
      check.nonNegativeMs("waitForChange", "timeoutMs", timeoutMs);
      return waitForGeneration({
        generation,
        timeoutMs,
        signal,
        closing: closing.signal,
        read: async () => {
          const record = asRecord(await keyv.get(key), now());
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
  return redactUrl(error instanceof Error ? error.message : String(error));
}
