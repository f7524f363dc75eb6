/**
 * The shared circuit (DESIGN.md "401 on a request"): when tokens minted moments ago keep being
 * refused, the fleet stops minting. The state lives in the store (one record per credential) so every
 * process sees it; the cool-down doubles each time a probe fails; when it ends one process probes.
 */
import { ZoomAuthError } from "../errors.js";
import type { RecordCodec } from "./record-codec.js";
import type { RejectionDetail, StoreRecord } from "./types.js";

/** Why the circuit opened: the app was refused, or the token lacks scopes (Zoom code 4711). */
export type CircuitReason = "rejected" | "scopes";

/** The circuit record. Absent means closed. */
export interface CircuitState {
  readonly state: "open" | "half-open";
  readonly openedAt: number;
  readonly openUntil: number;
  readonly coolDownMs: number;
  readonly reason: CircuitReason;
  readonly status: number;
  readonly zoomCode?: number;
  /** Fingerprint of the probe token, once a probe was minted (half-open). */
  readonly probe?: string;
  /** Store generation of the record (0 when only known locally). */
  readonly generation: number;
  /** Tag of the record, for compare-and-delete when it closes. */
  readonly tag: string;
}

/** Reads a circuit record; a record that does not decode counts as closed (it is replaced on the next open). */
export function decodeCircuit(
  codec: RecordCodec,
  key: string,
  record: StoreRecord | null,
): CircuitState | undefined {
  if (!record) return undefined;
  const doc = codec.decodeJson(record.value, key);
  if (!doc || (doc.state !== "open" && doc.state !== "half-open")) return undefined;
  const { openedAt, openUntil, coolDownMs, status } = doc;
  if (typeof openedAt !== "number" || typeof openUntil !== "number" || typeof coolDownMs !== "number")
    return undefined;
  return {
    state: doc.state,
    openedAt,
    openUntil,
    coolDownMs,
    reason: doc.reason === "scopes" ? "scopes" : "rejected",
    status: typeof status === "number" ? status : 401,
    ...(typeof doc.zoomCode === "number" ? { zoomCode: doc.zoomCode } : {}),
    ...(typeof doc.probe === "string" ? { probe: doc.probe } : {}),
    generation: record.generation,
    tag: record.tag,
  };
}

export function encodeCircuit(
  codec: RecordCodec,
  key: string,
  state: CircuitState,
): { value: string; tag: string } {
  const { generation: _generation, tag, ...document } = state;
  return { value: codec.encodeJson(document, key), tag };
}

/** The next open state: the cool-down doubles while the previous opening is still remembered. */
export function openState(
  previous: CircuitState | undefined,
  detail: RejectionDetail,
  now: number,
  limits: { coolDownMs: number; maxCoolDownMs: number },
): CircuitState {
  const coolDownMs = previous ? Math.min(limits.maxCoolDownMs, previous.coolDownMs * 2) : limits.coolDownMs;
  return {
    state: "open",
    openedAt: now,
    openUntil: now + coolDownMs,
    coolDownMs,
    reason: detail.zoomCode === 4711 ? "scopes" : "rejected",
    status: detail.status,
    ...(detail.zoomCode !== undefined ? { zoomCode: detail.zoomCode } : {}),
    generation: 0,
    tag: `open-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

/** The error every caller gets while the circuit is open: what happened, and what to check. */
export function appRejectedError(state: CircuitState, who: string): ZoomAuthError {
  const code = state.zoomCode !== undefined ? `, code ${state.zoomCode}` : "";
  const until = new Date(state.openUntil).toISOString();
  const after = `No new tokens are requested until ${until} (cool-down ${Math.round(state.coolDownMs / 1000)} s); then one process probes with a single new token.`;
  const message =
    state.reason === "scopes"
      ? `Zoom refused a token minted moments ago because it lacks a scope the request needs (HTTP ${state.status}${code}) for ${who}. Retrying cannot fix this: add the missing scopes to the Server-to-Server OAuth app in the Zoom App Marketplace (Scopes), and check that the app owner's role still grants them (a role change strips admin scopes). ${after}`
      : `Zoom keeps refusing tokens minted moments ago (HTTP ${state.status}${code}) for ${who}: this is not an expired token, the app itself is refused. Check in the Zoom App Marketplace that the Server-to-Server OAuth app is still activated; that its owner's account is active and still has the role the app needs (owner or role changes strip scopes); whether the client secret was regenerated or rotated (then update clientSecret); and that no scopes were removed. ${after}`;
  return new ZoomAuthError("app_rejected", message, { retryAt: state.openUntil });
}
