/**
 * Prometheus metrics: what the token engine and the pipeline report through hooks, and HTTP latency.
 * A registry per app instance (not prom-client's global one), so tests can run several apps in one process.
 */
import type { ZoomHooks } from "@zoomkit/core";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The service's metrics and the hooks that feed them. */
export interface Metrics {
  readonly registry: Registry;
  /** Pass to `createZoomClient({ hooks })` (combined with the logging hooks). */
  readonly hooks: ZoomHooks;
  /** Records one HTTP request; `route` is the route pattern, never the raw path (bounded cardinality). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts a request in flight until the returned function is called. */
  trackInFlight(): () => void;
}

/**
 * Creates the metrics of one app instance.
 *
 * @example
 * const metrics = createMetrics();
 * const zoom = createZoomClient({ ...credentials, hooks: metrics.hooks });
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const mints = new Counter({
    name: "zoomkit_token_mints_total",
    help: "Access tokens minted by this process, by reason (cold, refresh, unauthorized, probe, rotation, corrupt).",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const refreshFailures = new Counter({
    name: "zoomkit_token_refresh_failures_total",
    help: "Background token refreshes that failed (the current token stays in use while valid).",
    registers: [registry],
  });
  const retries = new Counter({
    name: "zoomkit_retries_total",
    help: "Zoom request attempts retried, by reason (status, network, timeout, rate_limit, unauthorized).",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "zoomkit_rate_limited_total",
    help: "Zoom rate-limit answers, by type (qps, daily, unknown) and whether the client retried.",
    labelNames: ["type", "retried"] as const,
    registers: [registry],
  });
  const timeouts = new Counter({
    name: "zoomkit_request_timeouts_total",
    help: "Zoom request attempts that ran past their timeout.",
    registers: [registry],
  });
  const appRejected = new Gauge({
    name: "zoomkit_app_rejected",
    help: "1 while Zoom rejects fresh tokens (app deactivated, owner or role changed, secret rotated, scopes removed).",
    registers: [registry],
  });
  const storeDegraded = new Gauge({
    name: "zoomkit_store_degraded",
    help: "1 while the token store is failing and tokens are coordinated within this process only.",
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency of this service, by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "http_requests_in_flight",
    help: "HTTP requests being served right now (what a graceful shutdown waits for).",
    registers: [registry],
  });
  appRejected.set(0);
  storeDegraded.set(0);

  return {
    registry,
    hooks: {
      tokenMinted: (event) => mints.inc({ reason: event.reason }),
      refreshFailed: () => refreshFailures.inc(),
      retry: (event) => retries.inc({ reason: event.reason }),
      rateLimited: (event) => rateLimited.inc({ type: event.type, retried: String(event.willRetry) }),
      timeout: () => timeouts.inc(),
      appRejected: () => appRejected.set(1),
      appRecovered: () => appRejected.set(0),
      storeDegraded: (event) => storeDegraded.set(event.degraded ? 1 : 0),
    },
    observeRequest(method, route, status, seconds) {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },
    trackInFlight() {
      inFlight.inc();
      return () => inFlight.dec();
    },
  };
}
