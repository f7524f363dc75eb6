/**
 * The state the token provider's parts share: resolved options, the guarded store, and one slot per
 * credential (this process's copy of the token, its single-flight promises, and what it knows of the
 * circuit).
 */
import type { ZoomAuthError } from "../errors.js";
import type { MintReason, ZoomHooks } from "../events.js";
import type { CircuitState } from "./circuit.js";
import type { CredentialKeys } from "./keys.js";
import type { createLocalWindow } from "./mint-budget.js";
import type { RecordCodec } from "./record-codec.js";
import type { StoreGuard } from "./store-guard.js";
import type { TokenCounters } from "./token-stats.js";
import type { AccessToken, TokenStore } from "./types.js";

export interface ResolvedOptions {
  accountId: string;
  clientId: string;
  oauthUrl: string;
  fetch: typeof fetch;
  mintBudgetPerHour: number;
  leaseTtlMs: number;
  mintTimeoutMs: number;
  circuitCoolDownMs: number;
  circuitMaxCoolDownMs: number;
  circuitConfirmMs: number;
  invalidCredentialsCoolDownMs: number;
  freshTokenMs: number;
}

/** This process's copy of a token and the moments that matter for it. */
export interface Cached {
  readonly token: AccessToken;
  readonly refreshAt: number;
  readonly usableUntil: number;
  /** The hot path returns the token without a second look before this moment. */
  checkAt: number;
}

/** Everything this process holds for one credential (account, client, secret fingerprint). */
export interface Slot {
  readonly keys: CredentialKeys;
  readonly secret: string;
  /** `cold` for the first credential, `rotation` for one that replaced another at run time. */
  readonly firstReason: MintReason;
  cached: Cached | undefined;
  /** Single-flight in process: the one promise for a blocking acquire. */
  flight: Promise<AccessToken> | undefined;
  /** The one background refresh in progress. */
  refreshing: Promise<void> | undefined;
  /** The one circuit opening in progress. */
  opening: Promise<never> | undefined;
  /** Single-flight in process: the one search for a token newer than a refused one, by its fingerprint. */
  newer: Map<string, Promise<AccessToken | undefined>>;
  circuit: CircuitState | undefined;
  /** Wrong credentials, remembered for this secret until the cool-down passes. */
  invalid: { error: ZoomAuthError; until: number } | undefined;
  /** Fingerprints of tokens the API refused: never adopted again from the store. */
  rejected: string[];
  /** A record that did not decode was seen; the next mint says so. */
  sawCorrupt: boolean;
  /** Generation of the last corrupt record reported. */
  corruptGeneration: number;
  /** This slot has held a token before (a later mint is a refresh). */
  hadToken: boolean;
}

export interface Engine {
  readonly options: ResolvedOptions;
  readonly store: TokenStore;
  readonly guard: StoreGuard;
  readonly codec: RecordCodec;
  readonly counters: TokenCounters;
  readonly hooks: ZoomHooks | undefined;
  readonly now: () => number;
  /** Names this process as a lease holder. */
  readonly holder: string;
  readonly localMints: ReturnType<typeof createLocalWindow>;
}

/** A description of the credential for messages: ids and the secret's fingerprint, never the secret. */
export function describeCredential(engine: Engine, slot: Slot): string {
  return `account ${engine.options.accountId}, client ${engine.options.clientId}, secret ${slot.keys.secretFingerprint}`;
}
