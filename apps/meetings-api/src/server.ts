/**
 * The service's entry point (`node dist/server.js`): configuration, the store, the Zoom client (or the
 * embedded simulator), the HTTP server, and graceful shutdown.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  createLogger,
  describeStore,
  loadConfigOrExit,
  openStore,
  resolveZoom,
  startEmbeddedZoom,
  tokenKeysFor,
  zoomClientOptions,
} from "@zoomkit/app-support";
import { createZoomClient } from "@zoomkit/core";
import { createApp } from "./app.js";
import { formatBanner } from "./banner.js";
import { loadConfig } from "./config.js";
import { createMetrics } from "./metrics.js";
import { generateSecret } from "./secret.js";
import { installGracefulShutdown } from "./shutdown.js";
import { combineHooks, loggingHooks } from "./zoom-hooks.js";

/** The example meeting in the banner starts tomorrow at 09:00 UTC. */
function tomorrowNineUtc(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 9))
    .toISOString()
    .replace(".000Z", "Z");
}

async function main(): Promise<void> {
  const config = loadConfigOrExit("meetings-api", loadConfig, 1);
  const logger = createLogger({ level: config.logLevel, name: "meetings-api" });

  const { zoom: zoomConfig, embedded } = await resolveZoom(config.zoom, () => startEmbeddedZoom());
  const generatedKey = config.apiKeys.length > 0 ? undefined : generateSecret();
  const apiKeys = generatedKey ? [generatedKey] : config.apiKeys;
  const webhookSecretTokens =
    config.webhookSecretTokens.length > 0 ? config.webhookSecretTokens : embedded ? [generateSecret()] : [];

  const store = await openStore(config.store);
  const metrics = createMetrics();
  const zoom = createZoomClient({
    ...zoomClientOptions(zoomConfig, tokenKeysFor(config.tokenKeys, embedded !== undefined)),
    store,
    hooks: combineHooks(metrics.hooks, loggingHooks(logger)),
  });
  const app = createApp({
    zoom,
    store,
    apiKeys,
    webhookSecretTokens,
    metricsToken: config.metricsToken,
    logger,
    metrics,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(started as Server),
    ) as Server;
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;

  installGracefulShutdown({
    server,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    closeResources: async () => {
      await store.close();
      await embedded?.close();
    },
  });

  logger.info(
    {
      url,
      mode: config.mode,
      store: describeStore(config.store),
      apiKeyCount: apiKeys.length,
      webhooks: webhookSecretTokens.length > 0,
      metrics: config.metricsToken !== undefined,
      tokenEncryption: config.tokenKeys.length > 0 || embedded !== undefined,
    },
    "meetings-api listening",
  );
  if (webhookSecretTokens.length === 0)
    logger.warn("ZOOM_WEBHOOK_SECRET_TOKEN is not set: POST /webhooks/zoom answers 404");
  if (config.metricsToken === undefined) logger.info("METRICS_TOKEN is not set: GET /metrics answers 404");

  const [webhookSecret] = webhookSecretTokens;
  if (embedded && webhookSecret) {
    await embedded.sendWebhooksTo(`${url}/webhooks/zoom`, webhookSecret);
    process.stdout.write(
      formatBanner({
        url,
        // A key the operator configured is never echoed; only a generated one is shown.
        apiKey: generatedKey ?? "$API_KEY",
        host: embedded.host,
        simulatorUrl: embedded.simulatorUrl,
        store: describeStore(config.store),
        startTime: tomorrowNineUtc(),
      }),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `meetings-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
