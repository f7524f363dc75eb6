/**
 * `startFleet({ nice })` lowers every worker's scheduling priority: the saturation benchmark relies on
 * it so the simulator in the parent is not starved by 16 busy workers (bench/load.mjs).
 */
import { getPriority } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { startFleet, summarize } from "../src/index.js";
import { startSimulator, workerConfig } from "./support/zoom.js";

describe("startFleet nice", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("runs every worker at the nice value given, and the workers still serve their calls", async () => {
    const sim = await startSimulator({ tokenTtlSeconds: 3600 });
    cleanups.push(() => sim.close());
    const fleet = await startFleet({
      processes: 2,
      nice: 10,
      config: (index) =>
        workerConfig(index, { sim, store: { kind: "memory" }, concurrency: 2, mode: "burst" }),
    });
    cleanups.push(() => fleet.close());

    expect(fleet.workers.map((w) => getPriority(w.pid))).toEqual([10, 10]);
    expect(getPriority()).toBe(0);
    fleet.go();
    const summary = summarize(await fleet.reports());
    expect(summary.ok).toBe(4);
  });
});
