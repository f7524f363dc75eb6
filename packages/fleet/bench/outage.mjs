// `node bench/run.mjs --scenario outage`: the token endpoint answers 503 for 8 s while the fleet's token
// still lives (target: at most 20 token requests fleet-wide during the outage, no failed call). 8 x 16
// callers on one 60 s token with a 30 s refresh window; the outage starts at the warm-up and lasts 8 s
// from the fleet's first refresh attempt; backoff on the engine's defaults (500 ms doubling to 30 s,
// equal jitter). Per store: token requests during the outage, failed calls, mints after, time from the
// end of the outage to the next token. Writes bench-results/fleet-outage.json.
import { randomBytes } from "node:crypto";
import { DEFAULT_APP, startZoomSimulator } from "@zoomkit/simulator";
import { runTokenOutage, summarize } from "../dist/index.js";
import { benchWorker, saveResults } from "./zoom-target.mjs";

const TTL_SECONDS = 60;
const REFRESH_WINDOW_MS = 30_000;

export async function benchOutage({ stores, processes, callers, pauseMs, outageS, out, storeFor }) {
  const results = [];
  for (const kind of stores.filter((k) => k !== "memory")) {
    process.stdout.write(`${kind}: ${processes} x ${callers}, token endpoint 503 for ${outageS} s ... `);
    const sim = await startZoomSimulator({ tokenTtlSeconds: TTL_SECONDS });
    const { store, cleanup } = await storeFor(kind);
    const engine = {
      keyPrefix: `bench-${randomBytes(4).toString("hex")}:`,
      refreshWindowMs: REFRESH_WINDOW_MS,
    };
    let run;
    try {
      run = await runTokenOutage({
        sim,
        clientId: DEFAULT_APP.clientId,
        fleet: {
          processes,
          config: (index) => benchWorker(index, { sim, store, engine, callers, mode: "load", pauseMs }),
        },
        warmUpCalls: 2 * processes * callers,
        outageMs: outageS * 1000,
        firstAttemptTimeoutMs: TTL_SECONDS * 1000,
        recoveryTimeoutMs: 40_000,
      });
      const summary = summarize(run.reports);
      const result = {
        store: kind,
        processes,
        callers,
        outageMs: run.outageOffAt - run.firstAttemptAt,
        tokenRequests: run.attempts,
        calls: summary.calls,
        failed: summary.failed,
        mintsAfter: run.mints.after,
        nextTokenMs: run.recoveredAt === undefined ? null : run.recoveredAt - run.outageOffAt,
        tokensAtEnd: new Set(run.finalStates.map((s) => s.fingerprint)).size,
      };
      results.push(result);
      console.log(`${result.tokenRequests} token requests, ${result.failed} failed calls`);
    } finally {
      await run?.fleet.close();
      await sim.close();
      await cleanup().catch(() => undefined);
    }
  }
  const header =
    "| store | processes x callers | outage s (from the first attempt) | token requests during it | calls | failed | mints after | end of outage to next token ms | tokens at end |";
  const rows = results.map(
    (r) =>
      `| ${r.store} | ${r.processes} x ${r.callers} | ${(r.outageMs / 1000).toFixed(1)} | ${r.tokenRequests} | ${r.calls} | ${r.failed} | ${r.mintsAfter} | ${r.nextTokenMs} | ${r.tokensAtEnd} |`,
  );
  const table = [header, "|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
  console.log(
    `\n${TTL_SECONDS} s tokens, refresh window ${REFRESH_WINDOW_MS} ms, backoff on the engine's defaults\n`,
  );
  console.log(table);
  await saveResults(
    out,
    "fleet: token endpoint answering 503 while the token lives; requests during the outage, failed calls",
    { processes, callers, pauseMs, outageS, ttlSeconds: TTL_SECONDS, refreshWindowMs: REFRESH_WINDOW_MS },
    results,
    table,
  );
}
