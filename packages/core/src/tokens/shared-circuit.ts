/**
 * The fleet's circuit in the store: reading it, opening it, marking a probe, closing it, and the gate
 * every caller passes while it is open. Every write to `slot.circuit` and every `appRejected` /
 * `appRecovered` event is here.
 *
 * While the circuit is open (DESIGN.md, "401 on a request"):
 * - callers fail fast with the diagnosis, without I/O, except that each process re-reads the record
 *   every `circuitRecheckMs`, so a recovery or an operator's reset reaches the whole fleet in seconds;
 * - one process in the fleet lets one real request through every `circuitProbeMs` with the newest
 *   token it has (no mint): the first answer that is not a 401 closes the circuit for everyone;
 * - when the cool-down ends, one process mints a probe token (half-open); its refusal reopens the
 *   circuit with a doubled cool-down.
 */
import { emit } from "../events.js";
import {
  appRejectedError,
  type CircuitLimits,
  type CircuitState,
  circuitTtl,
  decodeCircuit,
  encodeCircuit,
  isOpen,
  openState,
} from "./circuit.js";
import { describeCredential, type Engine } from "./engine.js";
import { known, UNAVAILABLE } from "./guarded-store.js";
import { asVerdict, forget, invalidate, readToken, reportCorrupt, type Slot } from "./slot.js";
import type { AccessToken, RejectionDetail } from "./types.js";

/** The bounds a circuit record is read within (a writer's clock is never trusted further). */
export function circuitLimits(engine: Engine): CircuitLimits {
  return { coolDownMs: engine.options.circuitCoolDownMs, maxCoolDownMs: engine.options.circuitMaxCoolDownMs };
}

function who(engine: Engine, slot: Slot): string {
  return describeCredential(engine, slot.keys.secretFingerprint);
}

/** Sets this process's view of the circuit and reports what changed, so per-process hooks (a gauge) pair up. */
function learn(engine: Engine, slot: Slot, circuit: CircuitState | undefined): void {
  const known = slot.circuit;
  slot.circuit = circuit;
  const credential = slot.keys.credential;
  if (known && !circuit) {
    // The app works again: refusals from before say nothing about the tokens now in the store.
    slot.rejected.length = 0;
    emit(engine.hooks, "appRecovered", { credential });
  }
  if (circuit?.state === "open" && circuit.tag !== known?.tag) {
    // A token was refused just now: the first probe request waits one interval.
    slot.nextProbeAt = engine.now() + engine.options.circuitProbeMs;
    emit(engine.hooks, "appRejected", {
      credential,
      error: appRejectedError(circuit, who(engine, slot)),
      coolDownMs: circuit.coolDownMs,
      openUntil: circuit.openUntil,
    });
  }
}

/** Reads the shared circuit; while the store is unavailable this process's own view stands. */
export async function readCircuit(engine: Engine, slot: Slot): Promise<CircuitState | undefined> {
  const record = await engine.store.get(slot.keys.circuit);
  const now = engine.now();
  slot.circuitReadAt = now;
  if (record === UNAVAILABLE) return slot.circuit;
  let circuit = decodeCircuit(engine.codec, slot.keys.circuit, record, now, circuitLimits(engine));
  if (circuit === "corrupt") {
    if (record) reportCorrupt(engine, slot, slot.keys.circuit, record);
    circuit = undefined;
  }
  // Clamped against each reader's clock: re-reading the same record never pushes its end further out.
  const previous = slot.circuit;
  if (circuit && previous?.tag === circuit.tag && previous.openUntil < circuit.openUntil) {
    circuit = { ...circuit, openUntil: previous.openUntil };
  }
  learn(engine, slot, circuit);
  return circuit;
}

/** Fails fast, without I/O, while this process knows the circuit is open. */
export function throwIfOpen(engine: Engine, slot: Slot): void {
  if (!isOpen(slot.circuit, engine.now())) return;
  engine.counters.fastFailures += 1;
  throw appRejectedError(slot.circuit, who(engine, slot));
}

/**
 * The gate for a caller that needs a token while this process believes the circuit is open: re-reads
 * the record when due (it may have closed), then either hands this one caller a probe token or throws
 * the diagnosis. Resolves `undefined` when the circuit is no longer open (go on as usual).
 */
export async function passCircuit(engine: Engine, slot: Slot): Promise<AccessToken | undefined> {
  if (engine.now() - slot.circuitReadAt >= engine.options.circuitRecheckMs) {
    await slot.circuitRead.join(() => readCircuit(engine, slot));
  }
  if (!isOpen(slot.circuit, engine.now())) return undefined;
  const probe = await probeRequest(engine, slot);
  if (probe) return probe;
  throwIfOpen(engine, slot);
  return undefined;
}

/**
 * One request through the open circuit with the newest token this process knows (the store's, or the
 * last one it held, refused or not), at most once per `circuitProbeMs` fleet-wide: the right to send
 * it is a store record that lives that long. A process that cannot reach the store probes on its own.
 */
async function probeRequest(engine: Engine, slot: Slot): Promise<AccessToken | undefined> {
  const now = engine.now();
  if (now < slot.nextProbeAt) return undefined;
  slot.nextProbeAt = now + engine.options.circuitProbeMs;
  const { found } = await readToken(engine, slot);
  const candidates = [found?.token, slot.lastToken].filter(
    (token): token is AccessToken => token !== undefined && token.expiresAt > engine.now(),
  );
  const newest = candidates.sort((a, b) => b.mintedAt - a.mintedAt)[0];
  if (!newest) return undefined;
  const claim = await engine.store.compareAndSet(
    slot.keys.probe,
    0,
    { value: engine.codec.encodeJson({ by: engine.holder }, slot.keys.probe), tag: engine.holder },
    engine.options.circuitProbeMs,
  );
  if (claim === null) return undefined;
  // A copy: `accepted` recognises this very object, never a request that was already on its way.
  const probe: AccessToken = { ...newest };
  slot.probes.add(probe);
  engine.counters.probeRequests += 1;
  return probe;
}

/** True when `token` was handed to a probe request. */
export function isProbeRequest(slot: Slot, token: AccessToken): boolean {
  return slot.probes.has(token);
}

/** True when `token` is the probe minted after a cool-down (its refusal reopens the circuit at once). */
export function isProbeMint(slot: Slot, token: AccessToken): boolean {
  return slot.circuit?.probe === token.fingerprint;
}

/**
 * True when the API taking `token` shows the app is accepted again: `token` went out as a probe
 * request, or is the probe mint, or the cool-down is over (only then do ordinary requests go out
 * again). During the cool-down any other answer proves nothing: it may be a request that was on its
 * way when the app was refused.
 */
export function provesRecovery(slot: Slot, token: AccessToken, now: number): boolean {
  const circuit = slot.circuit;
  if (!circuit) return false;
  return slot.probes.has(token) || circuit.probe === token.fingerprint || now >= circuit.openUntil;
}

/** A probe request was refused: the app is still refused. The circuit stays as it is (no doubling). */
export function probeRefused(engine: Engine, slot: Slot, token: AccessToken, circuit: CircuitState): never {
  slot.probes.delete(token);
  engine.counters.fastFailures += 1;
  throw appRejectedError(circuit, who(engine, slot));
}

/**
 * Opens the shared circuit (once per slot at a time) for the refused `token`, and throws
 * `app_rejected`. The circuit record is written first and the token deleted from the store after it,
 * so a process that finds the token gone finds the circuit open (it would mint otherwise).
 */
export function openCircuit(
  engine: Engine,
  slot: Slot,
  token: AccessToken,
  detail: RejectionDetail,
): Promise<never> {
  forget(slot, token);
  return slot.opening.join(() =>
    asVerdict(
      slot,
      (async () => {
        const state = await writeOpen(engine, slot, detail);
        await invalidate(engine, slot, token);
        throw appRejectedError(state, who(engine, slot));
      })(),
    ),
  );
}

/** Writes the open circuit, or learns the one another process opened already; resolves the fleet's state. */
async function writeOpen(engine: Engine, slot: Slot, detail: RejectionDetail): Promise<CircuitState> {
  const record = await engine.store.get(slot.keys.circuit);
  const now = engine.now();
  const decoded =
    record === UNAVAILABLE
      ? slot.circuit
      : decodeCircuit(engine.codec, slot.keys.circuit, record, now, circuitLimits(engine));
  const previous = decoded === "corrupt" ? undefined : decoded;
  if (isOpen(previous, now)) {
    // Another process opened it already: the fleet shares its state.
    learn(engine, slot, previous);
    engine.counters.fastFailures += 1;
    return previous;
  }
  let state = openState(previous, detail, now, circuitLimits(engine));
  const expected = record === UNAVAILABLE ? 0 : (record?.generation ?? 0);
  const written = await engine.store.compareAndSet(
    slot.keys.circuit,
    expected,
    encodeCircuit(engine.codec, slot.keys.circuit, state),
    circuitTtl(state, now, engine.options.circuitMaxCoolDownMs),
  );
  if (written === null) {
    // Another process opened it between our read and our write: use its state.
    const theirs = known(await engine.store.get(slot.keys.circuit), null);
    const decodedTheirs = decodeCircuit(
      engine.codec,
      slot.keys.circuit,
      theirs,
      engine.now(),
      circuitLimits(engine),
    );
    if (decodedTheirs !== "corrupt" && decodedTheirs?.state === "open") state = decodedTheirs;
  } else if (written !== UNAVAILABLE) {
    state = { ...state, generation: written.generation };
  }
  slot.circuitReadAt = engine.now();
  learn(engine, slot, state);
  engine.counters.circuitOpened += 1;
  return state;
}

/** After a probe mint: the circuit is half-open, and names the probe token so its refusal reopens at once. */
export async function markProbe(engine: Engine, slot: Slot, probe: AccessToken): Promise<void> {
  const previous = slot.circuit;
  if (!previous) return;
  const next: CircuitState = { ...previous, state: "half-open", probe: probe.fingerprint };
  const written = await engine.store.compareAndSet(
    slot.keys.circuit,
    previous.generation,
    encodeCircuit(engine.codec, slot.keys.circuit, next),
    circuitTtl(next, engine.now(), engine.options.circuitMaxCoolDownMs),
  );
  slot.circuit =
    written !== UNAVAILABLE && written !== null ? { ...next, generation: written.generation } : next;
}

/**
 * The API accepted a probe (request or mint), or, for pipelines that never say so, the probe's token
 * went unrefused for `circuitConfirmMs` after the cool-down: the circuit closes (the record is removed
 * only if it is still the one this process saw) and the cool-down resets. Forgetting the circuit
 * locally first makes a second call a no-op, so `appRecovered` fires once.
 */
export async function confirmRecovery(engine: Engine, slot: Slot): Promise<void> {
  const circuit = slot.circuit;
  if (!circuit) return;
  learn(engine, slot, undefined);
  await engine.store.compareAndDelete(slot.keys.circuit, circuit.tag);
}

/**
 * An operator's reset (`fleet.resetCircuit()`): removes the fleet's circuit record, whatever its state,
 * so every process finds it closed at its next re-read (`circuitRecheckMs`) and tokens are minted again
 * at once. Resolves the state that was removed (`"corrupt"` for a record that did not decode),
 * `undefined` when it was already closed, or `UNAVAILABLE` when the store did not answer.
 */
export async function resetCircuit(
  engine: Engine,
  slot: Slot,
): Promise<CircuitState | "corrupt" | undefined | typeof UNAVAILABLE> {
  // A record rewritten between our read and our delete (a probe marked, a reopening) is read again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = await engine.store.get(slot.keys.circuit);
    if (record === UNAVAILABLE) return UNAVAILABLE;
    if (!record) {
      slot.circuitReadAt = engine.now();
      learn(engine, slot, undefined);
      return undefined;
    }
    const removed = decodeCircuit(
      engine.codec,
      slot.keys.circuit,
      record,
      engine.now(),
      circuitLimits(engine),
    );
    const deleted = await engine.store.compareAndDelete(slot.keys.circuit, record.tag);
    if (deleted === UNAVAILABLE) return UNAVAILABLE;
    if (deleted) {
      slot.circuitReadAt = engine.now();
      learn(engine, slot, undefined);
      return removed;
    }
  }
  return UNAVAILABLE;
}
