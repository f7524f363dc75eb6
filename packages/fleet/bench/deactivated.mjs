// `node bench/run.mjs --scenario deactivated`: the app-deactivated incident (DESIGN.md: "the fleet mints
// at most a handful of tokens per cool-down window, and every caller gets the diagnosis within a
// second"), per store. N processes x M callers warm up on one token; the simulator's app-deactivated
// switch goes on for --deactivated seconds, then off. Reported: mints while deactivated (the simulator's
// count), calls failed with app_rejected, bare 401s returned to callers, and for each caller the time
// from the switch to its first app_rejected (p50, p99, max; callers that never got one are counted).
// Prints a table and writes bench-results/fleet-deactivated.json.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { DEFAULT_APP, DEFAULT_USERS, startZoomSimulator } from "@zoomkit/simulator";
import { coolDownsWithin, firstFailureDelays, runAppDeactivation, summarize } from "../dist/index.js";

/** Quantile of plain numbers (nearest rank); NaN when empty. */
function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Runs the incident once per store; `storeFor(kind)` resolves `{ store, cleanup }`. */
export async function benchDeactivated({
  stores,
  processes,
  callers,
  pauseMs,
  deactivatedS,
  coolDownMs,
  out,
  storeFor,
}) {
  const maxCoolDownMs = 2 * coolDownMs;
  const results = [];
  for (const kind of stores.filter((k) => k !== "memory")) {
    process.stdout.write(`${kind}: ${processes} x ${callers}, app deactivated for ${deactivatedS} s ... `);
    const sim = await startZoomSimulator({ tokenTtlSeconds: 3600 });
    const { store, cleanup } = await storeFor(kind);
    const engine = {
      keyPrefix: `bench-${randomBytes(4).toString("hex")}:`,
      circuitCoolDownMs: coolDownMs,
      circuitMaxCoolDownMs: maxCoolDownMs,
      circuitConfirmMs: 2_000,
    };
    let run;
    try {
      run = await runAppDeactivation({
        sim,
        clientId: DEFAULT_APP.clientId,
        fleet: {
          processes,
          config: (index) => ({
            index,
            client: "zoomkit",
            store,
            zoom: {
              oauthUrl: sim.oauthUrl,
              baseUrl: sim.baseUrl,
              accountId: DEFAULT_APP.accountId,
              clientId: DEFAULT_APP.clientId,
              clientSecret: DEFAULT_APP.clientSecret,
              userId: DEFAULT_USERS[0].email,
            },
            engine,
            concurrency: callers,
            mode: "load",
            pauseMs,
            requestTimeoutMs: 10_000,
          }),
        },
        warmUpCalls: 4 * processes * callers,
        deactivatedMs: deactivatedS * 1000,
      });
      const summary = summarize(run.reports);
      const delays = firstFailureDelays(run.reports, "app_rejected", run.deactivatedAt);
      const round = (n) => Math.round(n);
      const result = {
        store: kind,
        processes,
        callers,
        deactivatedMs: run.reactivatedAt - run.deactivatedAt,
        coolDownsEnded: coolDownsWithin(run.reactivatedAt - run.deactivatedAt, coolDownMs, maxCoolDownMs),
        mintsDeactivated: run.mints.deactivated,
        mintsAfterReactivation: run.mints.afterReactivation,
        appRejected: summary.failureCodes.app_rejected ?? 0,
        bare401: summary.failureCodes["HTTP 401"] ?? 0,
        otherFailures:
          summary.failed - (summary.failureCodes.app_rejected ?? 0) - (summary.failureCodes["HTTP 401"] ?? 0),
        callersDiagnosed: delays.length,
        firstDiagnosisP50Ms: round(quantile(delays, 0.5)),
        firstDiagnosisP99Ms: round(quantile(delays, 0.99)),
        firstDiagnosisMaxMs: round(delays.length ? Math.max(...delays) : Number.NaN),
        recoveredMs: run.recoveredAt === undefined ? null : run.recoveredAt - run.reactivatedAt,
        tokensAtEnd: new Set(run.finalStates.map((s) => s.fingerprint)).size,
      };
      results.push(result);
      console.log(
        `${result.mintsDeactivated} mints, ${result.callersDiagnosed}/${processes * callers} callers diagnosed`,
      );
    } finally {
      await run?.fleet.close();
      await sim.close();
      await cleanup().catch(() => undefined);
    }
  }

  const header =
    "| store | processes x callers | deactivated s | cool-downs ended | mints while deactivated | app_rejected calls | bare 401s | callers diagnosed | switch to first app_rejected p50 / p99 / max ms | tokens at end |";
  const rows = results.map(
    (r) =>
      `| ${r.store} | ${r.processes} x ${r.callers} | ${(r.deactivatedMs / 1000).toFixed(1)} | ${r.coolDownsEnded} | ${r.mintsDeactivated} | ${r.appRejected} | ${r.bare401} | ${r.callersDiagnosed} / ${r.processes * r.callers} | ${r.firstDiagnosisP50Ms} / ${r.firstDiagnosisP99Ms} / ${r.firstDiagnosisMaxMs} | ${r.tokensAtEnd} |`,
  );
  const table = [header, "|---|---|---|---|---|---|---|---|---|---|", ...rows].join("\n");
  console.log(`\ncircuit cool-down ${coolDownMs} ms (max ${maxCoolDownMs} ms), pause ${pauseMs} ms\n`);
  console.log(table);

  const output = {
    benchmark: "fleet: app deactivated mid-run; mints, diagnoses and bare 401s per store",
    config: { processes, callers, pauseMs, deactivatedS, coolDownMs, maxCoolDownMs },
    results,
    table,
    node: process.version,
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? "unknown"}`,
    date: new Date().toISOString(),
  };
  mkdirSync(new URL("../bench-results/", import.meta.url), { recursive: true });
  writeFileSync(out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nsaved ${out}`);
}
