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
  /** `ZOOMKIT_TOKEN_KEY`: the first seals token records, all open them (required with a shared store in real mode). */
  tokenKeys: string[];
  port: number;
  host: string;
  /** Accepted API keys; empty in embedded mode when none were given (one is generated). */
  apiKeys: string[];
  /**
   * Secret tokens of the Zoom webhook endpoint (several while one is rotated: a request signed with any
   * of them is accepted); empty: `/webhooks/zoom` is not served.
   */
  webhookSecretTokens: string[];
  /** Bearer token `GET /metrics` requires; without it `/metrics` is not served. */
  metricsToken: string | undefined;
  logLevel: LogLevel;
  /** How long in-flight requests may take to finish after SIGINT/SIGTERM. */
  shutdownTimeoutMs: number;
}

/**
 * A bearer credential as `Authorization: Bearer <key>` can carry it: 16 to 256 characters of base64,
 * base64url, hex or the token68 punctuation. A key with a space inside could never match (the header
 * carries one word), so it is refused at start instead of failing every request.
 */
const BEARER_KEY = /^[A-Za-z0-9._~+/=-]{16,256}$/;
const BEARER_KEY_RULE =
  "16 to 256 characters of A-Z a-z 0-9 . _ ~ + / = - (no spaces; make one with `openssl rand -base64 32`)";

const envSchema = z.object({
  ...sharedEnvShape,
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: optionalText,
  API_KEYS: commaListSchema.refine((keys) => keys.every((key) => BEARER_KEY.test(key)), {
    message: `each key must be ${BEARER_KEY_RULE}`,
  }),
  METRICS_TOKEN: optionalText.refine((token) => token === undefined || BEARER_KEY.test(token), {
    message: `must be ${BEARER_KEY_RULE}`,
  }),
  ZOOM_WEBHOOK_SECRET_TOKEN: commaListSchema.refine((secrets) => secrets.every((s) => !/\s/.test(s)), {
    message: "a secret token contains whitespace (copy it again from the app's Feature page)",
  }),
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
  const { mode, zoom, store, tokenKeys, problems } = sharedConfig(e);
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
    tokenKeys,
    port: e.PORT,
    // A demo with a printed key stays on loopback; a real deployment usually runs in a container.
    host: e.HOST ?? (mode === "embedded" ? "127.0.0.1" : "0.0.0.0"),
    apiKeys: e.API_KEYS,
    webhookSecretTokens: e.ZOOM_WEBHOOK_SECRET_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
