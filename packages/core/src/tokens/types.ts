/**
 * The contracts of the token engine: what the request pipeline needs from a token provider, and what
 * the provider needs from a shared store. Stores (memory, Redis, Postgres, Keyv) implement `TokenStore`.
 */

/** A usable access token as the pipeline sees it. */
export interface AccessToken {
  /** The bearer token. Never log it. */
  readonly value: string;
  /** Short, non-reversible fingerprint of the token (safe to log). */
  readonly fingerprint: string;
  /** Epoch ms after which the token must not be used (computed from before the mint request was sent). */
  readonly expiresAt: number;
  /** Epoch ms when the mint request was sent. */
  readonly mintedAt: number;
  /** Store generation of the record this token came from (0 when not from a store). */
  readonly generation: number;
  /** Scopes granted, from the token response. */
  readonly scopes: readonly string[];
  /** The account's API host from the token response (e.g. `https://api.zoom.us`), if given. */
  readonly apiUrl?: string;
}

/** What the API said when it refused a token. */
export interface RejectionDetail {
  status: number;
  /** Zoom's error code (124 invalid token, 4711 missing scopes...), when the body had one. */
  zoomCode?: number;
  message?: string;
}

/** The source of tokens for the request pipeline. The token engine implements it. */
export interface TokenProvider {
  /** A token that is usable now. Throws `ZoomAuthError` when none can be had. */
  getToken(options?: { signal?: AbortSignal }): Promise<AccessToken>;
  /**
   * The API answered 401 for `token` on a request's `attempt` (1 = first try). Resolves the token to
   * retry with, `undefined` to return the 401 to the caller as it is, or throws `ZoomAuthError`
   * (`app_rejected`) when fresh tokens keep being refused.
   */
  unauthorized(
    token: AccessToken,
    detail: RejectionDetail,
    options: { attempt: number; signal?: AbortSignal },
  ): Promise<AccessToken | undefined>;
  /**
   * Optional. The API answered a request made with `token` with something other than 401 or 5xx (the
   * pipeline calls it after every such response, retried or returned; a 5xx may come from a gateway
   * that never read the token). It runs on every call, so it must be cheap
   * and synchronous; anything it throws is ignored. The token engine uses it to close its circuit as
   * soon as the probe token is accepted; without it the circuit closes once the probe has gone
   * unrefused for `circuitConfirmMs`.
   */
  accepted?(token: AccessToken): void;
}

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

/** A held lease. Only the holder with the same `fence` can release it. */
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
}

/**
 * The shared store contract. Every operation is atomic on its own. Keys are chosen by the provider;
 * all keys of one credential share a prefix wrapped in braces (`{...}`) so a Redis Cluster keeps them
 * in one slot. Time-to-live is measured by the store's own clock.
 */
export interface TokenStore {
  /** Short name for logs and stats (e.g. `redis`). */
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  /** The live record at `key`, or `null` when absent or expired. */
  get(key: string): Promise<StoreRecord | null>;
  /**
   * Writes `next` at `key` only if the current generation equals `expectedGeneration` (0: no live
   * record). Returns the written record, or `null` when the generation had moved (nothing written).
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
  /** Releases `lease` only if it is still the live lease with the same holder and fence. */
  releaseLease(lease: StoreLease): Promise<boolean>;
  /** Counts one event now at `key`; resolves the number of events in the last `windowMs`, this one included. */
  recordEvent(key: string, windowMs: number): Promise<number>;
  /** The number of events at `key` in the last `windowMs`. */
  countEvents(key: string, windowMs: number): Promise<number>;
  /**
   * Resolves when the record at `key` has a generation other than `generation` (0: absent), or after
   * `timeoutMs`, or when `signal` aborts (resolves, never rejects on timeout). Optional: without it
   * the provider polls.
   */
  waitForChange?(key: string, generation: number, timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
