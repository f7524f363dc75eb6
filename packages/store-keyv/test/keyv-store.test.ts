import { createServer } from "node:net";
import KeyvRedis from "@keyv/redis";
import { Keyv, type KeyvStoreAdapter } from "keyv";
import { describe, expect, it } from "vitest";
import { createKeyvStore, KeyvStoreError } from "../src/index.js";

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("keyv store", () => {
  it("states its weaker guarantee in its capabilities", async () => {
    const memory = createKeyvStore(new Keyv());
    expect(memory.capabilities).toEqual({ shared: false, crossProcessLease: false, notifications: false });
    const redis = new Keyv(new KeyvRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"));
    const onRedis = createKeyvStore(redis);
    expect(onRedis.capabilities).toEqual({ shared: true, crossProcessLease: false, notifications: false });
    await Promise.all([memory.close(), onRedis.close()]);
    await redis.disconnect();
  });

  it("gives one lease to one of 64 callers in this process, also through two stores over one Keyv", async () => {
    const keyv = new Keyv();
    const stores = [createKeyvStore(keyv), createKeyvStore(keyv)];
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => stores[i % 2]!.acquireLease("{c}:lease", `h${i}`, 60_000)),
    );
    expect(results.filter((lease) => lease !== null)).toHaveLength(1);
  });

  it("loses no update when 16 callers in this process increment by read-then-compare-and-set", async () => {
    const store = createKeyvStore(new Keyv());
    const increment = async () => {
      for (;;) {
        const current = await store.get("{c}:n");
        const n = current === null ? 0 : Number(current.value);
        const ok = await store.compareAndSet(
          "{c}:n",
          current?.generation ?? 0,
          { value: String(n + 1), tag: "t" },
          60_000,
        );
        if (ok) return;
      }
    };
    await Promise.all(Array.from({ length: 16 }, increment));
    expect((await store.get("{c}:n"))?.value).toBe("16");
  });

  it("reads a value that is not a record as absent, and replaces it on the next write", async () => {
    const keyv = new Keyv();
    const store = createKeyvStore(keyv);
    await keyv.set("{c}:token", "garbage");
    await keyv.set("{c}:lease", { holder: 1 });
    await keyv.set("{c}:mints", [1, 2, 3]);
    expect(await store.get("{c}:token")).toBeNull();
    expect(await store.compareAndSet("{c}:token", 0, { value: "v", tag: "t" }, 60_000)).not.toBeNull();
    expect(await store.acquireLease("{c}:lease", "h", 60_000)).not.toBeNull();
    expect(await store.recordEvent("{c}:mints", 60_000)).toBe(1);
  });

  it("surfaces a backend error instead of reading it as a miss", async () => {
    const failing = new Map<string, unknown>();
    const adapter = {
      get: async () => {
        throw new Error("disk on fire");
      },
      set: async (k: string, v: unknown) => failing.set(k, v),
      delete: async (k: string) => failing.delete(k),
      clear: async () => failing.clear(),
      on: () => adapter,
    } as unknown as KeyvStoreAdapter;
    const store = createKeyvStore(new Keyv({ store: adapter }));
    await expect(store.get("{c}:token")).rejects.toMatchObject({ code: "store_error", operation: "get" });
    await expect(store.get("{c}:token")).rejects.toThrow(/keyv store: get failed: disk on fire/);
  });

  it("rejects within timeoutMs when the backend never answers (Redis on a closed port)", async () => {
    const port = await closedPort();
    const keyv = new Keyv(new KeyvRedis(`redis://:pw-secret@127.0.0.1:${port}`));
    const store = createKeyvStore(keyv, { timeoutMs: 300 });
    const error = await store.get("{c}:token").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyvStoreError);
    expect((error as KeyvStoreError).code).toBe("store_timeout");
    expect((error as Error).message).not.toContain("pw-secret");
    // The lock was released on timeout: the next call is not stuck behind the first.
    await expect(store.acquireLease("{c}:token", "h", 1000)).rejects.toMatchObject({ code: "store_timeout" });
    await store.close();
    await (keyv.store as KeyvRedis<unknown>).disconnect(true);
  });

  it("wakes a local waiter at once on a write, and one polling another Keyv on the same data", async () => {
    const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const namespace = `zk-keyv-wait-${Date.now()}-${Math.random()}`;
    const a = new Keyv(new KeyvRedis(url, { namespace }), { namespace, useKeyPrefix: false });
    const b = new Keyv(new KeyvRedis(url, { namespace }), { namespace, useKeyPrefix: false });
    const writer = createKeyvStore(a);
    const local = writer.waitForChange!("{c}:token", 0, 60_000);
    const remote = createKeyvStore(b).waitForChange!("{c}:token", 0, 60_000);
    await writer.compareAndSet("{c}:token", 0, { value: "v", tag: "t" }, 60_000);
    await Promise.all([local, remote]);
    expect((await createKeyvStore(b).get("{c}:token"))?.value).toBe("v");
    await a.clear();
    await Promise.all([a.disconnect(), b.disconnect()]);
  });
});
