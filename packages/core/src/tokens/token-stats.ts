/** The counters behind `zoom.tokens.stats()`, and the snapshot built from them. Plain numbers, incremented in place (the hot path counts too). */
import type { MintReason } from "../events.js";
import type { CircuitState } from "./circuit.js";
import type { MintFailure } from "./mint-failure.js";

/** How records reach the store; see `TokenStats.storeEncryption`. */
export type StoreEncryption = "sealed" | "plaintext" | "in-process";

/** Every state of `TokenStats.circuit.state`, for reporters that list each one (1 for the current one). */
export const CIRCUIT_STATES = ["closed", "open", "half-open"] as const;

/** A snapshot of what the token engine did in this process. */
export interface TokenStats {
  /** Fingerprint of the current credential (account, client, secret). */
  credential: string;
  /** Name of the token store. */
  store: string;
  /**
   * How records reach the store: `sealed` (AES-256-GCM, `encryptionKey` set), `plaintext` (a shared store
   * without a key: the `storeUnencrypted` hook fired), or `in-process` (no key, but a store no other
   * process reads, such as the memory store).
   */
  storeEncryption: StoreEncryption;
  /** Tokens minted by this process, in total and by reason. */
  mints: Record<MintReason, number> & { total: number };
  /** Mints in the last hour for the whole fleet, as last counted in the store (this process's own while degraded). */
  mintsLastHour: number;
  /** Requests to the token endpoint by this process that failed (5xx, timeout, network, malformed reply, refused credentials); they never count against the budget. */
  mintFailures: number;
  /** The fleet's backoff after failed mints, as this process last saw it. */
  backoff: { active: boolean; failures: number; retryAt?: number; code?: string };
  /** Where `getToken()` found its token: this process's copy, or the shared store. */
  hits: { process: number; store: number };
  /** `getToken()` calls that had to wait because no usable token was at hand. */
  blocked: number;
  /** Times this process waited for another process's lease (another process was minting). */
  leaseWaits: number;
  /** Leases this process lost while minting (a renewal found it gone); the mint was abandoned. */
  leasesLost: number;
  /** 401s reported by the pipeline, and how many were answered with a token to retry with. */
  unauthorized: { seen: number; retried: number };
  /** Requests refused for a missing scope (4711), and the fleet-wide re-checks this process ran for them. */
  scopes: { missing: number; rechecks: number };
  /** Background refreshes that failed (the current token was kept). */
  refreshFailures: number;
  /** Store records that did not decode or decrypt, were ignored and replaced. */
  corruptRecords: number;
  /** Token records sealed with an older key (not the first of `encryptionKey`) that this process wrote again with the first. */
  resealedRecords: number;
  /** The shared circuit as this process last saw it. */
  circuit: {
    state: (typeof CIRCUIT_STATES)[number];
    openUntil?: number;
    coolDownMs?: number;
    /** Times this process opened (or re-opened) the circuit. */
    opened: number;
    /** Calls failed fast with `app_rejected`. */
    fastFailures: number;
    /** Requests this process let through the open circuit to find out whether the app works again. */
    probeRequests: number;
  };
  /** Degraded mode: the store failed and tokens are coordinated within this process only. */
  degraded: { active: boolean; totalMs: number; episodes: number };
}

export type TokenCounters = Omit<
  TokenStats,
  "credential" | "store" | "storeEncryption" | "circuit" | "degraded" | "backoff"
> & {
  circuitOpened: number;
  fastFailures: number;
  probeRequests: number;
};

export function createCounters(): TokenCounters {
  return {
    mints: { total: 0, cold: 0, refresh: 0, unauthorized: 0, probe: 0, rotation: 0, corrupt: 0, scopes: 0 },
    mintsLastHour: 0,
    mintFailures: 0,
    hits: { process: 0, store: 0 },
    blocked: 0,
    leaseWaits: 0,
    leasesLost: 0,
    unauthorized: { seen: 0, retried: 0 },
    scopes: { missing: 0, rechecks: 0 },
    refreshFailures: 0,
    corruptRecords: 0,
    resealedRecords: 0,
    circuitOpened: 0,
    fastFailures: 0,
    probeRequests: 0,
  };
}

/** What the snapshot reads besides the counters. */
export interface StatsSources {
  credential: string;
  store: string;
  storeEncryption: StoreEncryption;
  circuit: CircuitState | undefined;
  failure: MintFailure | undefined;
  degraded: TokenStats["degraded"];
  now: number;
}

export function snapshot(counters: TokenCounters, from: StatsSources): TokenStats {
  const { circuitOpened, fastFailures, probeRequests, ...rest } = structuredClone(counters);
  const { circuit, failure, now } = from;
  return {
    credential: from.credential,
    store: from.store,
    storeEncryption: from.storeEncryption,
    ...rest,
    backoff:
      failure && now < failure.retryAt
        ? { active: true, failures: failure.failures, retryAt: failure.retryAt, code: failure.code }
        : { active: false, failures: failure?.failures ?? 0 },
    circuit: {
      state: !circuit ? "closed" : circuit.state === "open" && now < circuit.openUntil ? "open" : "half-open",
      ...(circuit ? { openUntil: circuit.openUntil, coolDownMs: circuit.coolDownMs } : {}),
      opened: circuitOpened,
      fastFailures,
      probeRequests,
    },
    degraded: from.degraded,
  };
}
