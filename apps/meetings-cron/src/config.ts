/**
 * Configuration from the environment, validated once at start; every problem is reported at once,
 * by variable name.
 */
import { Cron } from "croner";
import { z } from "zod";

/** Where tokens and tick leases are shared: in this process only, or in Redis or Postgres. */
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

/** The validated configuration of the job. */
export interface Config {
  /** `real`: Zoom credentials are configured. `embedded`: none are, so the simulator runs in-process. */
  mode: "real" | "embedded";
  zoom: ZoomConfig | undefined;
  store: StoreConfig;
  /** Hosts (Zoom user ids or emails) whose meetings are swept; empty in embedded mode means the seeded host. */
  hosts: string[];
  cron: string;
  timezone: string;
  graceMinutes: number;
  dryRun: boolean;
  pageSize: number;
  /** Names the job in lease keys, so two different sweepers sharing a store never exclude each other. */
  jobName: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/** Thrown when the environment does not describe a runnable job; the message lists every problem. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const storeSchema = z
  .string()
  .trim()
  .default("memory")
  .transform((value, ctx): StoreConfig => {
    if (value === "" || value === "memory") return { kind: "memory" };
    const scheme = /^([a-z]+):\/\//.exec(value)?.[1];
    if (scheme === "redis" || scheme === "rediss") return { kind: "redis", url: value, namespace: undefined };
    if (scheme === "postgres" || scheme === "postgresql")
      return { kind: "postgres", url: value, namespace: undefined };
    ctx.addIssue({ code: "custom", message: "must be `memory`, a redis:// URL or a postgres:// URL" });
    return z.NEVER;
  });

const booleanText = z
  .enum(["", "0", "1", "false", "true", "no", "yes"], { message: "must be true or false (or 1/0, yes/no)" })
  .default("false")
  .transform((value) => value === "1" || value === "true" || value === "yes");

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
  HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim())
        .filter((host) => host !== ""),
    ),
  CRON: z
    .string()
    .trim()
    .default("*/5 * * * *")
    .refine((pattern) => {
      try {
        new Cron(pattern, { paused: true }).stop();
        return true;
      } catch {
        return false;
      }
    }, "not a valid cron pattern (5 fields, or 6 with seconds first)"),
  CRON_TIMEZONE: z
    .string()
    .default("UTC")
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "not an IANA time zone (e.g. UTC, Europe/Berlin)"),
  GRACE_MINUTES: z.coerce.number().int().min(0).max(525_600).default(60),
  DRY_RUN: booleanText,
  PAGE_SIZE: z.coerce.number().int().min(1).max(300).default(300),
  JOB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only (at most 64)")
    .default("meetings-cron"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const present = CREDENTIAL_VARS.filter((name) => e[name] !== undefined);
  const mode = present.length === 0 ? "embedded" : "real";
  const problems: string[] = [];
  if (present.length > 0 && present.length < CREDENTIAL_VARS.length) {
    const missing = CREDENTIAL_VARS.filter((name) => e[name] === undefined);
    problems.push(
      `${missing.join(", ")}: required when ${present.join(", ")} ${present.length === 1 ? "is" : "are"} set ` +
        "(set all three Zoom credentials, or none to run on the embedded simulator)",
    );
  }
  if (mode === "real" && e.HOSTS.length === 0) {
    problems.push("HOSTS: required with Zoom credentials (comma-separated Zoom user ids or emails to sweep)");
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
    hosts: e.HOSTS,
    cron: e.CRON,
    timezone: e.CRON_TIMEZONE,
    graceMinutes: e.GRACE_MINUTES,
    dryRun: e.DRY_RUN,
    pageSize: e.PAGE_SIZE,
    jobName: e.JOB_NAME,
    logLevel: e.LOG_LEVEL,
  };
}
