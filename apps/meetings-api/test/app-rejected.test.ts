/**
 * The app-rejected path: Zoom refuses every fresh token (the app was deactivated). The API answers 503
 * with the token engine's diagnosis instead of a bare 401, readiness fails, and the gauge says so.
 */
import type { ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/api.js";
import { METRICS_TOKEN, meetingInput, randomKey, realModeEnv, startSimulator } from "./support/zoom.js";

const KEY = randomKey();
let sim: ZoomSimulator;
let api: RunningApi;

beforeAll(async () => {
  sim = await startSimulator();
  api = await startApi(realModeEnv(sim, { API_KEYS: KEY }), KEY);
});

afterAll(async () => {
  expect(await api?.stop()).toBe(0);
  await sim?.close();
});

it("answers 503 with the diagnosis when Zoom rejects the app's fresh tokens", async () => {
  // A working call first, so the rejection hits a process that already holds a good token.
  expect((await api.call("/meetings", { method: "POST", body: JSON.stringify(meetingInput()) })).status).toBe(
    201,
  );
  sim.control.deactivateApp();

  const answer = await api.call("/meetings", { method: "POST", body: JSON.stringify(meetingInput()) });
  expect(answer.status).toBe(503);
  const body = (await answer.json()) as { error: string; message: string };
  expect(body.error).toBe("zoom_app_rejected");
  expect(body.message).toMatch(/activated/);
  expect(body.message).toMatch(/scopes/);

  // Later calls fail fast with the same diagnosis (the circuit is open), and readiness says why.
  const again = await api.call("/meetings/123");
  expect(again.status).toBe(503);
  expect(await again.json()).toMatchObject({ error: "zoom_app_rejected" });
  const ready = await api.call("/readyz");
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({
    status: "not_ready",
    token: { ok: false, code: "app_rejected" },
  });

  const metrics = await (await api.call("/metrics", { key: METRICS_TOKEN })).text();
  expect(metrics).toMatch(/^zoomkit_app_rejected 1$/m);
  expect(api.process.logs.some((log) => log.level === 50 && String(log.msg).includes("activated"))).toBe(
    true,
  );
});
