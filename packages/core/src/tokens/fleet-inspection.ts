/**
 * What the fleet shares in the store for one credential, read for an operator (`fleet.inspect()`,
 * `zoomkit token status`, `zoomkit doctor`): the current token's public details, the circuit and why it
 * opened, the mints of the last hour against the budget, the lease, and the backoff after failed mints.
 * Read with the engine's own keys, codec and decoders; nothing is written, nothing is adopted, and a
 * token's value never leaves this file (only its fingerprint).
 */
import { appRejectedError, type CircuitState, decodeCircuit } from "./circuit.js";
import { describeCredential, type Engine } from "./engine.js";
import { type Guarded, UNAVAILABLE } from "./guarded-store.js";
import { backoffLimits } from "./mint-backoff.js";
import { HOUR_MS } from "./mint-budget.js";
import { decodeFailure } from "./mint-failure.js";
import { circuitLimits } from "./shared-circuit.js";
import type { Slot } from "./slot.js";

/** The fleet's current token as the store holds it. */
export type FleetToken =
  /** No token record: the next process that needs one mints it. */
  | { readonly state: "absent" }
  /** A record this process cannot open: another encryption key (`encryptionKey`), or not zoomkit's. */
  | { readonly state: "unreadable" }
  | {
      readonly state: "present";
      /** Short fingerprint of the token (safe to log). */
      readonly fingerprint: string;
      readonly mintedAt: number;
      readonly expiresAt: number;
      readonly scopes: readonly string[];
      readonly apiUrl?: string;
      /** The process that minted it (`host/pid/random`), when it said. */
      readonly mintedBy?: string;
      /** Store generation of the record. */
      readonly generation: number;
    };

/** The fleet's circuit. */
export type FleetCircuit =
  | { readonly state: "closed" }
  | { readonly state: "unreadable" }
  | {
      /** `open`: callers fail fast until `openUntil`; `half-open`: the cool-down is over, a probe decides. */
      readonly state: "open" | "half-open";
      /** The refusal that opened it: HTTP status and Zoom's code (124: a token minted moments ago was refused). */
      readonly status: number;
      readonly zoomCode?: number;
      readonly openedAt: number;
      readonly openUntil: number;
      readonly coolDownMs: number;
      /** The diagnosis every caller gets while it is open (what happened, what to check). */
      readonly diagnosis: string;
    };

/** The fleet's wait after failed mints. */
export interface FleetBackoff {
  /** Why the last mint failed (`invalid_credentials`, `token_endpoint_unavailable`, `malformed_token_response`). */
  readonly code: string;
  /** Failed mints in a row. */
  readonly failures: number;
  /** No mint before this moment (epoch ms). */
  readonly retryAt: number;
  /** True while `retryAt` is ahead. */
  readonly active: boolean;
  /** The last failure's message (names the credential by fingerprint, never the secret). */
  readonly message: string;
}

/** What `fleet.inspect()` found. `reachable: false` when the store did not answer: nothing else is known. */
export type FleetState =
  | {
      readonly reachable: false;
      readonly credential: string;
      readonly store: string;
    }
  | {
      readonly reachable: true;
      /** Fingerprint of the credential (account, client, secret): names it in hooks and stats. */
      readonly credential: string;
      /** The store's name (`memory`, `redis`, `postgres`...). */
      readonly store: string;
      /** Records are sealed with an encryption key. */
      readonly encrypted: boolean;
      readonly token: FleetToken;
      readonly circuit: FleetCircuit;
      /** Tokens minted for this credential in the last hour, fleet-wide, and the budget (`mintBudgetPerHour`). */
      readonly mints: { readonly lastHour: number; readonly budget: number };
      /** `held`: a process is minting right now. */
      readonly lease: "free" | "held";
      /** `null` when no mint failed lately. */
      readonly backoff: FleetBackoff | null;
    };

/** Reads everything in the store for the slot's credential. Never throws for a store failure. */
export async function inspectFleet(engine: Engine, slot: Slot): Promise<FleetState> {
  const name = engine.store.name;
  const credential = slot.keys.credential;
  const [token, circuit, failure, mints] = await Promise.all([
    engine.store.get(slot.keys.token),
    engine.store.get(slot.keys.circuit),
    engine.store.get(slot.keys.failures),
    engine.store.countEvents(slot.keys.mints, HOUR_MS),
  ]);
  if (token === UNAVAILABLE || circuit === UNAVAILABLE || failure === UNAVAILABLE || mints === UNAVAILABLE)
    return { reachable: false, credential, store: name };
  const lease = await leaseState(engine, slot);
  if (lease === UNAVAILABLE) return { reachable: false, credential, store: name };
  const now = engine.now();
  const decodedFailure = decodeFailure(engine.codec, slot.keys.failures, failure, now, backoffLimits(engine));
  return {
    reachable: true,
    credential,
    store: name,
    encrypted: engine.codec.encrypted,
    token: tokenState(engine, slot, token),
    circuit: circuitState(
      engine,
      slot,
      decodeCircuit(engine.codec, slot.keys.circuit, circuit, now, circuitLimits(engine)),
    ),
    mints: { lastHour: mints, budget: engine.options.mintBudgetPerHour },
    lease,
    backoff:
      decodedFailure && decodedFailure !== "corrupt"
        ? {
            code: decodedFailure.code,
            failures: decodedFailure.failures,
            retryAt: decodedFailure.retryAt,
            active: now < decodedFailure.retryAt,
            message: decodedFailure.message,
          }
        : null,
  };
}

function tokenState(
  engine: Engine,
  slot: Slot,
  record: { value: string; tag: string; generation: number } | null,
): FleetToken {
  if (!record) return { state: "absent" };
  const decoded = engine.codec.decodeToken(record.value, slot.keys.token)?.token;
  if (!decoded || decoded.fingerprint !== record.tag) return { state: "unreadable" };
  return {
    state: "present",
    fingerprint: decoded.fingerprint,
    mintedAt: decoded.mintedAt,
    expiresAt: decoded.expiresAt,
    scopes: decoded.scopes,
    ...(decoded.apiUrl === undefined ? {} : { apiUrl: decoded.apiUrl }),
    ...(decoded.mintedBy === undefined ? {} : { mintedBy: decoded.mintedBy }),
    generation: record.generation,
  };
}

function circuitState(
  engine: Engine,
  slot: Slot,
  circuit: CircuitState | undefined | "corrupt",
): FleetCircuit {
  if (circuit === undefined) return { state: "closed" };
  if (circuit === "corrupt") return { state: "unreadable" };
  const open = circuit.state === "open" && engine.now() < circuit.openUntil;
  return {
    state: open ? "open" : "half-open",
    status: circuit.status,
    ...(circuit.zoomCode === undefined ? {} : { zoomCode: circuit.zoomCode }),
    openedAt: circuit.openedAt,
    openUntil: circuit.openUntil,
    coolDownMs: circuit.coolDownMs,
    diagnosis: appRejectedError(circuit, describeCredential(engine, slot.keys.secretFingerprint)).message,
  };
}

/**
 * Whether a process is minting: the store contract has no read of a lease, so the lease is taken for
 * one round trip and released at once. A minter that tries in that moment waits for the token record
 * to change, as it would for any other holder: the check never causes a mint.
 */
async function leaseState(engine: Engine, slot: Slot): Promise<Guarded<"free" | "held">> {
  const lease = await engine.store.acquireLease(slot.keys.lease, engine.holder, engine.options.leaseTtlMs);
  if (lease === UNAVAILABLE) return UNAVAILABLE;
  if (lease === null) return "held";
  await engine.store.releaseLease(lease);
  return "free";
}
