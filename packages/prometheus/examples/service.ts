// The README's example, type-checked by `pnpm typecheck`. In your project, import from "@zoomkit/prometheus".
import { createZoomClient } from "@zoomkit/core";
import { Registry } from "prom-client";
import { createZoomMetrics } from "../src/index.js";

const registry = new Registry(); // the registry your /metrics route serves
const metrics = createZoomMetrics({ registry });
const zoom = createZoomClient({
  accountId: process.env.ZOOM_ACCOUNT_ID ?? "",
  clientId: process.env.ZOOM_CLIENT_ID ?? "",
  clientSecret: process.env.ZOOM_CLIENT_SECRET ?? "",
  hooks: metrics.hooks, // the pipeline's events: attempts, retries, 429s, timeouts, failed mints...
});
metrics.track(zoom); // the token engine's stats: mints, hits, lease waits, circuit, degraded mode
console.log(await registry.metrics());
