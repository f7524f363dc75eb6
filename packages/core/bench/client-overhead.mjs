// `pnpm bench` (core), part 2: what each client costs the process that makes the calls, side by side,
// on Node 20 and on Node 24 in one run. Per Node version one client process (./overhead/runner.mjs)
// forks a fake Zoom (the simulator, plus a zoom.us stand-in for Rivet's hard-coded token URL) into a
// process of its own, so `process.cpuUsage()` of the client process is the clients' CPU only, then
// creates and deletes meetings from 16 concurrent callers through
//   fetch:          plain fetch with a fixed Authorization header,
//   openapi-fetch:  openapi-fetch `createClient` with a fixed header (the bar: ratios are against it),
//   zoomkit:        `createZoomClient` with the memory store (and with the Redis store when REDIS_URL
//                   is set), token engine and pipeline on their defaults,
//   rivet:          @zoom/rivet's S2S meetings client (Zoom's own Node SDK),
// in interleaved rounds: figures are medians over rounds, ratios the median of per-round ratios. It also
// compares openapi-fetch and zoomkit over an in-process fetch (no network: the pipeline's own cost).
// Prints a table and writes bench-results/client-overhead.json. BENCH_NODES=20 (or 24) runs one version;
// BENCH_CLIENTS=zoomkit (a list) only those beside openapi-fetch; ROUNDS and PAIRS shorten a trial.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureNode } from "../../../scripts/lib/node-versions.mjs";
import { makeZoomUsCertificate } from "./zoom-us/stand-in.mjs";

const CLIENTS = [
  ["fetch", "plain fetch, fixed header"],
  ["openapi-fetch", "openapi-fetch, fixed header"],
  ["zoomkit", "zoomkit (memory store)"],
  ["zoomkit-redis", "zoomkit (Redis store)"],
  ["rivet", "@zoom/rivet 0.4.0"],
];
const majors = (process.env.BENCH_NODES ?? "20,24").split(",").map(Number);

/** This machine's node when it is of that major, else the pinned download (scripts/lib/node-versions.mjs). */
const nodeBinary = (major) =>
  Number(process.versions.node.split(".")[0]) === major ? process.execPath : ensureNode(major);

/** Runs the client process on one Node version; resolves its figures. */
function runOn(major, certificate, dir) {
  const out = join(dir, `node-${major}.json`);
  const run = spawnSync(
    nodeBinary(major),
    [new URL("overhead/runner.mjs", import.meta.url).pathname, out, JSON.stringify(certificate)],
    { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate.certPath } },
  );
  if (run.status !== 0) throw new Error(`the client process on Node ${major} failed (${run.status})`);
  return JSON.parse(readFileSync(out, "utf8"));
}

/** The README's table: one row per client, CPU µs per call and ratio per Node version. */
function table(byNode) {
  const nodes = Object.keys(byNode);
  const header = `| client | ${nodes.map((n) => `Node ${n}: CPU µs per call | vs openapi-fetch`).join(" | ")} |`;
  const rule = `|---|${nodes.map(() => "---|---").join("|")}|`;
  const rows = CLIENTS.filter(([name]) => nodes.some((n) => byNode[n].network.clients[name])).map(
    ([name, label]) =>
      `| ${label} | ${nodes
        .map((n) => {
          const c = byNode[n].network.clients[name];
          return c ? `${Math.round(c.cpuUsPerCall)} | ${c.vsBaseline.toFixed(2)}` : "- | -";
        })
        .join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

const certificate = makeZoomUsCertificate();
const dir = mkdtempSync(join(tmpdir(), "zoomkit-bench-overhead-"));
const byNode = {};
try {
  for (const major of majors) byNode[major] = runOn(major, certificate, dir);
} finally {
  certificate.remove();
  rmSync(dir, { recursive: true, force: true });
}

const result = {
  benchmark:
    "client overhead: CPU of the client process per call, create + delete a meeting against the simulator in another process, 16 concurrent callers",
  clients: Object.fromEntries(CLIENTS),
  calls: "POST /users/{userId}/meetings (201) and DELETE /meetings/{meetingId} (204); each is one call",
  measured:
    "process.cpuUsage() (user + system) of the client process over a round / calls in it; medians of interleaved rounds; vsBaseline (against openapi-fetch): median of per-round ratios",
  table: table(byNode),
  nodes: byNode,
  date: new Date().toISOString(),
};
// A trial (fewer versions, clients, rounds or calls) never replaces the committed results.
const trial = ["BENCH_NODES", "BENCH_CLIENTS", "ROUNDS", "PAIRS"].some((name) => process.env[name]);
const results = trial ? tmpdir() : new URL("../bench-results/", import.meta.url).pathname;
mkdirSync(results, { recursive: true });
writeFileSync(join(results, "client-overhead.json"), `${JSON.stringify(result, null, 2)}\n`);

console.log(`\nclient overhead: CPU per call of the client process (${Object.values(byNode)[0]?.cpu})\n`);
console.log(result.table);
console.log(`saved ${join(results, "client-overhead.json")}`);
for (const [major, r] of Object.entries(byNode)) {
  const c = r.inProcess.clients;
  console.log(
    `Node ${major} in-process fetch (no network): openapi-fetch ${c["openapi-fetch"].cpuUsPerCall} µs, zoomkit ${c.zoomkit.cpuUsPerCall} µs per call (${c.zoomkit.vsBaseline.toFixed(2)}x)`,
  );
}
