/**
 * Counters the simulator keeps, readable through `stats()` and `GET /__sim/stats`. Tokens are keyed by
 * fingerprint only: the counters are served over HTTP and must never leak a usable token.
 */

import { INCIDENT_CAUSES, type IncidentCause } from "../incidents/index.js";
import type { TokenUse } from "./token-registry.js";

const TOKEN_CAUSES = ["missing", "query_token", "unknown", "expired", "revoked", "scopes"] as const;

/**
 * Why an API call was refused with 401 (or the configured scope status): the token's own problems, a
 * missing scope, or an incident (`deactivated`).
 */
export type UnauthorizedCause = (typeof TOKEN_CAUSES)[number] | IncidentCause;

/** One webhook delivery attempt. */
export interface WebhookDelivery {
  event: string;
  status: number | null;
  ok: boolean;
  error?: string;
}

/** A snapshot of the counters. */
export interface SimulatorStats {
  /** Successful mints by client id. */
  mints: Record<string, number>;
  /** Refused mints by Zoom error code (4702, 4704, ...). */
  mintErrors: Record<string, number>;
  /** Tokens that would be accepted right now, by client id. */
  liveTokens: Record<string, number>;
  /** Responses by operation id (e.g. `meetingCreate`, `oauthToken`) and HTTP status. */
  calls: Record<string, Record<string, number>>;
  /** API calls refused for want of a usable token, by cause. */
  unauthorized: Record<UnauthorizedCause, number>;
  /** Calls refused by a rate limit: per-second (`qps`) or the daily create/update cap (`daily`). */
  rateLimited: { qps: number; daily: number; byCategory: Record<string, number> };
  /** Injected faults by surface; `malformed` counts deformed token answers (`tokenReply`). */
  faults: {
    token: { errors: number; drops: number; malformed: number };
    api: { errors: number; drops: number };
  };
  /** Per-token use, keyed by fingerprint. */
  tokens: Record<string, TokenUse>;
  webhooks: { delivered: number; failed: number; deliveries: WebhookDelivery[] };
  urlValidations: { passed: number; failed: number };
}

const MAX_DELIVERIES_KEPT = 100;

/** The mutable counters behind `stats()`; token use lives in the token registry. */
export class Counters {
  mints: Record<string, number> = {};
  mintErrors: Record<string, number> = {};
  calls: Record<string, Record<string, number>> = {};
  unauthorized: Record<UnauthorizedCause, number> = emptyUnauthorized();
  rateLimited = { qps: 0, daily: 0, byCategory: {} as Record<string, number> };
  faults = { token: { errors: 0, drops: 0, malformed: 0 }, api: { errors: 0, drops: 0 } };
  webhooks = { delivered: 0, failed: 0, deliveries: [] as WebhookDelivery[] };
  urlValidations = { passed: 0, failed: 0 };

  call(operation: string, status: number): void {
    const byStatus = this.calls[operation] ?? {};
    this.calls[operation] = byStatus;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }

  mint(clientId: string): void {
    this.mints[clientId] = (this.mints[clientId] ?? 0) + 1;
  }

  mintError(code: number): void {
    this.mintErrors[code] = (this.mintErrors[code] ?? 0) + 1;
  }

  limited(kind: "qps" | "daily", category: string): void {
    this.rateLimited[kind] += 1;
    this.rateLimited.byCategory[category] = (this.rateLimited.byCategory[category] ?? 0) + 1;
  }

  delivery(entry: WebhookDelivery): void {
    if (entry.ok) this.webhooks.delivered += 1;
    else this.webhooks.failed += 1;
    this.webhooks.deliveries.push(entry);
    if (this.webhooks.deliveries.length > MAX_DELIVERIES_KEPT) this.webhooks.deliveries.shift();
  }

  reset(): void {
    Object.assign(this, new Counters());
  }
}

function emptyUnauthorized(): Record<UnauthorizedCause, number> {
  const causes: readonly UnauthorizedCause[] = [...TOKEN_CAUSES, ...INCIDENT_CAUSES];
  return Object.fromEntries(causes.map((cause) => [cause, 0])) as Record<UnauthorizedCause, number>;
}
