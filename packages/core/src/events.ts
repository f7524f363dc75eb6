/**
 * Hooks: what the client reports, with enough detail for logs and metrics. No payload ever carries a
 * secret or a token; tokens are named by a short fingerprint.
 */
import type { ZoomAuthError, ZoomAuthErrorCode } from "./errors.js";

/**
 * Every reason a token is minted for (`MintReason`), in a fixed order: for reporters that list each one,
 * 0 included (zoomkit's OpenTelemetry instruments, `@zoomkit/prometheus`).
 */
export const MINT_REASONS = [
  "cold",
  "refresh",
  "unauthorized",
  "probe",
  "rotation",
  "corrupt",
  "scopes",
] as const;

/** Why a token was minted. */
export type MintReason = (typeof MINT_REASONS)[number];

/**
 * What identifies a request in the `request` and `response` events: never the query string, a token or
 * an e-mail address (path segments holding one read `{email}`).
 */
export interface RequestEventBase {
  method: string;
  /** The URL path, e-mail segments masked: `/v2/users/{email}/meetings`. */
  path: string;
  /** The operation's path template (`/users/{userId}/meetings`), when zoomkit's document describes it. */
  template?: string;
  /** Zoom's operationId (`meetingCreate`), when zoomkit's document describes the operation. */
  operationId?: string;
  /** This attempt, 1-based: a retried request reports each attempt. */
  attempt: number;
}

/** Every event and its payload. */
export interface ZoomEventMap {
  /** An attempt of a request is about to be sent (once per attempt: retries report again). */
  request: RequestEventBase;
  /** An attempt ended: with Zoom's answer (any status), or without one. */
  response: RequestEventBase & {
    /** The HTTP status, when Zoom (or a gateway) answered. */
    status?: number;
    /** Why there is no status: a network failure, the attempt's timeout, or the caller's abort. */
    error?: "network" | "timeout" | "aborted";
    /** From sending the attempt to its answer (headers) or failure, in ms. */
    durationMs: number;
    /** Zoom's `x-zm-trackingid` answer header: what Zoom support asks for about a request. */
    trackingId?: string;
  };
  /** A request attempt is about to be retried. */
  retry: {
    method: string;
    path: string;
    /** The attempt that failed, 1-based. */
    attempt: number;
    reason: "status" | "network" | "timeout" | "rate_limit" | "unauthorized" | "scopes";
    status?: number;
    delayMs: number;
  };
  /** Zoom answered with a rate limit (429, or 300 with the daily-cap message). */
  rateLimited: {
    method: string;
    path: string;
    status: number;
    type: "qps" | "daily" | "unknown";
    category?: string;
    /** When a retry is allowed (epoch ms), if known. */
    retryAt?: number;
    willRetry: boolean;
    /** True when zoomkit's pacer refused the call before sending it. */
    local?: boolean;
  };
  /**
   * Pacing changed where its permits come from: `degraded` when the store failed (`store_error`) or
   * cannot take permits (`unsupported`), so each process paces alone at a share of the rate;
   * `recovered` when the store answers again.
   */
  pacing: { state: "degraded" | "recovered"; reason?: "store_error" | "unsupported" };
  /** An attempt ran past its timeout. */
  timeout: { method: string; path: string; attempt: number; timeoutMs: number };
  /** A token was minted by this process. */
  tokenMinted: {
    reason: MintReason;
    durationMs: number;
    generation: number;
    /** Short fingerprint of the new token. */
    fingerprint: string;
    /** Short fingerprint of the credential (account, client, secret). */
    credential: string;
    expiresAt: number;
  };
  /**
   * Zoom refused a request for a scope its token lacks (code 4711, on any status). It concerns this
   * operation only: the token stays in use for every other one.
   */
  missingScopes: {
    method: string;
    path: string;
    status: number;
    /** The scopes Zoom named (empty when its message named none). */
    scopes: string[];
    /** True when the request is retried once with a fresh token that may carry a scope granted since. */
    willRetry: boolean;
  };
  /** A request to the token endpoint failed; the fleet waits until `retryAt` before the next one. */
  mintFailed: { credential: string; code: ZoomAuthErrorCode; failures: number; retryAt: number };
  /** A background refresh failed; the current token is still used while it is valid. */
  refreshFailed: { credential: string; error: Error };
  /** Fresh tokens were rejected: the shared circuit opened (or stayed open). */
  appRejected: { credential: string; error: ZoomAuthError; coolDownMs: number; openUntil: number };
  /** The circuit closed again after a successful probe. */
  appRecovered: { credential: string };
  /** The store failed or recovered; while degraded, tokens are coordinated within this process only. */
  storeDegraded: { store: string; degraded: boolean; operation?: string; error?: Error };
  /**
   * Once per token provider, at creation: a shared store (`capabilities.shared`: Redis, Postgres...) is
   * used without `encryptionKey`, so anyone who can read the store holds a token for the whole account,
   * and anyone who can write it can plant a token or an open circuit. Also `stats().storeEncryption`.
   */
  storeUnencrypted: { store: string; message: string };
}

/** Optional callbacks, one per event. A throwing hook is ignored (it never breaks a request). */
export type ZoomHooks = { [K in keyof ZoomEventMap]?: (event: ZoomEventMap[K]) => void };

/** Calls a hook, swallowing anything it throws: observability must never break a request. */
export function emit<K extends keyof ZoomEventMap>(
  hooks: ZoomHooks | undefined,
  name: K,
  event: ZoomEventMap[K],
): void {
  const hook = hooks?.[name];
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // ignored on purpose
  }
}
