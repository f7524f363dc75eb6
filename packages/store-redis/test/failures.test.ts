import { inspect } from "node:util";
import { createClient } from "@keyv/redis";
import { describe, expect, it } from "vitest";
import { createRedisStore, RedisStoreError } from "../src/index.js";
import {
  closedPort,
  credentialKey,
  randomNamespace,
  rawClient,
  redisUrl,
  testStore,
  track,
} from "./helpers.js";

const password = "pa55-w0rd-never-shown";

describe("redis store failures", () => {
  it("rejects every operation on an unreachable server, naming store, operation and cause", async () => {
    const port = await closedPort();
    const store = track(createRedisStore({ url: `redis://:${password}@127.0.0.1:${port}`, timeoutMs: 300 }));
    const key = credentialKey();
    const operations: Array<[string, () => Promise<unknown>]> = [
      ["get", () => store.get(key)],
      ["compareAndSet", () => store.compareAndSet(key, 0, { value: "v", tag: "t" }, 1000)],
      ["compareAndDelete", () => store.compareAndDelete(key, "t")],
      ["acquireLease", () => store.acquireLease(key, "h", 1000)],
      ["releaseLease", () => store.releaseLease({ key, holder: "h", fence: 1, ttlMs: 1000 })],
      ["recordEvent", () => store.recordEvent(key, 1000)],
      ["countEvents", () => store.countEvents(key, 1000)],
    ];
    for (const [operation, run] of operations) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedisStoreError);
      const storeError = error as RedisStoreError;
      // Timed out, or joined a connect attempt that gave up: either way bounded, and it says why.
      expect(["store_timeout", "store_unavailable"]).toContain(storeError.code);
      expect(storeError.operation).toBe(operation);
      expect(storeError.message).toContain(`redis store (127.0.0.1:${port}): ${operation} `);
      expect(storeError.message).toContain("ECONNREFUSED");
      expect(storeError.message).not.toContain(password);
      expect(String(storeError.cause ?? "")).not.toContain(password);
    }
    // A waiter on a dead server still resolves (at its timeout), never hangs or rejects.
    await expect(store.waitForChange!(key, 0, 500)).resolves.toBeUndefined();
  });

  it("surfaces a server error instead of swallowing it, without the password", async () => {
    // The test server has no password: AUTH with one fails, and that must reach the caller.
    const url = new URL(redisUrl);
    url.password = password;
    const store = track(createRedisStore({ url: url.toString(), timeoutMs: 2000 }));
    const error = await store.get(credentialKey()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisStoreError);
    expect((error as Error).message).toMatch(/^redis store \(/);
    expect((error as Error).message).not.toContain(password);
  });

  it("keeps a driver's error only as a sanitised copy: name, code and a redacted message", async () => {
    const port = await closedPort();
    const store = track(
      createRedisStore({ url: `redis://zoom:${password}@127.0.0.1:${port}`, timeoutMs: 1_000 }),
    );
    const error = await store.get(credentialKey()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisStoreError);
    const cause = (error as RedisStoreError).cause as Error & { code?: unknown };
    // The raw node-redis error carries errno, syscall, address and port (and a client may carry more).
    expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
    expect(Object.keys(cause).sort()).toEqual(["code", "name"]);
    expect(cause.code).toBe("ECONNREFUSED");
    expect(inspect(error, { depth: 10 })).not.toContain(password);
  });

  it("refuses a namespace with { or }: Redis Cluster would split a credential's keys", () => {
    for (const namespace of ["{}", "app{1}", "a{", "b}"]) {
      let error: unknown;
      try {
        createRedisStore({ url: redisUrl, namespace });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RedisStoreError);
      expect(error).toMatchObject({ code: "store_misconfigured", operation: "createRedisStore" });
      expect((error as Error).message).toContain("CROSSSLOT");
    }
  });

  it("refuses options that cannot work with store_misconfigured", () => {
    const bad: Array<Parameters<typeof createRedisStore>[0]> = [
      { url: redisUrl, timeoutMs: 0 },
      { url: redisUrl, maxPollIntervalMs: -1 },
      {} as Parameters<typeof createRedisStore>[0],
    ];
    for (const options of bad) {
      expect(() => createRedisStore(options)).toThrow(
        expect.objectContaining({ code: "store_misconfigured", name: "RedisStoreError" }),
      );
    }
  });

  it("reports background errors to onError", async () => {
    const port = await closedPort();
    const seen: RedisStoreError[] = [];
    const store = track(
      createRedisStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: 200, onError: (e) => seen.push(e) }),
    );
    await expect(store.get(credentialKey())).rejects.toThrow(RedisStoreError);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBeInstanceOf(RedisStoreError);
  });

  it("rejects with store_closed after close()", async () => {
    const store = testStore();
    await store.close();
    await expect(store.get(credentialKey())).rejects.toMatchObject({ code: "store_closed" });
  });

  it("reruns a script the server forgot (NOSCRIPT after SCRIPT FLUSH)", async () => {
    const store = testStore();
    const key = credentialKey();
    await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 60_000);
    await (await rawClient()).scriptFlush();
    expect((await store.get(key))?.value).toBe("v");
  });
});

describe("redis store corrupt data", () => {
  it("reads a key of another type or a half-written record as absent, and heals it on the next write", async () => {
    const namespace = randomNamespace();
    const store = track(createRedisStore({ url: redisUrl, namespace }));
    const raw = await rawClient();
    const asString = credentialKey();
    const badGeneration = credentialKey();
    await raw.set(`${namespace}::${asString}`, "not a record");
    await raw.hSet(`${namespace}::${badGeneration}`, { v: "x", t: "y", g: "NaN" });
    for (const key of [asString, badGeneration]) {
      expect(await store.get(key)).toBeNull();
      expect(await store.compareAndDelete(key, "y")).toBe(false);
      const healed = await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 60_000);
      expect(healed!.generation).toBeGreaterThan(0);
      expect(await store.get(key)).toEqual(healed);
    }
  });

  it("takes over a lease key of another type and restarts an event series of another type", async () => {
    const namespace = randomNamespace();
    const store = track(createRedisStore({ url: redisUrl, namespace }));
    const raw = await rawClient();
    const lease = credentialKey("lease");
    const events = credentialKey("mints");
    await raw.set(`${namespace}::${lease}`, "garbage");
    await raw.lPush(`${namespace}::${events}`, "garbage");
    expect(await store.countEvents(events, 60_000)).toBe(0);
    expect(await store.acquireLease(lease, "h", 60_000)).not.toBeNull();
    expect(await store.recordEvent(events, 60_000)).toBe(1);
  });
});

describe("redis store connections", () => {
  it("uses an injected client and leaves it open on close()", async () => {
    const client = createClient({ url: redisUrl });
    client.on("error", () => {});
    await client.connect();
    try {
      const store = createRedisStore({ client, namespace: randomNamespace() });
      const key = credentialKey();
      await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 60_000);
      await store.waitForChange!(key, 0, 1000);
      await store.close();
      expect(client.isOpen).toBe(true);
      expect(await client.ping()).toBe("PONG");
    } finally {
      client.destroy();
    }
  });

  it("keeps a credential's keys in one hash slot: the provider's tag is kept, a missing tag is added", async () => {
    const namespace = randomNamespace();
    const store = track(createRedisStore({ url: redisUrl, namespace }));
    const raw = await rawClient();
    await store.compareAndSet("{cred-1}:token", 0, { value: "v", tag: "t" }, 60_000);
    await store.compareAndSet("untagged", 0, { value: "v", tag: "t" }, 60_000);
    const keys: string[] = [];
    for await (const batch of raw.scanIterator({ MATCH: `${namespace}::*` })) keys.push(...batch);
    expect(keys.sort()).toEqual(
      [
        `${namespace}::{cred-1}:token`,
        `${namespace}::{cred-1}:token#mark`,
        `${namespace}::{untagged}`,
        `${namespace}::{untagged}#mark`,
      ].sort(),
    );
  });
});
