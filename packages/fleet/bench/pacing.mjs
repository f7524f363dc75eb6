// `node bench/run.mjs --scenario pacing`: 8 processes x 32 callers creating meetings as fast as they can
// against the simulator with a Medium limit of 20 a second (fixed one-second windows per account, as
// the simulator counts), per store, with pacing (`rates.medium: 20`, daily cap off) and without.
// Per run: 429s Zoom sent (the simulator's count), meetings created per second during the load and the
// share of the limit that is, calls the pacer refused locally, and per-call latency (waits included).
// Writes bench-results/fleet-pacing.json. Target (issue 14): 0 429s with pacing, >= 90 % of the limit.
import { randomBytes } from "node:crypto";
import { startZoomSimulator } from "@zoomkit/simulator";
import { startFleet, summarize } from "../dist/index.js";
import { benchWorker, saveResults } from "./zoom-target.mjs";

const LIMIT = 20;
const rates = { light: 80, medium: LIMIT, heavy: 40, resourceIntensive: 1 };

export async function benchPacing({ stores, processes, callers, durationS, out, storeFor }) {
  const results = [];
  for (const kind of stores.filter((k) => k !== "memory")) {
    for (const paced of [true, false]) {
      process.stdout.write(`${kind} ${paced ? "paced" : "not paced"}: ${processes} x ${callers} ... `);
      const sim = await startZoomSimulator({ qps: { medium: LIMIT } });
      const { store, cleanup } = await storeFor(kind);
      const engine = { keyPrefix: `bench-${randomBytes(4).toString("hex")}:` };
      let fleet;
      try {
        fleet = await startFleet({
          processes,
          config: (index) => ({
            ...benchWorker(index, { sim, store, engine, callers, mode: "load", pauseMs: 0 }),
            workload: "create",
            requestTimeoutMs: 30_000,
            ...(paced ? { pacing: { rates, dailyMeetingCap: false } } : {}),
          }),
        });
        // One warm-up second (tokens, connections), then the measured window.
        fleet.go();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const before = sim.stats();
        const startedAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, durationS * 1000));
        const after = sim.stats();
        const windowS = (Date.now() - startedAt) / 1000;
        fleet.stop();
        const summary = summarize(await fleet.reports(60_000));
        const created = (after.calls.meetingCreate?.[201] ?? 0) - (before.calls.meetingCreate?.[201] ?? 0);
        const createdPerSecond = Math.round((created / windowS) * 10) / 10;
        const result = {
          store: kind,
          pacing: paced,
          processes,
          callers,
          windowS: Math.round(windowS * 10) / 10,
          zoom429s: after.rateLimited.qps - before.rateLimited.qps,
          zoom429sWholeRun: sim.stats().rateLimited.qps,
          createdPerSecond,
          limitUsedPercent: Math.round((createdPerSecond / LIMIT) * 1000) / 10,
          refusedLocally: Object.entries(summary.failures)
            .filter(([k]) => k.endsWith("paced"))
            .reduce((a, [, n]) => a + n, 0),
          failedCalls: summary.failed,
          p50Ms: summary.p50Ms,
          p99Ms: summary.p99Ms,
        };
        results.push(result);
        console.log(
          `${result.zoom429s} 429s from Zoom, ${createdPerSecond} created/s (${result.limitUsedPercent} %), ${result.failedCalls} failed`,
        );
      } finally {
        await fleet?.close();
        await sim.close();
        await cleanup().catch(() => undefined);
      }
    }
  }
  const header =
    "| store | pacing | processes x callers | 429s from Zoom | created/s | % of the 20/s limit | refused locally | failed calls | p50 ms | p99 ms |";
  const rows = results.map(
    (r) =>
      `| ${r.store} | ${r.pacing ? "on" : "off"} | ${r.processes} x ${r.callers} | ${r.zoom429s} | ${r.createdPerSecond} | ${r.limitUsedPercent} | ${r.refusedLocally} | ${r.failedCalls} | ${r.p50Ms} | ${r.p99Ms} |`,
  );
  const table = [header, "|---|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
  console.log(`\n${durationS} s measured per run after 1 s of warm-up, Medium limit ${LIMIT}/s\n`);
  console.log(table);
  await saveResults(
    out,
    "fleet pacing: processes x callers creating meetings at a Medium limit of 20/s, pacing on and off",
    { processes, callers, durationS, limitPerSecond: LIMIT },
    results,
    table,
  );
}
