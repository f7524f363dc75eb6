// The load comparison (`--scenario load`, the default) and saturation (`--scenario saturation`): N
// worker processes x M callers for a set time against the simulator, per store, per token model, per
// client: zoomkit, the naive client of our users' incident, and @zoom/rivet (each process its own
// token, no shared store: it runs once per process count, not once per store). calls/s counts every
// call from release to stop (failed ones too); "ok calls/s after warm-up" counts the simulator's 200
// answers in the `durationS` window that follows `warmupS` seconds of load. Prints a table and writes
// the results file.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_APP, startZoomSimulator } from "@zoomkit/simulator";
import { startFleet, summarize } from "../dist/index.js";
import { rivetEnvironment } from "./rivet-env.mjs";
import { benchWorker, saveResults } from "./zoom-target.mjs";

async function runOnce(kind, client, model, options) {
  const { processes, callers, durationS, warmupS, ttl, pauseMs, freshTokenMs, nice, storeFor } = options;
  const sim = await startZoomSimulator({ tokenTtlSeconds: ttl, tokenModel: model });
  const { store, cleanup } = await storeFor(kind);
  const rivet = client === "rivet" ? await rivetEnvironment(sim) : undefined;
  const n = kind === "memory" ? 1 : processes;
  const keyPrefix = `bench-${randomBytes(4).toString("hex")}:`;
  const engine = freshTokenMs === undefined ? { keyPrefix } : { keyPrefix, freshTokenMs };
  let fleet;
  try {
    fleet = await startFleet({
      processes: n,
      ...(nice !== undefined ? { nice } : {}),
      ...(rivet ? { env: rivet.env } : {}),
      config: (index) => ({
        ...benchWorker(index, { sim, store, engine, callers, mode: "load", pauseMs }),
        client,
        requestTimeoutMs: 10_000,
      }),
    });
    // Calls the simulator answered with 200 in the window after the warm-up (the cold start's mints
    // and queues left out): what the fleet serves at its steady state.
    const served = () => sim.stats().calls.user?.[200] ?? 0;
    fleet.go();
    await sleep(warmupS * 1000);
    const servedBefore = served();
    const windowStart = performance.now();
    await sleep(durationS * 1000);
    const okPerSecond = Math.round((served() - servedBefore) / ((performance.now() - windowStart) / 1000));
    fleet.stop();
    const summary = summarize(await fleet.reports(30_000));
    const stats = sim.stats();
    const topFailures = Object.entries(summary.failures)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([kind, count]) => ({ count, kind: kind.slice(0, 160) }));
    return {
      store: client === "rivet" ? "none (token per process)" : kind,
      client,
      model,
      processes: n,
      callers,
      calls: summary.calls,
      failed: summary.failed,
      callsPerSecond: summary.callsPerSecond,
      okPerSecond,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      mints: stats.mints[DEFAULT_APP.clientId] ?? 0,
      unauthorized: Object.values(stats.unauthorized).reduce((a, b) => a + b, 0),
      lifetimes: Math.round((durationS / ttl) * 10) / 10,
      topFailures,
    };
  } finally {
    await fleet?.close();
    await rivet?.close();
    await sim.close();
    await cleanup().catch(() => undefined);
  }
}

/** The runs of one round: every store x client (rivet once per process count), clients in `order`. */
async function runRound(model, order, round, options) {
  const { stores, processes, callers, durationS } = options;
  const results = [];
  const rivetRanWith = new Set();
  for (const kind of stores) {
    const n = kind === "memory" ? 1 : processes;
    for (const client of order) {
      if (client === "rivet" && rivetRanWith.has(n)) continue;
      if (client === "rivet") rivetRanWith.add(n);
      process.stdout.write(
        `${kind} / ${client} / ${model} / round ${round}: ${n} x ${callers} for ${durationS} s ... `,
      );
      const result = { ...(await runOnce(kind, client, model, options)), round };
      results.push(result);
      console.log(`${result.calls} calls, ${result.failed} failed, ${result.mints} mints`);
    }
  }
  return results;
}

/** Per store x client x model over the rounds: median ok calls/s and calls/s, and each round's. */
function medians(results) {
  const groups = new Map();
  for (const r of results) {
    const key = `${r.store} | ${r.client} | ${r.model}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return [...groups.values()].map((runs) => ({
    store: runs[0].store,
    client: runs[0].client,
    model: runs[0].model,
    okPerSecond: Math.round(median(runs.map((r) => r.okPerSecond))),
    callsPerSecond: Math.round(median(runs.map((r) => r.callsPerSecond))),
    roundsOkPerSecond: runs.map((r) => r.okPerSecond),
  }));
}

/**
 * Runs every store x model x client for `rounds` rounds (client order reversed every other round, so
 * drift on the machine hits every client alike) and saves the table and the medians.
 */
export async function benchLoad(options) {
  const { clients, models, processes, callers, durationS, warmupS, ttl, pauseMs, out, benchmark } = options;
  const rounds = options.rounds ?? 1;
  const results = [];
  for (const model of models) {
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? clients : [...clients].reverse();
      results.push(...(await runRound(model, order, round, options)));
    }
  }
  const summary = medians(results);
  const header =
    "| store | client | token model | round | processes x callers | calls | failed | calls/s | ok calls/s after warm-up | p50 ms | p99 ms | mints | 401s seen |";
  const rows = results.map(
    (r) =>
      `| ${r.store} | ${r.client} | ${r.model} | ${r.round} | ${r.processes} x ${r.callers} | ${r.calls} | ${r.failed} | ${r.callsPerSecond} | ${r.okPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.mints} | ${r.unauthorized} |`,
  );
  const table = [header, "|---|---|---|---|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
  console.log(
    `\n${warmupS} s warm-up + ${durationS} s per run, ${ttl} s tokens (${(durationS / ttl).toFixed(1)} lifetimes), token models ${models.join(", ")}, pause ${pauseMs} ms\n`,
  );
  console.log(table);
  if (rounds > 1) {
    console.log(`\nmedians over ${rounds} rounds:`);
    for (const m of summary)
      console.log(
        `  ${m.store} / ${m.client} / ${m.model}: ok calls/s ${m.okPerSecond} (rounds ${m.roundsOkPerSecond.join(", ")}), calls/s ${m.callsPerSecond}`,
      );
  }
  for (const r of results) {
    for (const f of r.topFailures) console.log(`  ${r.store}/${r.client}/${r.model}: ${f.count} x ${f.kind}`);
  }
  const config = {
    processes,
    callers,
    durationS,
    warmupS,
    rounds,
    ttlSeconds: ttl,
    tokenModels: models,
    pauseMs,
    freshTokenMs: options.freshTokenMs,
    workerNice: options.nice ?? 0,
  };
  await saveResults(out, benchmark, config, { runs: results, medians: summary }, table);
}
