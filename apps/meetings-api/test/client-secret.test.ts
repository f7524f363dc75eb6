/**
 * A client whose `clientSecret` function is unusable (throws, returns "" or a Promise): `/readyz` answers
 * 503 `not_ready` (never 500), the detail names the typed error, a Zoom route answers 503
 * `zoom_misconfigured`, nothing is logged at error level and the process keeps serving; once the
 * function returns a secret again, everything works. Over real HTTP, in-process (the client is injected).
 */
import { createMemoryStore, createZoomClient } from "@zoomkit/core";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ServedApp, serveApp } from "./support/in-process.js";
import { errorLines } from "./support/matrix.js";
import { startSimulator } from "./support/zoom.js";

let sim: ZoomSimulator;
const served: ServedApp[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await Promise.all(served.map((app) => app.close()));
  await sim?.close();
});

const failures: [string, () => unknown][] = [
  [
    "throws",
    () => {
      throw new Error("vault unreachable");
    },
  ],
  ["returns an empty string", () => ""],
  ["returns a Promise", async () => DEFAULT_APP.clientSecret],
];

it.each(failures)(
  "answers 503, never 500, while the clientSecret function %s, and recovers",
  async (_, failing) => {
    let secret: () => unknown = failing;
    const store = createMemoryStore();
    const zoom = createZoomClient({
      accountId: DEFAULT_APP.accountId,
      clientId: DEFAULT_APP.clientId,
      clientSecret: () => secret() as string,
      baseUrl: sim.baseUrl,
      oauthUrl: sim.oauthUrl,
      store,
    });
    const app = await serveApp(sim, store, { zoom, readyCacheMs: 1 });
    served.push(app);
    const keyed = { headers: { authorization: `Bearer ${app.apiKey}` } };

    const open = await fetch(`${app.url}/readyz`);
    expect(open.status).toBe(503);
    expect(await open.json()).toEqual({ status: "not_ready" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const detail = await fetch(`${app.url}/readyz`, keyed);
    expect(detail.status).toBe(503);
    expect(await detail.json()).toMatchObject({
      status: "not_ready",
      token: { ok: false, code: "invalid_options", message: expect.stringMatching(/clientSecret function/) },
    });
    const route = await fetch(`${app.url}/meetings/85000000001`, keyed);
    expect(route.status).toBe(503);
    expect(await route.json()).toMatchObject({ error: "zoom_misconfigured" });
    expect(errorLines(app.logs)).toEqual([]);
    expect(JSON.stringify(app.logs)).not.toContain(DEFAULT_APP.clientSecret);

    secret = () => DEFAULT_APP.clientSecret;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${app.url}/meetings/85000000001`, keyed)).status).toBeLessThan(500);
    await zoom.close();
  },
);
