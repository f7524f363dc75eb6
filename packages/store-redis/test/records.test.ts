import { describe, expect, it } from "vitest";
import { createRedisStore, RedisStoreError } from "../src/index.js";
import { closedPort, credentialKey, eventually, testStore, track } from "./helpers.js";

const next = (value: string) => ({ value, tag: `tag-${value}` });

describe("redis store records", () => {
  it("reads null for a key that was never written", async () => {
    const store = testStore();
    expect(await store.get(credentialKey())).toBeNull();
  });

  it("writes from generation 0 and reads the record back", async () => {
    const store = testStore();
    const key = credentialKey();
    const written = await store.compareAndSet(key, 0, next("a"), 60_000);
    expect(written).toMatchObject({ value: "a", tag: "tag-a" });
    expect(written!.generation).toBeGreaterThan(0);
    expect(await store.get(key)).toEqual(written);
  });

  it("refuses a write whose expected generation has moved, and writes nothing", async () => {
    const store = testStore();
    const key = credentialKey();
    const first = await store.compareAndSet(key, 0, next("a"), 60_000);
    expect(await store.compareAndSet(key, 0, next("b"), 60_000)).toBeNull();
    expect(await store.compareAndSet(key, first!.generation + 1, next("b"), 60_000)).toBeNull();
    expect(await store.get(key)).toEqual(first);
    const second = await store.compareAndSet(key, first!.generation, next("c"), 60_000);
    expect(second!.generation).toBeGreaterThan(first!.generation);
    expect(await store.get(key)).toEqual(second);
  });

  it("keeps generations increasing across compare-and-delete and expiry", async () => {
    const store = testStore();
    const key = credentialKey();
    const generations: number[] = [];
    let current = await store.compareAndSet(key, 0, next("a"), 60_000);
    generations.push(current!.generation);
    current = await store.compareAndSet(key, current!.generation, next("b"), 60_000);
    generations.push(current!.generation);
    expect(await store.compareAndDelete(key, "tag-b")).toBe(true);
    current = await store.compareAndSet(key, 0, next("c"), 80);
    generations.push(current!.generation);
    await eventually(async () => (await store.get(key)) === null);
    current = await store.compareAndSet(key, 0, next("d"), 60_000);
    generations.push(current!.generation);
    for (let i = 1; i < generations.length; i++) expect(generations[i]).toBeGreaterThan(generations[i - 1]!);
  });

  it("deletes only when the tag matches", async () => {
    const store = testStore();
    const key = credentialKey();
    await store.compareAndSet(key, 0, next("a"), 60_000);
    expect(await store.compareAndDelete(key, "tag-other")).toBe(false);
    expect(await store.get(key)).not.toBeNull();
    expect(await store.compareAndDelete(key, "tag-a")).toBe(true);
    expect(await store.get(key)).toBeNull();
    expect(await store.compareAndDelete(key, "tag-a")).toBe(false);
  });

  it("treats an expired record as absent: compare-and-set from 0 succeeds", async () => {
    const store = testStore();
    const key = credentialKey();
    const first = await store.compareAndSet(key, 0, next("a"), 60);
    await eventually(async () => (await store.get(key)) === null);
    expect(await store.compareAndSet(key, first!.generation, next("b"), 60_000)).toBeNull();
    expect(await store.compareAndSet(key, 0, next("b"), 60_000)).not.toBeNull();
  });

  it("stores values as opaque strings, unicode and separators included", async () => {
    const store = testStore();
    const key = credentialKey();
    const value = 'ciphertext:\u00e9\u{1F600}\n{"a":1}\u0000end';
    await store.compareAndSet(key, 0, { value, tag: "t" }, 60_000);
    expect((await store.get(key))?.value).toBe(value);
  });

  it("rejects bad arguments before touching Redis (store_invalid_argument, not a timeout)", async () => {
    // No server at all: a call that reached the connection would end in store_timeout or store_unavailable.
    const store = track(
      createRedisStore({ url: `redis://127.0.0.1:${await closedPort()}`, timeoutMs: 5_000 }),
    );
    const calls: Array<[string, Promise<unknown>]> = [
      ["compareAndSet", store.compareAndSet(credentialKey(), 0, next("a"), 0)],
      ["compareAndSet", store.compareAndSet(credentialKey(), -1, next("a"), 1000)],
      ["get", store.get("")],
      ["recordEvent", store.recordEvent(credentialKey(), Number.NaN)],
    ];
    for (const [operation, call] of calls) {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedisStoreError);
      expect(error).toMatchObject({ code: "store_invalid_argument", operation });
      expect((error as Error).message).toMatch(/^redis store: /);
    }
  });
});
