// The README's example, type-checked by `pnpm typecheck`: the start of an app on these pieces.
import { createZoomClient } from "@zoomkit/core";
import { z } from "zod";
import {
  ConfigError,
  createLogger,
  loadConfigOrExit,
  logLevelSchema,
  onShutdownSignals,
  openStore,
  parseEnv,
  resolveZoom,
  sharedConfig,
  sharedEnvShape,
  startEmbeddedZoom,
  tokenKeysFor,
  zoomClientOptions,
} from "../src/index.js";

const envSchema = z.object({ ...sharedEnvShape, LOG_LEVEL: logLevelSchema });
const config = loadConfigOrExit(
  "my-app",
  (env) => {
    const e = parseEnv(envSchema, env);
    const shared = sharedConfig(e);
    if (shared.problems.length > 0) throw new ConfigError(shared.problems); // printed, then exit code 2
    return { ...shared, logLevel: e.LOG_LEVEL };
  },
  2,
);
const logger = createLogger({ level: config.logLevel, name: "my-app" });
const { zoom, embedded } = await resolveZoom(config.zoom, () => startEmbeddedZoom());
const store = await openStore(config.store);
const client = createZoomClient({
  ...zoomClientOptions(zoom, tokenKeysFor(config.tokenKeys, embedded !== undefined)),
  store,
});
onShutdownSignals({
  logger,
  failureMessage: "error while closing",
  stop: async () => {
    await client.close();
    await store.close();
    await embedded?.close();
  },
});
