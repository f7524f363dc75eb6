// `pnpm bench` (core), part 1: the token engine's hot path. getToken() with the token cached in this process,
// on one core (one event loop), awaited like the pipeline awaits it. Prints calls per second and writes
// bench-results/hot-path.json. DESIGN.md's bar: well over a million per second.
// Part 2 (bench/client-overhead.mjs) puts the whole client beside plain fetch, openapi-fetch and
// @zoom/rivet (CPU per call, Node 20 and 24, fake Zoom in another process); part 3
// (bench/telemetry-overhead.mjs) what observability costs a request, without and with an OpenTelemetry SDK.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { createMemoryStore, createTokenProvider } from "../dist/index.js";

const fakeTokenEndpoint = async () =>
  Response.json({ access_token: "bench-token", token_type: "bearer", expires_in: 3600, scope: "bench" });

const tokens = createTokenProvider({
  accountId: "bench-account",
  clientId: "bench-client",
  clientSecret: "bench-secret",
  oauthUrl: "https://zoom.invalid/oauth/token",
  fetch: fakeTokenEndpoint,
  store: createMemoryStore(),
});
await tokens.getToken();

async function round(calls) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await tokens.getToken();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

await round(200_000); // warm-up: let the JIT settle
const calls = 2_000_000;
const rates = [];
for (let i = 0; i < 5; i++) rates.push(calls / (await round(calls)));
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)];
const stats = tokens.stats();
if (stats.mints.total !== 1 || stats.hits.process < calls * 5)
  throw new Error("the hot path was not the hot path");

const result = {
  benchmark: "getToken() hot path (token cached in process, awaited)",
  callsPerSecond: Math.round(median),
  runs: rates.map(Math.round),
  callsPerRun: calls,
  mints: stats.mints.total,
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  date: new Date().toISOString(),
};
const dir = new URL("../bench-results/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("hot-path.json", dir), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `getToken() hot path: ${result.callsPerSecond.toLocaleString("en-US")} calls/s (median of 5 x ${calls.toLocaleString("en-US")}; runs ${result.runs.join(", ")})`,
);

// Part 2, in a process of its own so neither benchmark's JIT state or heap colours the other.
const overhead = spawnSync(process.execPath, [new URL("client-overhead.mjs", import.meta.url).pathname], {
  stdio: "inherit",
});
if (overhead.status !== 0) process.exit(overhead.status ?? 1);

// Part 3, also in a process of its own: it registers global OpenTelemetry providers.
const telemetry = spawnSync(process.execPath, [new URL("telemetry-overhead.mjs", import.meta.url).pathname], {
  stdio: "inherit",
});
if (telemetry.status !== 0) process.exit(telemetry.status ?? 1);
