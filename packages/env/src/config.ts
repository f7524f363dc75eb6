/**
 * The configuration the example apps and the `zoomkit` CLI read the same way: Zoom credentials and endpoints, the token store and the
 * log level, validated with zod. Each app adds its own variables to `sharedEnvShape` and reports every
 * problem at once, by variable name, so an operator fixes the deployment in one go.
 */
import { parseStoreUrl, type StoreUrl, StoreUrlError } from "@zoomkit/store-url";
import { z } from "zod";
import { endpointUrlSchema, insecureUrlProblem } from "./endpoint-url.js";
import { MAKE_A_KEY, tokenKeysSchema } from "./token-key.js";

/** Where tokens and leases are shared: in this process only, or in Redis or Postgres. */
export type StoreConfig = StoreUrl & { namespace?: string | undefined };

/** Zoom Server-to-Server OAuth credentials and endpoints (real mode). */
export interface ZoomConfig {
  accountId: string;
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  oauthUrl: string;
  /** `http://` to a host that is not loopback was allowed explicitly (`ZOOMKIT_ALLOW_INSECURE_HTTP`). */
  allowInsecureHttp?: boolean;
}

/** pino's levels, plus `silent`. */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Thrown when the environment does not describe a runnable app; the message lists every problem. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** A text variable where empty (or only blanks) means unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** A comma-separated list; items are trimmed and empty ones dropped. @default [] */
export const commaListSchema = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

/** A yes/no variable: true, false, 1, 0, yes, no (empty means the default, false). @default false */
export const booleanSchema = z
  .enum(["", "0", "1", "false", "true", "no", "yes"], { message: "must be true or false (or 1/0, yes/no)" })
  .default("false")
  .transform((value) => value === "1" || value === "true" || value === "yes");

/**
 * `ZOOMKIT_STORE`: `memory` (the default), a redis:// or rediss:// URL, or a postgres:// or postgresql://
 * URL, classified by `@zoomkit/store-url` (whose messages never repeat the URL).
 */
export const storeSchema = z
  .string()
  .trim()
  .default("memory")
  .transform((value, ctx): StoreConfig => {
    try {
      return parseStoreUrl(value === "" ? "memory" : value);
    } catch (error) {
      if (!(error instanceof StoreUrlError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

/**
 * The variables both apps share, to spread first into an app's `z.object`. `LOG_LEVEL` is separate
 * (`logLevelSchema`) so each app keeps its variables, and so its messages, in the order it documents.
 */
export const sharedEnvShape = {
  ZOOM_ACCOUNT_ID: optionalText,
  ZOOM_CLIENT_ID: optionalText,
  ZOOM_CLIENT_SECRET: optionalText,
  ZOOM_API_URL: endpointUrlSchema.default("https://api.zoom.us/v2"),
  ZOOM_OAUTH_URL: endpointUrlSchema.default("https://zoom.us/oauth/token"),
  ZOOMKIT_ALLOW_INSECURE_HTTP: booleanSchema,
  ZOOMKIT_TOKEN_KEY: tokenKeysSchema,
  ZOOMKIT_STORE: storeSchema,
  ZOOMKIT_STORE_NAMESPACE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "lower-case letters, digits and _ only, starting with a letter or _")
    .optional(),
};

/** `LOG_LEVEL`. @default "info" */
export const logLevelSchema = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
  .default("info");

/** The parsed values of `sharedEnvShape`. */
export type SharedEnv = z.output<z.ZodObject<typeof sharedEnvShape>>;

/**
 * Parses `env` with an app's schema.
 *
 * @throws ConfigError with one problem per issue, `VARIABLE: rule` (zod never echoes the input value).
 * @example
 * const e = parseEnv(z.object({ ...sharedEnvShape, LOG_LEVEL: logLevelSchema }), process.env);
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return parsed.data;
}

const CREDENTIAL_VARS = ["ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"] as const;

/** The mode, Zoom and store an app runs with, and the problems found on the way (none: runnable). */
export interface SharedConfig {
  /** `real`: Zoom credentials are configured. `embedded`: none are, so the simulator runs in-process. */
  mode: "real" | "embedded";
  /** Present in real mode only. */
  zoom: ZoomConfig | undefined;
  store: StoreConfig;
  /** `ZOOMKIT_TOKEN_KEY`: the first seals token records, all open them; empty when none is set. */
  tokenKeys: string[];
  problems: string[];
}

/**
 * Reads the mode, Zoom and store from parsed shared variables. Three credentials or none: a partial
 * set is a problem, never a silent fall-back to the simulator. In real mode the Zoom endpoints must be
 * https (loopback excepted) and a Redis or Postgres store needs `ZOOMKIT_TOKEN_KEY`.
 */
export function sharedConfig(e: SharedEnv): SharedConfig {
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
  const store: StoreConfig =
    e.ZOOMKIT_STORE.kind === "memory"
      ? e.ZOOMKIT_STORE
      : { ...e.ZOOMKIT_STORE, namespace: e.ZOOMKIT_STORE_NAMESPACE };
  if (mode === "real") problems.push(...realModeProblems(e));
  const zoom =
    mode === "real"
      ? {
          accountId: e.ZOOM_ACCOUNT_ID!,
          clientId: e.ZOOM_CLIENT_ID!,
          clientSecret: e.ZOOM_CLIENT_SECRET!,
          apiUrl: e.ZOOM_API_URL,
          oauthUrl: e.ZOOM_OAUTH_URL,
          ...(e.ZOOMKIT_ALLOW_INSECURE_HTTP ? { allowInsecureHttp: true } : {}),
        }
      : undefined;
  return { mode, zoom, store, tokenKeys: e.ZOOMKIT_TOKEN_KEY, problems };
}

/** What real mode needs beyond credentials: Zoom over TLS, and tokens sealed in a shared store. */
function realModeProblems(e: SharedEnv): string[] {
  const problems: string[] = [];
  for (const variable of ["ZOOM_API_URL", "ZOOM_OAUTH_URL"] as const) {
    const problem = insecureUrlProblem(variable, e[variable], e.ZOOMKIT_ALLOW_INSECURE_HTTP);
    if (problem) problems.push(problem);
  }
  if (e.ZOOMKIT_STORE.kind !== "memory" && e.ZOOMKIT_TOKEN_KEY.length === 0) {
    problems.push(
      `ZOOMKIT_TOKEN_KEY: required with a ${e.ZOOMKIT_STORE.kind === "redis" ? "Redis" : "Postgres"} store ` +
        "in real mode: without it the store holds an account-wide Zoom access token in plaintext, readable " +
        `and forgeable by anyone with access to the store (${MAKE_A_KEY}; list several, comma-separated, ` +
        "to rotate: the first seals, all open)",
    );
  }
  return problems;
}
