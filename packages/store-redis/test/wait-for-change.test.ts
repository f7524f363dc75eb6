import { describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { credentialKey, randomNamespace, redisUrl, testStore, track } from "./helpers.js";

/** Resolves "settled" or "pending" after `ms`, whichever first (no timing assert: a generous bound). */
async function state(promise: Promise<unknown>, ms: number): Promise<"settled" | "pending"> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), ms);
  });
  const result = await Promise.race([promise.then(() => "settled" as const), pending]);
  clearTimeout(timer);
  return result;
}

describe("redis store waitForChange", () => {
  it.each([
    { notifications: true, label: "pub/sub" },
    { notifications: false, label: "polling" },
  ])("wakes a waiter on another connection when a record is written ($label)", async ({ notifications }) => {
    const namespace = randomNamespace();
    const writer = track(createRedisStore({ url: redisUrl, namespace }));
    const waiter = track(createRedisStore({ url: redisUrl, namespace, notifications }));
    expect(waiter.capabilities.notifications).toBe(notifications);
    const key = credentialKey();
    const waiting = waiter.waitForChange!(key, 0, 60_000);
    expect(await state(waiting, 100)).toBe("pending");
    await writer.compareAndSet(key, 0, { value: "v", tag: "t" }, 60_000);
    expect(await state(waiting, 10_000)).toBe("settled");
  });

  it("stays asleep while writes go to other keys", async () => {
    const store = testStore();
    const key = credentialKey();
    const waiting = store.waitForChange!(key, 0, 60_000);
    for (let i = 0; i < 5; i++)
      await store.compareAndSet(credentialKey(), 0, { value: "v", tag: "t" }, 60_000);
    expect(await state(waiting, 300)).toBe("pending");
    await store.close();
    expect(await state(waiting, 1000)).toBe("settled");
  });

  it("wakes when the record it saw expires (expiry publishes nothing)", async () => {
    const store = testStore();
    const key = credentialKey();
    const written = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 150);
    const waiting = store.waitForChange!(key, written!.generation, 60_000);
    expect(await state(waiting, 10_000)).toBe("settled");
    expect(await store.get(key)).toBeNull();
  });

  it("resolves at its timeout when nothing changes, and on abort", async () => {
    const store = testStore();
    const key = credentialKey();
    await expect(store.waitForChange!(key, 0, 50)).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = store.waitForChange!(key, 0, 60_000, controller.signal);
    controller.abort();
    expect(await state(waiting, 1000)).toBe("settled");
  });

  it("wakes every waiter of a key, and each only once subscribed (no lost write)", async () => {
    const namespace = randomNamespace();
    const writer = track(createRedisStore({ url: redisUrl, namespace }));
    const waiter = track(createRedisStore({ url: redisUrl, namespace }));
    const key = credentialKey();
    const waiters = Array.from({ length: 20 }, () => waiter.waitForChange!(key, 0, 60_000));
    // The write may land before some subscriptions: the re-read after subscribing catches it.
    await writer.compareAndSet(key, 0, { value: "v", tag: "t" }, 60_000);
    expect(await state(Promise.all(waiters), 10_000)).toBe("settled");
  });
});
