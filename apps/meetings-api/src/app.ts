/**
 * `createApp(deps)`: the Hono app with every route, built from injected dependencies so tests (and
 * other entry points) can run it with any client, store, logger and metrics.
 */

import type { Logger } from "@zoomkit/app-support";
import type { TokenStore, ZoomClient } from "@zoomkit/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { matchedRoutes } from "hono/route";
import { apiKeyAuth } from "./auth.js";
import type { Metrics } from "./metrics.js";
import { healthRoutes } from "./routes/health.js";
import { meetingsRoutes } from "./routes/meetings.js";
import { metricsRoutes } from "./routes/metrics.js";
import { type WebhookEvent, webhookRoutes } from "./routes/webhooks.js";

/** What the app is built from. */
export interface AppDeps {
  zoom: ZoomClient;
  /** The token store, probed by `/readyz`. */
  store: TokenStore;
  /** Accepted API keys (at least one). */
  apiKeys: readonly string[];
  /** Secret token of the Zoom webhook endpoint; without it `/webhooks/zoom` answers 404. */
  webhookSecretToken?: string | undefined;
  /** Called with every verified webhook event (after it was answered 200). */
  onWebhookEvent?: (event: WebhookEvent) => void;
  logger: Logger;
  metrics: Metrics;
  /** Timeout of each readiness check. @default 2000 */
  probeTimeoutMs?: number;
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
    metrics.observeRequest(c.req.method, route, c.res.status, seconds);
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

  app.route(
    "/",
    healthRoutes({ zoom: deps.zoom, store: deps.store, probeTimeoutMs: deps.probeTimeoutMs ?? 2_000 }),
  );
  app.route("/", metricsRoutes(metrics));
  if (deps.webhookSecretToken) {
    app.route(
      "/webhooks",
      webhookRoutes({
        secretToken: deps.webhookSecretToken,
        logger,
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
    logger.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return c.json({ error: "internal_error", message: "internal error; see the service's logs" }, 500);
  });
  return app;
}
