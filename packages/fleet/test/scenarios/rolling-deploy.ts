/**
 * Issue 9, item 8: a rolling deploy. Processes of the previous release (f8c4121, built from git: its
 * worker, token engine and stores, reading record format v1 strictly, with 15 s unrenewed leases) run
 * next to processes of this release on one store, under the `invalidate-previous` token model, for 3
 * token lifetimes, records sealed with one encryption key. If either kind could not read the other's
 * token records it would mint its own, each mint revoking the other kind's token: calls would fail and
 * mints would double. Instead: no call fails, one mint per lifetime for the mixed fleet, and no process
 * of either kind finds a record it cannot decode.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { startFleet, summarize } from "../../src/index.js";
import { PREVIOUS_RELEASE, previousReleaseWorker } from "../support/previous-release.js";
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
/** Even indices run the previous release, odd ones this one. */
const isOld = (index: number): boolean => index % 2 === 0;

export async function rollingDeploy(fixture: StoreFixture): Promise<void> {
  const oldWorker = await previousReleaseWorker();
  const sim = await startSimulator({ tokenTtlSeconds: TTL_SECONDS, tokenModel: "invalidate-previous" });
  const store = await fixture.shared();
  const engine = { keyPrefix: uniquePrefix(), encryptionKey: randomBytes(32).toString("hex") };
  const fleet = await startFleet({
    processes: PROCESSES,
    worker: (index) => (isOld(index) ? oldWorker : new URL("../../dist/worker.js", import.meta.url)),
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
    const minters = fleet.messages.flatMap((m) => (m.type === "mint-started" ? [m.index] : []));
    const story = `${timeline(fleet.messages, goAt)}\nminters (even: ${PREVIOUS_RELEASE}): ${minters.join(" ")}`;

    // No call failed in either release, and both kinds served all along.
    expect(summary.failures, story).toEqual({});
    for (const report of reports) expect(report.ok, `worker ${report.index}`).toBeGreaterThan(CALLERS);
    // Neither release met a record it could not read (a format mismatch is a corrupt record, then a mint).
    for (const report of reports) {
      expect(report.stats?.corruptRecords, `worker ${report.index}`).toBe(0);
      expect(report.stats?.mints.corrupt, `worker ${report.index}`).toBe(0);
    }
    // One mint per lifetime for the mixed fleet: each kind used the other's tokens.
    const inWindow = fleet.messages.filter((m) => m.type === "mint-started" && m.at <= stopAt).length;
    const lifetimesRun = (stopAt - goAt) / (TTL_SECONDS * 1000);
    expect(inWindow, story).toBeGreaterThanOrEqual(Math.floor(lifetimesRun));
    expect(inWindow, story).toBeLessThanOrEqual(Math.round(lifetimesRun) + 1);
    expect(mints(sim)).toBe(minters.length);
    // The refreshes did revoke tokens the other processes still held: the 401s were real, all handled.
    expect(unauthorized(sim)).toBeGreaterThan(0);
  } finally {
    await fleet.close();
    await sim.close();
  }
}
