/**
 * Failed mints back off fleet-wide (DESIGN.md, token rules): the failure record lives in the store
 * under the credential's keys, so one process retries when the wait is over while the others keep
 * serving the current token, or fail fast with `retryAt`. A successful mint removes the record.
 * While the store is unavailable this process keeps its own copy and backs off on its own.
 */

import type { ZoomAuthError } from "../errors.js";
import { emit } from "../events.js";
import type { Engine } from "./engine.js";
import { UNAVAILABLE } from "./guarded-store.js";
import {
  type BackoffLimits,
  backoffError,
  decodeFailure,
  encodeFailure,
  failureTtl,
  type MintFailure,
  nextFailure,
} from "./mint-failure.js";
import { reportCorrupt, type Slot } from "./slot.js";

/** The bounds a failure record is read within. */
export function backoffLimits(engine: Engine): BackoffLimits {
  const { mintBackoffMs, mintMaxBackoffMs, invalidCredentialsCoolDownMs } = engine.options;
  return {
    baseMs: mintBackoffMs,
    maxMs: mintMaxBackoffMs,
    invalidCredentialsMs: invalidCredentialsCoolDownMs,
  };
}

/** Throws the backoff error, without I/O, while this process knows the fleet must wait. */
export function throwIfBackingOff(engine: Engine, slot: Slot): void {
  const failure = slot.failure;
  if (failure && engine.now() < failure.retryAt) throw backoffError(failure);
}

/** Reads the fleet's failure record into the slot (this process's copy stands while the store is unavailable). */
export async function readFailure(engine: Engine, slot: Slot): Promise<MintFailure | undefined> {
  const record = await engine.store.get(slot.keys.failures);
  if (record === UNAVAILABLE) return slot.failure;
  const decoded = decodeFailure(
    engine.codec,
    slot.keys.failures,
    record,
    engine.now(),
    backoffLimits(engine),
  );
  if (decoded === "corrupt" && record) reportCorrupt(engine, slot, slot.keys.failures, record);
  slot.failure = decoded === "corrupt" ? undefined : decoded;
  return slot.failure;
}

/**
 * Records a failed mint for the fleet: the count goes up from the record in the store (compare-and-set
 * on its generation; on a lost race the other writer's count stands, it saw the same outage).
 */
export async function recordFailure(engine: Engine, slot: Slot, error: ZoomAuthError): Promise<MintFailure> {
  const now = engine.now();
  const previous = await readFailure(engine, slot);
  let failure = nextFailure(previous, error, now, backoffLimits(engine), engine.random);
  const written = await engine.store.compareAndSet(
    slot.keys.failures,
    previous?.generation ?? 0,
    encodeFailure(engine.codec, slot.keys.failures, failure),
    failureTtl(failure, now, backoffLimits(engine)),
  );
  if (written === null) failure = (await readFailure(engine, slot)) ?? failure;
  else if (written !== UNAVAILABLE) failure = { ...failure, generation: written.generation };
  slot.failure = failure;
  engine.counters.mintFailures += 1;
  emit(engine.hooks, "mintFailed", {
    credential: slot.keys.credential,
    code: error.code,
    failures: failure.failures,
    retryAt: failure.retryAt,
  });
  return failure;
}

/** A mint succeeded: the fleet stops backing off. */
export async function clearFailure(engine: Engine, slot: Slot): Promise<void> {
  const failure = slot.failure;
  slot.failure = undefined;
  if (failure?.tag) await engine.store.compareAndDelete(slot.keys.failures, failure.tag);
}

/**
 * An operator's reset: the fleet stops backing off (the next mint goes out at once). Processes that
 * already know of the failure keep waiting until its `retryAt` (no I/O while they wait). Resolves
 * true when a record was removed, `UNAVAILABLE` when the store did not answer.
 */
export async function resetFailure(engine: Engine, slot: Slot): Promise<boolean | typeof UNAVAILABLE> {
  const record = await engine.store.get(slot.keys.failures);
  if (record === UNAVAILABLE) return UNAVAILABLE;
  slot.failure = undefined;
  if (!record) return false;
  return engine.store.compareAndDelete(slot.keys.failures, record.tag);
}
