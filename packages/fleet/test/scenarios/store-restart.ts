/**
 * The store (a private server on a free port) is stopped and started again while the fleet is under
 * load. Tokens stay valid throughout (Zoom's `multi` model), so every call could be served by a valid
 * token and none may fail: processes keep their copy, and past its refresh point they run degraded
 * (minting for themselves). After the restart every process leaves degraded mode and the fleet
 * converges on one token again.
 */
import { expect } from "vitest";
import { type Received, startFleet, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { eventually, sleep, startSimulator, timeline, uniquePrefix, workerConfig } from "../support/zoom.js";

const PROCESSES = 4;
const CALLERS = 8;
const TTL_SECONDS = 3;

type Hook = Extract<Received, { type: "hook" }>;

export async function storeRestart(fixture: StoreFixture): Promise<void> {
  const { server, store: config } = await fixture.private();
  // Store calls give up after 1 s, so a dead server costs a caller little (the engine's own bound is 300 ms).
  const store = config.kind === "memory" ? config : { ...config, timeoutMs: 1_000 };
  const sim = await startSimulator({ tokenTtlSeconds: TTL_SECONDS, tokenModel: "multi" });
  const engine = { keyPrefix: uniquePrefix(), storeTimeoutMs: 300, storeRetryMs: 500, leaseTtlMs: 3_000 };
  const fleet = await startFleet({
    processes: PROCESSES,
    config: (index) =>
      workerConfig(index, {
        sim,
        store,
        engine,
        concurrency: CALLERS,
        mode: "load",
        pauseMs: 20,
      }),
  });
  const hooks = (name: string, degraded?: boolean): Hook[] =>
    fleet.messages.filter(
      (m): m is Hook =>
        m.type === "hook" &&
        m.event.name === name &&
        (degraded === undefined || m.event.payload.degraded === degraded),
    );
  const everyWorker = (list: Hook[]): boolean => new Set(list.map((m) => m.index)).size === PROCESSES;
  try {
    const goAt = Date.now();
    fleet.go();
    expect(await eventually(() => hooks("tokenMinted").length > 0, 20_000)).toBe(true);
    await sleep(500);

    await server.stop();
    // Past the token's refresh point every process finds the store gone and carries on by itself.
    expect(await eventually(() => everyWorker(hooks("storeDegraded", true)), 6 * TTL_SECONDS * 1000)).toBe(
      true,
    );
    await sleep(500);
    await server.start();

    const converged = await eventually(
      async () => {
        const states = await fleet.probe();
        return states.every((s) => !s.degraded) && new Set(states.map((s) => s.fingerprint)).size === 1;
      },
      6 * TTL_SECONDS * 1000,
      250,
    );
    fleet.stop();
    const reports = await fleet.reports();
    const summary = summarize(reports);

    const story = timeline(fleet.messages, goAt);
    expect(converged, story).toBe(true);
    expect(summary.failures, story).toEqual({});
    expect(summary.ok).toBeGreaterThan(PROCESSES * CALLERS);
    expect(everyWorker(hooks("storeDegraded", false)), story).toBe(true);
    for (const report of reports) {
      expect(report.stats?.degraded.active).toBe(false);
      expect(report.stats?.degraded.episodes).toBeGreaterThanOrEqual(1);
    }
  } finally {
    await fleet.close();
    await sim.close();
  }
}
