/** The counters behind `zoom.tokens.stats()`. Plain numbers, incremented in place (the hot path counts too). */
import type { MintReason } from "../events.js";

/** A snapshot of what the token engine did in this process. */
export interface TokenStats {
  /** Fingerprint of the current credential (account, client, secret). */
  credential: string;
  /** Name of the token store. */
  store: string;
  /** Tokens minted by this process, in total and by reason. */
  mints: Record<MintReason, number> & { total: number };
  /** Mints in the last hour for the whole fleet, as last counted in the store (this process's own while degraded). */
  mintsLastHour: number;
  /** Where `getToken()` found its token: this process's copy, or the shared store. */
  hits: { process: number; store: number };
  /** `getToken()` calls that had to wait because no usable token was at hand. */
  blocked: number;
  /** Times this process waited for another process's lease (another process was minting). */
  leaseWaits: number;
  /** 401s reported by the pipeline, and how many were answered with a token to retry with. */
  unauthorized: { seen: number; retried: number };
  /** Background refreshes that failed (the current token was kept). */
  refreshFailures: number;
  /** Store records that did not decode or decrypt, were ignored and replaced. */
  corruptRecords: number;
  /** The shared circuit as this process last saw it. */
  circuit: {
    state: "closed" | "open" | "half-open";
    openUntil?: number;
    coolDownMs?: number;
    /** Times this process opened (or re-opened) the circuit. */
    opened: number;
    /** Calls failed fast with `app_rejected`. */
    fastFailures: number;
  };
  /** Degraded mode: the store failed and tokens are coordinated within this process only. */
  degraded: { active: boolean; totalMs: number; episodes: number };
}

export type TokenCounters = Omit<TokenStats, "credential" | "store" | "circuit" | "degraded"> & {
  circuitOpened: number;
  fastFailures: number;
};

export function createCounters(): TokenCounters {
  return {
    mints: { total: 0, cold: 0, refresh: 0, unauthorized: 0, probe: 0, rotation: 0, corrupt: 0 },
    mintsLastHour: 0,
    hits: { process: 0, store: 0 },
    blocked: 0,
    leaseWaits: 0,
    unauthorized: { seen: 0, retried: 0 },
    refreshFailures: 0,
    corruptRecords: 0,
    circuitOpened: 0,
    fastFailures: 0,
  };
}
