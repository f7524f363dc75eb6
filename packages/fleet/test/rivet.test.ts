/**
 * The fleet's `rivet` client kind (Zoom's Node SDK, a token per process) really reaches the simulator:
 * its API calls through its `baseUrl`, its token requests (hard-coded https://zoom.us/oauth/token)
 * through HTTPS_PROXY and the zoom.us stand-in. What the benchmark reports for Rivet rests on this.
 */
import { afterAll, describe, expect, it } from "vitest";
import { rivetEnvironment } from "../bench/rivet-env.mjs";
import { startFleet, summarize } from "../src/index.js";
import { mints, startSimulator, workerConfig } from "./support/zoom.js";

const PROCESSES = 2;
const CALLERS = 4;

describe("the rivet client kind", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("mints through the zoom.us stand-in, once per concurrent caller on a cold start (no single-flight), and serves every call", async () => {
    const sim = await startSimulator({ tokenTtlSeconds: 3600 });
    cleanups.push(() => sim.close());
    const rivet = await rivetEnvironment(sim);
    cleanups.push(() => rivet.close());
    const fleet = await startFleet({
      processes: PROCESSES,
      env: rivet.env,
      config: (index) => ({
        ...workerConfig(index, { sim, store: { kind: "memory" }, concurrency: CALLERS, mode: "burst" }),
        client: "rivet",
      }),
    });
    cleanups.push(() => fleet.close());
    fleet.go();
    const reports = await fleet.reports();
    const summary = summarize(reports);

    expect(summary.failures).toEqual({});
    expect(summary.ok).toBe(PROCESSES * CALLERS);
    expect(rivet.tokenRequests()).toBe(PROCESSES * CALLERS);
    expect(mints(sim)).toBe(PROCESSES * CALLERS);
    expect(reports.map((r) => r.mints)).toEqual([CALLERS, CALLERS]);
    expect(sim.stats().calls.user?.[200]).toBe(PROCESSES * CALLERS);
  });
});
