/**
 * Pacing across real processes sharing a store: a fleet creating meetings above the account's
 * Medium limit earns no 429 from Zoom, and a host's daily create cap is counted once for the fleet.
 * Bounds are counts from the simulator (the authority), never wall-clock times.
 */
import { expect } from "vitest";
import { type PacingConfig, startFleet, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { sleep, startSimulator, uniquePrefix, workerConfig } from "../support/zoom.js";

const rates = { light: 100, medium: 10, heavy: 100, resourceIntensive: 1 };

export async function pacedFleet(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ qps: { medium: 10 } });
  const store = await fixture.shared();
  const pacing: PacingConfig = { rates, dailyMeetingCap: false };
  const engine = { keyPrefix: uniquePrefix() };
  const fleet = await startFleet({
    processes: 4,
    config: (index) => ({
      ...workerConfig(index, {
        sim,
        store,
        engine,
        concurrency: 8,
        mode: "load",
      }),
      workload: "create",
      pacing,
    }),
  });
  try {
    fleet.go();
    await sleep(4_000);
    fleet.stop();
    const summary = summarize(await fleet.reports());
    const stats = sim.stats();
    expect(stats.rateLimited.qps).toBe(0);
    expect(summary.failures).toEqual({});
    // 4 s at 10 a second: well past one second's worth, whatever the machine's load.
    expect(stats.calls.meetingCreate?.[201] ?? 0).toBeGreaterThan(15);
  } finally {
    await fleet.close();
    await sim.close();
  }
}

export async function dailyCapAcrossFleet(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({});
  const store = await fixture.shared();
  const pacing: PacingConfig = { plan: "business", dailyMeetingCap: 10 };
  const engine = { keyPrefix: uniquePrefix() };
  const fleet = await startFleet({
    processes: 4,
    config: (index) => ({
      ...workerConfig(index, {
        sim,
        store,
        engine,
        concurrency: 8,
        mode: "burst",
      }),
      workload: "create",
      pacing,
    }),
  });
  try {
    fleet.go();
    const summary = summarize(await fleet.reports());
    // 32 creates for one host, cap 10: exactly 10 reach Zoom, 22 are refused locally in Zoom's shape.
    expect(sim.stats().calls.meetingCreate?.[201]).toBe(10);
    expect(summary.ok).toBe(10);
    expect(summary.failures).toEqual({ "HTTP 429 code 429 paced": 22 });
  } finally {
    await fleet.close();
    await sim.close();
  }
}
