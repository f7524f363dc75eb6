/**
 * What a 401 does (DESIGN.md "401 on a request"): the refused token is deleted from the store only if
 * it is still the current one (compare-and-delete by fingerprint), the current token is fetched (or
 * minted once), and the request is retried once. A token minted moments ago refused again means the
 * app is refused, unless another process's newer mint revoked it (Zoom's invalidate-previous model):
 * then the request retries with that newer token; otherwise the shared circuit opens and every caller
 * fails fast with the diagnosis. A missing scope (4711) never comes here (see `scopes.ts`).
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
import { adopt, type Cached, invalidate, isNewer, type Slot, waitForTokenChange } from "./slot.js";
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
  if (attempt > 1 && isFresh(engine, token)) {
    // Only once per request: a newer token refused as well is no longer explained by invalidation.
    await invalidate(engine, slot, token);
    const newer =
      attempt === 2
        ? await withSignal(
            slot.newer.join(token.fingerprint, () => newerToken(engine, slot, token)),
            call.signal,
          )
        : undefined;
    if (!newer) return openCircuit(engine, slot, token, detail);
    engine.counters.unauthorized.retried += 1;
    return newer;
  }
  // A retry was refused with a token that is not fresh: give the 401 back rather than loop.
  if (attempt > 1) return undefined;
  await invalidate(engine, slot, token);
  const next = await call.next();
  if (next.fingerprint === token.fingerprint) return undefined;
  engine.counters.unauthorized.retried += 1;
  return next;
}

/** True when `token` was minted so recently that its refusal cannot be expiry or an older token's invalidation. */
function isFresh(engine: Engine, token: AccessToken): boolean {
  return engine.now() - token.mintedAt <= engine.options.freshTokenMs;
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
