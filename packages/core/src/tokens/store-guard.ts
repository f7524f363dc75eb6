/**
 * Store failures never take requests down (DESIGN.md): every store call is bounded by a timeout; the
 * first failure switches the provider to degraded mode (per-process path, still single-flight within
 * the process) and reports it; while degraded the store is tried again every `retryMs`, and the first
 * answer ends degraded mode.
 */
import { emit, type ZoomHooks } from "../events.js";
import type { TokenStore } from "./types.js";

/** What a guarded call returns when the store failed, timed out, or is being skipped while degraded. */
export const UNAVAILABLE: unique symbol = Symbol("store unavailable");
export type Guarded<T> = T | typeof UNAVAILABLE;

export interface StoreGuardOptions {
  store: TokenStore;
  timeoutMs: number;
  retryMs: number;
  hooks: ZoomHooks | undefined;
  now: () => number;
}

export interface StoreGuard {
  /** Runs `operation` against the store, bounded by `timeoutMs` (or `timeoutOverrideMs`). */
  call<T>(
    operation: string,
    run: (store: TokenStore) => Promise<T>,
    timeoutOverrideMs?: number,
  ): Promise<Guarded<T>>;
  /** True while degraded and not yet due for another try: callers skip the store without I/O. */
  skipping(): boolean;
  stats(): { active: boolean; totalMs: number; episodes: number };
}

export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const { store, now } = options;
  let degradedSince: number | undefined;
  let retryAt = 0;
  let closedMs = 0;
  let episodes = 0;

  const fail = (operation: string, error: Error): void => {
    retryAt = now() + options.retryMs;
    if (degradedSince !== undefined) return;
    degradedSince = now();
    episodes += 1;
    emit(options.hooks, "storeDegraded", { store: store.name, degraded: true, operation, error });
  };
  const succeed = (): void => {
    if (degradedSince === undefined) return;
    closedMs += now() - degradedSince;
    degradedSince = undefined;
    emit(options.hooks, "storeDegraded", { store: store.name, degraded: false });
  };

  return {
    skipping: () => degradedSince !== undefined && now() < retryAt,
    async call(operation, run, timeoutOverrideMs) {
      if (degradedSince !== undefined && now() < retryAt) return UNAVAILABLE;
      const limit = timeoutOverrideMs ?? options.timeoutMs;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<typeof UNAVAILABLE>((resolve) => {
        timer = setTimeout(() => resolve(UNAVAILABLE), limit);
      });
      try {
        // Promise.resolve().then: a store method that throws synchronously is a failure like any other.
        const result = await Promise.race([Promise.resolve().then(() => run(store)), timeout]);
        if (result === UNAVAILABLE) {
          fail(
            operation,
            new Error(`token store "${store.name}" did not answer ${operation} within ${limit} ms`),
          );
          return UNAVAILABLE;
        }
        succeed();
        return result;
      } catch (error) {
        // The store's own error stays as `cause`; the message names only the store and the operation.
        fail(operation, new Error(`token store "${store.name}" failed on ${operation}`, { cause: error }));
        return UNAVAILABLE;
      } finally {
        clearTimeout(timer);
      }
    },
    stats: () => ({
      active: degradedSince !== undefined,
      totalMs: closedMs + (degradedSince === undefined ? 0 : now() - degradedSince),
      episodes,
    }),
  };
}
