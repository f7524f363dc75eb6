import { createPostgresStore } from "@zoomkit/store-postgres";
import { createRedisStore } from "@zoomkit/store-redis";
import { describe, expect, it } from "vitest";
import { createStoreFromUrl } from "../src/index.js";
import { closeAfterTest, DATABASE_URL, REDIS_URL, randomKey, randomNamespace } from "./helpers.js";

const record = { value: "payload", tag: "fp-1" };

describe("createStoreFromUrl", () => {
  it("opens a process-local memory store for `memory`", async () => {
    const store = closeAfterTest(await createStoreFromUrl("memory"));
    expect(store.capabilities.shared).toBe(false);
    const key = randomKey();
    await store.compareAndSet(key, 0, record, 60_000);
    expect((await store.get(key))?.value).toBe("payload");
  });

  it("opens the Redis store in the given namespace for redis://", async () => {
    const namespace = randomNamespace("redis");
    const store = closeAfterTest(await createStoreFromUrl(REDIS_URL, { namespace, timeoutMs: 5_000 }));
    expect(store.name).toBe("redis");
    const key = randomKey();
    await store.compareAndSet(key, 0, record, 60_000);
    // The same namespace opened directly sees the record: the URL and the namespace reached the store.
    const direct = closeAfterTest(createRedisStore({ url: REDIS_URL, namespace }));
    expect((await direct.get(key))?.value).toBe("payload");
    const elsewhere = closeAfterTest(
      createRedisStore({ url: REDIS_URL, namespace: randomNamespace("redis") }),
    );
    expect(await elsewhere.get(key)).toBeNull();
    expect(await store.compareAndDelete(key, record.tag)).toBe(true);
  });

  it.each(["postgres", "postgresql"])(
    "opens the Postgres store in the given schema for %s://",
    async (scheme) => {
      const schema = randomNamespace("postgres");
      const url = DATABASE_URL.replace(/^postgres(ql)?:/, `${scheme}:`);
      const store = closeAfterTest(await createStoreFromUrl(url, { namespace: schema, maxConnections: 2 }));
      expect(store.name).toBe("postgres");
      const key = randomKey();
      await store.compareAndSet(key, 0, record, 60_000);
      const direct = closeAfterTest(createPostgresStore({ connectionString: DATABASE_URL, schema }));
      expect((await direct.get(key))?.value).toBe("payload");
    },
  );

  it("passes autoMigrate: false to the Postgres store, which then finds no table in a new schema", async () => {
    const schema = randomNamespace("postgres");
    const store = closeAfterTest(
      await createStoreFromUrl(DATABASE_URL, { namespace: schema, autoMigrate: false, timeoutMs: 5_000 }),
    );
    await expect(store.get(randomKey())).rejects.toThrow(/zoomkit_tokens|does not exist|migrat/i);
  });

  it("rejects an unsupported URL before loading anything", async () => {
    await expect(createStoreFromUrl("mongodb://app:hunter2@db/zoom")).rejects.toMatchObject({
      name: "StoreUrlError",
      code: "store_url_unsupported",
      message: expect.not.stringContaining("hunter2"),
    });
  });
});
