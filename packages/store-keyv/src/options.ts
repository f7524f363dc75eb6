/** Options of `createKeyvStore`. */
export interface KeyvStoreOptions {
  /**
   * Short name for logs and stats.
   * @default "keyv"
   */
  name?: string;
  /**
   * Upper bound in milliseconds for every operation (a Keyv backend with no server may never answer).
   * @default 2000
   */
  timeoutMs?: number;
  /**
   * Longest pause between polls of `waitForChange` (it starts at 50 ms and doubles). Writes made
   * through the same Keyv instance in this process wake waiters at once.
   * @default 1000
   */
  maxPollIntervalMs?: number;
  /**
   * Whether separate processes see the same data through this Keyv (true for Redis, Postgres, Mongo,
   * SQLite files...), reported as `capabilities.shared`.
   * @default false for Keyv's in-memory `Map` store, true for any other store
   */
  shared?: boolean;
  /** Clock in epoch ms (expiry, generations, event windows), for tests. @default Date.now */
  now?: () => number;
}

export const defaults = { name: "keyv", timeoutMs: 2000, maxPollIntervalMs: 1000 } as const;
