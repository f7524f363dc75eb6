import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMemoryStore, createTokenProvider, fingerprint, type ZoomHooks } from "../../src/index.js";
import { fakeTokenEndpoint, OAUTH_URL } from "./fake-token-endpoint.js";
import { instrumentedStore } from "./store-wrappers.js";

const base = { accountId: "acc-1", clientId: "client-1", clientSecret: "the-secret", oauthUrl: OAUTH_URL };
const tokenKey = `zoomkit:{acc-1:client-1:${fingerprint("the-secret")}}:token`;

describe("token provider: records, encryption and a failing store", () => {
  it("ignores a corrupt or foreign record, reports it, and replaces it", async () => {
    const zoom = fakeTokenEndpoint();
    const store = createMemoryStore();
    const minted: string[] = [];
    for (const garbage of ["not json", '{"v":99,"t":"x"}', '{"v":1,"t":"tok","e":"soon"}']) {
      const current = await store.get(tokenKey);
      await store.compareAndSet(
        tokenKey,
        current?.generation ?? 0,
        { value: garbage, tag: "foreign" },
        60_000,
      );
      const tokens = createTokenProvider({
        ...base,
        fetch: zoom.fetch,
        store,
        hooks: { tokenMinted: (e) => minted.push(e.reason) },
      });
      const token = await tokens.getToken();
      expect(tokens.stats().corruptRecords).toBe(1);
      expect((await store.get(tokenKey))?.tag).toBe(token.fingerprint);
    }
    expect(minted).toEqual(["corrupt", "corrupt", "corrupt"]);
  });

  it("seals records with AES-256-GCM: the store sees ciphertext, the fleet shares the token", async () => {
    const zoom = fakeTokenEndpoint();
    const store = createMemoryStore();
    const encryptionKey = randomBytes(32).toString("base64");
    const a = createTokenProvider({ ...base, fetch: zoom.fetch, store, encryptionKey });
    const b = createTokenProvider({ ...base, fetch: zoom.fetch, store, encryptionKey });
    const token = await a.getToken();
    const record = await store.get(tokenKey);
    expect(record?.value.startsWith("zk1.")).toBe(true);
    expect(record?.value).not.toContain(token.value);
    expect((await b.getToken()).value).toBe(token.value);
    expect(zoom.mints()).toBe(1);
  });

  it("treats a record sealed with another key as corrupt and replaces it", async () => {
    const zoom = fakeTokenEndpoint();
    const store = createMemoryStore();
    const a = createTokenProvider({ ...base, fetch: zoom.fetch, store, encryptionKey: randomBytes(32) });
    const b = createTokenProvider({ ...base, fetch: zoom.fetch, store, encryptionKey: randomBytes(32) });
    await a.getToken();
    const token = await b.getToken();
    expect(b.stats()).toMatchObject({ corruptRecords: 1, mints: { corrupt: 1 } });
    expect((await store.get(tokenKey))?.tag).toBe(token.fingerprint);
  });

  it("refuses an encryption key that is not 32 bytes, without echoing it", () => {
    const make = () => createTokenProvider({ ...base, encryptionKey: "too-short-key" });
    expect(make).toThrow(expect.objectContaining({ code: "store_misconfigured" }));
    expect(() => make()).not.toThrow(/too-short-key/);
  });

  for (const fault of ["throw", "hang"] as const) {
    it(`keeps serving tokens when the store ${fault}s, reports degraded mode, and recovers`, async () => {
      const zoom = fakeTokenEndpoint();
      const faulty = instrumentedStore(createMemoryStore());
      const degraded: boolean[] = [];
      const hooks: ZoomHooks = { storeDegraded: (e) => degraded.push(e.degraded) };
      const options = {
        ...base,
        fetch: zoom.fetch,
        store: faulty.store,
        hooks,
        storeTimeoutMs: 50,
        storeRetryMs: 100,
      };
      faulty.setFault(fault);
      const tokens = createTokenProvider(options);
      const got = await Promise.all(Array.from({ length: 16 }, () => tokens.getToken()));
      expect(new Set(got.map((t) => t.value)).size).toBe(1);
      expect(zoom.mints()).toBe(1); // still single-flight within the process
      expect(tokens.stats().degraded).toMatchObject({ active: true, episodes: 1 });
      expect(degraded).toEqual([true]);

      faulty.setFault(undefined);
      await new Promise((resolve) => setTimeout(resolve, 120));
      // A 401 takes the slow path: the store answers again, degraded mode ends.
      const next = await tokens.unauthorized(got[0]!, { status: 401 }, { attempt: 1 });
      expect(next).toBeDefined();
      expect(tokens.stats().degraded.active).toBe(false);
      expect(tokens.stats().degraded.totalMs).toBeGreaterThan(0);
      expect(degraded).toEqual([true, false]);
    });
  }
});
