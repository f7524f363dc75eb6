/**
 * Timings that every store shares, so stores behave alike and a new store has nothing to choose.
 * A store with reasons of its own (Postgres polls faster while its LISTEN connection is down) says so
 * where it differs.
 */
export const STORE_DEFAULTS = {
  /** Bound on every operation, connecting included: then it rejects with `store_timeout`. */
  timeoutMs: 2_000,
  /**
   * How long a generation or fence high-water mark outlives the last write of its key. Past it the
   * store's clock alone keeps new generations above old ones (they are at least the time in ms).
   */
  markTtlMs: 24 * 60 * 60 * 1_000,
  /** First poll interval of a waiter without notifications (it doubles up to `maxPollIntervalMs`). */
  pollStartMs: 50,
  /** Longest pause between polls of a waiter without notifications. */
  maxPollIntervalMs: 1_000,
  /** With notifications, a safety re-read for lost ones, from this interval up to 8 times it. */
  safetyPollStartMs: 1_000,
} as const;
