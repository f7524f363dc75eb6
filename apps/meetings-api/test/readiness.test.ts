/**
 * `/readyz` under a flood: one shared check answers every probe for `readyCacheMs`, so however many
 * unauthenticated probes arrive, the store is read once and no token is minted beyond the first. Over
 * real HTTP, with the memory store behind a wrapper that counts its reads.
 */
import { createMemoryStore, type TokenStore } from "@zoomkit/core";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ServedApp, serveApp } from "./support/in-process.js";
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

/** A memory store that counts the readiness probe's reads (its key), not the token engine's. */
function countingStore(): TokenStore & { reads: () => number } {
  const store = createMemoryStore();
  let reads = 0;
  return Object.assign(Object.create(store) as TokenStore, {
    get: (key: string) => {
      if (key === "zoomkit:readyz:probe") reads += 1;
      return store.get(key);
    },
    reads: () => reads,
  });
}

it("answers a flood of 300 probes from one check: one store read, one mint", async () => {
  const store = countingStore();
  const app = await serveApp(sim, store, { readyCacheMs: 60_000 });
  served.push(app);
  const mintsBefore = sim.stats().mints[DEFAULT_APP.clientId] ?? 0;
  const readsBefore = store.reads();
  const answers = await Promise.all(Array.from({ length: 300 }, () => fetch(`${app.url}/readyz`)));
  expect(answers.map((answer) => answer.status)).toEqual(Array(300).fill(200));
  for (const answer of answers) expect(await answer.json()).toEqual({ status: "ready" });
  expect(store.reads() - readsBefore).toBe(1);
  expect((sim.stats().mints[DEFAULT_APP.clientId] ?? 0) - mintsBefore).toBe(1);

  const readsAfterFlood = store.reads();
  await Promise.all(Array.from({ length: 100 }, () => fetch(`${app.url}/readyz`)));
  expect(store.reads()).toBe(readsAfterFlood);
});

it("checks again once the cached answer is older than readyCacheMs, and shows detail to a key", async () => {
  const store = countingStore();
  const app = await serveApp(sim, store, { readyCacheMs: 50 });
  served.push(app);
  const readsBefore = store.reads();
  const detail = async () =>
    (await (
      await fetch(`${app.url}/readyz`, { headers: { authorization: `Bearer ${app.apiKey}` } })
    ).json()) as {
      checkedAt: string;
    };
  const first = await detail();
  await new Promise((resolve) => setTimeout(resolve, 120));
  const second = await detail();
  expect(first).toMatchObject({ status: "ready", store: { name: "memory", ok: true }, token: { ok: true } });
  expect(Date.parse(second.checkedAt)).toBeGreaterThan(Date.parse(first.checkedAt));
  expect(store.reads() - readsBefore).toBe(2);
});
