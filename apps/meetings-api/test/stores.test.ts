/**
 * The API with a shared store: Redis, then Postgres (each in its own namespace or schema). Meetings
 * work as with the memory store, readiness reports the store, two API processes on one store share
 * one token (the simulator sees a single mint), and the raw records, read with plain Redis commands and
 * SQL, hold no token: with ZOOMKIT_TOKEN_KEY set they are AES-256-GCM ciphertext.
 */
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/api.js";
import { tokensIn } from "./support/matrix.js";
import { namespace, SHARED_STORES } from "./support/stores.js";
import { meetingInput, randomKey, realModeEnv, startSimulator } from "./support/zoom.js";

/** A token from the simulator's endpoint, as Zoom would hand one to anyone with the credentials. */
async function mintDirectly(sim: ZoomSimulator): Promise<string> {
  const basic = Buffer.from(`${DEFAULT_APP.clientId}:${DEFAULT_APP.clientSecret}`).toString("base64");
  const answer = await fetch(
    `${sim.oauthUrl}?grant_type=account_credentials&account_id=${DEFAULT_APP.accountId}`,
    {
      method: "POST",
      headers: { authorization: `Basic ${basic}` },
    },
  );
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe.each(SHARED_STORES)("with $name as the store", ({ kind, url, read, drop }) => {
  const KEY = randomKey();
  const ns = namespace(kind);
  let sim: ZoomSimulator;
  let apis: RunningApi[] = [];

  beforeAll(async () => {
    sim = await startSimulator();
    const env = realModeEnv(sim, { API_KEYS: KEY, ZOOMKIT_STORE: url, ZOOMKIT_STORE_NAMESPACE: ns });
    apis = await Promise.all([startApi(env, KEY), startApi(env, KEY)]);
  });

  afterAll(async () => {
    const codes = await Promise.all(apis.map((api) => api.stop()));
    await sim?.close();
    await drop(ns);
    expect(codes).toEqual([0, 0]);
    for (const api of apis) expect(api.process.output()).not.toContain(DEFAULT_APP.clientSecret);
  });

  it("creates, reads and deletes a meeting through either process", async () => {
    const [first, second] = apis as [RunningApi, RunningApi];
    const created = await first.call("/meetings", { method: "POST", body: JSON.stringify(meetingInput()) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await second.call(`/meetings/${id}`)).status).toBe(200);
    expect((await second.call(`/meetings/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await first.call(`/meetings/${id}`)).status).toBe(404);
  });

  it("reports the store as ready", async () => {
    const ready = await apis[0]!.call("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", store: { name: kind, ok: true } });
  });

  it("shares one token between the processes: one mint in all", async () => {
    await Promise.all(apis.flatMap((api) => [api.call("/meetings/1"), api.call("/meetings/2")]));
    expect(sim.stats().mints[DEFAULT_APP.clientId]).toBe(1);
  });

  it("keeps no token in the store: the raw records are sealed", async () => {
    const minted = Object.keys(sim.stats().tokens);
    expect(minted.length).toBeGreaterThan(0);
    const raw = JSON.stringify(await read(ns));
    // The scan finds a token where one is: the check can fail.
    const live = await mintDirectly(sim);
    expect(tokensIn(JSON.stringify({ t: live }), Object.keys(sim.stats().tokens))).toEqual([live]);
    expect(raw).toMatch(/zk1\./);
    expect(tokensIn(raw, minted)).toEqual([]);
    // A plaintext record is JSON inside a stored string: {"v":1,"t":"<token>",...}.
    expect(raw).not.toContain(String.raw`\"t\":`);
  });
});
