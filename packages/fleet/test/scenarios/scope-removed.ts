/**
 * Issue 9, item 1: a missing scope concerns one operation, never the app. 4 processes x 8 callers
 * create, get and delete meetings; the app then loses `meeting:read:admin`, the scope only the get
 * needs (in the simulator, create and delete both need `meeting:write:admin`). Creates and deletes go
 * on without a single failure, every get comes back as a value (401, Zoom code 4711, the scope named),
 * the circuit never opens, and the fleet mints at most one re-check token (at most 2 allowed).
 */
import { DEFAULT_APP } from "@zoomkit/simulator";
import { expect } from "vitest";
import { startFleet, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import {
  eventually,
  mints,
  sleep,
  startSimulator,
  timeline,
  uniquePrefix,
  workerConfig,
} from "../support/zoom.js";

const PROCESSES = 4;
const CALLERS = 8;
const REMOVED = "meeting:read:admin";
const AFTER_REMOVAL_MS = 3_000;
/** What every get after the removal must answer: the 4711 as a value, its scope named. */
const TYPED_4711 = `HTTP 401 code 4711 scopes ${REMOVED}`;

export async function scopeRemoved(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: 3600 });
  const store = await fixture.shared();
  // The default scopeRecheckMs (5 minutes): one fresh token for the fleet after the first 4711, then none.
  const engine = { keyPrefix: uniquePrefix() };
  const fleet = await startFleet({
    processes: PROCESSES,
    config: (index) => ({
      ...workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "load", pauseMs: 10 }),
      workload: "meetings" as const,
    }),
  });
  const count = (operation: string, status: number): number =>
    sim.stats().calls[operation]?.[String(status)] ?? 0;
  try {
    fleet.go();
    const warm = await eventually(() => count("meetingDelete", 204) >= 4 * PROCESSES * CALLERS, 30_000, 20);
    expect(warm, "warm-up: creates, gets and deletes all answered").toBe(true);
    const mintsBefore = mints(sim);
    const createsBefore = count("meetingCreate", 201);
    const deletesBefore = count("meetingDelete", 204);
    const removedAt = Date.now();
    sim.control.removeScopes([REMOVED], DEFAULT_APP.clientId);
    await sleep(AFTER_REMOVAL_MS);
    fleet.stop();
    const reports = await fleet.reports();
    const summary = summarize(reports);
    const story = timeline(fleet.messages, removedAt);
    const { create, get, delete: del } = summary.operations;

    expect(mintsBefore).toBe(1);
    // The operations that need no missing scope: not one failure, and they went on after the removal.
    expect(create?.failed, JSON.stringify(create?.failures)).toBe(0);
    expect(del?.failed, JSON.stringify(del?.failures)).toBe(0);
    expect(count("meetingCreate", 201) - createsBefore).toBeGreaterThan(PROCESSES * CALLERS);
    expect(count("meetingDelete", 204) - deletesBefore).toBeGreaterThan(PROCESSES * CALLERS);
    // The get: refused, as a typed value naming the scope, and only after the removal.
    expect(get?.failed).toBeGreaterThan(PROCESSES * CALLERS);
    expect(Object.keys(get?.failures ?? {})).toEqual([TYPED_4711]);
    expect(Object.keys(summary.failureCodes)).toEqual([TYPED_4711]);
    for (const first of reports.flatMap((r) => r.firstFailureAt))
      if (first[TYPED_4711] !== undefined) expect(first[TYPED_4711]).toBeGreaterThanOrEqual(removedAt);
    // At most 2 mints after the removal: one fleet-wide re-check (a scope granted since may come with a
    // fresh token), never a mint loop; the app circuit never opened.
    expect(mints(sim) - mintsBefore, story).toBeLessThanOrEqual(2);
    const rechecks = reports.reduce((n, r) => n + (r.stats?.scopes.rechecks ?? 0), 0);
    expect(rechecks, story).toBeGreaterThanOrEqual(1);
    expect(rechecks, story).toBeLessThanOrEqual(2);
    for (const r of reports) {
      expect(r.stats?.scopes.missing).toBeGreaterThan(0);
      expect(r.stats?.circuit.opened).toBe(0);
      expect(r.stats?.circuit.state).toBe("closed");
    }
    expect(fleet.messages.some((m) => m.type === "hook" && m.event.name === "appRejected")).toBe(false);
  } finally {
    await fleet.close();
    await sim.close();
  }
}
