/**
 * `provider.fleet`: what an operator does to the fleet's shared token state, through the engine's own
 * keys, codec and store guard (so it acts on exactly the records the fleet uses): inspect it, reset the
 * circuit after fixing the app, drop the token to force one fresh token for everyone. The `zoomkit` CLI
 * (`zoomkit circuit reset`, `zoomkit token drop`, `zoomkit doctor`) is built on it.
 */
import type { Engine } from "./engine.js";
import { type FleetState, inspectFleet } from "./fleet-inspection.js";
import { UNAVAILABLE } from "./guarded-store.js";
import { resetFailure } from "./mint-backoff.js";
import { resetCircuit } from "./shared-circuit.js";
import { dropToken, type Slot } from "./slot.js";

export type { FleetBackoff, FleetCircuit, FleetState, FleetToken } from "./fleet-inspection.js";

/** What `fleet.resetCircuit()` did. */
export type CircuitResetResult =
  | {
      /** `reset`: an open (or half-open, or unreadable) circuit record was removed; `already-closed`: there was none. */
      readonly outcome: "reset" | "already-closed";
      /** The circuit removed, as it was (absent when already closed). */
      readonly removed?: { readonly state: "open" | "half-open" | "unreadable"; readonly zoomCode?: number };
      /** A backoff after failed mints was cleared too. */
      readonly backoffCleared: boolean;
    }
  | { readonly outcome: "store-unavailable" };

/** What `fleet.dropToken()` did. */
export type TokenDropResult =
  | {
      readonly outcome: "dropped";
      /** Fingerprint of the token dropped. */
      readonly fingerprint: string;
    }
  | { readonly outcome: "absent" }
  | { readonly outcome: "store-unavailable" };

/** Operator actions on the fleet's shared token state for the provider's credential. */
export interface TokenFleet {
  /**
   * Reads the fleet's state from the store: the current token (fingerprint, minted-at, expiry, scopes,
   * `api_url`, who minted it), the circuit (state, the refusal that opened it, until when), mints in the
   * last hour against the budget, whether a process holds the mint lease, and the backoff after failed
   * mints. Writes nothing but a lease taken and released at once; never mints; resolves
   * `{ reachable: false }` when the store does not answer.
   */
  inspect(): Promise<FleetState>;
  /**
   * Closes the fleet's circuit now, after the app was fixed, instead of waiting for the cool-down: the
   * record is removed from the store, so every process finds the circuit closed within its re-read
   * interval (`circuitRecheckMs`, 2 s by default) and the next caller mints a fresh token. A backoff
   * after failed mints is cleared too (processes that already know of it wait until its `retryAt`).
   */
  resetCircuit(): Promise<CircuitResetResult>;
  /**
   * Removes the fleet's token from the store (and this process's copy): the next process that needs a
   * token mints one fresh token for the whole fleet, under the lease and within the budget. Other
   * processes keep their copy until their next refresh; use it when a token must not be adopted again.
   */
  dropToken(): Promise<TokenDropResult>;
}

/** The fleet actions for the slot `current()` returns (the current client secret's). */
export function createTokenFleet(engine: Engine, current: () => Slot): TokenFleet {
  return {
    inspect: async () => inspectFleet(engine, current()),
    async resetCircuit() {
      const slot = current();
      const removed = await resetCircuit(engine, slot);
      if (removed === UNAVAILABLE) return { outcome: "store-unavailable" };
      const cleared = await resetFailure(engine, slot);
      if (cleared === UNAVAILABLE) return { outcome: "store-unavailable" };
      if (removed === undefined) return { outcome: "already-closed", backoffCleared: cleared };
      return {
        outcome: "reset",
        removed:
          removed === "corrupt"
            ? { state: "unreadable" }
            : {
                state: removed.state,
                ...(removed.zoomCode === undefined ? {} : { zoomCode: removed.zoomCode }),
              },
        backoffCleared: cleared,
      };
    },
    async dropToken() {
      const dropped = await dropToken(engine, current());
      if (dropped === UNAVAILABLE) return { outcome: "store-unavailable" };
      return dropped === undefined ? { outcome: "absent" } : { outcome: "dropped", fingerprint: dropped };
    },
  };
}
