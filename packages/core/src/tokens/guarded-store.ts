/**
 * Store failures never take requests down (DESIGN.md): the engine reaches the store only through this
 * decorator, which has the `TokenStore` method names. Every call is bounded by a timeout; a failure or
 * timeout resolves `UNAVAILABLE` instead of throwing, switches the engine to degraded mode (per-process
 * path, still single-flight within the process) and is reported once; while degraded the store is
 * tried again every `retryMs`, and the first answer ends degraded mode.
 */
import { emit, type ZoomHooks } from "../events.js";
import type { StoreCapabilities, StoreLease, StoreRecord, TokenStore } from "./types.js";

/** What a guarded call resolves when the store failed, timed out, or is being skipped while degraded. */
export const UNAVAILABLE: unique symbol = Symbol("store unavailable");
export type Guarded<T> = T | typeof UNAVAILABLE;

/** The value, or `fallback` when the store was unavailable. */
export function known<T, F>(value: Guarded<T>, fallback: F): T | F {
  return value === UNAVAILABLE ? fallback : value;
}

export interface GuardedStoreOptions {
  store: TokenStore;
  timeoutMs: number;
  retryMs: number;
  hooks: ZoomHooks | undefined;
  now: () => number;
}

/** The `TokenStore` operations the engine uses, each bounded and never throwing. */
export interface GuardedStore {
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  get(key: string): Promise<Guarded<StoreRecord | null>>;
  compareAndSet(
    key: string,
    expectedGeneration: number,
    next: { value: string; tag: string },
    ttlMs: number,
  ): Promise<Guarded<StoreRecord | null>>;
  compareAndDelete(key: string, tag: string): Promise<Guarded<boolean>>;
  acquireLease(key: string, holder: string, ttlMs: number): Promise<Guarded<StoreLease | null>>;
  /** Resolves `null` as well when the store cannot renew leases. */
  renewLease(lease: StoreLease, ttlMs: number): Promise<Guarded<StoreLease | null>>;
  releaseLease(lease: StoreLease): Promise<Guarded<boolean>>;
  recordEvent(key: string, windowMs: number): Promise<Guarded<number>>;
  countEvents(key: string, windowMs: number): Promise<Guarded<number>>;
  /** Waits for a change at `key`; the guard allows `timeoutMs` plus `graceMs` before it calls the store failed. */
  waitForChange(
    key: string,
    generation: number,
    timeoutMs: number,
    graceMs: number,
    signal?: AbortSignal,
  ): Promise<Guarded<void>>;
  /** True when the store notifies waiters (otherwise callers poll). */
  readonly notifies: boolean;
  /** True while degraded and not yet due for another try: callers skip the store without I/O. */
  skipping(): boolean;
  stats(): { active: boolean; totalMs: number; episodes: number };
}

export function createGuardedStore(options: GuardedStoreOptions): GuardedStore {
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
  const skipping = (): boolean => degradedSince !== undefined && now() < retryAt;

  async function call<T>(
    operation: string,
    run: () => Promise<T>,
    limit = options.timeoutMs,
  ): Promise<Guarded<T>> {
    if (skipping()) return UNAVAILABLE;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof UNAVAILABLE>((resolve) => {
      timer = setTimeout(() => resolve(UNAVAILABLE), limit);
    });
    try {
      // Promise.resolve().then: a store method that throws synchronously is a failure like any other.
      const result = await Promise.race([Promise.resolve().then(run), timeout]);
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
  }

  const renewable = store.capabilities.leaseRenewal === true && typeof store.renewLease === "function";
  return {
    name: store.name,
    capabilities: store.capabilities,
    notifies: typeof store.waitForChange === "function" && store.capabilities.notifications,
    get: (key) => call("get", () => store.get(key)),
    compareAndSet: (key, expected, next, ttlMs) =>
      call("compareAndSet", () => store.compareAndSet(key, expected, next, ttlMs)),
    compareAndDelete: (key, tag) => call("compareAndDelete", () => store.compareAndDelete(key, tag)),
    acquireLease: (key, holder, ttlMs) => call("acquireLease", () => store.acquireLease(key, holder, ttlMs)),
    renewLease: (lease, ttlMs) =>
      renewable ? call("renewLease", () => store.renewLease!(lease, ttlMs)) : Promise.resolve(null),
    releaseLease: (lease) => call("releaseLease", () => store.releaseLease(lease)),
    recordEvent: (key, windowMs) => call("recordEvent", () => store.recordEvent(key, windowMs)),
    countEvents: (key, windowMs) => call("countEvents", () => store.countEvents(key, windowMs)),
    waitForChange: (key, generation, timeoutMs, graceMs, signal) =>
      call(
        "waitForChange",
        () => store.waitForChange!(key, generation, timeoutMs, signal),
        timeoutMs + graceMs,
      ),
    skipping,
    stats: () => ({
      active: degradedSince !== undefined,
      totalMs: closedMs + (degradedSince === undefined ? 0 : now() - degradedSince),
      episodes,
    }),
  };
}
