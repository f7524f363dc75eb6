// `pnpm bench` (fleet): N worker processes x M concurrent callers for a set time against the simulator
// with short tokens, per store (Redis, Postgres; memory as the one-process baseline), once with
// zoomkit and once with the naive client of our users' incident (read the store, mint on a miss, no
// lock, SET then EXPIRE with the full lifetime, no 401 handling). Prints a table and writes
// bench-results/fleet.json. Loopback only; every run is bounded by --duration plus a drain timeout.
// `--scenario deactivated | lease | reactivation | outage` runs one of the incidents instead
// (bench/deactivated.mjs, lease.mjs, reactivation.mjs, outage.mjs); `--scenario pacing` the pacing
// benchmark (bench/pacing.mjs).
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator } from "@zoomkit/simulator";
import {
  clearRedisNamespace,
  dropFleetSchema,
  prepareFleetSchema,
  startFleet,
  summarize,
} from "../dist/index.js";

// `pnpm bench -- --flag` hands the `--` through; it means nothing here.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
const { values: flags } = parseArgs({
  args,
  options: {
    scenario: { type: "string", default: "load" },
    deactivated: { type: "string" },
    "mint-latency-ms": { type: "string", default: "1500" },
    outage: { type: "string", default: "8" },
    "old-tokens": { type: "string", default: "revive,stay-dead" },
    "cool-down-ms": { type: "string", default: "1000" },
    processes: { type: "string", short: "n" },
    callers: { type: "string", short: "c" },
    duration: { type: "string", short: "d", default: "10" },
    ttl: { type: "string", default: "3" },
    model: { type: "string", default: "invalidate-previous" },
    stores: { type: "string", default: "redis,postgres,memory" },
    clients: { type: "string", default: "zoomkit,naive" },
    "pause-ms": { type: "string", default: "20" },
    "fresh-token-ms": { type: "string" },
    "redis-url": { type: "string", default: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    "database-url": {
      type: "string",
      default: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (flags.help) {
  console.log(`Usage: node bench/run.mjs [options]   (or: pnpm --filter @zoomkit/fleet bench -- [options])
  --scenario S           load (default): zoomkit vs naive under load; deactivated: the app-deactivated
                         incident (defaults 8 x 16, --deactivated 3.5 s, --cool-down-ms 1000, max twice that);
                         lease: the lease holder killed mid-mint (8 x 32, --mint-latency-ms 1500);
                         reactivation: deactivated --deactivated 6 s then reactivated, engine defaults,
                         --old-tokens revive,stay-dead (8 x 16); outage: token endpoint 503 for --outage 8 s (8 x 16);
                         pacing: 8 x 32 creating meetings at a Medium limit of 20/s, pacing on and off
  -n, --processes N      worker processes per shared-store run (default 4; incidents 8; memory always runs 1)
  -c, --callers M        concurrent callers per process (default 16; lease 32)
  -d, --duration S       seconds of load per run (default 10)
  --ttl S                token lifetime in the simulator, seconds (default 3)
  --model M              multi | invalidate-previous (default invalidate-previous)
  --stores LIST          redis,postgres,memory
  --clients LIST         zoomkit,naive
  --pause-ms MS          pause of each caller between calls (default 20; 0: as fast as it goes)
  --fresh-token-ms MS    zoomkit's freshTokenMs (default: the engine's, 60 s)
  --redis-url URL --database-url URL --out FILE`);
  process.exit(0);
}

const number = (name, min) => {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number >= ${min}`);
  return value;
};
const SCENARIOS = ["load", "deactivated", "lease", "reactivation", "outage", "pacing"];
const scenario = flags.scenario;
if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario: one of ${SCENARIOS.join(", ")}`);
flags.processes ??= scenario === "load" ? "4" : "8";
flags.callers ??= scenario === "lease" || scenario === "pacing" ? "32" : "16";
flags.deactivated ??= scenario === "reactivation" ? "6" : "3.5";
flags.out ??= new URL(
  `../bench-results/${scenario === "load" ? "fleet" : `fleet-${scenario}`}.json`,
  import.meta.url,
).pathname;
const processes = number("processes", 1);
const callers = number("callers", 1);
const durationS = number("duration", 1);
const ttl = number("ttl", 1);
const pauseMs = number("pause-ms", 0);
// The engine's own default unless given: a refusal explained by a newer mint is never an app rejection.
const freshTokenMs = flags["fresh-token-ms"] === undefined ? undefined : number("fresh-token-ms", 0);
const model = flags.model;
if (model !== "multi" && model !== "invalidate-previous")
  throw new Error("--model: multi or invalidate-previous");
const stores = flags.stores.split(",").filter(Boolean);
const clients = flags.clients.split(",").filter(Boolean);

/** Store config for one run, and how to clean up after it. */
async function storeFor(kind) {
  const id = randomBytes(4).toString("hex");
  if (kind === "redis") {
    const namespace = `zoomkit-bench-${id}`;
    return {
      store: { kind, url: flags["redis-url"], namespace },
      cleanup: () => clearRedisNamespace(flags["redis-url"], namespace),
    };
  }
  if (kind === "postgres") {
    const schema = `zoomkit_bench_${id}`;
    const connectionString = flags["database-url"];
    await prepareFleetSchema(connectionString, schema);
    // 2 pool connections + 1 LISTEN per process: a fleet of 16 stays below Postgres's 100.
    return {
      store: { kind, connectionString, schema, maxConnections: 2 },
      cleanup: () => dropFleetSchema(connectionString, schema),
    };
  }
  if (kind === "memory") return { store: { kind }, cleanup: async () => {} };
  throw new Error(`unknown store ${kind}`);
}

async function runOnce(kind, client) {
  const sim = await startZoomSimulator({ tokenTtlSeconds: ttl, tokenModel: model });
  const { store, cleanup } = await storeFor(kind);
  const n = kind === "memory" ? 1 : processes;
  const keyPrefix = `bench-${randomBytes(4).toString("hex")}:`;
  let fleet;
  try {
    fleet = await startFleet({
      processes: n,
      config: (index) => ({
        index,
        client,
        store,
        zoom: {
          oauthUrl: sim.oauthUrl,
          baseUrl: sim.baseUrl,
          accountId: DEFAULT_APP.accountId,
          clientId: DEFAULT_APP.clientId,
          clientSecret: DEFAULT_APP.clientSecret,
          userId: DEFAULT_USERS[0].email,
        },
        engine: freshTokenMs === undefined ? { keyPrefix } : { keyPrefix, freshTokenMs },
        concurrency: callers,
        mode: "load",
        pauseMs,
        requestTimeoutMs: 10_000,
      }),
    });
    fleet.go();
    await new Promise((resolve) => setTimeout(resolve, durationS * 1000));
    fleet.stop();
    const summary = summarize(await fleet.reports(30_000));
    const stats = sim.stats();
    const topFailures = Object.entries(summary.failures)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([kind, count]) => ({ count, kind: kind.slice(0, 160) }));
    return {
      store: kind,
      client,
      processes: n,
      callers,
      calls: summary.calls,
      failed: summary.failed,
      callsPerSecond: summary.callsPerSecond,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      mints: stats.mints[DEFAULT_APP.clientId] ?? 0,
      unauthorized: Object.values(stats.unauthorized).reduce((a, b) => a + b, 0),
      lifetimes: Math.round((durationS / ttl) * 10) / 10,
      topFailures,
    };
  } finally {
    await fleet?.close();
    await sim.close();
    await cleanup().catch(() => undefined);
  }
}

if (scenario === "deactivated") {
  const { benchDeactivated } = await import("./deactivated.mjs");
  await benchDeactivated({
    stores,
    processes,
    callers,
    pauseMs,
    deactivatedS: number("deactivated", 1),
    coolDownMs: number("cool-down-ms", 100),
    out: flags.out,
    storeFor,
  });
  process.exit(0);
}
if (scenario === "lease") {
  const { benchLease } = await import("./lease.mjs");
  const mintLatencyMs = number("mint-latency-ms", 300);
  await benchLease({ stores, processes, callers, mintLatencyMs, out: flags.out, storeFor });
  process.exit(0);
}
if (scenario === "reactivation") {
  const { benchReactivation } = await import("./reactivation.mjs");
  const modes = flags["old-tokens"].split(",").filter(Boolean);
  if (modes.some((m) => m !== "revive" && m !== "stay-dead"))
    throw new Error("--old-tokens: revive,stay-dead");
  const deactivatedS = number("deactivated", 1);
  await benchReactivation({
    stores,
    processes,
    callers,
    pauseMs,
    deactivatedS,
    modes,
    out: flags.out,
    storeFor,
  });
  process.exit(0);
}
if (scenario === "pacing") {
  const { benchPacing } = await import("./pacing.mjs");
  await benchPacing({ stores, processes, callers, durationS, out: flags.out, storeFor });
  process.exit(0);
}
if (scenario === "outage") {
  const { benchOutage } = await import("./outage.mjs");
  const outageS = number("outage", 1);
  await benchOutage({ stores, processes, callers, pauseMs, outageS, out: flags.out, storeFor });
  process.exit(0);
}

const results = [];
for (const kind of stores) {
  for (const client of clients) {
    process.stdout.write(
      `${kind} / ${client}: ${kind === "memory" ? 1 : processes} x ${callers} for ${durationS} s ... `,
    );
    const result = await runOnce(kind, client);
    results.push(result);
    console.log(`${result.calls} calls, ${result.failed} failed, ${result.mints} mints`);
  }
}

const header =
  "| store | client | processes x callers | calls | failed | calls/s | p50 ms | p99 ms | mints | 401s seen |";
const rows = results.map(
  (r) =>
    `| ${r.store} | ${r.client} | ${r.processes} x ${r.callers} | ${r.calls} | ${r.failed} | ${r.callsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.mints} | ${r.unauthorized} |`,
);
const table = [header, "|---|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
console.log(
  `\n${durationS} s per run, ${ttl} s tokens (${(durationS / ttl).toFixed(1)} lifetimes), token model ${model}, pause ${pauseMs} ms\n`,
);
console.log(table);
for (const r of results) {
  for (const f of r.topFailures) console.log(`  ${r.store}/${r.client}: ${f.count} x ${f.kind}`);
}

const output = {
  benchmark: "fleet: N processes x M concurrent callers against the simulator, zoomkit vs the naive client",
  config: { processes, callers, durationS, ttlSeconds: ttl, tokenModel: model, pauseMs, freshTokenMs },
  results,
  table,
  node: process.version,
  cpu: `${cpus().length} x ${cpus()[0]?.model ?? "unknown"}`,
  date: new Date().toISOString(),
};
mkdirSync(new URL("../bench-results/", import.meta.url), { recursive: true });
writeFileSync(flags.out, `${JSON.stringify(output, null, 2)}\n`);
console.log(`\nsaved ${flags.out}`);
