/**
 * The lease holder is killed (SIGKILL) in the middle of a slow mint. Its lease stays in the store until
 * its time-to-live ends; then one survivor takes over and mints, and every caller in the surviving
 * processes gets a token: none fails.
 */
import { expect } from "vitest";
import { type Received, startFleet, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { eventually, sleep, startSimulator, timeline, uniquePrefix, workerConfig } from "../support/zoom.js";

const PROCESSES = 4;
const CALLERS = 16;
const LEASE_TTL_MS = 2_500;
const MINT_LATENCY_MS = 1_500;
/**
 * How late after the lease's end a survivor may start its mint: waiters re-check the store at least
 * once a second (the engine's longest wait slice), plus process scheduling on a busy 2-core machine.
 */
const TAKEOVER_SLACK_MS = 1_500;

type MintStarted = Extract<Received, { type: "mint-started" }>;

export async function leaseHolderKilled(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: 3600, token: { latencyMs: MINT_LATENCY_MS } });
  const store = await fixture.shared();
  const engine = { keyPrefix: uniquePrefix(), leaseTtlMs: LEASE_TTL_MS, mintTimeoutMs: 5_000 };
  const fleet = await startFleet({
    processes: PROCESSES,
    config: (index) => workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "burst" }),
  });
  try {
    fleet.go();
    const mintStarts = (): MintStarted[] =>
      fleet.messages.filter((m): m is MintStarted => m.type === "mint-started");
    expect(await eventually(() => mintStarts().length > 0, 20_000, 10)).toBe(true);
    // Only the lease holder asks the token endpoint; kill it while its request is still in flight.
    const holder = mintStarts()[0]!.index;
    await sleep(MINT_LATENCY_MS / 3);
    const killedAt = fleet.kill(holder, "SIGKILL");

    const reports = await fleet.reports();
    const summary = summarize(reports);
    const exit = await fleet.workers[holder]!.exited;

    expect(exit.signal).toBe("SIGKILL");
    expect(reports.map((r) => r.index)).not.toContain(holder);
    const story = timeline(fleet.messages, killedAt);
    expect(summary.failures, story).toEqual({});
    expect(summary.ok).toBe((PROCESSES - 1) * CALLERS);
    // Exactly one survivor took over: one more mint, after the kill, within the lease's time-to-live.
    const takeovers = mintStarts().filter((m) => m.index !== holder);
    expect(takeovers, story).toHaveLength(1);
    const takeover = takeovers[0]!;
    expect(takeover.receivedAt).toBeGreaterThan(killedAt);
    expect(takeover.receivedAt - killedAt, story).toBeLessThanOrEqual(LEASE_TTL_MS + TAKEOVER_SLACK_MS);
    expect(reports.filter((r) => r.mints > 0).map((r) => r.index)).toEqual([takeover.index]);
    expect(summary.fingerprints).toHaveLength(1);
  } finally {
    await fleet.close();
    await sim.close();
  }
}
