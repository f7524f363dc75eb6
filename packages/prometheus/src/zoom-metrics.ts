/**
 * `createZoomMetrics`: zoomkit's Prometheus metrics in a prom-client registry. Two touch points: its
 * `hooks` go to the client (the pipeline's and the engine's events), and `track(zoom)` adds the token
 * engine's statistics, read at each scrape.
 */
import type { ZoomHooks } from "@zoomkit/core";
import { Registry } from "prom-client";
import { pipelineMetrics } from "./pipeline-metrics.js";
import { type StatsSource, tokenCollectors } from "./token-collectors.js";

/** Options of `createZoomMetrics`. */
export interface ZoomMetricsOptions {
  /** Where the metrics are registered. @default a new `Registry` (never prom-client's global one) */
  registry?: Registry;
  /** Buckets of the attempt-duration histogram, in seconds. */
  buckets?: number[];
}

/** zoomkit's metrics and what feeds them. */
export interface ZoomMetrics {
  readonly registry: Registry;
  /** Pass to `createZoomClient({ hooks })` (combined with your own hooks if you have some). */
  readonly hooks: ZoomHooks;
  /**
   * Reports a token provider's `stats()` (a client's `tokens`, or the client itself) at each scrape, until
   * the returned function is called.
   */
  track(source: StatsSource | { tokens: StatsSource }): () => void;
}

const DEFAULT_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Creates zoomkit's metrics. Once per registry: prom-client refuses a second metric of the same name.
 *
 * @example
 * const metrics = createZoomMetrics({ registry });
 * const zoom = createZoomClient({ ...credentials, hooks: metrics.hooks });
 * metrics.track(zoom);
 */
export function createZoomMetrics(options: ZoomMetricsOptions = {}): ZoomMetrics {
  const registry = options.registry ?? new Registry();
  const sources = new Set<StatsSource>();
  const hooks = pipelineMetrics(registry, options.buckets ?? DEFAULT_BUCKETS);
  tokenCollectors(registry, sources);
  return {
    registry,
    hooks,
    track(source) {
      const stats = "tokens" in source ? source.tokens : source;
      sources.add(stats);
      return () => {
        sources.delete(stats);
      };
    },
  };
}
