/** 16 processes x 64 concurrent calls on a cold cache: one mint for the whole fleet. */
import { expect } from "vitest";
import { startFleet, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { mints, startSimulator, uniquePrefix, workerConfig } from "../support/zoom.js";

const PROCESSES = 16;
const CALLERS = 64;

export async function coldStart(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: 3600 });
  const store = await fixture.shared();
  const engine = { keyPrefix: uniquePrefix() };
  const fleet = await startFleet({
    processes: PROCESSES,
    config: (index) => workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "burst" }),
  });
  try {
    // Every process is connected to the store before any calls: they race for the first token.
    fleet.go();
    const reports = await fleet.reports();
    const summary = summarize(reports);

    expect(summary.failures).toEqual({});
    expect(summary.ok).toBe(PROCESSES * CALLERS);
    expect(mints(sim)).toBe(1);
    expect(reports.filter((r) => r.mints > 0).map((r) => r.mints)).toEqual([1]);
    expect(summary.fingerprints).toHaveLength(1);
    // Every call of every process was served by that one token.
    expect(Object.values(sim.stats().tokens).map((t) => t.uses)).toEqual([PROCESSES * CALLERS]);
  } finally {
    await fleet.close();
    await sim.close();
  }
}
