/**
 * What every behaviour group gets: the options, a fresh store per test (closed afterwards), random key
 * prefixes, the capability flags resolved per store, and poll-until helpers (short TTLs, no long sleeps).
 */
import { randomBytes } from "node:crypto";
import type { TokenStore } from "@zoomkit/core";
import { afterEach } from "vitest";

/** What the suite may assume of a store. Each defaults to what the store declares about itself. */
export interface SuiteCapabilities {
  /**
   * `acquireLease` excludes every other holder atomically, also through other store instances.
   * @default store.capabilities.crossProcessLease
   */
  atomicLease: boolean;
  /**
   * Separate `createStore()` results see the same data (Redis, Postgres). When false, the suite's
   * "many processes" cases share one instance instead.
   * @default store.capabilities.shared
   */
  shared: boolean;
  /** `waitForChange` is implemented. @default typeof store.waitForChange === "function" */
  waitForChange: boolean;
  /** `waitForChange` wakes on a change rather than at its timeout. @default store.capabilities.notifications */
  notifications: boolean;
  /** `renewLease` is implemented. @default store.capabilities.leaseRenewal ?? false */
  leaseRenewal: boolean;
  /** `takePermits` is implemented. @default store.capabilities.permits ?? false */
  permits: boolean;
}

/** Options of `runTokenStoreSuite`. */
export interface TokenStoreSuiteOptions {
  /** Names the suite's `describe` block. */
  name: string;
  /** A fresh store; called once per test (and once more per simulated process when the store is shared). */
  createStore: () => TokenStore | Promise<TokenStore>;
  /** Overrides of what the store declares about itself. */
  capabilities?: Partial<SuiteCapabilities>;
  /**
   * The short time-to-live used for records and leases. Raise it for a slow or remote server.
   * @default 200
   */
  ttlMs?: number;
  /** How long a poll-until waits before the test fails. @default 5_000 */
  patienceMs?: number;
  /** Prefix of every key; a random part per test is appended. @default "zoomkit-suite:" */
  keyPrefix?: string;
  /** Concurrent writers or callers in the concurrency cases. @default 32 */
  concurrency?: number;
  /** Simulated processes (providers, each with its own store when shared) in the provider cases. @default 4 */
  processes?: number;
}

/** One test's view. */
export interface TestContext {
  store: TokenStore;
  caps: SuiteCapabilities;
  /** A key unique to this test, in the `{tag}` form the provider uses. */
  key(name: string): string;
  /** Another instance over the same data when the store is shared; otherwise the same instance. */
  peer(): Promise<TokenStore>;
  prefix: string;
}

/** Resolved options shared by the groups. */
export interface Suite {
  options: Required<Omit<TokenStoreSuiteOptions, "capabilities">> &
    Pick<TokenStoreSuiteOptions, "capabilities">;
  /** Creates a fresh context; everything it opens is closed after the test. */
  setup(): Promise<TestContext>;
}

export function createSuite(options: TokenStoreSuiteOptions): Suite {
  const resolved = {
    ttlMs: 200,
    patienceMs: 5_000,
    keyPrefix: "zoomkit-suite:",
    concurrency: 32,
    processes: 4,
    ...options,
  };
  const opened: TokenStore[] = [];
  afterEach(async () => {
    const stores = opened.splice(0);
    await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
  });
  const open = async (): Promise<TokenStore> => {
    const store = await resolved.createStore();
    opened.push(store);
    return store;
  };
  return {
    options: resolved,
    async setup() {
      const store = await open();
      const caps: SuiteCapabilities = {
        atomicLease: store.capabilities.crossProcessLease,
        shared: store.capabilities.shared,
        waitForChange: typeof store.waitForChange === "function",
        notifications: store.capabilities.notifications,
        leaseRenewal: store.capabilities.leaseRenewal ?? false,
        permits: store.capabilities.permits ?? false,
        ...resolved.capabilities,
      };
      const prefix = `${resolved.keyPrefix}${randomBytes(6).toString("hex")}:`;
      return {
        store,
        caps,
        prefix,
        key: (name) => `${prefix}{t}:${name}`,
        peer: async () => (caps.shared ? open() : store),
      };
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns true; throws with `what` after `patienceMs`. */
export async function pollUntil(
  what: string,
  probe: () => Promise<boolean>,
  patienceMs: number,
): Promise<void> {
  const deadline = Date.now() + patienceMs;
  let delay = 5;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${patienceMs} ms waiting until ${what}`);
    await sleep(delay);
    delay = Math.min(delay * 2, 50);
  }
}

/** Resolves `"settled"` if `promise` settles within `ms`, else `"pending"`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<"settled" | "pending"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), ms);
  });
  const result = await Promise.race([promise.then(() => "settled" as const), late]);
  clearTimeout(timer);
  return result;
}
