import { describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { credentialKey, eventually, randomNamespace, redisUrl, testStore, track } from "./helpers.js";

describe("redis store leases", () => {
  it("excludes a second holder until release, then hands out a higher fence", async () => {
    const store = testStore();
    const key = credentialKey("lease");
    const first = await store.acquireLease(key, "a", 60_000);
    expect(first).toMatchObject({ key, holder: "a", ttlMs: 60_000 });
    expect(await store.acquireLease(key, "b", 60_000)).toBeNull();
    expect(await store.acquireLease(key, "a", 60_000)).toBeNull();
    expect(await store.releaseLease({ ...first!, fence: first!.fence - 1 })).toBe(false);
    expect(await store.releaseLease({ ...first!, holder: "b" })).toBe(false);
    expect(await store.releaseLease(first!)).toBe(true);
    const second = await store.acquireLease(key, "b", 60_000);
    expect(second!.fence).toBeGreaterThan(first!.fence);
  });

  it("lets a new holder take an expired lease, and refuses the stale holder's release", async () => {
    const store = testStore();
    const key = credentialKey("lease");
    const stale = await store.acquireLease(key, "a", 60);
    let fresh = null;
    await eventually(async () => {
      fresh = await store.acquireLease(key, "b", 60_000);
      return fresh !== null;
    });
    expect(fresh!.fence).toBeGreaterThan(stale!.fence);
    expect(await store.releaseLease(stale!)).toBe(false);
    expect(await store.acquireLease(key, "c", 60_000)).toBeNull();
  });

  it("grants one lease among 64 contenders on 8 connections (atomic across processes' connections)", async () => {
    const namespace = randomNamespace();
    const stores = Array.from({ length: 8 }, () => track(createRedisStore({ url: redisUrl, namespace })));
    const key = credentialKey("lease");
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => stores[i % stores.length]!.acquireLease(key, `h${i}`, 60_000)),
    );
    expect(results.filter((lease) => lease !== null)).toHaveLength(1);
  });

  it("keeps fences increasing over many acquire and release cycles", async () => {
    const store = testStore();
    const key = credentialKey("lease");
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const lease = await store.acquireLease(key, `h${i}`, 60_000);
      expect(lease!.fence).toBeGreaterThan(last);
      last = lease!.fence;
      expect(await store.releaseLease(lease!)).toBe(true);
    }
  });
});

describe("redis store events", () => {
  it("counts events in the rolling window and returns each running count once", async () => {
    const namespace = randomNamespace();
    const stores = Array.from({ length: 4 }, () => track(createRedisStore({ url: redisUrl, namespace })));
    const key = credentialKey("mints");
    const counts = await Promise.all(
      Array.from({ length: 100 }, (_, i) => stores[i % stores.length]!.recordEvent(key, 60_000)),
    );
    // Atomic: every caller saw a different running count, 1..100.
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await stores[0]!.countEvents(key, 60_000)).toBe(100);
  });

  it("forgets events that left the window", async () => {
    const store = testStore();
    const key = credentialKey("mints");
    await store.recordEvent(key, 150);
    await store.recordEvent(key, 150);
    await eventually(async () => (await store.countEvents(key, 150)) === 0);
    expect(await store.recordEvent(key, 150)).toBe(1);
  });

  it("keeps events for the longest window a series was recorded with", async () => {
    const store = testStore();
    const key = credentialKey("mints");
    await store.recordEvent(key, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // A short window counts only the new event, but must not trim the long window's history.
    expect(await store.recordEvent(key, 10)).toBe(1);
    expect(await store.countEvents(key, 60_000)).toBe(2);
  });
});

describe("redis store compare-and-set under contention", () => {
  it("loses no update when 8 connections increment one record by read-then-compare-and-set", async () => {
    const namespace = randomNamespace();
    const stores = Array.from({ length: 8 }, () => track(createRedisStore({ url: redisUrl, namespace })));
    const key = credentialKey();
    const incrementsEach = 10;
    const increment = async (storeIndex: number) => {
      const store = stores[storeIndex]!;
      for (let done = 0; done < incrementsEach; ) {
        const current = await store.get(key);
        const n = current === null ? 0 : Number(current.value);
        const written = await store.compareAndSet(
          key,
          current?.generation ?? 0,
          { value: String(n + 1), tag: `t${n + 1}` },
          60_000,
        );
        if (written !== null) done++;
      }
    };
    await Promise.all(stores.map((_, i) => increment(i)));
    expect((await stores[0]!.get(key))?.value).toBe(String(stores.length * incrementsEach));
  });
});
