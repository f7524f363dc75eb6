/**
 * Metrics from the request pipeline's and the engine's events (zoomkit's hooks): attempts and their
 * duration, retries, rate limits, timeouts, missing scopes, failed mints and refreshes, and the two
 * states an operator acts on (app rejected, store degraded).
 */
import type { ZoomHooks } from "@zoomkit/core";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { categoryOf, OTHER, operationOf } from "./labels.js";

/** Creates the event-driven metrics in `registry` and the hooks that feed them. */
export function pipelineMetrics(registry: Registry, buckets: number[]): ZoomHooks {
  const registers = [registry];
  const attempts = new Counter({
    name: "zoomkit_request_attempts_total",
    help: "Zoom API request attempts (a retried request counts each), by method, operation (path template) and outcome (HTTP status, or network, timeout, aborted).",
    labelNames: ["method", "operation", "outcome"] as const,
    registers,
  });
  const duration = new Histogram({
    name: "zoomkit_request_attempt_duration_seconds",
    help: "Duration of Zoom API request attempts, from sending to the answer's headers or the failure.",
    labelNames: ["method", "operation"] as const,
    buckets,
    registers,
  });
  const retries = new Counter({
    name: "zoomkit_retries_total",
    help: "Zoom request attempts retried, by reason (status, network, timeout, rate_limit, unauthorized, scopes) and operation.",
    labelNames: ["reason", "operation"] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: "zoomkit_rate_limited_total",
    help: "Zoom rate-limit answers, by type (qps, daily, unknown), category, whether the client retried, and operation.",
    labelNames: ["type", "category", "retried", "operation"] as const,
    registers,
  });
  const timeouts = new Counter({
    name: "zoomkit_request_timeouts_total",
    help: "Zoom request attempts that ran past their timeout, by operation.",
    labelNames: ["operation"] as const,
    registers,
  });
  const missingScopes = new Counter({
    name: "zoomkit_missing_scopes_total",
    help: "Zoom refusals for a scope the token lacks (code 4711), by operation.",
    labelNames: ["operation"] as const,
    registers,
  });
  const mintFailures = new Counter({
    name: "zoomkit_token_mint_failures_total",
    help: "Requests to the token endpoint that failed, by zoomkit's error code.",
    labelNames: ["code"] as const,
    registers,
  });
  const refreshFailures = new Counter({
    name: "zoomkit_token_refresh_failures_total",
    help: "Background token refreshes that failed (the current token stays in use while valid).",
    registers,
  });
  const appRejected = new Gauge({
    name: "zoomkit_app_rejected",
    help: "1 while Zoom rejects fresh tokens (app deactivated, owner or role changed, secret rotated, scopes removed).",
    registers,
  });
  const storeDegraded = new Gauge({
    name: "zoomkit_store_degraded",
    help: "1 while the token store is failing and tokens are coordinated within this process only.",
    registers,
  });
  appRejected.set(0);
  storeDegraded.set(0);

  return {
    response: (e) => {
      const operation = e.template ?? OTHER;
      attempts.inc({
        method: e.method,
        operation,
        outcome: e.status === undefined ? (e.error ?? "unknown") : String(e.status),
      });
      duration.observe({ method: e.method, operation }, e.durationMs / 1000);
    },
    retry: (e) => retries.inc({ reason: e.reason, operation: operationOf(e.method, e.path) }),
    rateLimited: (e) =>
      rateLimited.inc({
        type: e.type,
        category: categoryOf(e.category),
        retried: String(e.willRetry),
        operation: operationOf(e.method, e.path),
      }),
    timeout: (e) => timeouts.inc({ operation: operationOf(e.method, e.path) }),
    missingScopes: (e) => missingScopes.inc({ operation: operationOf(e.method, e.path) }),
    mintFailed: (e) => mintFailures.inc({ code: e.code }),
    refreshFailed: () => refreshFailures.inc(),
    appRejected: () => appRejected.set(1),
    appRecovered: () => appRejected.set(0),
    storeDegraded: (e) => storeDegraded.set(e.degraded ? 1 : 0),
  };
}
