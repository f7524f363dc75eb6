/**
 * `meetings-cron --once` as a real process against the simulator: it deletes exactly the one-off
 * meetings that ended more than the grace period ago, across pages and hosts; a dry run deletes none;
 * the exit status says whether the tick succeeded.
 */

import { baseEnv, startProcess } from "@zoomkit/app-support/testing";
import { startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CRON_SCRIPT,
  checker,
  exists,
  fixtures,
  randomName,
  realModeEnv,
  runOnce,
  seed,
} from "./support/cron.js";

let sim: ZoomSimulator;

beforeEach(async () => {
  sim = await startZoomSimulator({ port: 0, host: "127.0.0.1" });
});

afterEach(async () => {
  await sim.close();
});

describe("--once", () => {
  it("deletes nothing in a dry run, and says what it would delete", async () => {
    const meetings = seed(sim, fixtures());
    const run = await runOnce(realModeEnv(sim, { DRY_RUN: "true", JOB_NAME: randomName("dry") }));
    expect(run.code).toBe(0);
    const expiredCount = meetings.filter((m) => m.expired).length;
    expect(run.tick.status).toBe("succeeded");
    expect(run.tick.summary).toMatchObject({
      listed: meetings.length,
      expired: expiredCount,
      deleted: 0,
      dryRun: true,
    });
    expect(run.process.logs.filter((log) => log.msg === "would delete (dry run)")).toHaveLength(expiredCount);
    const zoom = checker(sim);
    for (const meeting of meetings) expect(await exists(zoom, meeting.id)).toBe(true);
    expect(sim.stats().calls.meetingDelete).toBeUndefined();
  });

  it("deletes exactly the meetings that ended more than the grace period ago", async () => {
    const meetings = seed(sim, fixtures());
    const run = await runOnce(realModeEnv(sim, { JOB_NAME: randomName("real") }));
    expect(run.code).toBe(0);
    const expired = meetings.filter((m) => m.expired);
    expect(run.tick.summary).toMatchObject({
      hosts: 2,
      listed: meetings.length,
      expired: expired.length,
      deleted: expired.length,
      failed: 0,
      dryRun: false,
    });
    const zoom = checker(sim);
    for (const meeting of meetings) {
      expect({ topic: meeting.topic, exists: await exists(zoom, meeting.id) }).toEqual({
        topic: meeting.topic,
        exists: !meeting.expired,
      });
    }
  });

  it("honours GRACE_MINUTES", async () => {
    const meetings = seed(sim, fixtures());
    // With a 5-minute grace the meeting that ended 15 minutes ago goes too.
    const run = await runOnce(realModeEnv(sim, { GRACE_MINUTES: "5", JOB_NAME: randomName("grace") }));
    expect(run.code).toBe(0);
    const zoom = checker(sim);
    const recent = meetings.find((m) => m.topic === "ended 15 min ago")!;
    expect(await exists(zoom, recent.id)).toBe(false);
    expect(run.tick.summary?.deleted).toBe(meetings.filter((m) => m.expired).length + 1);
  });

  it("exits 1 when a host cannot be swept, after sweeping the others", async () => {
    const meetings = seed(sim, fixtures());
    const run = await runOnce(
      realModeEnv(sim, { HOSTS: "nobody@example.com,host@example.com", JOB_NAME: randomName("fail") }),
    );
    expect(run.code).toBe(1);
    expect(run.tick.status).toBe("failed");
    expect(run.tick.summary).toMatchObject({ failed: 1 });
    expect(run.tick.summary?.deleted).toBe(
      meetings.filter((m) => m.expired && m.topic.startsWith("ended")).length,
    );
  });

  it("exits 1 with the diagnosis when Zoom rejects the app", async () => {
    seed(sim, fixtures());
    sim.control.deactivateApp();
    const run = await runOnce(realModeEnv(sim, { JOB_NAME: randomName("rejected") }));
    expect(run.code).toBe(1);
    expect(run.tick).toMatchObject({ status: "failed", code: "app_rejected" });
    expect(String(run.tick.reason)).toMatch(/activated/);
  });

  it("refuses an invalid configuration with exit 2 and names the problem", async () => {
    const proc = startProcess(
      CRON_SCRIPT,
      ["--once"],
      baseEnv({ CRON: "every five minutes", GRACE_MINUTES: "-1" }),
    );
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toMatch(/CRON: not a valid cron pattern/);
    expect(proc.output()).toMatch(/GRACE_MINUTES/);
  });

  it("runs on the embedded simulator with no configuration at all", async () => {
    const run = await runOnce(baseEnv({}));
    expect(run.code).toBe(0);
    // The seeded host has two meetings that ended long ago, one inside the grace, two ahead.
    expect(run.tick.summary).toMatchObject({ listed: 5, expired: 2, deleted: 2, failed: 0 });
  });
});
