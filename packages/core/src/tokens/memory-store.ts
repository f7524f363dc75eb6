/**
 * The in-process `TokenStore`: one process, tests, and the default of `createZoomClient`. It keeps the
 * contract exactly (generations that never go back, fenced leases, rolling-window events, change
 * notifications), so everything built on it behaves the same on Redis or Postgres, only not shared.
 */
import type { StoreLease, StoreRecord, TokenStore } from "./types.js";

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Clock in epoch ms, for tests with a fake clock. @default Date.now */
  now?: () => number;
}

interface Entry {
  record: StoreRecord;
  expiresAt: number;
}

interface LeaseEntry {
  holder: string;
  fence: number;
  expiresAt: number;
}

/**
 * Creates an in-process token store. All its users live in this process, so its lease excludes all of
 * them; it is not shared with other processes.
 *
 * @example
 * const zoom = createZoomClient({ accountId, clientId, clientSecret, store: createMemoryStore() });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now;
  const records = new Map<string, Entry>();
  // Kept after a delete or expiry: generations and fences never repeat for a key (contract invariant).
  const lastGeneration = new Map<string, number>();
  const leases = new Map<string, LeaseEntry>();
  const lastFence = new Map<string, number>();
  const events = new Map<string, { times: number[]; longestWindow: number }>();
  const listeners = new Map<string, Set<() => void>>();
  let closed = false;

  const live = (key: string): Entry | undefined => {
    const entry = records.get(key);
    if (entry && entry.expiresAt <= now()) {
      records.delete(key);
      return undefined;
    }
    return entry;
  };

  const notify = (key: string): void => {
    const set = listeners.get(key);
    if (!set) return;
    for (const wake of [...set]) wake();
  };

  const assertOpen = (): void => {
    if (closed) throw new Error("memory store is closed");
  };

  const store = {
    name: "memory",
    capabilities: { shared: false, crossProcessLease: true, notifications: true },

    async get(key) {
      assertOpen();
      return live(key)?.record ?? null;
    },

    async compareAndSet(key, expectedGeneration, next, ttlMs) {
      assertOpen();
      const current = live(key)?.record.generation ?? 0;
      if (current !== expectedGeneration) return null;
      const generation = Math.max((lastGeneration.get(key) ?? 0) + 1, 1);
      lastGeneration.set(key, generation);
      const record: StoreRecord = { value: next.value, tag: next.tag, generation };
      records.set(key, { record, expiresAt: now() + ttlMs });
      notify(key);
      return record;
    },

    async compareAndDelete(key, tag) {
      assertOpen();
      const entry = live(key);
      if (!entry || entry.record.tag !== tag) return false;
      records.delete(key);
      notify(key);
      return true;
    },

    async acquireLease(key, holder, ttlMs) {
      assertOpen();
      const current = leases.get(key);
      if (current && current.expiresAt > now()) return null;
      const fence = (lastFence.get(key) ?? 0) + 1;
      lastFence.set(key, fence);
      leases.set(key, { holder, fence, expiresAt: now() + ttlMs });
      return { key, holder, fence, ttlMs };
    },

    async releaseLease(lease: StoreLease) {
      assertOpen();
      const current = leases.get(lease.key);
      if (!current || current.expiresAt <= now()) return false;
      if (current.holder !== lease.holder || current.fence !== lease.fence) return false;
      leases.delete(lease.key);
      return true;
    },

    async recordEvent(key, windowMs) {
      assertOpen();
      const at = now();
      const series = events.get(key) ?? { times: [], longestWindow: windowMs };
      series.longestWindow = Math.max(series.longestWindow, windowMs);
      // Pruned by the longest window ever asked for, so a shorter count never loses a longer one's data.
      while (series.times.length > 0 && series.times[0]! <= at - series.longestWindow) series.times.shift();
      series.times.push(at);
      events.set(key, series);
      return count(series.times, at, windowMs);
    },

    async countEvents(key, windowMs) {
      assertOpen();
      const series = events.get(key);
      return series ? count(series.times, now(), windowMs) : 0;
    },

    waitForChange(key, generation, timeoutMs, signal) {
      return new Promise<void>((resolve) => {
        const changed = (): boolean => (live(key)?.record.generation ?? 0) !== generation;
        if (closed || changed() || signal?.aborted) return resolve();
        const set = listeners.get(key) ?? new Set<() => void>();
        listeners.set(key, set);
        let expiryTimer: ReturnType<typeof setTimeout> | undefined;
        const finish = (): void => {
          clearTimeout(timer);
          clearTimeout(expiryTimer);
          set.delete(check);
          if (set.size === 0) listeners.delete(key);
          signal?.removeEventListener("abort", finish);
          resolve();
        };
        const check = (): void => {
          if (closed || changed()) finish();
        };
        set.add(check);
        const timer = setTimeout(finish, Math.max(0, timeoutMs));
        // Expiry is a change too (generation -> 0), and nothing writes at that moment: wake ourselves.
        const entry = live(key);
        if (entry) expiryTimer = setTimeout(check, Math.max(0, entry.expiresAt - now()) + 1);
        signal?.addEventListener("abort", finish, { once: true });
      });
    },

    async close() {
      closed = true;
      for (const key of [...listeners.keys()]) notify(key);
      records.clear();
      leases.clear();
      events.clear();
    },
  } satisfies TokenStore;
  return store;
}

function count(times: number[], at: number, windowMs: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > at - windowMs; i--) n++;
  return n;
}
