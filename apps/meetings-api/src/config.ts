/**
 * Configuration from the environment, validated once at start. Every problem is reported at once, by
 * variable name, so an operator fixes the deployment in one go instead of one crash at a time.
 */
import { z } from "zod";

/** Where tokens and leases are shared: in this process only, or in Redis or Postgres. */
export type StoreConfig =
  | { kind: "memory" }
  | { kind: "redis"; url: string; namespace: string | undefined }
  | { kind: "postgres"; url: string; namespace: string | undefined };

/** Zoom Server-to-Server OAuth credentials and endpoints (real mode). */
export interface ZoomConfig {
  accountId: string;
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  oauthUrl: string;
}

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
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** How long in-flight requests may take to finish after SIGINT/SIGTERM. */
  shutdownTimeoutMs: number;
}

/** Thrown when the environment does not describe a runnable service; the message lists every problem. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const MIN_API_KEY_LENGTH = 16;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const storeSchema = z
  .string()
  .trim()
  .default("memory")
  .transform((value, ctx): StoreConfig => {
    if (value === "" || value === "memory") return { kind: "memory" };
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be `memory`, a redis:// URL or a postgres:// URL" });
      return z.NEVER;
    }
    if (url.protocol === "redis:" || url.protocol === "rediss:") {
      return { kind: "redis", url: value, namespace: undefined };
    }
    if (url.protocol === "postgres:" || url.protocol === "postgresql:") {
      return { kind: "postgres", url: value, namespace: undefined };
    }
    ctx.addIssue({
      code: "custom",
      message: `unsupported scheme ${url.protocol} (use memory, redis://, rediss:// or postgres://)`,
    });
    return z.NEVER;
  });

const envSchema = z.object({
  ZOOM_ACCOUNT_ID: optionalText,
  ZOOM_CLIENT_ID: optionalText,
  ZOOM_CLIENT_SECRET: optionalText,
  ZOOM_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.zoom.us/v2"),
  ZOOM_OAUTH_URL: z.url({ protocol: /^https?$/ }).default("https://zoom.us/oauth/token"),
  ZOOMKIT_STORE: storeSchema,
  ZOOMKIT_STORE_NAMESPACE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "lower-case letters, digits and _ only, starting with a letter or _")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: optionalText,
  API_KEYS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key !== ""),
    )
    .refine((keys) => keys.every((key) => key.length >= MIN_API_KEY_LENGTH), {
      message: `each key must be at least ${MIN_API_KEY_LENGTH} characters long`,
    }),
  ZOOM_WEBHOOK_SECRET_TOKEN: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

const CREDENTIAL_VARS = ["ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"] as const;

/**
 * Reads and validates the configuration.
 *
 * @throws ConfigError listing every problem (never a secret's value).
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Issue messages name the variable and the rule; zod never echoes the input value here.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  const present = CREDENTIAL_VARS.filter((name) => e[name] !== undefined);
  const mode = present.length === 0 ? "embedded" : "real";
  if (present.length > 0 && present.length < CREDENTIAL_VARS.length) {
    const missing = CREDENTIAL_VARS.filter((name) => e[name] === undefined);
    problems.push(
      `${missing.join(", ")}: required when ${present.join(", ")} ${present.length === 1 ? "is" : "are"} set ` +
        "(set all three Zoom credentials for real mode, or none to run on the embedded simulator)",
    );
  }
  if (mode === "real" && e.API_KEYS.length === 0) {
    problems.push(
      "API_KEYS: required when Zoom credentials are configured: without keys anyone who reaches the " +
        "port could create and delete meetings on your Zoom account (comma-separated, 16+ characters each)",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const store: StoreConfig =
    e.ZOOMKIT_STORE.kind === "memory"
      ? e.ZOOMKIT_STORE
      : { ...e.ZOOMKIT_STORE, namespace: e.ZOOMKIT_STORE_NAMESPACE };
  return {
    mode,
    zoom:
      mode === "real"
        ? {
            accountId: e.ZOOM_ACCOUNT_ID!,
            clientId: e.ZOOM_CLIENT_ID!,
            clientSecret: e.ZOOM_CLIENT_SECRET!,
            apiUrl: e.ZOOM_API_URL,
            oauthUrl: e.ZOOM_OAUTH_URL,
          }
        : undefined,
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
