/**
 * One mint and its accounting: the budget check before it, the request, the fleet's backoff after a
 * failure (and its end after a success), the counters and the `tokenMinted` event. Only successful
 * mints count against the budget: an outage must not leave the fleet budget-locked once Zoom recovers.
 */
import type { ZoomAuthError } from "../errors.js";
import { emit, type MintReason } from "../events.js";
import { describeCredential, type Engine } from "./engine.js";
import { known } from "./guarded-store.js";
import { clearFailure, recordFailure } from "./mint-backoff.js";
import { budgetExhaustedError, HOUR_MS } from "./mint-budget.js";
import { backoffError, backsOff } from "./mint-failure.js";
import { mintToken } from "./oauth.js";
import { refusedPredecessor, type Slot } from "./slot.js";
import type { AccessToken } from "./types.js";

/** Throws `mint_budget_exhausted` when the fleet (or, degraded, this process) minted its hourly budget. */
export async function checkBudget(engine: Engine, slot: Slot, local = false): Promise<void> {
  const counted = local
    ? undefined
    : known(await engine.store.countEvents(slot.keys.mints, HOUR_MS), undefined);
  const count = counted ?? engine.localMints.count();
  engine.counters.mintsLastHour = count;
  if (count >= engine.options.mintBudgetPerHour) {
    throw budgetExhaustedError(
      count,
      engine.options.mintBudgetPerHour,
      describeCredential(engine, slot.keys.secretFingerprint),
    );
  }
}

/**
 * One request to the token endpoint, abandoned when `signal` aborts (the lease was lost, or the
 * engine closed). A failure the fleet backs off from is recorded and thrown with its `retryAt`.
 */
export async function mint(engine: Engine, slot: Slot, signal: AbortSignal): Promise<AccessToken> {
  const { options } = engine;
  let token: AccessToken;
  try {
    token = await mintToken({
      credentials: { accountId: options.accountId, clientId: options.clientId, clientSecret: slot.secret },
      oauthUrl: options.oauthUrl,
      fetch: options.fetch,
      timeoutMs: options.mintTimeoutMs,
      signal,
      now: engine.now,
    });
  } catch (error) {
    if (signal.aborted || !backsOff(error)) throw error;
    throw backoffError(await recordFailure(engine, slot, error as ZoomAuthError));
  }
  engine.localMints.record();
  await clearFailure(engine, slot);
  const replaces = refusedPredecessor(slot);
  return { ...token, mintedBy: engine.holder, ...(replaces ? { replaces } : {}) };
}

/** Counts a mint the fleet will use and reports it. */
export async function countMint(engine: Engine, slot: Slot, local: boolean): Promise<void> {
  const counted = local
    ? undefined
    : known(await engine.store.recordEvent(slot.keys.mints, HOUR_MS), undefined);
  engine.counters.mintsLastHour = counted ?? engine.localMints.count();
}

export function reportMint(
  engine: Engine,
  slot: Slot,
  token: AccessToken,
  reason: MintReason,
  started: number,
): void {
  slot.sawCorrupt = false;
  engine.counters.mints.total += 1;
  engine.counters.mints[reason] += 1;
  emit(engine.hooks, "tokenMinted", {
    reason,
    durationMs: engine.now() - started,
    generation: token.generation,
    fingerprint: token.fingerprint,
    credential: slot.keys.credential,
    expiresAt: token.expiresAt,
  });
}

/** Why this mint happens, for stats and the `tokenMinted` event. */
export function mintReason(
  slot: Slot,
  refreshing: boolean,
  hint: MintReason | undefined,
  probing: boolean,
): MintReason {
  if (probing) return "probe";
  if (slot.sawCorrupt) return "corrupt";
  if (hint) return hint;
  return refreshing || slot.hadToken ? "refresh" : slot.firstReason;
}
