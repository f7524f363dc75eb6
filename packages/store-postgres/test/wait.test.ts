import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { channelName } from "../src/sql.js";
import { admin, eventually, randomKey, useTestSchema } from "./helpers.js";

const db = useTestSchema();
const LONG = 60_000; // waiter timeout far past the test's patience: only a wake-up ends it in time
const PATIENCE = 10_000;

/** Settles `promise` or answers "pending" after `ms` (a liveness bound, not a timing claim). */
const within = (promise: Promise<unknown>, ms = PATIENCE) =>
  Promise.race([promise.then(() => "settled"), new Promise((r) => setTimeout(() => r("pending"), ms))]);

/** A store on a table of its own, so its NOTIFY channel is its own too. */
const isolated = (options: Parameters<typeof db.store>[0] = {}) => {
  const table = `t_${randomBytes(4).toString("hex")}`;
  return { table, channel: channelName(db.schema, table), store: db.store({ table, ...options }) };
};

const listeners = async (channel: string) =>
  (
    await admin<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE query = $1", [`LISTEN "${channel}"`])
  ).map((r) => r.pid);

describe("waitForChange", () => {
  it("wakes on a NOTIFY alone, without the row changing (so the wake-up is not a poll)", async () => {
    const { store, channel } = isolated();
    const key = randomKey();
    const written = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, LONG);
    const waiting = store.waitForChange!(key, written!.generation, LONG);
    await eventually(async () => (await listeners(channel)).length === 1, PATIENCE, "the LISTEN connection");
    // Polling would read the unchanged generation and keep waiting; only the notification ends the wait.
    await admin("SELECT pg_notify($1, $2)", [channel, `${written!.generation + 1} ${key}`]);
    expect(await within(waiting)).toBe("settled");
  });

  it("ignores notifications for other keys and for the generation it already has", async () => {
    const { store, channel } = isolated();
    const key = randomKey();
    const written = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, LONG);
    const controller = new AbortController();
    const waiting = store.waitForChange!(key, written!.generation, LONG, controller.signal);
    let settled = false;
    waiting.then(() => {
      settled = true;
    });
    await eventually(async () => (await listeners(channel)).length === 1, PATIENCE, "the LISTEN connection");
    await admin("SELECT pg_notify($1, $2)", [channel, `${written!.generation + 1} ${randomKey()}`]);
    await admin("SELECT pg_notify($1, $2)", [channel, `${written!.generation} ${key}`]);
    await admin("SELECT pg_notify($1, $2)", [channel, `garbage`]);
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    controller.abort();
    expect(await within(waiting)).toBe("settled");
  });

  it("wakes a waiter in another store when a write commits", async () => {
    const { store, table } = isolated();
    const other = db.store({ table });
    const key = randomKey();
    const waiting = other.waitForChange!(key, 0, LONG);
    await store.compareAndSet(key, 0, { value: "v", tag: "t" }, LONG);
    expect(await within(waiting)).toBe("settled");
  });

  it("listens again after the LISTEN connection is killed, and wakes on NOTIFY", async () => {
    const { store, channel } = isolated();
    const key = randomKey();
    const written = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, LONG);
    const first = store.waitForChange!(key, written!.generation, LONG);
    await eventually(async () => (await listeners(channel)).length === 1, PATIENCE, "the LISTEN connection");
    const [old] = await listeners(channel);
    await admin("SELECT pg_terminate_backend($1)", [old]);
    await eventually(
      async () => {
        const now = await listeners(channel);
        return now.length === 1 && now[0] !== old;
      },
      PATIENCE,
      "a new LISTEN connection",
    );
    await admin("SELECT pg_notify($1, $2)", [channel, `${written!.generation + 1} ${key}`]);
    expect(await within(first)).toBe("settled");
  });

  it("falls back to polling when notifications are off", async () => {
    const { store, table, channel } = isolated({ notifications: false });
    const writer = db.store({ table, notifications: false });
    const key = randomKey();
    const waiting = store.waitForChange!(key, 0, LONG);
    await writer.compareAndSet(key, 0, { value: "v", tag: "t" }, LONG);
    expect(await within(waiting)).toBe("settled");
    expect(await listeners(channel)).toEqual([]);
  });

  it("listens through one client checked out of an injected pool, and leaves the pool open on close", async () => {
    const pool = db.pool(3);
    const table = `t_${randomBytes(4).toString("hex")}`;
    const { createPostgresStore } = await import("../src/index.js");
    const store = createPostgresStore({ pool, schema: db.schema, table });
    const key = randomKey();
    const waiting = store.waitForChange!(key, 0, LONG);
    await eventually(async () => pool.totalCount - pool.idleCount >= 1, PATIENCE, "a checked-out client");
    await store.compareAndSet(key, 0, { value: "v", tag: "t" }, LONG);
    expect(await within(waiting)).toBe("settled");
    await store.close();
    expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    await eventually(
      async () => (await listeners(channelName(db.schema, table))).length === 0,
      PATIENCE,
      "unlisten",
    );
  });

  it("resolves every waiter on close", async () => {
    const { store } = isolated();
    const waiting = store.waitForChange!(randomKey(), 0, LONG);
    await store.close();
    expect(await within(waiting)).toBe("settled");
  });
});
