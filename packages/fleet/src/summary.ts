/** Adds the workers' reports up into one line of a table. */
import { createHistogram, merge, quantile } from "./histogram.js";
import type { WorkerReport } from "./protocol.js";

/** A fleet run in one line: totals, throughput, latency quantiles, mints, final tokens. */
export interface FleetSummary {
  processes: number;
  calls: number;
  ok: number;
  failed: number;
  /** Failure kinds over all workers, with counts. */
  failures: Record<string, number>;
  /** Failed calls by code over all workers (`app_rejected`, `HTTP 401`, ...). */
  failureCodes: Record<string, number>;
  /** Calls and failures per operation over all workers, failures by description. */
  operations: WorkerReport["operations"];
  /** Completed calls per second, over the longest worker's run. */
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mints the workers counted themselves (the simulator's count is the authority). */
  workerMints: number;
  /** Distinct token fingerprints the workers hold at the end. */
  fingerprints: string[];
}

/** Sums the workers' reports (latency histograms are merged exactly). */
export function summarize(reports: readonly WorkerReport[]): FleetSummary {
  const latency = createHistogram();
  const failures: Record<string, number> = {};
  const failureCodes: Record<string, number> = {};
  const operations: WorkerReport["operations"] = {};
  let calls = 0;
  let failed = 0;
  let elapsedMs = 0;
  let workerMints = 0;
  for (const r of reports) {
    merge(latency, r.latency);
    calls += r.calls;
    failed += r.failed;
    workerMints += r.mints;
    elapsedMs = Math.max(elapsedMs, r.elapsedMs);
    for (const [kind, n] of Object.entries(r.failures)) failures[kind] = (failures[kind] ?? 0) + n;
    for (const [code, { count }] of Object.entries(r.failureCodes))
      failureCodes[code] = (failureCodes[code] ?? 0) + count;
    // A previous release's worker (rolling-deploy test) reports no operations.
    for (const [name, op] of Object.entries(r.operations ?? {})) {
      const sum = operations[name] ?? { calls: 0, failed: 0, failures: {} };
      operations[name] = sum;
      sum.calls += op.calls;
      sum.failed += op.failed;
      for (const [kind, n] of Object.entries(op.failures)) sum.failures[kind] = (sum.failures[kind] ?? 0) + n;
    }
  }
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    processes: reports.length,
    calls,
    ok: calls - failed,
    failed,
    failures,
    failureCodes,
    operations,
    callsPerSecond: elapsedMs > 0 ? Math.round((calls / elapsedMs) * 1000) : 0,
    p50Ms: round(quantile(latency, 0.5)),
    p99Ms: round(quantile(latency, 0.99)),
    maxMs: round(latency.maxMs),
    workerMints,
    fingerprints: [...new Set(reports.flatMap((r) => (r.fingerprint ? [r.fingerprint] : [])))],
  };
}
