/**
 * What a 401 does (DESIGN.md "401 on a request"): the refused token is deleted from the store only if
 * it is still the current one (compare-and-delete by fingerprint), the current token is fetched (or
 * minted once), and the request is retried once. A token minted moments ago refused again means the
 * app is refused: the shared circuit opens, every caller fails fast with the diagnosis.
 */
import { emit } from "../events.js";
import { circuitTtl } from "./acquire.js";
import { appRejectedError, type CircuitState, decodeCircuit, encodeCircuit, openState } from "./circuit.js";
import { describeCredential, type Engine, type Slot } from "./engine.js";
import { UNAVAILABLE } from "./store-guard.js";
import type { AccessToken, RejectionDetail } from "./types.js";

/** How many refused fingerprints a slot remembers (never adopted again from the store). */
const REJECTED_MEMORY = 16;

/**
 * Forgets `token` in this process and in the store (if it is still the store's token). Synchronous
 * part first, so a concurrent caller never adopts the refused token again.
 */
export async function invalidate(engine: Engine, slot: Slot, token: AccessToken): Promise<void> {
  if (!slot.rejected.includes(token.fingerprint)) {
    slot.rejected.push(token.fingerprint);
    if (slot.rejected.length > REJECTED_MEMORY) slot.rejected.shift();
  }
  if (slot.cached?.token.fingerprint === token.fingerprint) slot.cached = undefined;
  await engine.guard.call("compareAndDelete", (s) => s.compareAndDelete(slot.keys.token, token.fingerprint));
}

/** True when `token` was minted so recently that its refusal cannot be expiry or an older token's invalidation. */
export function isFresh(engine: Engine, token: AccessToken): boolean {
  return engine.now() - token.mintedAt <= engine.options.freshTokenMs;
}

/** True when `token` is the probe minted after a cool-down (its refusal reopens the circuit at once). */
export function isProbe(slot: Slot, token: AccessToken): boolean {
  return slot.circuit?.probe === token.fingerprint;
}

/**
 * True when the API taking `token` shows the app is accepted again: `token` is the probe, or the
 * cool-down is over (only then do requests go out again, so any token the API takes, even one cached
 * from before the opening, proves the app works). During the cool-down an answer proves nothing: it may
 * be a request that was on its way when the app was refused.
 */
export function provesRecovery(circuit: CircuitState, token: AccessToken, now: number): boolean {
  return circuit.probe === token.fingerprint || now >= circuit.openUntil;
}

/**
 * Opens the shared circuit (once per slot at a time) and throws `app_rejected`. If another process
 * opened it already, its state is used as it is.
 */
export function openCircuit(
  engine: Engine,
  slot: Slot,
  token: AccessToken,
  detail: RejectionDetail,
): Promise<never> {
  slot.opening ??= doOpen(engine, slot, token, detail).finally(() => {
    slot.opening = undefined;
  });
  return slot.opening;
}

async function doOpen(
  engine: Engine,
  slot: Slot,
  token: AccessToken,
  detail: RejectionDetail,
): Promise<never> {
  await invalidate(engine, slot, token);
  const who = describeCredential(engine, slot);
  const record = await engine.guard.call("get", (s) => s.get(slot.keys.circuit));
  const previous =
    record === UNAVAILABLE ? slot.circuit : decodeCircuit(engine.codec, slot.keys.circuit, record);
  const now = engine.now();
  if (previous?.state === "open" && now < previous.openUntil) {
    slot.circuit = previous;
    engine.counters.fastFailures += 1;
    throw appRejectedError(previous, who);
  }
  let state: CircuitState = openState(previous, detail, now, {
    coolDownMs: engine.options.circuitCoolDownMs,
    maxCoolDownMs: engine.options.circuitMaxCoolDownMs,
  });
  const expected = record === UNAVAILABLE ? 0 : (record?.generation ?? 0);
  const written = await engine.guard.call("compareAndSet", (s) =>
    s.compareAndSet(
      slot.keys.circuit,
      expected,
      encodeCircuit(engine.codec, slot.keys.circuit, state),
      circuitTtl(engine, state),
    ),
  );
  if (written === null) {
    // Another process opened it between our read and our write: the fleet shares its state.
    const theirs = await engine.guard.call("get", (s) => s.get(slot.keys.circuit));
    const decoded =
      theirs === UNAVAILABLE ? undefined : decodeCircuit(engine.codec, slot.keys.circuit, theirs);
    if (decoded?.state === "open") state = decoded;
  } else if (written !== UNAVAILABLE) {
    state = { ...state, generation: written.generation };
  }
  slot.circuit = state;
  engine.counters.circuitOpened += 1;
  const error = appRejectedError(state, who);
  emit(engine.hooks, "appRejected", {
    credential: slot.keys.credential,
    error,
    coolDownMs: state.coolDownMs,
    openUntil: state.openUntil,
  });
  throw error;
}

/**
 * The API accepted the probe's token (`accepted`), or, for pipelines that never say so, the probe's
 * token went unrefused for `circuitConfirmMs` after the cool-down: the circuit closes (the record is
 * removed only if it is still the one this process saw) and the cool-down resets. Forgetting the
 * circuit locally first makes a second call a no-op, so `appRecovered` fires once.
 */
export async function confirmRecovery(engine: Engine, slot: Slot): Promise<void> {
  const circuit = slot.circuit;
  if (!circuit) return;
  slot.circuit = undefined;
  await engine.guard.call("compareAndDelete", (s) => s.compareAndDelete(slot.keys.circuit, circuit.tag));
  emit(engine.hooks, "appRecovered", { credential: slot.keys.credential });
}
