/**
 * Several short token lifetimes under steady load with the `invalidate-previous` token model (each
 * mint revokes the older tokens): one mint per lifetime for the whole fleet, and no call fails even
 * though every refresh knocks out the token the other processes still hold (their 401 is handled).
 */
import { expect } from "vitest";
import { startFleet, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import {
  mints,
  sleep,
  startSimulator,
  timeline,
  unauthorized,
  uniquePrefix,
  workerConfig,
} from "../support/zoom.js";

const PROCESSES = 4;
const CALLERS = 8;
const TTL_SECONDS = 3;
const LIFETIMES = 3;

export async function lifetimes(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: TTL_SECONDS, tokenModel: "invalidate-previous" });
  const store = await fixture.shared();
  // The engine's default freshTokenMs (60 s) calls every 3-second token "minted moments ago" for its whole
  // life: a retry token revoked by the next refresh must still be told apart from an app rejection.
  const engine = { keyPrefix: uniquePrefix() };
  const fleet = await startFleet({
    processes: PROCESSES,
    config: (index) =>
      workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "load", pauseMs: 50 }),
  });
  try {
    const goAt = Date.now();
    fleet.go();
    await sleep(LIFETIMES * TTL_SECONDS * 1000);
    const stopAt = Date.now();
    fleet.stop();
    const reports = await fleet.reports();
    const summary = summarize(reports);
    const story = timeline(fleet.messages, goAt);
    expect(summary.failures, story).toEqual({});
    expect(summary.ok).toBeGreaterThan(PROCESSES * CALLERS);
    // Mints that started inside the measured window; the simulator's total agrees with the workers'.
    const started = fleet.messages.filter((m) => m.type === "mint-started");
    const inWindow = started.filter((m) => m.type === "mint-started" && m.at <= stopAt).length;
    const lifetimesRun = (stopAt - goAt) / (TTL_SECONDS * 1000);
    expect(inWindow, story).toBeGreaterThanOrEqual(Math.floor(lifetimesRun));
    expect(inWindow, story).toBeLessThanOrEqual(Math.round(lifetimesRun) + 1);
    expect(mints(sim)).toBe(started.length);
    expect(summary.workerMints).toBe(started.length);
    // The refreshes did revoke tokens other processes still used: the 401s were real, and all handled.
    expect(unauthorized(sim)).toBeGreaterThan(0);
  } finally {
    await fleet.close();
    await sim.close();
  }
}
