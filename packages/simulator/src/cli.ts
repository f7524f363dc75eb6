#!/usr/bin/env node
/**
 * `zoomkit-simulator`: runs the simulator until stopped (Ctrl-C or SIGTERM). The first line printed is
 * `ZOOMKIT_SIMULATOR_URL=<url>` so scripts can read it; secrets are never printed.
 */
import { parseArgs } from "node:util";
import { DEFAULT_APP } from "./defaults.js";
import { startZoomSimulator } from "./server.js";
import { parseSwitchesPatch } from "./switches.js";
import type { SimulatorApp, SimulatorOptions, SimulatorUser, SwitchesPatch, TokenModel } from "./types.js";

const HELP = `Usage: zoomkit-simulator [options]

  --port N                 port (default 0: a free one)
  --host H                 interface (default 127.0.0.1)
  --app A:C:S              an app as accountId:clientId:clientSecret (repeatable; default: the built-in app)
  --user ID:EMAIL          a user (repeatable; default: the built-in users)
  --seed N                 seed for errorRate/dropRate faults
  --token-ttl S            expires_in of new tokens, seconds (default 3600)
  --token-model M          multi | invalidate-previous | max-live:N (default multi)
  --deactivate CLIENT_ID   start with that app deactivated (repeatable)
  --qps-light N, --qps-medium N, --qps-heavy N   per-second limits per category
  --daily-cap N            creates+updates per host per UTC day
  --daily-cap-as 429|300   how the daily cap answers (default 429)
  --no-rate-limit-headers  send 429s without X-RateLimit-* / Retry-After
  --scope-error-status 400|401|403
  --api-latency MS, --api-error-rate P, --api-drop-rate P, --api-error-status N
  --token-latency MS, --token-error-rate P, --token-drop-rate P, --token-error-status N
  --webhook-url URL --webhook-secret S   where to post signed meeting events
  --switches JSON          any switches, as POST /__sim/control takes them
  --no-override-globals    keep Node's own Request/Response (slower; what embedding in tests does)
  --help
`;

const options = {
  port: { type: "string" },
  host: { type: "string" },
  app: { type: "string", multiple: true },
  user: { type: "string", multiple: true },
  seed: { type: "string" },
  "token-ttl": { type: "string" },
  "token-model": { type: "string" },
  deactivate: { type: "string", multiple: true },
  "qps-light": { type: "string" },
  "qps-medium": { type: "string" },
  "qps-heavy": { type: "string" },
  "daily-cap": { type: "string" },
  "daily-cap-as": { type: "string" },
  "no-rate-limit-headers": { type: "boolean" },
  "scope-error-status": { type: "string" },
  "api-latency": { type: "string" },
  "api-error-rate": { type: "string" },
  "api-drop-rate": { type: "string" },
  "api-error-status": { type: "string" },
  "token-latency": { type: "string" },
  "token-error-rate": { type: "string" },
  "token-drop-rate": { type: "string" },
  "token-error-status": { type: "string" },
  "webhook-url": { type: "string" },
  "webhook-secret": { type: "string" },
  switches: { type: "string" },
  "no-override-globals": { type: "boolean" },
  help: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new TypeError(`--${name} must be a number, got ${value}`);
  return n;
}

function tokenModel(value: string | undefined): TokenModel | undefined {
  if (value === undefined || value === "multi" || value === "invalidate-previous") return value;
  const match = /^max-live:(\d+)$/.exec(value);
  if (match) return { maxLive: Number(match[1]) };
  throw new TypeError(`--token-model must be multi, invalidate-previous or max-live:N, got ${value}`);
}

function apps(values: string[] | undefined): SimulatorApp[] | undefined {
  return values?.map((v) => {
    const [accountId, clientId, ...secret] = v.split(":");
    if (!accountId || !clientId || secret.length === 0) throw new TypeError(`--app must be A:C:S, got ${v}`);
    return { accountId, clientId, clientSecret: secret.join(":") };
  });
}

function users(values: string[] | undefined): SimulatorUser[] | undefined {
  return values?.map((v) => {
    const [id, email] = v.split(":");
    if (!id || !email) throw new TypeError(`--user must be ID:EMAIL, got ${v}`);
    return { id, email };
  });
}

/** Turns flags into a switches patch, then lets `--switches` add to it; the result is validated. */
function switchesFrom(v: Values): SwitchesPatch {
  const patch: Record<string, unknown> = {
    tokenTtlSeconds: num(v["token-ttl"], "token-ttl"),
    tokenModel: tokenModel(v["token-model"]),
    qps: {
      light: num(v["qps-light"], "qps-light"),
      medium: num(v["qps-medium"], "qps-medium"),
      heavy: num(v["qps-heavy"], "qps-heavy"),
    },
    dailyCap: num(v["daily-cap"], "daily-cap"),
    dailyCapAs: num(v["daily-cap-as"], "daily-cap-as"),
    rateLimitHeaders: v["no-rate-limit-headers"] ? false : undefined,
    scopeErrorStatus: num(v["scope-error-status"], "scope-error-status"),
    api: faults(v, "api"),
    token: faults(v, "token"),
    incidents: Object.fromEntries((v.deactivate ?? []).map((id) => [id, { deactivated: true }])),
    webhook: v["webhook-url"] ? { url: v["webhook-url"], secretToken: v["webhook-secret"] ?? "" } : undefined,
    ...(v.switches ? (JSON.parse(v.switches) as Record<string, unknown>) : {}),
  };
  const parsed = parseSwitchesPatch(JSON.parse(JSON.stringify(patch)));
  if (!parsed.ok) throw new TypeError(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  return parsed.patch;
}

function faults(v: Values, surface: "api" | "token"): Record<string, number | undefined> {
  return {
    latencyMs: num(v[`${surface}-latency`], `${surface}-latency`),
    errorRate: num(v[`${surface}-error-rate`], `${surface}-error-rate`),
    dropRate: num(v[`${surface}-drop-rate`], `${surface}-drop-rate`),
    errorStatus: num(v[`${surface}-error-status`], `${surface}-error-status`),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options, strict: true, allowPositionals: false });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const configured = apps(values.app);
  const start: SimulatorOptions = {
    ...switchesFrom(values),
    port: num(values.port, "port") ?? 0,
    host: values.host ?? "127.0.0.1",
    seed: num(values.seed, "seed"),
    // This process is the simulator's alone, so the faster global classes harm nobody.
    overrideGlobalObjects: !values["no-override-globals"],
    apps: configured,
    users: users(values.user),
  };
  const sim = await startZoomSimulator(start);
  const shown = configured ?? [DEFAULT_APP];
  process.stdout.write(
    [
      `ZOOMKIT_SIMULATOR_URL=${sim.url}`,
      `token endpoint: ${sim.oauthUrl}`,
      `API base:       ${sim.baseUrl}`,
      `control:        ${sim.url}/__sim/switches, ${sim.url}/__sim/stats`,
      ...shown.map((a) => `app:            account_id=${a.accountId} client_id=${a.clientId}`),
      "",
    ].join("\n"),
  );
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `zoomkit-simulator: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`,
  );
  process.exit(2);
});
