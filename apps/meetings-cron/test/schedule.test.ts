/** The scheduled mode: ticks fire on the cron pattern, and SIGTERM stops after the running tick. */

import { startProcess } from "@zoomkit/app-support/testing";
import { startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CRON_SCRIPT, randomName, realModeEnv } from "./support/cron.js";

let sim: ZoomSimulator;
beforeAll(async () => {
  sim = await startZoomSimulator({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await sim?.close();
});

it("runs a tick on each scheduled second and stops cleanly on SIGTERM", async () => {
  const proc = startProcess(
    CRON_SCRIPT,
    [],
    realModeEnv(sim, { CRON: "* * * * * *", DRY_RUN: "1", JOB_NAME: randomName("schedule") }),
  );
  const ticks = () => proc.logs.filter((log) => log.msg === "tick succeeded");
  await proc.waitForOutput(() => ticks().length >= 2);
  const [first, second] = ticks().map((log) => (log.tick as { scheduledAt: string }).scheduledAt);
  expect(Date.parse(second!) - Date.parse(first!)).toBeGreaterThanOrEqual(1000);
  proc.child.kill("SIGTERM");
  expect(await proc.exited).toBe(0);
  expect(proc.logs.some((log) => log.msg === "stopping after the running tick")).toBe(true);
});
