/** `takePermits` on Redis beyond the conformance suite: what it leaves in Redis, and corrupt values. */
import { describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.js";
import { credentialKey, randomNamespace, rawClient, track } from "./helpers.js";

const rate = { ratePerSecond: 10, burst: 5 };

function store() {
  const namespace = randomNamespace();
  return {
    namespace,
    store: track(createRedisStore({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", namespace })),
  };
}

describe("takePermits on Redis", () => {
  it("keeps one number that expires once the bucket is full again", async () => {
    const { namespace, store: s } = store();
    const key = credentialKey("permits");
    expect(await s.takePermits!(key, 3, rate)).toEqual({ granted: 3, retryAfterMs: 0 });
    const client = await rawClient();
    const stored = await client.get(`${namespace}::${key}`);
    expect(stored).toMatch(/^\d+$/);
    const pttl = await client.pTTL(`${namespace}::${key}`);
    // 3 permits at 10 a second: full again within 300 ms.
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(301);
  });

  it.each([
    ["a value that is not a number", "not-a-number"],
    ["a time years ahead", String(Date.now() * 1000 + 10 * 365 * 86_400_000_000)],
  ])("reads %s as a full bucket and replaces it", async (_, value) => {
    const { namespace, store: s } = store();
    const key = credentialKey("permits");
    const client = await rawClient();
    await client.set(`${namespace}::${key}`, value);
    expect(await s.takePermits!(key, 5, rate)).toEqual({ granted: 5, retryAfterMs: 0 });
    expect((await s.takePermits!(key, 1, rate)).granted).toBe(0);
  });

  it("replaces a key of another type", async () => {
    const { namespace, store: s } = store();
    const key = credentialKey("permits");
    const client = await rawClient();
    await client.hSet(`${namespace}::${key}`, { h: "x" });
    expect(await s.takePermits!(key, 2, rate)).toEqual({ granted: 2, retryAfterMs: 0 });
  });
});
