/**
 * The slot: everything this process holds for one credential (account, client, secret fingerprint):
 * its copy of the token, its single-flight runs, and what it knows of the fleet's circuit and mint
 * failures. The operations on its token copy live here too.
 */
import type { MintReason } from "../events.js";
import type { CircuitState } from "./circuit.js";
import { confirmAt } from "./circuit.js";
import type { Engine } from "./engine.js";
import { createFlight, createKeyedFlight, type Flight, type KeyedFlight } from "./flight.js";
import { known, UNAVAILABLE } from "./guarded-store.js";
import type { CredentialKeys } from "./keys.js";
import type { MintFailure } from "./mint-failure.js";
import { refreshTimes } from "./refresh-policy.js";
import type { AccessToken, StoreRecord } from "./types.js";

/** How many refused fingerprints a slot remembers (never adopted again from the store). */
const REJECTED_MEMORY = 16;
/** Longest single wait for another process's write, so a lease released without a write (a failed mint) is noticed soon. */
const MAX_WAIT_SLICE_MS = 250;

/** This process's copy of a token and the moments that matter for it. */
export interface Cached {
  readonly token: AccessToken;
  readonly refreshAt: number;
  readonly usableUntil: number;
  /** The hot path returns the token without a second look before this moment. */
  checkAt: number;
}

export interface Slot {
  readonly keys: CredentialKeys;
  readonly secret: string;
  /** `cold` for the first credential, `rotation` for one that replaced another at run time. */
  readonly firstReason: MintReason;
  cached: Cached | undefined;
  /** The newest token this process has held, kept after a refusal: probe requests may try it again (never minted for). */
  lastToken: AccessToken | undefined;
  /** A blocking acquire: the callers that need a token now share it. */
  readonly acquiring: Flight<AccessToken>;
  /** The background refresh. */
  readonly refreshing: Flight<void>;
  /** Opening the circuit. */
  readonly opening: Flight<never>;
  /** Reading the circuit while it is open. */
  readonly circuitRead: Flight<CircuitState | undefined>;
  /** The search for a token newer than a refused one, by the refused token's fingerprint. */
  readonly newer: KeyedFlight<AccessToken | undefined>;
  /** Second refusals being diagnosed here: until they are decided, this process mints nothing. */
  readonly verdicts: Set<Promise<unknown>>;
  /** The fleet-wide scope re-check. */
  readonly scopeRecheck: Flight<AccessToken | undefined>;
  /** The circuit as this process last saw it. */
  circuit: CircuitState | undefined;
  /** When this process last read the circuit from the store. */
  circuitReadAt: number;
  /** The earliest this process tries to send a probe request again. */
  nextProbeAt: number;
  /** While the store is unavailable: no scope re-check from this process before this moment. */
  scopeCheckUntil: number;
  /** The token objects handed to probe requests: `accepted` of one of these very objects closes the circuit. */
  readonly probes: WeakSet<AccessToken>;
  /** The fleet's last mint failure, while it matters (before its `retryAt`, or until a mint succeeds). */
  failure: MintFailure | undefined;
  /** Fingerprints of tokens the API refused: never adopted again from the store. */
  readonly rejected: string[];
  /** The last replacement token (`replaces`) the API took here: its refusal is a first refusal again. */
  tookReplacement: string | undefined;
  /** A token record that did not decode was seen; the next mint says so. */
  sawCorrupt: boolean;
  /** Generation of the last corrupt record reported, by key (each is counted once, however often it is read). */
  readonly corrupt: Map<string, number>;
  /** This slot has held a token before (a later mint is a refresh). */
  hadToken: boolean;
  /** Generation of the last token record this process resealed with the first key (each once). */
  resealed: number;
}

export function createSlot(keys: CredentialKeys, secret: string, firstReason: MintReason): Slot {
  return {
    keys,
    secret,
    firstReason,
    cached: undefined,
    lastToken: undefined,
    acquiring: createFlight(),
    refreshing: createFlight(),
    opening: createFlight(),
    circuitRead: createFlight(),
    newer: createKeyedFlight(),
    verdicts: new Set(),
    scopeRecheck: createFlight(),
    circuit: undefined,
    circuitReadAt: 0,
    nextProbeAt: 0,
    scopeCheckUntil: 0,
    probes: new WeakSet(),
    failure: undefined,
    rejected: [],
    tookReplacement: undefined,
    sawCorrupt: false,
    corrupt: new Map(),
    hadToken: false,
    resealed: 0,
  };
}

/** Installs `token` as this process's copy, unless a longer-lived one is already there. */
export function cacheToken(engine: Engine, slot: Slot, token: AccessToken): Cached {
  const current = slot.cached;
  if (current && current.token.expiresAt > token.expiresAt && current.usableUntil > engine.now())
    return current;
  const times = refreshTimes(token, engine.options.refreshWindowMs);
  // After a circuit opened, the first token is a probe: this process confirms recovery at confirmAt.
  const confirm = slot.circuit
    ? confirmAt(slot.circuit, engine.options.circuitConfirmMs)
    : Number.POSITIVE_INFINITY;
  const cached: Cached = { token, ...times, checkAt: Math.min(times.refreshAt, confirm) };
  slot.cached = cached;
  if (!slot.lastToken || token.mintedAt >= slot.lastToken.mintedAt) slot.lastToken = token;
  slot.hadToken = true;
  return cached;
}

/** True when `candidate` was minted after `than`: store generations order mints (host clocks may disagree). */
export function isNewer(candidate: AccessToken, than: AccessToken): boolean {
  return (
    candidate.fingerprint !== than.fingerprint &&
    (candidate.generation > than.generation || candidate.mintedAt > than.mintedAt)
  );
}

/** Decodes a store record into this process's copy. Corrupt or foreign records are counted and ignored. */
export function adopt(engine: Engine, slot: Slot, record: StoreRecord | null): Cached | undefined {
  if (!record || slot.rejected.includes(record.tag)) return undefined;
  const decoded = engine.codec.decodeToken(record.value, slot.keys.token);
  if (!decoded || decoded.token.fingerprint !== record.tag) {
    reportCorrupt(engine, slot, slot.keys.token, record);
    slot.sawCorrupt = true;
    return undefined;
  }
  const token: AccessToken = { ...decoded.token, generation: record.generation };
  if (decoded.stale) void reseal(engine, slot, record, token);
  return cacheToken(engine, slot, token);
}

/**
 * Writes a token record that an older key sealed again with the first key (same token, same tag), so
 * the old key can be dropped once every process lists the new one first. Compare-and-set on the
 * generation read: a record changed meanwhile is left alone. Once per record; while a rotation is
 * rolling out, processes that list the keys in different orders may each reseal once per read (reads
 * happen on a cold start or a refresh, never on the hot path), and the token stays the same.
 */
async function reseal(engine: Engine, slot: Slot, record: StoreRecord, token: AccessToken): Promise<void> {
  if (slot.resealed === record.generation || engine.closing.aborted) return;
  slot.resealed = record.generation;
  const ttl = token.expiresAt - engine.now();
  if (ttl <= 0) return;
  const value = engine.codec.encodeToken(token, slot.keys.token);
  const written = await engine.store.compareAndSet(
    slot.keys.token,
    record.generation,
    { value, tag: record.tag },
    ttl,
  );
  if (written !== UNAVAILABLE && written !== null) engine.counters.resealedRecords += 1;
}

/** Counts a record that did not decode, once per record however often it is read before it is replaced. */
export function reportCorrupt(engine: Engine, slot: Slot, key: string, record: StoreRecord): void {
  if (slot.corrupt.get(key) === record.generation) return;
  slot.corrupt.set(key, record.generation);
  engine.counters.corruptRecords += 1;
}

/** Reads the store's token record and adopts it. `record` is `undefined` when the store was unavailable. */
export async function readToken(
  engine: Engine,
  slot: Slot,
): Promise<{ record: StoreRecord | null | undefined; found: Cached | undefined }> {
  const record = known(await engine.store.get(slot.keys.token), undefined);
  return { record, found: record === undefined ? undefined : adopt(engine, slot, record) };
}

/** `blocking`: a caller needs a usable token. `refresh`: keep the current one unless a fresh one can be had. */
export type AcquireMode = "blocking" | "refresh";

/** True when `cached` will do for `mode` (and is not the token being replaced). */
export function goodEnough(
  engine: Engine,
  cached: Cached | undefined,
  mode: AcquireMode,
  replacing?: string,
): cached is Cached {
  if (!cached || cached.token.fingerprint === replacing) return false;
  const now = engine.now();
  return mode === "blocking" ? now < cached.usableUntil : now < cached.refreshAt;
}

/** Forgets a refused `token` in this process (synchronously: no concurrent caller adopts it again). */
export function forget(slot: Slot, token: AccessToken): void {
  if (!slot.rejected.includes(token.fingerprint)) {
    slot.rejected.push(token.fingerprint);
    if (slot.rejected.length > REJECTED_MEMORY) slot.rejected.shift();
  }
  if (slot.cached?.token.fingerprint === token.fingerprint) slot.cached = undefined;
}

/** Forgets `token` in this process, then in the store (only if it is still the store's token). */
export async function invalidate(engine: Engine, slot: Slot, token: AccessToken): Promise<void> {
  forget(slot, token);
  await engine.store.compareAndDelete(slot.keys.token, token.fingerprint);
}

/**
 * Runs `decide` (the diagnosis of a second refusal) as a pending verdict of the slot: while it runs,
 * this process's other callers wait for it instead of minting over the refused token (see `acquire`).
 */
export function asVerdict<T>(slot: Slot, decide: Promise<T>): Promise<T> {
  slot.verdicts.add(decide);
  const settled = () => {
    slot.verdicts.delete(decide);
  };
  decide.then(settled, settled);
  return decide;
}

/** Waits until no verdict is pending in the slot (whatever they decide: the caller reads the outcome). */
export async function awaitVerdicts(slot: Slot): Promise<void> {
  while (slot.verdicts.size > 0) await Promise.allSettled(slot.verdicts);
}

/** The refused token a mint now replaces: the newest one this process held, if the API refused it. */
export function refusedPredecessor(slot: Slot): string | undefined {
  const last = slot.lastToken?.fingerprint;
  return last !== undefined && slot.rejected.includes(last) ? last : undefined;
}

/**
 * Waits for another process's write of the token record: the store's notification when it has one,
 * else `pollMs`. Each wait is at most half a lease's life, so a holder that died is noticed soon after
 * its lease ends.
 */
export async function waitForTokenChange(
  engine: Engine,
  slot: Slot,
  generation: number,
  pollMs: number,
): Promise<void> {
  if (engine.closing.aborted) return;
  if (engine.store.notifies) {
    const slice = Math.min(MAX_WAIT_SLICE_MS, Math.max(1, engine.options.leaseTtlMs / 2));
    const waited = await engine.store.waitForChange(
      slot.keys.token,
      generation,
      slice,
      engine.options.mintTimeoutMs,
      engine.closing,
    );
    if (waited !== UNAVAILABLE) return;
  }
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      engine.closing.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, pollMs);
    engine.closing.addEventListener("abort", done, { once: true });
  });
}

/**
 * An operator's drop (`fleet.dropToken()`): removes the store's token record, whatever it holds, and
 * this process's copy, so the next process that needs a token mints one for the whole fleet (under
 * the lease, within the budget). Resolves the record's tag (the token's fingerprint), `undefined` when
 * there was none, `UNAVAILABLE` when the store did not answer.
 */
export async function dropToken(
  engine: Engine,
  slot: Slot,
): Promise<string | undefined | typeof UNAVAILABLE> {
  const record = await engine.store.get(slot.keys.token);
  if (record === UNAVAILABLE) return UNAVAILABLE;
  slot.cached = undefined;
  if (!record) return undefined;
  const deleted = await engine.store.compareAndDelete(slot.keys.token, record.tag);
  if (deleted === UNAVAILABLE) return UNAVAILABLE;
  return record.tag;
}
