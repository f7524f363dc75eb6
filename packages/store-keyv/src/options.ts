import { createArgumentChecks, STORE_DEFAULTS } from "@zoomkit/core";
import { KeyvStoreError } from "./errors.js";

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

/** The options with defaults applied and checked. */
export interface ResolvedOptions {
  readonly name: string;
  readonly timeoutMs: number;
  readonly maxPollIntervalMs: number;
}

/** Applies defaults; throws `KeyvStoreError` (`store_misconfigured`) for options that cannot work. */
export function resolveOptions(options: KeyvStoreOptions): ResolvedOptions {
  const operation = "createKeyvStore";
  const check = createArgumentChecks("keyv store", KeyvStoreError, "store_misconfigured");
  const name = options.name ?? "keyv";
  if (typeof name !== "string" || name.length === 0) {
    throw new KeyvStoreError(
      "store_misconfigured",
      operation,
      `keyv store: ${operation}: name must be a non-empty string`,
    );
  }
  return {
    name,
    timeoutMs: check.positiveMs(operation, "timeoutMs", options.timeoutMs ?? STORE_DEFAULTS.timeoutMs),
    maxPollIntervalMs: check.positiveMs(
      operation,
      "maxPollIntervalMs",
      options.maxPollIntervalMs ?? STORE_DEFAULTS.maxPollIntervalMs,
    ),
  };
}
