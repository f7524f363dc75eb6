// `node bench/run.mjs --scenario reactivation`: issue 9's recovery incident. 8 x 16 callers warm up on
// one token; the app is deactivated for 6 s, then reactivated; the engine runs on its defaults (circuit
// cool-down 30 s, re-read every 2 s while open, one probe request every 3 s fleet-wide). Zoom has not
// said whether older tokens work again after a reactivation, so both of the simulator's modes run:
// `revive` (target: every process serving within 10 s of the reactivation, without waiting for the
// cool-down) and `stay-dead` (the probe minted at the cool-down's end finds the recovery). Per store and
// mode: mints while deactivated, time from the reactivation until each process served again (its first
// successful call after its last failed one), failed calls. Writes bench-results/fleet-reactivation.json.
import { randomBytes } from "node:crypto";
import { DEFAULT_APP, startZoomSimulator } from "@zoomkit/simulator";
import { runAppDeactivation, servingAgainDelays, summarize } from "../dist/index.js";
import { benchWorker, quantile, saveResults } from "./zoom-target.mjs";

export async function benchReactivation({
  stores,
  processes,
  callers,
  pauseMs,
  deactivatedS,
  modes,
  out,
  storeFor,
}) {
  const results = [];
  for (const kind of stores.filter((k) => k !== "memory")) {
    for (const oldTokens of modes) {
      process.stdout.write(
        `${kind} / old tokens ${oldTokens}: ${processes} x ${callers}, deactivated ${deactivatedS} s ... `,
      );
      const sim = await startZoomSimulator({ tokenTtlSeconds: 3600 });
      const { store, cleanup } = await storeFor(kind);
      const engine = { keyPrefix: `bench-${randomBytes(4).toString("hex")}:` };
      let run;
      try {
        run = await runAppDeactivation({
          sim,
          clientId: DEFAULT_APP.clientId,
          fleet: {
            processes,
            config: (index) => benchWorker(index, { sim, store, engine, callers, mode: "load", pauseMs }),
          },
          warmUpCalls: 4 * processes * callers,
          deactivatedMs: deactivatedS * 1000,
          oldTokens,
          recoveryTimeoutMs: 60_000,
        });
        const summary = summarize(run.reports);
        const serving = servingAgainDelays(run.reports, run.reactivatedAt);
        const known = serving.filter((d) => d !== undefined);
        const result = {
          store: kind,
          oldTokens,
          processes,
          callers,
          deactivatedMs: run.reactivatedAt - run.deactivatedAt,
          mintsDeactivated: run.mints.deactivated,
          mintsAfterReactivation: run.mints.afterReactivation,
          processesServingAgain: known.length,
          servingAgainP50Ms: Math.round(quantile(known, 0.5)),
          servingAgainMaxMs: known.length === serving.length ? Math.max(...known) : null,
          circuitClosedEverywhereMs:
            run.recoveredAt === undefined ? null : run.recoveredAt - run.reactivatedAt,
          failed: summary.failed,
          otherFailures: summary.failed - (summary.failureCodes.app_rejected ?? 0),
        };
        results.push(result);
        console.log(`every process serving after ${result.servingAgainMaxMs} ms`);
      } finally {
        await run?.fleet.close();
        await sim.close();
        await cleanup().catch(() => undefined);
      }
    }
  }
  const header =
    "| store | old tokens after reactivation | processes x callers | deactivated s | mints while deactivated | mints after | processes serving again | reactivation to serving again p50 / max ms | circuit closed everywhere ms | failures other than app_rejected |";
  const rows = results.map(
    (r) =>
      `| ${r.store} | ${r.oldTokens} | ${r.processes} x ${r.callers} | ${(r.deactivatedMs / 1000).toFixed(1)} | ${r.mintsDeactivated} | ${r.mintsAfterReactivation} | ${r.processesServingAgain} / ${r.processes} | ${r.servingAgainP50Ms} / ${r.servingAgainMaxMs} | ${r.circuitClosedEverywhereMs} | ${r.otherFailures} |`,
  );
  const table = [header, "|---|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
  console.log(`\nengine defaults (cool-down 30 s, re-read 2 s, probe request 3 s), pause ${pauseMs} ms\n`);
  console.log(table);
  await saveResults(
    out,
    "fleet: app deactivated then reactivated; how fast every process serves again",
    { processes, callers, pauseMs, deactivatedS, modes },
    results,
    table,
  );
}
