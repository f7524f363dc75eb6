/**
 * Graceful shutdown: SIGTERM while a slow Zoom call is in flight. The request still gets its answer,
 * the server stops, the store closes and the process exits 0.
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
  api = await startApi(realModeEnv(sim, { API_KEYS: KEY, SHUTDOWN_TIMEOUT_MS: "15000" }), KEY);
});

afterAll(async () => {
  await api?.stop();
  await sim?.close();
});

async function inFlight(): Promise<number> {
  const text = await (await api.call("/metrics", { key: METRICS_TOKEN })).text();
  // The /metrics request itself is in flight while it is served.
  return Number(/^http_requests_in_flight (\d+)$/m.exec(text)?.[1] ?? "0") - 1;
}

it("finishes the in-flight request on SIGTERM, then exits 0", async () => {
  // Warm the token so the slow part is the API call, then make Zoom slow.
  expect((await api.call("/meetings/1")).status).toBe(404);
  sim.control.set({ api: { latencyMs: 1_500 } });

  const pending = api.call("/meetings", { method: "POST", body: JSON.stringify(meetingInput()) });
  while ((await inFlight()) < 1) await new Promise((resolve) => setTimeout(resolve, 20));
  api.process.child.kill("SIGTERM");

  const answer = await pending;
  expect(answer.status).toBe(201);
  expect(await api.process.exited).toBe(0);
  const messages = api.process.logs.map((log) => log.msg);
  expect(messages).toContain("shutting down: finishing in-flight requests");
  expect(messages.at(-1)).toBe("stopped");
});
