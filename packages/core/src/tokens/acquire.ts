/**
 * The slow path: get a token when this process's copy is missing, unusable, or due for refresh.
 * Order (DESIGN.md "Token engine: the rules"): read the store; respect the shared circuit; take the
 * lease (one minter per credential across the fleet); double-check after taking it; mint; write with
 * compare-and-set on the generation read. Without the lease, wait for the store to change (bounded by
 * the lease's time-to-live, then take over). A failing store falls back to minting in this process.
 */
import { ZoomAuthError } from "../errors.js";
import { emit, type MintReason } from "../events.js";
import { appRejectedError, type CircuitState, decodeCircuit, encodeCircuit } from "./circuit.js";
import { type Cached, describeCredential, type Engine, type Slot } from "./engine.js";
import { budgetExhaustedError, HOUR_MS } from "./mint-budget.js";
import { mintToken } from "./oauth.js";
import { refreshTimes } from "./refresh-policy.js";
import { UNAVAILABLE } from "./store-guard.js";
import type { AccessToken, StoreLease, StoreRecord } from "./types.js";

/** `blocking`: a caller needs a usable token. `refresh`: keep the current one unless a fresh one can be had. */
export type AcquireMode = "blocking" | "refresh";

/** Longest single wait for another process, so a released (not written) lease is noticed. */
const MAX_WAIT_SLICE_MS = 1_000;

/** Installs `token` as this process's copy, unless a longer-lived one is already there. */
export function cacheToken(engine: Engine, slot: Slot, token: AccessToken): Cached {
  const current = slot.cached;
  if (current && current.token.expiresAt > token.expiresAt && current.usableUntil > engine.now())
    return current;
  const times = refreshTimes(token);
  // After a circuit opened, the first token is a probe: this process confirms recovery at confirmAt.
  const confirmAt = slot.circuit ? circuitConfirmAt(engine, slot.circuit) : Number.POSITIVE_INFINITY;
  const cached: Cached = { token, ...times, checkAt: Math.min(times.refreshAt, confirmAt) };
  slot.cached = cached;
  slot.hadToken = true;
  return cached;
}

export function circuitConfirmAt(engine: Engine, circuit: CircuitState): number {
  return circuit.openUntil + engine.options.circuitConfirmMs;
}

/** Fails fast, without I/O, while this process knows the circuit is open or the credentials are wrong. */
export function throwIfBlocked(engine: Engine, slot: Slot): void {
  const now = engine.now();
  if (slot.invalid && now < slot.invalid.until) throw slot.invalid.error;
  const circuit = slot.circuit;
  if (circuit?.state === "open" && now < circuit.openUntil) {
    engine.counters.fastFailures += 1;
    throw appRejectedError(circuit, describeCredential(engine, slot));
  }
}

/** Decodes a store record into this process's copy. Corrupt or foreign records are counted and ignored. */
function adopt(engine: Engine, slot: Slot, record: StoreRecord | null): Cached | undefined {
  if (!record || slot.rejected.includes(record.tag)) return undefined;
  const decoded = engine.codec.decodeToken(record.value, slot.keys.token);
  if (!decoded || decoded.fingerprint !== record.tag) {
    // Reported once per record, however often it is read before it is replaced.
    if (slot.corruptGeneration !== record.generation) engine.counters.corruptRecords += 1;
    slot.corruptGeneration = record.generation;
    slot.sawCorrupt = true;
    return undefined;
  }
  return cacheToken(engine, slot, { ...decoded, generation: record.generation });
}

function goodEnough(engine: Engine, cached: Cached | undefined, mode: AcquireMode): cached is Cached {
  if (!cached) return false;
  const now = engine.now();
  return mode === "blocking" ? now < cached.usableUntil : now < cached.refreshAt;
}

function mintReason(
  slot: Slot,
  mode: AcquireMode,
  hint: MintReason | undefined,
  probing: boolean,
): MintReason {
  if (probing) return "probe";
  if (slot.sawCorrupt) return "corrupt";
  if (hint) return hint;
  return mode === "refresh" || slot.hadToken ? "refresh" : slot.firstReason;
}

/** Reads the shared circuit; while the store is unavailable this process's own view stands. */
async function readCircuit(engine: Engine, slot: Slot): Promise<CircuitState | undefined> {
  const record = await engine.guard.call("get", (s) => s.get(slot.keys.circuit));
  if (record === UNAVAILABLE) return slot.circuit;
  const circuit = decodeCircuit(engine.codec, slot.keys.circuit, record);
  const known = slot.circuit;
  slot.circuit = circuit;
  // Every process reports what it learns from the store, so per-process hooks (a metrics gauge) pair up.
  const credential = slot.keys.credential;
  if (known && !circuit) emit(engine.hooks, "appRecovered", { credential });
  if (circuit?.state === "open" && circuit.tag !== known?.tag) {
    const error = appRejectedError(circuit, describeCredential(engine, slot));
    emit(engine.hooks, "appRejected", {
      credential,
      error,
      coolDownMs: circuit.coolDownMs,
      openUntil: circuit.openUntil,
    });
  }
  return circuit;
}

/**
 * Resolves a token for `slot`. In `refresh` mode it resolves `undefined` when another process holds
 * the lease (that process is refreshing; the current token stays in use).
 */
export async function acquire(
  engine: Engine,
  slot: Slot,
  mode: AcquireMode,
  hint?: MintReason,
): Promise<AccessToken | undefined> {
  const { leaseTtlMs, mintTimeoutMs } = engine.options;
  const deadline = engine.now() + 2 * leaseTtlMs + mintTimeoutMs;
  let pollMs = 10;
  for (;;) {
    throwIfBlocked(engine, slot);
    if (engine.guard.skipping()) return mintLocally(engine, slot, mode, hint);
    const read = await engine.guard.call("get", (s) => s.get(slot.keys.token));
    if (read === UNAVAILABLE) return mintLocally(engine, slot, mode, hint);
    const found = adopt(engine, slot, read);
    if (goodEnough(engine, found, mode)) {
      engine.counters.hits.store += 1;
      return found.token;
    }
    const circuit = await readCircuit(engine, slot);
    throwIfBlocked(engine, slot);
    const probing = circuit?.state === "open";
    const lease = await engine.guard.call("acquireLease", (s) =>
      s.acquireLease(slot.keys.lease, engine.holder, leaseTtlMs),
    );
    if (lease === UNAVAILABLE) return mintLocally(engine, slot, mode, hint);
    if (lease) return mintUnderLease(engine, slot, lease, read, mode, mintReason(slot, mode, hint, probing));
    if (mode === "refresh") return undefined;
    engine.counters.leaseWaits += 1;
    await waitForChange(engine, slot, read?.generation ?? 0, pollMs);
    pollMs = Math.min(pollMs * 2, 250);
    if (engine.now() > deadline) {
      throw new ZoomAuthError(
        "token_endpoint_unavailable",
        `No token for ${describeCredential(engine, slot)} after waiting ${2 * leaseTtlMs + mintTimeoutMs} ms for another process's mint. Check the token store's health and the lease time-to-live (leaseTtlMs).`,
      );
    }
  }
}

/** Waits for another process's write: the store's notification when it has one, else a poll interval. */
async function waitForChange(engine: Engine, slot: Slot, generation: number, pollMs: number): Promise<void> {
  const { store } = engine;
  if (store.waitForChange && store.capabilities.notifications) {
    const slice = Math.min(MAX_WAIT_SLICE_MS, engine.options.leaseTtlMs);
    const waited = await engine.guard.call(
      "waitForChange",
      (s) => s.waitForChange!(slot.keys.token, generation, slice),
      slice + engine.options.mintTimeoutMs,
    );
    if (waited !== UNAVAILABLE) return;
  }
  await new Promise((resolve) => setTimeout(resolve, pollMs));
}

async function mintUnderLease(
  engine: Engine,
  slot: Slot,
  lease: StoreLease,
  read: StoreRecord | null,
  mode: AcquireMode,
  reason: MintReason,
): Promise<AccessToken> {
  try {
    // Double-check: another process may have written a fresh token between our read and our lease.
    const again = await engine.guard.call("get", (s) => s.get(slot.keys.token));
    const current = again === UNAVAILABLE ? read : again;
    const found = again === UNAVAILABLE ? undefined : adopt(engine, slot, again);
    if (goodEnough(engine, found, mode)) {
      engine.counters.hits.store += 1;
      return found.token;
    }
    // ...or opened the circuit (a probe refused just now): then nobody but a probe may mint.
    if (reason !== "probe") {
      const circuit = await readCircuit(engine, slot);
      throwIfBlocked(engine, slot);
      if (circuit?.state === "open") reason = "probe";
    }
    await checkBudget(engine, slot);
    const started = engine.now();
    const minted = await mint(engine, slot);
    const counted = await engine.guard.call("recordEvent", (s) => s.recordEvent(slot.keys.mints, HOUR_MS));
    engine.counters.mintsLastHour = counted === UNAVAILABLE ? engine.localMints.count() : counted;
    const outcome = await publish(engine, slot, minted, current?.generation ?? 0);
    const recorded = outcome.written ? { ...minted, generation: outcome.written.generation } : minted;
    if (reason === "probe") await markProbe(engine, slot, minted);
    finishMint(engine, slot, recorded, reason, started);
    const token = outcome.theirs ?? recorded;
    return cacheToken(engine, slot, token).token;
  } finally {
    await engine.guard.call("releaseLease", (s) => s.releaseLease(lease));
  }
}

/**
 * Writes the minted token with compare-and-set on the generation read. When the generation moved, the
 * store decides: a usable token there (a stalled holder's or a degraded process's) is the fleet's token,
 * so one token per credential still holds; if the record merely expired or was deleted meanwhile, the
 * write is tried once more on the generation now there.
 */
async function publish(
  engine: Engine,
  slot: Slot,
  minted: AccessToken,
  generation: number,
): Promise<{ written?: StoreRecord; theirs?: AccessToken }> {
  const next = { value: engine.codec.encodeToken(minted, slot.keys.token), tag: minted.fingerprint };
  let expected = generation;
  for (let attempt = 0; attempt < 2; attempt++) {
    const written = await engine.guard.call("compareAndSet", (s) =>
      s.compareAndSet(slot.keys.token, expected, next, Math.max(1, minted.expiresAt - engine.now())),
    );
    if (written === UNAVAILABLE) return {};
    if (written !== null) return { written };
    const now = await orNull(engine.guard.call("get", (s) => s.get(slot.keys.token)));
    const theirs = adopt(engine, slot, now);
    if (goodEnough(engine, theirs, "blocking")) return { theirs: theirs.token };
    expected = now?.generation ?? 0;
  }
  return {};
}

async function orNull<T>(value: Promise<T | typeof UNAVAILABLE>): Promise<T | null> {
  const v = await value;
  return v === UNAVAILABLE ? null : v;
}

/** Degraded mode: mint in this process (still single-flight: callers share the slot's promise). */
async function mintLocally(
  engine: Engine,
  slot: Slot,
  mode: AcquireMode,
  hint: MintReason | undefined,
): Promise<AccessToken> {
  throwIfBlocked(engine, slot);
  const reason = mintReason(slot, mode, hint, false);
  const count = engine.localMints.count();
  if (count >= engine.options.mintBudgetPerHour) {
    throw budgetExhaustedError(count, engine.options.mintBudgetPerHour, describeCredential(engine, slot));
  }
  const started = engine.now();
  const token = await mint(engine, slot);
  engine.counters.mintsLastHour = engine.localMints.count();
  finishMint(engine, slot, token, reason, started);
  return cacheToken(engine, slot, token).token;
}

async function checkBudget(engine: Engine, slot: Slot): Promise<void> {
  const counted = await engine.guard.call("countEvents", (s) => s.countEvents(slot.keys.mints, HOUR_MS));
  const count = counted === UNAVAILABLE ? engine.localMints.count() : counted;
  engine.counters.mintsLastHour = count;
  if (count >= engine.options.mintBudgetPerHour) {
    throw budgetExhaustedError(count, engine.options.mintBudgetPerHour, describeCredential(engine, slot));
  }
}

/** One request to the token endpoint. Wrong credentials are remembered for this secret. */
async function mint(engine: Engine, slot: Slot): Promise<AccessToken> {
  const { options } = engine;
  try {
    const token = await mintToken({
      credentials: { accountId: options.accountId, clientId: options.clientId, clientSecret: slot.secret },
      oauthUrl: options.oauthUrl,
      fetch: options.fetch,
      timeoutMs: options.mintTimeoutMs,
      now: engine.now,
    });
    engine.localMints.record();
    return token;
  } catch (error) {
    if (error instanceof ZoomAuthError && error.code === "invalid_credentials") {
      slot.invalid = { error, until: engine.now() + options.invalidCredentialsCoolDownMs };
    }
    throw error;
  }
}

function finishMint(
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

/** After a probe mint: the circuit is half-open, and names the probe token so its refusal reopens at once. */
async function markProbe(engine: Engine, slot: Slot, probe: AccessToken): Promise<void> {
  const previous = slot.circuit;
  if (!previous) return;
  const next: CircuitState = { ...previous, state: "half-open", probe: probe.fingerprint };
  const written = await engine.guard.call("compareAndSet", (s) =>
    s.compareAndSet(
      slot.keys.circuit,
      previous.generation,
      encodeCircuit(engine.codec, slot.keys.circuit, next),
      circuitTtl(engine, next),
    ),
  );
  slot.circuit =
    written !== UNAVAILABLE && written !== null ? { ...next, generation: written.generation } : next;
}

/** The circuit record outlives its cool-down, so the next opening remembers it and doubles. */
export function circuitTtl(engine: Engine, state: CircuitState): number {
  return Math.max(1, state.openUntil - engine.now()) + 2 * engine.options.circuitMaxCoolDownMs;
}

/**
 * A token that another mint put in place after `refused`, if there is one or one is being minted right
 * now. Under Zoom's invalidate-previous model a newer mint is exactly what revokes a token minted
 * moments ago, so that refusal says nothing about the app. Store generations order the mints (clocks of
 * different hosts may disagree); this never mints.
 */
export async function newerToken(
  engine: Engine,
  slot: Slot,
  refused: AccessToken,
): Promise<AccessToken | undefined> {
  const isNewer = (cached: Cached | undefined): cached is Cached =>
    cached !== undefined &&
    cached.token.fingerprint !== refused.fingerprint &&
    (cached.token.generation > refused.generation || cached.token.mintedAt > refused.mintedAt) &&
    engine.now() < cached.usableUntil;
  if (isNewer(slot.cached)) return slot.cached.token;
  const deadline = engine.now() + engine.options.leaseTtlMs + engine.options.mintTimeoutMs;
  let pollMs = 10;
  for (;;) {
    const read = await engine.guard.call("get", (s) => s.get(slot.keys.token));
    if (read === UNAVAILABLE) return undefined;
    const found = adopt(engine, slot, read);
    if (isNewer(found)) return found.token;
    // Another process may have diagnosed the app meanwhile: its verdict ends the search at once.
    await readCircuit(engine, slot);
    throwIfBlocked(engine, slot);
    // A free lease means nobody is minting: there is no newer token to wait for.
    const lease = await engine.guard.call("acquireLease", (s) =>
      s.acquireLease(slot.keys.lease, engine.holder, engine.options.leaseTtlMs),
    );
    if (lease === UNAVAILABLE) return undefined;
    if (lease) {
      try {
        // Double-check: the holder may have written between our read and our lease.
        const again = await engine.guard.call("get", (s) => s.get(slot.keys.token));
        const written = again === UNAVAILABLE ? undefined : adopt(engine, slot, again);
        return isNewer(written) ? written.token : undefined;
      } finally {
        await engine.guard.call("releaseLease", (s) => s.releaseLease(lease));
      }
    }
    if (engine.now() > deadline) return undefined;
    await waitForChange(engine, slot, read?.generation ?? 0, pollMs);
    pollMs = Math.min(pollMs * 2, 250);
  }
}
