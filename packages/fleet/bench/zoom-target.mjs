// The worker config every bench scenario uses: the simulator's default app, `GET /users/{userId}` calls.
import { DEFAULT_APP, DEFAULT_USERS } from "@zoomkit/simulator";

/** Worker `index`'s config against `sim` on `store`, with the engine tuning and load given. */
export function benchWorker(index, { sim, store, engine, callers, mode, pauseMs }) {
  return {
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
    mode,
    pauseMs,
    requestTimeoutMs: 15_000,
  };
}

/** Quantile of plain numbers (nearest rank); NaN when empty. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Writes a bench result file with the machine's details, and prints where. */
export async function saveResults(out, benchmark, config, results, table) {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const { cpus } = await import("node:os");
  const output = {
    benchmark,
    config,
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
