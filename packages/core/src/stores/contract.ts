/**
 * The `TokenStore` contract: what the token engine needs from a shared store. Stores (memory, Redis,
 * Postgres, Keyv, and third-party ones) implement it, and `@zoomkit/store-test-suite` checks that they
 * keep it. Everything else a store author needs sits beside this file: the error base and its codes
 * (`store-error.ts`), argument checks (`argument-checks.ts`), connection-string redaction
 * (`redact-url.ts`), the waiter behind `waitForChange` (`wait-for-generation.ts`,
 * `generation-listeners.ts`), shared timings (`store-defaults.ts`) and the reference store
 * (`memory-store.ts`).
 */

/** A record in a token store. `value` is opaque to the store (it may be ciphertext). */
export interface StoreRecord {
  /** Opaque payload. */
  readonly value: string;
  /** Non-secret tag used by compare-and-delete (the token's fingerprint). */
  readonly tag: string;
  /**
   * Positive integer that strictly increases per key with every write, also across deletes and expiry
   * (an implementation may use max(previous + 1, the server's clock in ms)).
   */
  readonly generation: number;
}

/** A held lease. Only the holder with the same `fence` can renew or release it. */
export interface StoreLease {
  readonly key: string;
  readonly holder: string;
  /** Strictly increasing per key: a stale holder's fence is always lower than the current one. */
  readonly fence: number;
  readonly ttlMs: number;
}

/** What a store guarantees, so the provider never pretends otherwise. */
export interface StoreCapabilities {
  /** Other processes see the same records (false for an in-process store). */
  readonly shared: boolean;
  /** Leases exclude other processes atomically (false: single-flight within one process only). */
  readonly crossProcessLease: boolean;
  /** `waitForChange` wakes on a change instead of polling. */
  readonly notifications: boolean;
  /** Capability: `renewLease` is implemented (the engine then keeps mint leases short and renews them). */
  readonly leaseRenewal?: boolean;
  /**
   * Capability: `takePermits` is implemented. Whether it bounds the whole fleet follows `shared` and
   * `crossProcessLease` (a store without atomic cross-process updates bounds each process only).
   */
  readonly permits?: boolean;
}

/** A rate: `ratePerSecond` permits a second on average, at most `burst` at once. */
export interface PermitRate {
  /** Permits a second, above 0 (fractions allowed: 0.5 is one every 2 s). */
  readonly ratePerSecond: number;
  /** Permits an idle limiter holds (a whole number, at least 1). */
  readonly burst: number;
}

/** What `takePermits` handed out. */
export interface PermitGrant {
  /** Permits taken, from 0 to the number asked for. */
  readonly granted: number;
  /** 0 when every permit asked for was granted; else the ms until the next permit (at least 1). */
  readonly retryAfterMs: number;
}

/**
 * The shared store contract. Every operation is atomic on its own. Keys are chosen by the provider;
 * all keys of one credential share a prefix wrapped in braces (`{...}`) so a Redis Cluster keeps them
 * in one slot. Time-to-live is measured by the store's own clock.
 *
 * Errors: a store throws (rejects with) a `StoreError` subclass whose `code` is one of
 * `StoreErrorCode` and whose `operation` names the method. An argument the contract does not allow
 * (an empty key, a time-to-live or window that is not a positive number, a generation or fence that
 * is not a whole number, a value, tag or holder that is not a string) rejects with
 * `store_invalid_argument` and changes nothing. After `close()` every operation rejects with
 * `store_closed`, except `waitForChange`, which resolves.
 */
export interface TokenStore {
  /** Short name for logs and stats (e.g. `redis`). */
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  /** The live record at `key`, or `null` when absent or expired. */
  get(key: string): Promise<StoreRecord | null>;
  /**
   * Writes `next` at `key` only if the current generation equals `expectedGeneration` (0: no live
   * record, so it is also a set-if-absent). Returns the written record, or `null` when the generation
   * had moved (nothing written).
   */
  compareAndSet(
    key: string,
    expectedGeneration: number,
    next: { value: string; tag: string },
    ttlMs: number,
  ): Promise<StoreRecord | null>;
  /** Deletes the record at `key` only if its tag equals `tag`. True when it deleted. */
  compareAndDelete(key: string, tag: string): Promise<boolean>;
  /** Takes the lease at `key` for `ttlMs` if no live lease exists. `null` when another holder has it. */
  acquireLease(key: string, holder: string, ttlMs: number): Promise<StoreLease | null>;
  /**
   * Extends `lease` to `ttlMs` from now (store clock) only if it is still the live lease at its key with
   * the same holder and fence; the fence does not change. Resolves the renewed lease, or `null` when the
   * lease was lost (expired, released, or taken by another holder). Optional (see capabilities.leaseRenewal).
   */
  renewLease?(lease: StoreLease, ttlMs: number): Promise<StoreLease | null>;
  /** Releases `lease` only if it is still the live lease with the same holder and fence. */
  releaseLease(lease: StoreLease): Promise<boolean>;
  /** Counts one event now at `key`; resolves the number of events in the last `windowMs`, this one included. */
  recordEvent(key: string, windowMs: number): Promise<number>;
  /** The number of events at `key` in the last `windowMs`. */
  countEvents(key: string, windowMs: number): Promise<number>;
  /**
   * Takes up to `want` permits from the limiter at `key` (a token bucket of `rate.burst` permits that
   * refills at `rate.ratePerSecond`, by the store's clock), and as many as are there when fewer are:
   * never blocks. Invariant: over any span of `t` seconds, the permits granted at `key` add up to at
   * most `burst + ratePerSecond * t`, whoever asks. An idle limiter costs nothing (its state expires
   * once it is full again). Optional (see capabilities.permits).
   */
  takePermits?(key: string, want: number, rate: PermitRate): Promise<PermitGrant>;
  /**
   * Resolves when the record at `key` has a generation other than `generation` (0: absent), or after
   * `timeoutMs`, or when `signal` aborts (resolves, never rejects on timeout). Optional: without it
   * the provider polls.
   */
  waitForChange?(key: string, generation: number, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Releases connections and timers. Calling it again does nothing. */
  close(): Promise<void>;
}
