/**
 * The token engine's options, their defaults, and the resolved form the engine's parts read. Every
 * timing the engine uses lives here, next to its reason.
 */
import { ZoomConfigError } from "../errors.js";
import type { ZoomHooks } from "../events.js";
import type { EncryptionKeys } from "./key-ring.js";
import type { TokenStore } from "./types.js";

/** Options of `createTokenProvider`. */
export interface TokenProviderOptions {
  /** The Server-to-Server OAuth app's account id. */
  accountId: string;
  /** The app's client id. */
  clientId: string;
  /**
   * The client secret, or a function returning the current one: a new secret (rotation) is picked up
   * on the next call, under a new cache key, with a new token. Never logged.
   */
  clientSecret: string | (() => string);
  /** Where tokens are shared. @default createMemoryStore() (closed by `close()`) */
  store?: TokenStore;
  /** Token endpoint. @default "https://zoom.us/oauth/token" */
  oauthUrl?: string;
  /** The fetch used for the token endpoint. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * 32-byte key (Uint8Array, 64 hex chars or base64): records are AES-256-GCM sealed, the store sees
   * ciphertext only. Several keys (a list, or comma-separated) rotate it: the first seals, all open, and
   * a record an older key sealed is written again with the first when read.
   */
  encryptionKey?: EncryptionKeys;
  /** Most tokens per credential per rolling hour, fleet-wide, before `mint_budget_exhausted`. Failed mints do not count. @default 100 */
  mintBudgetPerHour?: number;
  /** Callbacks: tokenMinted, mintFailed, refreshFailed, appRejected, appRecovered, storeDegraded, storeUnencrypted. */
  hooks?: ZoomHooks;
  /** Prefix of every store key. @default "zoomkit:" */
  keyPrefix?: string;
  /**
   * Time-to-live of the mint lease. With a store that renews leases (`capabilities.leaseRenewal`), the
   * holder renews it every third of this while its mint runs, however slow the token endpoint is, so
   * the others take over about this long after a holder dies. Without renewal the lease must outlive
   * a whole mint, so the default is then `mintTimeoutMs` + 5 s. @default 2_000
   */
  leaseTtlMs?: number;
  /** Timeout of one token request. @default 10_000 */
  mintTimeoutMs?: number;
  /**
   * Refresh ahead when less than this is left of a token's life (one process refreshes in the
   * background, earlier by a token-derived jitter of up to half of it, while everyone keeps using the
   * current token). @default min(5 minutes, 10 % of the token's lifetime)
   */
  refreshWindowMs?: number;
  /** First wait after a failed mint (5xx, timeout, network, malformed reply); it doubles per failure, with jitter. @default 500 */
  mintBackoffMs?: number;
  /** Longest wait between failed mints. @default 30_000 */
  mintMaxBackoffMs?: number;
  /** Timeout of one store call; past it the provider runs degraded. @default 1_000 */
  storeTimeoutMs?: number;
  /** While degraded, how often the store is tried again. @default 5_000 */
  storeRetryMs?: number;
  /** First cool-down of the shared circuit; it doubles each time a probe is refused. @default 30_000 */
  circuitCoolDownMs?: number;
  /** Longest cool-down; also the furthest a circuit record may reach into the future when read. @default 600_000 */
  circuitMaxCoolDownMs?: number;
  /**
   * The circuit closes as soon as the API accepts a probe's token (the pipeline calls `accepted`);
   * with a pipeline that never does, once the probe's token has gone unrefused this long after the
   * cool-down. @default 10_000
   */
  circuitConfirmMs?: number;
  /** While the circuit is open, how often each process re-reads it from the store (a recovery or an operator's reset reaches every process this fast). @default 2_000 */
  circuitRecheckMs?: number;
  /** While the circuit is open, one process in the fleet lets one real request through with the newest token (no mint) this often. @default 3_000 */
  circuitProbeMs?: number;
  /** How long refused credentials are remembered, fleet-wide, before one more try (or at once when the secret changes). @default 60_000 */
  invalidCredentialsCoolDownMs?: number;
  /** A token refused within this long of its mint counts as "minted moments ago". @default 60_000 */
  freshTokenMs?: number;
  /** A request refused for a missing scope (4711) gets one fresh token for the whole fleet at most this often, so a scope granted later is picked up. @default 300_000 */
  scopeRecheckMs?: number;
  /** Clock in epoch ms, for tests. @default Date.now */
  now?: () => number;
}

/** The options with every default applied. */
export interface ResolvedOptions {
  readonly accountId: string;
  readonly clientId: string;
  readonly oauthUrl: string;
  readonly fetch: typeof fetch;
  readonly keyPrefix: string;
  readonly mintBudgetPerHour: number;
  /** The lease time-to-live actually used (long enough for a whole mint when the store cannot renew). */
  readonly leaseTtlMs: number;
  /** How often a held lease is renewed; `undefined` when the store cannot renew. */
  readonly leaseRenewMs: number | undefined;
  readonly mintTimeoutMs: number;
  readonly refreshWindowMs: number | undefined;
  readonly mintBackoffMs: number;
  readonly mintMaxBackoffMs: number;
  readonly storeTimeoutMs: number;
  readonly storeRetryMs: number;
  readonly circuitCoolDownMs: number;
  readonly circuitMaxCoolDownMs: number;
  readonly circuitConfirmMs: number;
  readonly circuitRecheckMs: number;
  readonly circuitProbeMs: number;
  readonly invalidCredentialsCoolDownMs: number;
  readonly freshTokenMs: number;
  readonly scopeRecheckMs: number;
}

/** A lease that cannot be renewed must outlive a whole mint by this much. */
const UNRENEWED_LEASE_MARGIN_MS = 5_000;

/** The options that are durations or counts: each must be a positive finite number when given. */
const POSITIVE = [
  "mintBudgetPerHour",
  "leaseTtlMs",
  "mintTimeoutMs",
  "refreshWindowMs",
  "mintBackoffMs",
  "mintMaxBackoffMs",
  "storeTimeoutMs",
  "storeRetryMs",
  "circuitCoolDownMs",
  "circuitMaxCoolDownMs",
  "circuitConfirmMs",
  "circuitRecheckMs",
  "circuitProbeMs",
  "invalidCredentialsCoolDownMs",
  "freshTokenMs",
  "scopeRecheckMs",
] as const satisfies readonly (keyof TokenProviderOptions)[];

/** Refuses options that cannot work, naming the option (never echoing a secret). */
export function validateOptions(options: TokenProviderOptions): void {
  for (const name of ["accountId", "clientId"] as const) {
    const value: unknown = options[name];
    if (typeof value !== "string" || value.trim() === "" || value !== value.trim()) {
      throw new ZoomConfigError(name, `${name} must be a non-empty string without surrounding whitespace.`);
    }
  }
  const secret: unknown = options.clientSecret;
  if (typeof secret !== "function" && (typeof secret !== "string" || secret === "")) {
    throw new ZoomConfigError(
      "clientSecret",
      "clientSecret must be a non-empty string or a function returning one.",
    );
  }
  for (const name of POSITIVE) {
    const value: unknown = options[name];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
      throw new ZoomConfigError(
        name,
        `${name} must be a positive finite number (got ${typeof value === "number" ? value : typeof value}).`,
      );
    }
  }
  // Every key of a credential shares one `{...}` hash tag (Redis Cluster slot): a brace in the prefix would break it.
  if (
    options.keyPrefix !== undefined &&
    (typeof options.keyPrefix !== "string" || /[{}]/.test(options.keyPrefix))
  ) {
    throw new ZoomConfigError(
      "keyPrefix",
      "keyPrefix must be a string without { or } (they would break the Redis Cluster hash tag).",
    );
  }
  if (options.oauthUrl !== undefined && !URL.canParse(options.oauthUrl)) {
    throw new ZoomConfigError(
      "oauthUrl",
      "oauthUrl must be an absolute URL such as https://zoom.us/oauth/token.",
    );
  }
}

/** Applies the defaults. `renewable`: the store can renew leases. */
export function resolveOptions(options: TokenProviderOptions, renewable: boolean): ResolvedOptions {
  const mintTimeoutMs = options.mintTimeoutMs ?? 10_000;
  const leaseTtlMs = options.leaseTtlMs ?? (renewable ? 2_000 : mintTimeoutMs + UNRENEWED_LEASE_MARGIN_MS);
  return {
    accountId: options.accountId,
    clientId: options.clientId,
    oauthUrl: options.oauthUrl ?? "https://zoom.us/oauth/token",
    fetch: options.fetch ?? globalThis.fetch,
    keyPrefix: options.keyPrefix ?? "zoomkit:",
    mintBudgetPerHour: options.mintBudgetPerHour ?? 100,
    leaseTtlMs,
    leaseRenewMs: renewable ? Math.max(1, Math.floor(leaseTtlMs / 3)) : undefined,
    mintTimeoutMs,
    refreshWindowMs: options.refreshWindowMs,
    mintBackoffMs: options.mintBackoffMs ?? 500,
    mintMaxBackoffMs: options.mintMaxBackoffMs ?? 30_000,
    storeTimeoutMs: options.storeTimeoutMs ?? 1_000,
    storeRetryMs: options.storeRetryMs ?? 5_000,
    circuitCoolDownMs: options.circuitCoolDownMs ?? 30_000,
    circuitMaxCoolDownMs: options.circuitMaxCoolDownMs ?? 600_000,
    circuitConfirmMs: options.circuitConfirmMs ?? 10_000,
    circuitRecheckMs: options.circuitRecheckMs ?? 2_000,
    circuitProbeMs: options.circuitProbeMs ?? 3_000,
    invalidCredentialsCoolDownMs: options.invalidCredentialsCoolDownMs ?? 60_000,
    freshTokenMs: options.freshTokenMs ?? 60_000,
    scopeRecheckMs: options.scopeRecheckMs ?? 300_000,
  };
}
