/**
 * Configuration from the environment, validated once at start; every problem is reported at once,
 * by variable name.
 */
import {
  booleanSchema,
  ConfigError,
  commaListSchema,
  type LogLevel,
  logLevelSchema,
  parseEnv,
  type StoreConfig,
  sharedConfig,
  sharedEnvShape,
  type ZoomConfig,
} from "@zoomkit/app-support";
import { Cron } from "croner";
import { z } from "zod";

/** The validated configuration of the job. */
export interface Config {
  /** `real`: Zoom credentials are configured. `embedded`: none are, so the simulator runs in-process. */
  mode: "real" | "embedded";
  zoom: ZoomConfig | undefined;
  store: StoreConfig;
  /** `ZOOMKIT_TOKEN_KEY`: the first seals token records, all open them (required with a shared store in real mode). */
  tokenKeys: string[];
  /** Hosts (Zoom user ids or emails) whose meetings are swept; empty in embedded mode means the seeded host. */
  hosts: string[];
  cron: string;
  timezone: string;
  graceMinutes: number;
  dryRun: boolean;
  pageSize: number;
  /** Names the job in lease keys, so two different sweepers sharing a store never exclude each other. */
  jobName: string;
  logLevel: LogLevel;
}

const envSchema = z.object({
  ...sharedEnvShape,
  HOSTS: commaListSchema,
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
  DRY_RUN: booleanSchema,
  PAGE_SIZE: z.coerce.number().int().min(1).max(300).default(300),
  JOB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only (at most 64)")
    .default("meetings-cron"),
  LOG_LEVEL: logLevelSchema,
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
  if (mode === "real" && e.HOSTS.length === 0) {
    problems.push("HOSTS: required with Zoom credentials (comma-separated Zoom user ids or emails to sweep)");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    zoom,
    store,
    tokenKeys,
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
