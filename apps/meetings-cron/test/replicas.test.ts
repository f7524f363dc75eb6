/**
 * Several replicas: each tick is run by one of them only, through a lease in the shared store (Redis,
 * then Postgres), keyed by the tick's scheduled time. Two `--once` processes started together for the
 * same tick: exactly one sweeps, the other skips, every expired meeting is deleted once.
 */
import { createClient } from "@keyv/redis";
import { startZoomSimulator, type ZoomSimulator } from "@zoomkit/simulator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checker, exists, fixtures, randomName, realModeEnv, runOnce, seed } from "./support/cron.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let sim: ZoomSimulator;
beforeAll(async () => {
  sim = await startZoomSimulator({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await sim?.close();
});

async function twoReplicasAtOnce(store: string, namespace: string) {
  const meetings = seed(sim, fixtures());
  const env = realModeEnv(sim, {
    ZOOMKIT_STORE: store,
    ZOOMKIT_STORE_NAMESPACE: namespace,
    // A yearly schedule: both replicas name the same tick however long they take to start.
    CRON: "0 0 1 1 *",
    JOB_NAME: randomName("replicas"),
  });
  const runs = await Promise.all([runOnce(env), runOnce(env)]);
  expect(runs.map((run) => run.code)).toEqual([0, 0]);
  expect(runs.map((run) => run.tick.status).sort()).toEqual(["skipped", "succeeded"]);
  expect(runs[0]!.tick.scheduledAt).toBe(runs[1]!.tick.scheduledAt);
  const winner = runs.find((run) => run.tick.status === "succeeded")!;
  const expired = meetings.filter((m) => m.expired);
  expect(winner.tick.summary).toMatchObject({ deleted: expired.length, alreadyGone: 0 });
  const zoom = checker(sim);
  for (const meeting of meetings) expect(await exists(zoom, meeting.id)).toBe(!meeting.expired);

  // A replica that reaches the same tick later still finds it taken.
  const late = await runOnce(env);
  expect(late.tick.status).toBe("skipped");
  // A different job (another JOB_NAME) is not excluded by this one's lease.
  const other = await runOnce({ ...env, JOB_NAME: randomName("other") });
  expect(other.tick.status).toBe("succeeded");
  expect(other.tick.summary).toMatchObject({ deleted: 0 });
}

describe("two replicas at the same tick", () => {
  it("through Redis: exactly one runs the tick", async () => {
    const namespace = randomName("cron_test");
    try {
      await twoReplicasAtOnce(REDIS_URL, namespace);
    } finally {
      const client = createClient({ url: REDIS_URL });
      await client.connect();
      for await (const keys of client.scanIterator({ MATCH: `${namespace}*`, COUNT: 100 })) {
        if (keys.length > 0) await client.del(keys);
      }
      await client.close();
    }
  });

  it("through Postgres: exactly one runs the tick", async () => {
    const schema = randomName("cron_test");
    try {
      await twoReplicasAtOnce(DATABASE_URL, schema);
    } finally {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});
