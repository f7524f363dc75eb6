/**
 * The API with a shared store: Redis, then Postgres (each in its own namespace or schema). Meetings
 * work as with the memory store, readiness reports the store, and two API processes on one store share
 * one token: the simulator sees a single mint.
 */
import { createClient } from "@keyv/redis";
import { DEFAULT_APP, type ZoomSimulator } from "@zoomkit/simulator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/api.js";
import { meetingInput, randomKey, realModeEnv, startSimulator } from "./support/zoom.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const namespace = (kind: string) =>
  `api_test_${kind}_${randomKey()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;

async function dropRedisNamespace(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await client.del(keys);
  }
  await client.close();
}

async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

const cases = [
  { name: "Redis", kind: "redis", url: REDIS_URL, drop: dropRedisNamespace },
  { name: "Postgres", kind: "postgres", url: DATABASE_URL, drop: dropPostgresSchema },
] as const;

describe.each(cases)("with $name as the store", ({ kind, url, drop }) => {
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
    const ready = await apis[0]!.call("/readyz", { key: null });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", store: { name: kind, ok: true } });
  });

  it("shares one token between the processes: one mint in all", async () => {
    await Promise.all(apis.flatMap((api) => [api.call("/meetings/1"), api.call("/meetings/2")]));
    expect(sim.stats().mints[DEFAULT_APP.clientId]).toBe(1);
  });
});
