/**
 * What the token engine's parts share: the resolved options, the guarded store, the record codec, the
 * counters and hooks, this process's name as a lease holder, and the signal `close()` aborts.
 */
import type { ZoomHooks } from "../events.js";
import type { GuardedStore } from "./guarded-store.js";
import type { HeldLeases } from "./lease.js";
import type { LocalWindow } from "./mint-budget.js";
import type { ResolvedOptions } from "./options.js";
import type { RecordCodec } from "./record-codec.js";
import type { TokenCounters } from "./token-stats.js";

export interface Engine {
  readonly options: ResolvedOptions;
  readonly store: GuardedStore;
  readonly codec: RecordCodec;
  readonly counters: TokenCounters;
  readonly hooks: ZoomHooks | undefined;
  readonly now: () => number;
  /** Source of jitter, in [0, 1). */
  readonly random: () => number;
  /** Names this process as a lease holder. */
  readonly holder: string;
  /** Mints by this process in the rolling hour: the budget's count while the store cannot count. */
  readonly localMints: LocalWindow;
  /** Aborted by `close()`: renewals stop, waits end, a mint in flight is abandoned. */
  readonly closing: AbortSignal;
  /** The leases this process holds right now (released by `close()`). */
  readonly leases: HeldLeases;
}

/** A description of the credential for messages: ids and the secret's fingerprint, never the secret. */
export function describeCredential(engine: Engine, secretFingerprint: string): string {
  return `account ${engine.options.accountId}, client ${engine.options.clientId}, secret ${secretFingerprint}`;
}
