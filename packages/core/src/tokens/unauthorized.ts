/**
 * What a 401 does (DESIGN.md "401 on a request"): the refused token is deleted from the store only if
 * it is still the current one (compare-and-delete by fingerprint), the current token is fetched (or
 * minted once), and the request is retried once. A token minted moments ago refused again (on the
 * request's retry, or anywhere when the token was itself minted to replace a refused one) means the
 * app is refused, unless another process's newer mint revoked it (Zoom's invalidate-previous model):
 * then the request retries with that newer token; otherwise the shared circuit opens and every caller
 * fails fast with the diagnosis. A missing scope (4711) never comes here (see `scopes.ts`).
 *
 * Invariant: no process deletes a token refused as a second refusal before the circuit is written
 * (`openCircuit` writes it, then deletes the token), so whoever finds the token gone finds the circuit
 * open; a process diagnosing a refusal mints nothing until its verdict is in (`asVerdict`); with the
 * fresh replacement's refusal diagnosed on any request, the opening costs the fleet one mint.
 */
import { withSignal } from "../abort.js";
import type { Engine } from "./engine.js";
import { UNAVAILABLE } from "./guarded-store.js";
import { takeLease } from "./lease.js";
import {
  isProbeMint,
  isProbeRequest,
  openCircuit,
  probeRefused,
  readCircuit,
  throwIfOpen,
} from "./shared-circuit.js";
import {
  adopt,
  asVerdict,
  type Cached,
  forget,
  invalidate,
  isNewer,
  type Slot,
  waitForTokenChange,
} from "./slot.js";
import type { AccessToken, RejectionDetail } from "./types.js";

export interface UnauthorizedCall {
  readonly token: AccessToken;
  readonly detail: RejectionDetail;
  /** This request's 401s so far, this one included (1 = the first). */
  readonly attempt: number;
  readonly signal: AbortSignal | undefined;
  /** Gets the token to retry with after the refused one is dropped (shared with blocking callers). */
  readonly next: () => Promise<AccessToken>;
}

/** Resolves the token to retry with, `undefined` to return the 401, or throws `app_rejected`. */
export async function onUnauthorized(
  engine: Engine,
  slot: Slot,
  call: UnauthorizedCall,
): Promise<AccessToken | undefined> {
  const { token, detail, attempt } = call;
  if (isProbeRequest(slot, token) && slot.circuit) probeRefused(engine, slot, token, slot.circuit);
  throwIfOpen(engine, slot);
  if (isProbeMint(slot, token)) return openCircuit(engine, slot, token, detail);
  if (isSecondRefusal(engine, slot, token, attempt)) return diagnose(engine, slot, call);
  // A retry was refused with a token that is not fresh: give the 401 back rather than loop.
  if (attempt > 1) return undefined;
  await invalidate(engine, slot, token);
  const next = await call.next();
  if (next.fingerprint === token.fingerprint) return undefined;
  engine.counters.unauthorized.retried += 1;
  return next;
}

/**
 * A second refusal in a row with a token minted moments ago: retries with a newer token when another
 * mint explains the refusal, else opens the circuit (which throws). The token is forgotten here at
 * once but stays in the store until the circuit is written: a process that reads the store meanwhile
 * is refused with it in turn and diagnoses too; it never finds an empty store without a circuit and
 * mints into it.
 */
function diagnose(engine: Engine, slot: Slot, call: UnauthorizedCall): Promise<AccessToken> {
  forget(slot, call.token);
  return asVerdict(slot, decide(engine, slot, call));
}

async function decide(engine: Engine, slot: Slot, call: UnauthorizedCall): Promise<AccessToken> {
  const { token, detail, attempt } = call;
  // At most twice per request (the pipeline hands one request's 401s over three times): a newer token
  // refused as well is no longer explained by invalidation, and the third refusal is the diagnosis.
  const newer =
    attempt <= 2
      ? await withSignal(
          slot.newer.join(token.fingerprint, () => newerToken(engine, slot, token)),
          call.signal,
        )
      : undefined;
  if (!newer) return openCircuit(engine, slot, token, detail);
  engine.counters.unauthorized.retried += 1;
  return newer;
}

/**
 * True when refusing `token` is a second refusal in a row with a token minted moments ago: on this
 * request's retry, or on any request when `token` was minted to replace a refused token and the API has
 * not taken it here since (the fleet's retry, seen by whichever process uses it first).
 */
function isSecondRefusal(engine: Engine, slot: Slot, token: AccessToken, attempt: number): boolean {
  if (engine.now() - token.mintedAt > engine.options.freshTokenMs) return false;
  if (attempt > 1) return true;
  return token.replaces !== undefined && slot.tookReplacement !== token.fingerprint;
}

/**
 * A token that another mint put in place after `refused`, if there is one or one is being minted right
 * now. Store generations order the mints (clocks of different hosts may disagree); this never mints.
 */
async function newerToken(
  engine: Engine,
  slot: Slot,
  refused: AccessToken,
): Promise<AccessToken | undefined> {
  const newer = (cached: Cached | undefined): cached is Cached =>
    cached !== undefined && isNewer(cached.token, refused) && engine.now() < cached.usableUntil;
  if (newer(slot.cached)) return slot.cached.token;
  const deadline = engine.now() + engine.options.leaseTtlMs + engine.options.mintTimeoutMs;
  let pollMs = 10;
  for (;;) {
    const read = await engine.store.get(slot.keys.token);
    if (read === UNAVAILABLE) return undefined;
    const found = adopt(engine, slot, read);
    if (newer(found)) return found.token;
    // Another process may have diagnosed the app meanwhile: its verdict ends the search at once.
    await readCircuit(engine, slot);
    throwIfOpen(engine, slot);
    // A free lease means nobody is minting: there is no newer token to wait for.
    const lease = await takeLease(engine, slot.keys.lease, engine.leases);
    if (lease === UNAVAILABLE) return undefined;
    if (lease) {
      try {
        // Double-check: the holder may have written between our read and our lease.
        const again = await engine.store.get(slot.keys.token);
        const written = again === UNAVAILABLE ? undefined : adopt(engine, slot, again);
        return newer(written) ? written.token : undefined;
      } finally {
        await lease.release();
      }
    }
    if (engine.now() > deadline || engine.closing.aborted) return undefined;
    await waitForTokenChange(engine, slot, read?.generation ?? 0, pollMs);
    pollMs = Math.min(pollMs * 2, 250);
  }
}
