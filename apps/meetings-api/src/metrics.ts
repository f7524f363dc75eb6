/**
 * Prometheus metrics: zoomkit's (`@zoomkit/prometheus`: the pipeline's events through hooks, the token
 * engine's stats at each scrape), this service's HTTP requests (`@hono/prometheus`) and requests in
 * flight. A registry per app instance (not prom-client's global one), so tests can run several apps in
 * one process.
 */
import { prometheus } from "@hono/prometheus";
import type { ZoomClient, ZoomHooks } from "@zoomkit/core";
import { createZoomMetrics } from "@zoomkit/prometheus";
import type { MiddlewareHandler } from "hono";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** The service's metrics and what feeds them. */
export interface Metrics {
  readonly registry: Registry;
  /** Pass to `createZoomClient({ hooks })` (combined with the logging hooks). */
  readonly hooks: ZoomHooks;
  /** Reports the client's token engine stats at each scrape. */
  track(zoom: ZoomClient): void;
  /**
   * Records each HTTP request (`http_request_duration_seconds`, `http_requests_total`) by method,
   * status and route pattern, never the raw path (bounded cardinality).
   */
  readonly requests: MiddlewareHandler;
  /** Counts a request in flight until the returned function is called. */
  trackInFlight(): () => void;
}

/**
 * Creates the metrics of one app instance.
 *
 * @example
 * const metrics = createMetrics();
 * const zoom = createZoomClient({ ...credentials, hooks: metrics.hooks });
 * metrics.track(zoom);
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const zoomkit = createZoomMetrics({ registry });
  const { registerMetrics } = prometheus({ registry });
  const inFlight = new Gauge({
    name: "http_requests_in_flight",
    help: "HTTP requests being served right now (what a graceful shutdown waits for).",
    registers: [registry],
  });
  return {
    registry,
    hooks: zoomkit.hooks,
    track: (zoom) => {
      zoomkit.track(zoom);
    },
    requests: registerMetrics,
    trackInFlight() {
      inFlight.inc();
      return () => inFlight.dec();
    },
  };
}
