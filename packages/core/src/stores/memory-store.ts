/**
 * The in-process `TokenStore`: one process, tests, and the default of `createZoomClient`. It keeps the
 * contract exactly (generations that never go back, fenced leases, rolling-window events, change
 * notifications, the same errors), so everything built on it behaves the same on Redis or Postgres,
 * only not shared. It is also the reference for store authors: it is built from the kit in this
 * folder (argument checks, `StoreError`, `waitForGeneration`, `createGenerationListeners`) and nothing else.
 */
import { createArgumentChecks } from "./argument-checks.js";
import type { StoreLease, StoreRecord, TokenStore } from "./contract.js";
import { createGenerationListeners } from "./generation-listeners.js";
import { takeFromBucket } from "./permit-bucket.js";
import { STORE_DEFAULTS } from "./store-defaults.js";
import { StoreError } from "./store-error.js";
import { waitForGeneration } from "./wait-for-generation.js";

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Clock in epoch ms, for tests with a fake clock. @default Date.now */
  now?: () => number;
}

/** Codes the memory store throws: it has no backend to time out or fail. */
export type MemoryStoreErrorCode = "store_closed" | "store_invalid_argument";

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

const LABEL = "memory store";

/**
 * Creates an in-process token store. All its users live in this process, so its lease excludes all of
 * them; it is not shared with other processes.
 *
 * @example
 * ```ts
 * const zoom = createZoomClient({ accountId, clientId, clientSecret, store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now;
  const check = createArgumentChecks<MemoryStoreErrorCode>(LABEL, StoreError);
  const records = new Map<string, Expiring<StoreRecord>>();
  const leases = new Map<string, Expiring<StoreLease>>();
  // Kept after a delete or expiry: generations and fences never repeat for a key (contract invariant).
  const lastGeneration = new Map<string, number>();
  const lastFence = new Map<string, number>();
  const events = new Map<string, { times: number[]; longestWindow: number }>();
  // Each limiter's theoretical arrival time in µs, dropped once the bucket is full again.
  const buckets = new Map<string, Expiring<number>>();
  const listeners = createGenerationListeners();
  const closing = new AbortController();

  const live = <T>(map: Map<string, Expiring<T>>, key: string): Expiring<T> | undefined => {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  };
  const increment = (marks: Map<string, number>, key: string): number => {
    const n = (marks.get(key) ?? 0) + 1;
    marks.set(key, n);
    return n;
  };
  /** Every operation: closed first, then its arguments; resolves `work()` or rejects with a `StoreError`. */
  const op = async <T>(operation: string, work: () => T): Promise<T> => {
    if (closing.signal.aborted) {
      throw new StoreError<MemoryStoreErrorCode>(
        "store_closed",
        operation,
        `${LABEL}: ${operation} called after close()`,
      );
    }
    return work();
  };
  /** The live lease `lease` names (same holder and fence), if it is still live. */
  const held = (lease: StoreLease): Expiring<StoreLease> | undefined => {
    const current = live(leases, lease.key);
    return current?.value.holder === lease.holder && current.value.fence === lease.fence
      ? current
      : undefined;
  };

  const store = {
    name: "memory",
    capabilities: {
      shared: false,
      crossProcessLease: true,
      notifications: true,
      leaseRenewal: true,
      permits: true,
    },

    get: (key) => op("get", () => live(records, check.key("get", key))?.value ?? null),

    compareAndSet: (key, expectedGeneration, next, ttlMs) =>
      op("compareAndSet", () => {
        check.key("compareAndSet", key);
        const expected = check.wholeNumber("compareAndSet", "expectedGeneration", expectedGeneration);
        const value = check.text("compareAndSet", "next.value", next?.value);
        const tag = check.text("compareAndSet", "next.tag", next?.tag);
        const ttl = check.positiveMs("compareAndSet", "ttlMs", ttlMs);
        if ((live(records, key)?.value.generation ?? 0) !== expected) return null;
        const written: StoreRecord = { value, tag, generation: increment(lastGeneration, key) };
        records.set(key, { value: written, expiresAt: now() + ttl });
        listeners.changed(key, written.generation);
        return written;
      }),

    compareAndDelete: (key, tag) =>
      op("compareAndDelete", () => {
        check.key("compareAndDelete", key);
        check.text("compareAndDelete", "tag", tag);
        if (live(records, key)?.value.tag !== tag) return false;
        records.delete(key);
        listeners.changed(key, 0);
        return true;
      }),

    acquireLease: (key, holder, ttlMs) =>
      op("acquireLease", () => {
        check.key("acquireLease", key);
        check.text("acquireLease", "holder", holder);
        const ttl = check.positiveMs("acquireLease", "ttlMs", ttlMs);
        if (live(leases, key)) return null;
        const lease: StoreLease = { key, holder, fence: increment(lastFence, key), ttlMs: ttl };
        leases.set(key, { value: lease, expiresAt: now() + ttl });
        return lease;
      }),

    renewLease: (lease, ttlMs) =>
      op("renewLease", () => {
        check.lease("renewLease", lease);
        const ttl = check.positiveMs("renewLease", "ttlMs", ttlMs);
        const current = held(lease);
        if (!current) return null;
        current.value = { ...current.value, ttlMs: ttl };
        current.expiresAt = now() + ttl;
        return current.value;
      }),

    releaseLease: (lease) =>
      op("releaseLease", () => {
        if (!held(check.lease("releaseLease", lease))) return false;
        leases.delete(lease.key);
        return true;
      }),

    recordEvent: (key, windowMs) =>
      op("recordEvent", () => {
        check.key("recordEvent", key);
        const window = check.positiveMs("recordEvent", "windowMs", windowMs);
        const at = now();
        const series = events.get(key) ?? { times: [], longestWindow: window };
        series.longestWindow = Math.max(series.longestWindow, window);
        // Pruned by the longest window ever asked for, so a shorter count never loses a longer one's data.
        while (series.times.length > 0 && series.times[0]! <= at - series.longestWindow) series.times.shift();
        series.times.push(at);
        events.set(key, series);
        return count(series.times, at, window);
      }),

    countEvents: (key, windowMs) =>
      op("countEvents", () => {
        check.key("countEvents", key);
        const window = check.positiveMs("countEvents", "windowMs", windowMs);
        return count(events.get(key)?.times ?? [], now(), window);
      }),

    takePermits: (key, want, rate) =>
      op("takePermits", () => {
        check.key("takePermits", key);
        const request = check.permits("takePermits", want, rate);
        const at = now();
        const step = takeFromBucket(live(buckets, key)?.value ?? 0, at * 1000, request.want, request);
        if (step.granted > 0) buckets.set(key, { value: step.tatUs, expiresAt: at + step.ttlMs });
        return { granted: step.granted, retryAfterMs: step.retryAfterMs };
      }),

    // Writes in this process are the only writes, so notifications are never lost: the waiter reads
    // once, wakes on a write or delete, re-reads right after the record expires, and its slow safety
    // poll only matters for a fake clock that jumps.
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
          const entry = live(records, key);
          return {
            generation: entry?.value.generation ?? 0,
            expiresInMs: entry ? entry.expiresAt - now() : null,
          };
        },
        notifications: listeners.notifications(key, () => true),
        poll: { initialMs: STORE_DEFAULTS.safetyPollStartMs, maxMs: STORE_DEFAULTS.safetyPollStartMs * 8 },
      });
    },

    async close() {
      closing.abort();
      records.clear();
      leases.clear();
      events.clear();
      buckets.clear();
    },
  } satisfies TokenStore;
  return store;
}

function count(times: readonly number[], at: number, windowMs: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > at - windowMs; i--) n++;
  return n;
}
