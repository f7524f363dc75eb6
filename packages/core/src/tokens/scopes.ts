/**
 * A missing scope (Zoom code 4711, on any status) concerns one operation, never the app: the token is
 * not dropped and the circuit never opens; every other operation keeps using the same token. A token
 * carries the scopes granted when it was minted, so a scope an admin grants later is picked up by one
 * fresh token for the whole fleet, at most once per `scopeRecheckMs`: the right to mint it is a store
 * record that lives that long. Never a mint loop.
 */
import type { Engine } from "./engine.js";
import { UNAVAILABLE } from "./guarded-store.js";
import { isNewer, readToken, type Slot } from "./slot.js";
import type { AccessToken } from "./types.js";

/**
 * Resolves a token to retry the refused request with once (one that may carry a scope granted since
 * `token` was minted), or `undefined` to return the refusal as it is.
 */
export async function onMissingScopes(
  engine: Engine,
  slot: Slot,
  token: AccessToken,
  fresh: (replacing: string) => Promise<AccessToken>,
): Promise<AccessToken | undefined> {
  engine.counters.scopes.missing += 1;
  // Even a token whose scope list names the scope is re-checked: a scope removed and granted again
  // may work only for tokens minted after the grant, whatever the older token's list says.
  return slot.scopeRecheck.join(() => recheck(engine, slot, token, fresh));
}

async function recheck(
  engine: Engine,
  slot: Slot,
  token: AccessToken,
  fresh: (replacing: string) => Promise<AccessToken>,
): Promise<AccessToken | undefined> {
  // Another process's re-check may have put a newer token in the store already: try that one.
  const { found } = await readToken(engine, slot);
  if (found && isNewer(found.token, token)) return found.token;
  const now = engine.now();
  const claim = await engine.store.compareAndSet(
    slot.keys.scopeCheck,
    0,
    {
      value: engine.codec.encodeJson({ at: now, by: engine.holder }, slot.keys.scopeCheck),
      tag: engine.holder,
    },
    engine.options.scopeRecheckMs,
  );
  if (claim === null) return undefined;
  // Without the store this process keeps the interval on its own.
  if (claim === UNAVAILABLE) {
    if (now < slot.scopeCheckUntil) return undefined;
    slot.scopeCheckUntil = now + engine.options.scopeRecheckMs;
  }
  engine.counters.scopes.rechecks += 1;
  try {
    const next = await fresh(token.fingerprint);
    return next.fingerprint === token.fingerprint ? undefined : next;
  } catch {
    // No fresh token now (backoff, budget, circuit): the refusal is returned as it is.
    return undefined;
  }
}
