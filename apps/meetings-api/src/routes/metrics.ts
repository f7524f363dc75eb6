/** `GET /metrics`: the Prometheus exposition of the app's registry. */
import { Hono } from "hono";
import type { Metrics } from "../metrics.js";

/** The metrics route. */
export function metricsRoutes(metrics: Metrics): Hono {
  const app = new Hono();
  app.get("/metrics", async (c) => {
    c.header("Content-Type", metrics.registry.contentType);
    return c.body(await metrics.registry.metrics(), 200);
  });
  return app;
}
