/**
 * The slow path: get a token when this process's copy is missing, unusable, due for refresh, or being
 * replaced. Order (DESIGN.md "Token engine: the rules"): read the store; respect the shared circuit and
 * the fleet's backoff; take the lease (one minter per credential across the fleet); double-check after
 * taking it; mint; write with compare-and-set on the generation read. Without the lease, wait for the
 * store to change (the holder renews its lease while it mints; a dead holder's lease soon expires and
 * another process takes over). A failing store falls back to minting in this process.
 */
import { ZoomAuthError } from "../errors.js";
import type { MintReason } from "../events.js";
import { inSpan } from "../telemetry/otel.js";
import { describeCredential, type Engine } from "./engine.js";
import { known, UNAVAILABLE } from "./guarded-store.js";
import { type HeldLease, LeaseLostError, takeLease } from "./lease.js";
import { checkBudget, countMint, mint, mintReason, reportMint } from "./mint.js";
import { readFailure, throwIfBackingOff } from "./mint-backoff.js";
import { backoffError } from "./mint-failure.js";
import { markProbe, readCircuit, throwIfOpen } from "./shared-circuit.js";
import {
  type AcquireMode,
  adopt,
  awaitVerdicts,
  cacheToken,
  goodEnough,
  readToken,
  type Slot,
  waitForTokenChange,
} from "./slot.js";
import type { AccessToken, StoreRecord } from "./types.js";

/** What is asked of one acquire. */
export interface AcquireRequest {
  readonly mode: AcquireMode;
  /** Why a mint would happen, when the caller knows better than the mode. */
  readonly hint?: MintReason;
  /** A token that must not be returned (the one a fresh token replaces). */
  readonly replacing?: string;
}

/** The span of one request to the token endpoint. */
const MINT = "zoomkit.token.mint";

/** A mint span's attributes: why, for which credential (its fingerprint), and whether the store was skipped. */
function mintAttributes(slot: Slot, reason: MintReason, local: boolean) {
  return {
    "zoomkit.mint.reason": reason,
    "zoomkit.credential": slot.keys.credential,
    "zoomkit.token.local": local,
  };
}

/**
 * Read the store again: the lease was lost during the mint (the new holder is minting), or a second
 * refusal is being diagnosed in this process (its verdict comes first: the circuit, or a newer token).
 */
const AGAIN: unique symbol = Symbol("again");

/**
 * Resolves a token for `slot`. In `refresh` mode it resolves `undefined` when no fresh token can be had
 * now (another process holds the lease, or the fleet is backing off); the current token stays in use.
 */
export async function acquire(
  engine: Engine,
  slot: Slot,
  request: AcquireRequest,
): Promise<AccessToken | undefined> {
  const { leaseTtlMs, mintTimeoutMs } = engine.options;
  const patience = 2 * leaseTtlMs + mintTimeoutMs;
  const deadline = engine.now() + patience;
  let pollMs = 10;
  for (;;) {
    if (request.mode === "refresh" && slot.verdicts.size > 0) return undefined;
    await awaitVerdicts(slot);
    throwIfOpen(engine, slot);
    if (request.mode === "refresh" && slot.failure && engine.now() < slot.failure.retryAt) return undefined;
    throwIfBackingOff(engine, slot);
    if (engine.store.skipping()) return mintLocally(engine, slot, request);
    const { record, found } = await readToken(engine, slot);
    if (record === undefined) return mintLocally(engine, slot, request);
    if (goodEnough(engine, found, request.mode, request.replacing)) {
      engine.counters.hits.store += 1;
      return found.token;
    }
    const circuit = await readCircuit(engine, slot);
    throwIfOpen(engine, slot);
    const lease = await takeLease(engine, slot.keys.lease, engine.leases);
    if (lease === UNAVAILABLE) return mintLocally(engine, slot, request);
    if (lease) {
      const reason = mintReason(slot, request.mode === "refresh", request.hint, circuit?.state === "open");
      const result = await mintUnderLease(engine, slot, lease, record, request, reason);
      if (result !== AGAIN) return result;
      // Another process took the lease over (or a verdict is pending here): a moment before reading again.
      await waitForTokenChange(engine, slot, record?.generation ?? 0, pollMs);
      continue;
    }
    if (request.mode === "refresh") return undefined;
    engine.counters.leaseWaits += 1;
    const generation = record?.generation ?? 0;
    await inSpan("zoomkit.token.lease_wait", { "zoomkit.token.poll_ms": pollMs }, () =>
      waitForTokenChange(engine, slot, generation, pollMs),
    );
    pollMs = Math.min(pollMs * 2, 250);
    if (engine.closing.aborted) throw engine.closing.reason;
    if (engine.now() > deadline) {
      throw new ZoomAuthError(
        "token_endpoint_unavailable",
        `No token for ${describeCredential(engine, slot.keys.secretFingerprint)} after waiting ${patience} ms for another process's mint. Check the token store's health and the lease time-to-live (leaseTtlMs).`,
      );
    }
  }
}

async function mintUnderLease(
  engine: Engine,
  slot: Slot,
  held: HeldLease,
  read: StoreRecord | null,
  request: AcquireRequest,
  reason: MintReason,
): Promise<AccessToken | undefined | typeof AGAIN> {
  try {
    // Double-check: another process may have written a fresh token between our read and our lease.
    const again = await engine.store.get(slot.keys.token);
    const current = again === UNAVAILABLE ? read : again;
    const found = again === UNAVAILABLE ? undefined : adopt(engine, slot, again);
    if (goodEnough(engine, found, request.mode, request.replacing)) {
      engine.counters.hits.store += 1;
      return found.token;
    }
    // ...or opened the circuit (a probe refused just now): then nobody but a probe may mint.
    if (reason !== "probe") {
      const circuit = await readCircuit(engine, slot);
      throwIfOpen(engine, slot);
      if (circuit?.state === "open") reason = "probe";
    }
    // ...or failed to mint: the fleet waits before the next request to the token endpoint.
    const failure = await readFailure(engine, slot);
    if (failure && engine.now() < failure.retryAt) {
      if (request.mode === "refresh") return undefined;
      throw backoffError(failure);
    }
    // Never minted over a token this process is diagnosing: the verdict may be the circuit.
    if (slot.verdicts.size > 0) return AGAIN;
    await checkBudget(engine, slot);
    const started = engine.now();
    const minted = await inSpan(MINT, mintAttributes(slot, reason, false), () =>
      mint(engine, slot, held.lost),
    );
    await countMint(engine, slot, false);
    const outcome = await publish(engine, slot, minted, current?.generation ?? 0);
    const recorded = outcome.written ? { ...minted, generation: outcome.written.generation } : minted;
    if (reason === "probe") await markProbe(engine, slot, minted);
    reportMint(engine, slot, recorded, reason, started);
    return cacheToken(engine, slot, outcome.theirs ?? recorded).token;
  } catch (error) {
    if (held.lost.reason instanceof LeaseLostError) return AGAIN;
    throw error;
  } finally {
    await held.release();
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
    const ttl = Math.max(1, minted.expiresAt - engine.now());
    const written = await engine.store.compareAndSet(slot.keys.token, expected, next, ttl);
    if (written === UNAVAILABLE) return {};
    if (written !== null) return { written };
    const now = known(await engine.store.get(slot.keys.token), null);
    const theirs = adopt(engine, slot, now);
    if (goodEnough(engine, theirs, "blocking")) return { theirs: theirs.token };
    expected = now?.generation ?? 0;
  }
  return {};
}

/** Degraded mode: mint in this process (still single-flight: callers share the slot's run). */
async function mintLocally(engine: Engine, slot: Slot, request: AcquireRequest): Promise<AccessToken> {
  throwIfOpen(engine, slot);
  throwIfBackingOff(engine, slot);
  const reason = mintReason(slot, request.mode === "refresh", request.hint, false);
  await checkBudget(engine, slot, true);
  const started = engine.now();
  const token = await inSpan(MINT, mintAttributes(slot, reason, true), () =>
    mint(engine, slot, engine.closing),
  );
  await countMint(engine, slot, true);
  reportMint(engine, slot, token, reason, started);
  return cacheToken(engine, slot, token).token;
}
