import { createServer } from "node:net";
import { inspect } from "node:util";
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

/** A Map-backed Keyv adapter whose next `get`, when asked, never answers (a backend that hung). */
function hangingAdapter() {
  const data = new Map<string, unknown>();
  let hang = false;
  const adapter = {
    get: async (key: string) => {
      if (!hang) return data.get(key);
      hang = false;
      return new Promise(() => {});
    },
    set: async (key: string, value: unknown) => {
      data.set(key, value);
      return true;
    },
    delete: async (key: string) => data.delete(key),
    clear: async () => data.clear(),
    on: () => adapter,
  } as unknown as KeyvStoreAdapter;
  return {
    adapter,
    hangNextGet: () => {
      hang = true;
    },
  };
}

describe("keyv store", () => {
  it("states its weaker guarantee in its capabilities", async () => {
    const memory = createKeyvStore(new Keyv());
    expect(memory.capabilities).toEqual({
      shared: false,
      crossProcessLease: false,
      notifications: false,
      leaseRenewal: true,
      permits: true,
    });
    const redis = new Keyv(new KeyvRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"));
    const onRedis = createKeyvStore(redis);
    expect(onRedis.capabilities).toEqual({
      shared: true,
      crossProcessLease: false,
      notifications: false,
      leaseRenewal: true,
      permits: true,
    });
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
    // Every call is bounded, not only the first (the backend still never answers).
    await expect(store.acquireLease("{c}:token", "h", 1000)).rejects.toMatchObject({ code: "store_timeout" });
    await store.close();
    await (keyv.store as KeyvRedis<unknown>).disconnect(true);
  });

  it("releases the key's lock when a call times out: a later call on that key succeeds while the first still hangs", async () => {
    const { adapter, hangNextGet } = hangingAdapter();
    const store = createKeyvStore(new Keyv({ store: adapter }), { timeoutMs: 300 });
    hangNextGet();
    await expect(store.get("{c}:token")).rejects.toMatchObject({ code: "store_timeout", operation: "get" });
    const written = await store.compareAndSet("{c}:token", 0, { value: "v", tag: "t" }, 60_000);
    expect(written).toMatchObject({ value: "v", tag: "t" });
    expect(await store.get("{c}:token")).toEqual(written);
    await store.close();
  });

  it("runs a call queued behind a hung one as soon as the hung one times out", async () => {
    const { adapter, hangNextGet } = hangingAdapter();
    const store = createKeyvStore(new Keyv({ store: adapter }), { timeoutMs: 1_000 });
    hangNextGet();
    const first = store.get("{c}:token").catch((e: unknown) => e);
    // Queued behind the hung call: it gets the key when the first gives up, inside its own deadline.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = await store.compareAndSet("{c}:token", 0, { value: "v", tag: "t" }, 60_000);
    expect(await first).toMatchObject({ code: "store_timeout" });
    expect(second).toMatchObject({ value: "v", tag: "t" });
    await store.close();
  });

  it("redacts connection credentials from a backend's message and keeps only a sanitised cause", async () => {
    const secret = "hunter2-pw";
    const raw = Object.assign(new Error(`connect failed for postgres://app:${secret}@db:5432/zoom`), {
      code: "ECONNREFUSED",
      client: { password: secret },
    });
    const adapter = {
      get: async () => {
        throw raw;
      },
      set: async () => true,
      delete: async () => true,
      clear: async () => {},
      on: () => adapter,
    } as unknown as KeyvStoreAdapter;
    const store = createKeyvStore(new Keyv({ store: adapter }));
    const error = await store.get("{c}:token").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "store_error", operation: "get" });
    expect((error as Error).message).toContain("postgres://***:***@db:5432/zoom");
    const cause = (error as Error).cause as Error & { code?: unknown };
    expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
    expect(cause.code).toBe("ECONNREFUSED");
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
    await store.close();
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
