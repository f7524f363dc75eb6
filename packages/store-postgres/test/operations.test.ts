import type { TokenStore } from "@zoomkit/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createPostgresStore } from "../src/index.js";
import { admin, eventually, randomKey, sleep, useTestSchema } from "./helpers.js";

const db = useTestSchema();

describe("records", () => {
  it("is a TokenStore with the shared capabilities", () => {
    const store = db.store();
    expectTypeOf(store).toMatchTypeOf<TokenStore>();
    expectTypeOf(createPostgresStore).returns.toMatchTypeOf<TokenStore>();
    expect(store.name).toBe("postgres");
    expect(store.capabilities).toEqual({
      shared: true,
      crossProcessLease: true,
      notifications: true,
      leaseRenewal: true,
      permits: true,
    });
  });

  it("writes with expected generation 0 only when no live record exists", async () => {
    const store = db.store();
    const key = randomKey();
    expect(await store.get(key)).toBeNull();
    const first = await store.compareAndSet(key, 0, { value: "v1", tag: "t1" }, 10_000);
    expect(first).toMatchObject({ value: "v1", tag: "t1" });
    expect(first!.generation).toBeGreaterThan(0);
    expect(await store.compareAndSet(key, 0, { value: "v2", tag: "t2" }, 10_000)).toBeNull();
    expect(await store.get(key)).toEqual(first);
  });

  it("replaces a record only on the generation it read", async () => {
    const store = db.store();
    const key = randomKey();
    const first = await store.compareAndSet(key, 0, { value: "v1", tag: "t1" }, 10_000);
    const second = await store.compareAndSet(key, first!.generation, { value: "v2", tag: "t2" }, 10_000);
    expect(second!.generation).toBeGreaterThan(first!.generation);
    expect(await store.compareAndSet(key, first!.generation, { value: "v3", tag: "t3" }, 10_000)).toBeNull();
    expect(await store.compareAndSet(key, 12345, { value: "v3", tag: "t3" }, 10_000)).toBeNull();
    expect(await store.get(key)).toEqual(second);
  });

  it("refuses a non-zero expected generation when nothing is stored", async () => {
    const store = db.store();
    const key = randomKey();
    expect(await store.compareAndSet(key, 7, { value: "v", tag: "t" }, 10_000)).toBeNull();
    expect(await store.get(key)).toBeNull();
  });

  it("deletes only by the current tag, and keeps generations rising after a delete", async () => {
    const store = db.store();
    const key = randomKey();
    const first = await store.compareAndSet(key, 0, { value: "v1", tag: "t1" }, 10_000);
    expect(await store.compareAndDelete(key, "other")).toBe(false);
    expect(await store.get(key)).toEqual(first);
    expect(await store.compareAndDelete(key, "t1")).toBe(true);
    expect(await store.compareAndDelete(key, "t1")).toBe(false);
    expect(await store.get(key)).toBeNull();
    expect(await store.compareAndSet(key, first!.generation, { value: "x", tag: "x" }, 10_000)).toBeNull();
    const again = await store.compareAndSet(key, 0, { value: "v2", tag: "t2" }, 10_000);
    expect(again!.generation).toBeGreaterThan(first!.generation);
  });

  it("expires records by the database clock and keeps generations rising after expiry", async () => {
    const store = db.store();
    const key = randomKey();
    const first = await store.compareAndSet(key, 0, { value: "v1", tag: "t1" }, 150);
    await sleep(300);
    expect(await store.get(key)).toBeNull();
    expect(await store.compareAndDelete(key, "t1")).toBe(false);
    expect(await store.compareAndSet(key, first!.generation, { value: "x", tag: "x" }, 10_000)).toBeNull();
    const second = await store.compareAndSet(key, 0, { value: "v2", tag: "t2" }, 10_000);
    expect(second!.generation).toBeGreaterThan(first!.generation);
  });

  it("increases generations strictly over many quick writes", async () => {
    const store = db.store();
    const key = randomKey();
    let generation = 0;
    for (let i = 0; i < 30; i += 1) {
      const next = await store.compareAndSet(key, generation, { value: `v${i}`, tag: `t${i}` }, 10_000);
      expect(next!.generation).toBeGreaterThan(generation);
      generation = next!.generation;
    }
  });

  it("sees the writes of another store instance on the same table", async () => {
    const a = db.store();
    const b = db.store();
    const key = randomKey();
    const written = await a.compareAndSet(key, 0, { value: "shared", tag: "t" }, 10_000);
    expect(await b.get(key)).toEqual(written);
  });

  it("keeps opaque values byte for byte", async () => {
    const store = db.store();
    const key = randomKey();
    const value = `${"ünïcødé 🔑 '\"\\ ".repeat(50)}${"x".repeat(20_000)}`;
    await store.compareAndSet(key, 0, { value, tag: "t" }, 10_000);
    expect((await store.get(key))!.value).toBe(value);
  });
});

describe("leases", () => {
  it("grants one holder at a time and fences releases", async () => {
    const store = db.store();
    const key = randomKey("lease");
    const lease = await store.acquireLease(key, "a", 10_000);
    expect(lease).toMatchObject({ key, holder: "a", ttlMs: 10_000 });
    expect(await store.acquireLease(key, "b", 10_000)).toBeNull();
    expect(await store.acquireLease(key, "a", 10_000)).toBeNull();
    expect(await store.releaseLease({ ...lease!, holder: "b" })).toBe(false);
    expect(await store.releaseLease({ ...lease!, fence: lease!.fence - 1 })).toBe(false);
    expect(await store.releaseLease(lease!)).toBe(true);
    expect(await store.releaseLease(lease!)).toBe(false);
    const next = await store.acquireLease(key, "b", 10_000);
    expect(next!.fence).toBeGreaterThan(lease!.fence);
  });

  it("lets a new holder take an expired lease and refuses the stale holder's release", async () => {
    const store = db.store();
    const key = randomKey("lease");
    const stale = await store.acquireLease(key, "a", 100);
    await sleep(250);
    const fresh = await store.acquireLease(key, "b", 10_000);
    expect(fresh!.fence).toBeGreaterThan(stale!.fence);
    expect(await store.releaseLease(stale!)).toBe(false);
    expect(await store.acquireLease(key, "c", 10_000)).toBeNull();
    expect(await store.releaseLease(fresh!)).toBe(true);
  });

  it("keeps leases and records apart on the same key", async () => {
    const store = db.store();
    const key = randomKey("both");
    const lease = await store.acquireLease(key, "a", 10_000);
    const record = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 10_000);
    expect(lease).not.toBeNull();
    expect(record).not.toBeNull();
    expect(await store.releaseLease(lease!)).toBe(true);
    expect(await store.get(key)).toEqual(record);
  });
});

describe("events", () => {
  it("counts events in a rolling window, this one included", async () => {
    const store = db.store();
    const key = randomKey("mints");
    expect(await store.countEvents(key, 60_000)).toBe(0);
    expect(await store.recordEvent(key, 60_000)).toBe(1);
    expect(await store.recordEvent(key, 60_000)).toBe(2);
    expect(await store.recordEvent(key, 60_000)).toBe(3);
    expect(await store.countEvents(key, 60_000)).toBe(3);
    expect(await store.countEvents(randomKey("mints"), 60_000)).toBe(0);
  });

  it("drops events once they leave the window", async () => {
    const store = db.store();
    const key = randomKey("mints");
    await store.recordEvent(key, 200);
    await store.recordEvent(key, 200);
    await sleep(350);
    expect(await store.countEvents(key, 200)).toBe(0);
    expect(await store.recordEvent(key, 200)).toBe(1);
  });
});

describe("housekeeping", () => {
  it("cleanup deletes rows expired for over an hour and keeps the rest", async () => {
    const store = db.store();
    const live = randomKey();
    const recent = randomKey();
    await store.compareAndSet(live, 0, { value: "v", tag: "t" }, 60_000);
    await store.compareAndSet(recent, 0, { value: "v", tag: "t" }, 60_000);
    await store.compareAndDelete(recent, "t");
    const old = randomKey();
    await admin(
      `INSERT INTO ${db.table} (key, kind, value, tag, generation, expires_at)
       VALUES ($1, 'record', 'v', 't', 5, now() - interval '2 hours')`,
      [old],
    );
    expect(await store.cleanup()).toBeGreaterThanOrEqual(1);
    const rows = await admin<{ key: string }>(`SELECT key FROM ${db.table} WHERE key = ANY($1)`, [
      [live, recent, old],
    ]);
    expect(rows.map((r) => r.key).sort()).toEqual([live, recent].sort());
  });

  it("writes also clean up now and then", async () => {
    const store = db.store({ cleanupIntervalMs: 1 });
    await store.migrate();
    const old = randomKey();
    await admin(
      `INSERT INTO ${db.table} (key, kind, value, tag, generation, expires_at)
       VALUES ($1, 'lease', 'h', NULL, 5, now() - interval '2 hours')`,
      [old],
    );
    await sleep(5);
    await store.recordEvent(randomKey("mints"), 60_000);
    await eventually(
      async () => (await admin(`SELECT 1 FROM ${db.table} WHERE key = $1`, [old])).length === 0,
      10_000,
      "the piggybacked cleanup",
    );
  });
});
