/**
 * The circuit's state, its record format and its diagnosis (pure; the store I/O is in
 * `shared-circuit.ts`). When tokens minted moments ago keep being refused, the app itself is refused
 * and the fleet stops minting: the state lives in the store (one record per credential), the
 * cool-down doubles each time a probe fails, and every caller gets the diagnosis.
 */
import { ZoomAuthError } from "../errors.js";
import type { RecordCodec } from "./record-codec.js";
import type { RejectionDetail, StoreRecord } from "./types.js";

/** The circuit record. Absent means closed. */
export interface CircuitState {
  readonly state: "open" | "half-open";
  readonly openedAt: number;
  readonly openUntil: number;
  readonly coolDownMs: number;
  readonly status: number;
  readonly zoomCode?: number;
  /** Fingerprint of the probe token, once a probe was minted (half-open). */
  readonly probe?: string;
  /** Store generation of the record (0 when only known locally). */
  readonly generation: number;
  /** Tag of the record, for compare-and-delete when it closes. */
  readonly tag: string;
}

/** How far a record may be trusted: cool-downs are clamped to this, whatever the writer's clock said. */
export interface CircuitLimits {
  readonly coolDownMs: number;
  readonly maxCoolDownMs: number;
}

/**
 * Reads a circuit record; one that does not decode is `"corrupt"` (counted by the caller, treated as
 * closed, replaced on the next opening). Never trusts the writer's clock: the cool-down is clamped to
 * [1 ms, max cool-down] and `openUntil` to at most one cool-down from `now`, so a host with a fast clock
 * (or a forged record) cannot stretch an outage, and every time stays a valid date.
 */
export function decodeCircuit(
  codec: RecordCodec,
  key: string,
  record: StoreRecord | null,
  now: number,
  limits: CircuitLimits,
): CircuitState | undefined | "corrupt" {
  if (!record) return undefined;
  const doc = codec.decodeJson(record.value, key);
  if (!doc || (doc.state !== "open" && doc.state !== "half-open")) return "corrupt";
  const { openedAt, openUntil, coolDownMs, status, zoomCode, probe } = doc;
  if (!isFiniteNumber(openedAt) || !isFiniteNumber(openUntil) || !isFiniteNumber(coolDownMs))
    return "corrupt";
  const coolDown = Math.min(limits.maxCoolDownMs, Math.max(1, coolDownMs));
  return {
    state: doc.state,
    openedAt: Math.min(openedAt, now),
    openUntil: Math.min(openUntil, now + coolDown),
    coolDownMs: coolDown,
    status: Number.isInteger(status) ? (status as number) : 401,
    ...(Number.isInteger(zoomCode) ? { zoomCode: zoomCode as number } : {}),
    ...(typeof probe === "string" && probe.length <= 64 ? { probe } : {}),
    generation: record.generation,
    tag: record.tag,
  };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function encodeCircuit(
  codec: RecordCodec,
  key: string,
  state: CircuitState,
): { value: string; tag: string } {
  const { generation: _generation, tag, ...document } = state;
  // `reason` is written for processes of the previous release, which read it.
  return { value: codec.encodeJson({ ...document, reason: "rejected" }, key), tag };
}

/** The next open state: the cool-down doubles while the previous opening is still remembered. */
export function openState(
  previous: CircuitState | undefined,
  detail: RejectionDetail,
  now: number,
  limits: CircuitLimits,
): CircuitState {
  const coolDownMs = previous ? Math.min(limits.maxCoolDownMs, previous.coolDownMs * 2) : limits.coolDownMs;
  return {
    state: "open",
    openedAt: now,
    openUntil: now + coolDownMs,
    coolDownMs,
    status: detail.status,
    ...(detail.zoomCode !== undefined ? { zoomCode: detail.zoomCode } : {}),
    generation: 0,
    tag: `open-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

/** True while callers fail fast: open and within the cool-down. */
export function isOpen(circuit: CircuitState | undefined, now: number): circuit is CircuitState {
  return circuit?.state === "open" && now < circuit.openUntil;
}

/** When a probe that has gone unrefused this long after the cool-down counts as recovery. */
export function confirmAt(circuit: CircuitState, confirmMs: number): number {
  return circuit.openUntil + confirmMs;
}

/** The record outlives its cool-down, so the next opening remembers it and doubles. */
export function circuitTtl(circuit: CircuitState, now: number, maxCoolDownMs: number): number {
  return Math.max(1, circuit.openUntil - now) + 2 * maxCoolDownMs;
}

/** The error every caller gets while the circuit is open: what happened, and what to check. */
export function appRejectedError(state: CircuitState, who: string): ZoomAuthError {
  const code = state.zoomCode !== undefined ? `, code ${state.zoomCode}` : "";
  const until = new Date(state.openUntil).toISOString();
  const message = `Zoom keeps refusing tokens minted moments ago (HTTP ${state.status}${code}) for ${who}: this is not an expired token, the app itself is refused. Check in the Zoom App Marketplace that the Server-to-Server OAuth app is still activated; that its owner's account is active and still has the role the app needs (owner or role changes strip scopes); whether the client secret was regenerated or rotated (then update clientSecret); and that no scopes were removed. No new tokens are requested until ${until} (cool-down ${Math.round(state.coolDownMs / 1000)} s); meanwhile one request every few seconds tries the newest token, and the first one Zoom accepts closes the circuit for the whole fleet.`;
  return new ZoomAuthError("app_rejected", message, { retryAt: state.openUntil });
}
