/**
 * Configuration from the environment, validated once at start. Every problem is reported at once, by
 * variable name, so an operator fixes the deployment in one go instead of one crash at a time.
 */
import {
  ConfigError,
  commaListSchema,
  type LogLevel,
  logLevelSchema,
  optionalText,
  parseEnv,
  type StoreConfig,
  sharedConfig,
  sharedEnvShape,
  type ZoomConfig,
} from "@zoomkit/app-support";
import { z } from "zod";

export { ConfigError };

/** The validated configuration of the API. */
export interface Config {
  /** `real`: Zoom credentials are configured. `embedded`: none are, so the simulator runs in-process. */
  mode: "real" | "embedded";
  /** Present in real mode only. */
  zoom: ZoomConfig | undefined;
  store: StoreConfig;
  port: number;
  host: string;
  /** Accepted API keys; empty in embedded mode when none were given (one is generated). */
  apiKeys: string[];
  /** Secret token of the Zoom webhook endpoint; without it `/webhooks/zoom` is not served. */
  webhookSecretToken: string | undefined;
  logLevel: LogLevel;
  /** How long in-flight requests may take to finish after SIGINT/SIGTERM. */
  shutdownTimeoutMs: number;
}

const MIN_API_KEY_LENGTH = 16;

const envSchema = z.object({
  ...sharedEnvShape,
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: optionalText,
  API_KEYS: commaListSchema.refine((keys) => keys.every((key) => key.length >= MIN_API_KEY_LENGTH), {
    message: `each key must be at least ${MIN_API_KEY_LENGTH} characters long`,
  }),
  ZOOM_WEBHOOK_SECRET_TOKEN: optionalText,
  LOG_LEVEL: logLevelSchema,
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

/**
 * Reads and validates the configuration.
 *
 * @throws ConfigError listing every problem (never a secret's value).
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(envSchema, env);
  const { mode, zoom, store, problems } = sharedConfig(e);
  if (mode === "real" && e.API_KEYS.length === 0) {
    problems.push(
      "API_KEYS: required when Zoom credentials are configured: without keys anyone who reaches the " +
        "port could create and delete meetings on your Zoom account (comma-separated, 16+ characters each)",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    zoom,
    store,
    port: e.PORT,
    // A demo with a printed key stays on loopback; a real deployment usually runs in a container.
    host: e.HOST ?? (mode === "embedded" ? "127.0.0.1" : "0.0.0.0"),
    apiKeys: e.API_KEYS,
    webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
