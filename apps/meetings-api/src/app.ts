/**
 * `createApp(deps)`: the Hono app with every route, built from injected dependencies so tests (and
 * other entry points) can run it with any client, store, logger and metrics.
 */

import type { Logger } from "@zoomkit/app-support";
import type { TokenStore, ZoomClient } from "@zoomkit/core";
import { createWebhookDeliveries, type WebhookDeliveries } from "@zoomkit/core/webhooks";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { matchedRoutes } from "hono/route";
import { apiKeyAuth, bearerCheck } from "./auth.js";
import type { Metrics } from "./metrics.js";
import { createReadinessCheck } from "./readiness.js";
import { healthRoutes } from "./routes/health.js";
import { meetingsRoutes } from "./routes/meetings.js";
import { metricsRoutes } from "./routes/metrics.js";
import { type WebhookEvent, webhookRoutes } from "./routes/webhooks.js";

/** What the app is built from. */
export interface AppDeps {
  zoom: ZoomClient;
  /** The token store: probed by `/readyz`, and where handled webhook events are remembered. */
  store: TokenStore;
  /** Accepted API keys (at least one); they also unlock `/readyz`'s detail. */
  apiKeys: readonly string[];
  /** Secret tokens of the Zoom webhook endpoint (several while rotating); none: `/webhooks/zoom` answers 404. */
  webhookSecretTokens?: readonly string[] | undefined;
  /**
   * Called with every verified webhook event, once per event across Zoom's retries, before it is
   * answered: awaited, and a failure (thrown or rejected) is answered 500 so that Zoom delivers it again.
   */
  onWebhookEvent?: (event: WebhookEvent) => unknown;
  /** Where handled webhook events are remembered. @default createWebhookDeliveries({ store }) */
  webhookDeliveries?: WebhookDeliveries;
  /** Bearer token `GET /metrics` requires; without one `/metrics` answers 404. */
  metricsToken?: string | undefined;
  logger: Logger;
  metrics: Metrics;
  /** Timeout of each readiness check. @default 2000 */
  probeTimeoutMs?: number;
  /** How long one readiness check answers every `/readyz` probe. @default 1000 */
  readyCacheMs?: number;
  /** Largest accepted request body, in bytes. @default 65536 */
  maxBodyBytes?: number;
}

/** The route pattern that answered (bounded label cardinality), or `unmatched`. */
function routeLabel(c: Parameters<typeof matchedRoutes>[0]): string {
  const handlers = matchedRoutes(c).filter((route) => route.method !== "ALL");
  return handlers.at(-1)?.path ?? "unmatched";
}

/**
 * Builds the API.
 *
 * @example
 * const app = createApp({ zoom, store, apiKeys: [key], logger, metrics });
 * serve({ fetch: app.fetch, port: 3000 });
 */
export function createApp(deps: AppDeps): Hono {
  const { logger, metrics } = deps;
  if (deps.apiKeys.length === 0) throw new Error("createApp needs at least one API key");
  const app = new Hono();

  app.use(requestId());
  metrics.track(deps.zoom);
  app.use(metrics.requests);
  app.use(async (c, next) => {
    const started = performance.now();
    const done = metrics.trackInFlight();
    try {
      await next();
    } finally {
      done();
    }
    const seconds = (performance.now() - started) / 1000;
    const route = routeLabel(c);
    // Path and route only: query strings and headers (which carry the API key) are never logged.
    logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        route,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(seconds * 1000),
      },
      "request",
    );
  });

  const maxSize = deps.maxBodyBytes ?? 64 * 1024;
  app.use(
    bodyLimit({
      maxSize,
      onError: (c) => c.json({ error: "body_too_large", message: `the body exceeds ${maxSize} bytes` }, 413),
    }),
  );

  const readiness = createReadinessCheck({
    zoom: deps.zoom,
    store: deps.store,
    timeoutMs: deps.probeTimeoutMs ?? 2_000,
    cacheMs: deps.readyCacheMs ?? 1_000,
  });
  app.route("/", healthRoutes({ readiness, isKnownKey: bearerCheck(deps.apiKeys) }));
  if (deps.metricsToken) {
    app.use("/metrics", apiKeyAuth([deps.metricsToken], "metrics token"));
    app.route("/", metricsRoutes(metrics));
  }
  const webhookSecretTokens = deps.webhookSecretTokens ?? [];
  if (webhookSecretTokens.length > 0) {
    app.route(
      "/webhooks",
      webhookRoutes({
        secretTokens: webhookSecretTokens,
        logger,
        deliveries: deps.webhookDeliveries ?? createWebhookDeliveries({ store: deps.store }),
        ...(deps.onWebhookEvent ? { onEvent: deps.onWebhookEvent } : {}),
      }),
    );
  }
  // "/meetings/*" also matches "/meetings" itself.
  app.use("/meetings/*", apiKeyAuth(deps.apiKeys));
  app.route("/meetings", meetingsRoutes({ zoom: deps.zoom, logger }));

  app.notFound((c) =>
    c.json({ error: "not_found", message: `no route for ${c.req.method} ${c.req.path}` }, 404),
  );
  app.onError((error, c) => {
    // Hono's middleware (bearer auth) answers by throwing its response.
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return c.json({ error: "internal_error", message: "internal error; see the service's logs" }, 500);
  });
  return app;
}
