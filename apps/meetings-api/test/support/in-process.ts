/**
 * `createApp` served over real HTTP inside the test process, for what a child process cannot show:
 * an injected webhook handler that fails, several replicas on one store, a store that counts its reads.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createLogger } from "@zoomkit/app-support";
import { createZoomClient, type TokenStore } from "@zoomkit/core";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { type AppDeps, createApp } from "../../src/app.js";
import { createMetrics } from "../../src/metrics.js";
import { randomKey } from "./zoom.js";

/** An app served on a free loopback port, with its log records. */
export interface ServedApp {
  url: string;
  apiKey: string;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Serves `createApp` on `store` against `sim`; `deps` override the defaults. */
export async function serveApp(
  sim: ZoomSimulator,
  store: TokenStore,
  deps: Partial<Omit<AppDeps, "store" | "logger" | "metrics">> = {},
): Promise<ServedApp> {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "info",
    name: "meetings-api",
    destination: { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const zoom =
    deps.zoom ??
    createZoomClient({
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      store,
    });
  const apiKey = randomKey();
  const app = createApp({
    apiKeys: [apiKey],
    ...deps,
    zoom,
    store,
    logger,
    metrics: createMetrics({ defaultMetrics: false }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    logs,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
