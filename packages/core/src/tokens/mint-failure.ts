/**
 * A failed mint, as the fleet remembers it (pure; the store I/O is in `mint-backoff.ts`). The token
 * endpoint failing (5xx, timeout, network, a malformed reply) backs off exponentially with jitter;
 * refused credentials wait a fixed cool-down. One record per credential, so one process retries while
 * the others keep serving the current token, or fail fast with `retryAt` when there is none.
 */
import { ZoomAuthError, type ZoomAuthErrorCode } from "../errors.js";
import type { RecordCodec } from "./record-codec.js";
import type { StoreRecord } from "./types.js";

/** The codes a failed mint can end with that make the fleet wait before the next one. */
const BACKED_OFF: readonly ZoomAuthErrorCode[] = [
  "token_endpoint_unavailable",
  "malformed_token_response",
  "invalid_credentials",
];

/** Longest message kept in a record (it names the credential and Zoom's reason, never a secret). */
const MAX_MESSAGE = 1_000;

export interface MintFailure {
  readonly code: ZoomAuthErrorCode;
  /** Failures in a row, fleet-wide. */
  readonly failures: number;
  /** No mint before this moment (epoch ms). */
  readonly retryAt: number;
  /** The last failure's message. */
  readonly message: string;
  /** Store generation and tag of the record (0 and "" when only known locally). */
  readonly generation: number;
  readonly tag: string;
}

export interface BackoffLimits {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly invalidCredentialsMs: number;
}

/** True when `error` ends a mint in a way the fleet backs off from. */
export function backsOff(error: unknown): error is ZoomAuthError {
  return error instanceof ZoomAuthError && BACKED_OFF.includes(error.code);
}

/** The failure after `previous` (if any) ended with `error`. "Equal jitter": half the delay is fixed, half random. */
export function nextFailure(
  previous: MintFailure | undefined,
  error: ZoomAuthError,
  now: number,
  limits: BackoffLimits,
  random: () => number,
): MintFailure {
  const failures = (previous?.failures ?? 0) + 1;
  let delay: number;
  if (error.code === "invalid_credentials") delay = limits.invalidCredentialsMs;
  else {
    const full = Math.min(limits.maxMs, limits.baseMs * 2 ** Math.min(failures - 1, 30));
    delay = full / 2 + (random() * full) / 2;
  }
  return {
    code: error.code,
    failures,
    retryAt: now + Math.round(delay),
    message: error.message.slice(0, MAX_MESSAGE),
    generation: previous?.generation ?? 0,
    tag: `fail-${now.toString(36)}-${Math.round(random() * 1e9).toString(36)}`,
  };
}

export function encodeFailure(
  codec: RecordCodec,
  key: string,
  failure: MintFailure,
): { value: string; tag: string } {
  const { generation: _generation, tag, ...document } = failure;
  return { value: codec.encodeJson(document, key), tag };
}

/**
 * Reads a failure record. Like the circuit, it never trusts the writer's clock: `retryAt` is at most
 * the longest wait from `now`. A record that does not decode is `"corrupt"`.
 */
export function decodeFailure(
  codec: RecordCodec,
  key: string,
  record: StoreRecord | null,
  now: number,
  limits: BackoffLimits,
): MintFailure | undefined | "corrupt" {
  if (!record) return undefined;
  const doc = codec.decodeJson(record.value, key);
  if (!doc) return "corrupt";
  const { code, failures, retryAt, message } = doc;
  if (!BACKED_OFF.includes(code as ZoomAuthErrorCode)) return "corrupt";
  if (!Number.isSafeInteger(failures) || (failures as number) < 1) return "corrupt";
  if (typeof retryAt !== "number" || !Number.isFinite(retryAt) || typeof message !== "string")
    return "corrupt";
  const longest = Math.max(limits.maxMs, limits.invalidCredentialsMs);
  return {
    code: code as ZoomAuthErrorCode,
    failures: failures as number,
    retryAt: Math.min(retryAt, now + longest),
    message: message.slice(0, MAX_MESSAGE),
    generation: record.generation,
    tag: record.tag,
  };
}

/** How long the record is kept: past its `retryAt`, long enough for the next failure to double from it. */
export function failureTtl(failure: MintFailure, now: number, limits: BackoffLimits): number {
  return Math.max(1, failure.retryAt - now) + 2 * Math.max(limits.maxMs, limits.invalidCredentialsMs);
}

/** The error a caller gets while the fleet waits before the next mint. */
export function backoffError(failure: MintFailure): ZoomAuthError {
  const at = new Date(failure.retryAt).toISOString();
  const waiting =
    failure.code === "invalid_credentials"
      ? `No token is requested again for these credentials before ${at} (or at once when the client secret changes).`
      : `After ${failure.failures} failed token request${failure.failures === 1 ? "" : "s"} in a row, the fleet waits until ${at} before the next one (exponential backoff, one process retries for all).`;
  return new ZoomAuthError(failure.code, `${failure.message} ${waiting}`, { retryAt: failure.retryAt });
}
