// `pnpm bench` (fleet): N worker processes x M concurrent callers for a set time against the simulator
// with short tokens, per store (Redis, Postgres; memory as the one-process baseline), with zoomkit,
// the naive client of our users' incident (read the store, mint on a miss, no lock, SET then EXPIRE
// with the full lifetime, no 401 handling) and @zoom/rivet (Zoom's Node SDK, a token per process).
// Prints a table and writes bench-results/fleet.json (bench/load.mjs). Loopback only; every run is
// bounded by --duration plus a drain timeout. `--scenario saturation` is the same at 16 x 64 callers
// with no pause and hour-long tokens, zoomkit (Redis) vs Rivet, under both token models.
// `--scenario deactivated | lease | reactivation | outage` runs one of the incidents instead
// (bench/deactivated.mjs, lease.mjs, reactivation.mjs, outage.mjs); `--scenario pacing` the pacing
// benchmark (bench/pacing.mjs).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { clearRedisNamespace, dropFleetSchema, prepareFleetSchema } from "../dist/index.js";
import { benchLoad } from "./load.mjs";

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
    rounds: { type: "string" },
    ttl: { type: "string" },
    model: { type: "string" },
    stores: { type: "string" },
    clients: { type: "string" },
    "pause-ms": { type: "string" },
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
                         pacing: 8 x 32 creating meetings at a Medium limit of 20/s, pacing on and off;
                         saturation: load at 16 x 64, --pause-ms 0, --ttl 3600, Redis, zoomkit and rivet,
                         --model multi,invalidate-previous
  -n, --processes N      worker processes per shared-store run (default 4; incidents 8; saturation 16;
                         memory always runs 1)
  -c, --callers M        concurrent callers per process (default 16; lease 32; saturation 64)
  -d, --duration S       seconds of load per run (default 10)
  --rounds N             load and saturation: runs per client, order reversed every other round,
                         medians reported (default 1; saturation 2)
  --ttl S                token lifetime in the simulator, seconds (default 3)
  --model LIST           multi and/or invalidate-previous (default invalidate-previous)
  --stores LIST          redis,postgres,memory
  --clients LIST         zoomkit,naive,rivet (rivet: a token per process, run once per process count)
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
const SCENARIOS = ["load", "saturation", "deactivated", "lease", "reactivation", "outage", "pacing"];
const scenario = flags.scenario;
if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario: one of ${SCENARIOS.join(", ")}`);
const saturation = scenario === "saturation";
flags.processes ??= scenario === "load" ? "4" : saturation ? "16" : "8";
flags.callers ??= scenario === "lease" || scenario === "pacing" ? "32" : saturation ? "64" : "16";
flags.ttl ??= saturation ? "3600" : "3";
flags.rounds ??= saturation ? "2" : "1";
flags["pause-ms"] ??= saturation ? "0" : "20";
flags.model ??= saturation ? "multi,invalidate-previous" : "invalidate-previous";
flags.stores ??= saturation ? "redis" : "redis,postgres,memory";
flags.clients ??= saturation ? "zoomkit,rivet" : "zoomkit,naive,rivet";
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
const models = flags.model.split(",").filter(Boolean);
if (models.length === 0 || models.some((m) => m !== "multi" && m !== "invalidate-previous"))
  throw new Error("--model: multi and/or invalidate-previous");
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

await benchLoad({
  stores,
  clients,
  models,
  processes,
  callers,
  durationS,
  // At saturation the cold start (1,024 callers at once, Rivet's 1,024 mints) is left out of ok calls/s.
  warmupS: saturation ? 3 : 0,
  // At saturation the simulator (this process) would get a 17th of the CPU under the scheduler's fair
  // share, and whichever workers' connections it accepted first served all calls while the others sat
  // 10 s on theirs: workers at nice 10 leave the simulator the CPU it needs, so the clients' own cost
  // decides the throughput.
  nice: saturation ? 10 : undefined,
  rounds: number("rounds", 1),
  ttl,
  pauseMs,
  freshTokenMs,
  out: flags.out,
  storeFor,
  benchmark: saturation
    ? "fleet at saturation: N processes x M callers, no pause, against the simulator: zoomkit vs @zoom/rivet"
    : "fleet: N processes x M concurrent callers against the simulator, zoomkit vs the naive client (and @zoom/rivet)",
});
