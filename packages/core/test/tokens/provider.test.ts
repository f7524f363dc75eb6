import { describe, expect, it } from "vitest";
import { createMemoryStore, createTokenProvider, fingerprint, type TokenStore } from "../../src/index.js";
import { fakeClock, fakeTokenEndpoint, OAUTH_URL } from "./fake-token-endpoint.js";
import { instrumentedStore, withoutRenewal } from "./store-wrappers.js";

const base = { accountId: "acc-1", clientId: "client-1", clientSecret: "the-secret", oauthUrl: OAUTH_URL };

describe("token provider: single-flight, layers and refresh", () => {
  it("mints once when 64 callers race a cold cache", async () => {
    const zoom = fakeTokenEndpoint();
    const tokens = createTokenProvider({ ...base, fetch: zoom.fetch });
    const got = await Promise.all(Array.from({ length: 64 }, () => tokens.getToken()));
    expect(zoom.mints()).toBe(1);
    expect(new Set(got.map((t) => t.value)).size).toBe(1);
    expect(tokens.stats().mints).toMatchObject({ total: 1, cold: 1 });
  });

  it("mints once for four processes sharing a store (lease across processes)", async () => {
    const zoom = fakeTokenEndpoint();
    const store = createMemoryStore();
    const fleet = Array.from({ length: 4 }, () => createTokenProvider({ ...base, fetch: zoom.fetch, store }));
    const got = await Promise.all(fleet.flatMap((p) => Array.from({ length: 16 }, () => p.getToken())));
    expect(zoom.mints()).toBe(1);
    expect(new Set(got.map((t) => t.fingerprint)).size).toBe(1);
    const storeHits = fleet.reduce((n, p) => n + p.stats().hits.store, 0);
    expect(storeHits).toBe(3);
    expect(fleet.reduce((n, p) => n + p.stats().leaseWaits, 0)).toBeGreaterThan(0);
  });

  it("serves the hot path from the process copy without touching the store", async () => {
    const zoom = fakeTokenEndpoint();
    const { store, calls } = instrumentedStore(createMemoryStore());
    const tokens = createTokenProvider({ ...base, fetch: zoom.fetch, store });
    const first = await tokens.getToken();
    const before = calls.length;
    for (let i = 0; i < 1_000; i++) expect(await tokens.getToken()).toBe(first);
    expect(calls.length).toBe(before);
    expect(tokens.stats().hits.process).toBe(1_000);
  });

  it("computes expiry from before the mint request was sent", async () => {
    const clock = fakeClock();
    const started = clock.now();
    const zoom = fakeTokenEndpoint({ expiresIn: 3600, beforeAnswer: () => clock.advance(5_000) });
    const tokens = createTokenProvider({
      ...base,
      fetch: zoom.fetch,
      now: clock.now,
      store: createMemoryStore(clock),
    });
    const token = await tokens.getToken();
    expect(token.mintedAt).toBe(started);
    expect(token.expiresAt).toBe(started + 3_600_000);
  });

  it("refreshes ahead in the background while callers keep the current token", async () => {
    const clock = fakeClock();
    const zoom = fakeTokenEndpoint({ expiresIn: 100 });
    const hooks: string[] = [];
    const tokens = createTokenProvider({
      ...base,
      fetch: zoom.fetch,
      now: clock.now,
      store: createMemoryStore(clock),
      hooks: { tokenMinted: (e) => hooks.push(e.reason) },
    });
    const first = await tokens.getToken();
    // 100 s lifetime: refresh starts 10 s (+ up to 5 s jitter) before expiry, blocking only in the last 2 s.
    clock.advance(91_000);
    const during = await tokens.getToken();
    expect(during.fingerprint).toBe(first.fingerprint);
    await expect.poll(() => zoom.mints()).toBe(2);
    await expect.poll(async () => (await tokens.getToken()).fingerprint).not.toBe(first.fingerprint);
    expect(hooks).toEqual(["cold", "refresh"]);
    expect(tokens.stats().blocked).toBe(1);
  });

  it("blocks callers only once the token is under the safety margin", async () => {
    const clock = fakeClock();
    const zoom = fakeTokenEndpoint({ expiresIn: 100 });
    const tokens = createTokenProvider({
      ...base,
      fetch: zoom.fetch,
      now: clock.now,
      store: createMemoryStore(clock),
    });
    const first = await tokens.getToken();
    clock.advance(99_000);
    const next = await tokens.getToken();
    expect(next.fingerprint).not.toBe(first.fingerprint);
    expect(tokens.stats().blocked).toBe(2);
    expect(tokens.stats().mints.refresh).toBe(1);
  });

  it("stores a refreshed token even when the old record expired while the mint was in flight", async () => {
    const clock = fakeClock();
    const zoom = fakeTokenEndpoint({
      expiresIn: 100,
      beforeAnswer: (n) => (n === 2 ? clock.advance(10_000) : undefined),
    });
    const store = createMemoryStore(clock);
    const tokens = createTokenProvider({ ...base, fetch: zoom.fetch, now: clock.now, store });
    await tokens.getToken();
    clock.advance(95_000); // refresh due; the slow mint ends after the old record's expiry
    await tokens.getToken();
    await expect.poll(() => zoom.mints()).toBe(2);
    const key = `zoomkit:{acc-1:client-1:${fingerprint("the-secret")}}:token`;
    await expect.poll(async () => (await store.get(key))?.tag).toBe(fingerprint(zoom.minted[1]!));
  });

  it("double-checks after taking the lease: a token written meanwhile is used, not minted again", async () => {
    const zoom = fakeTokenEndpoint();
    const shared = createMemoryStore();
    const other = createTokenProvider({ ...base, fetch: zoom.fetch, store: shared });
    let raced = false;
    const racing: TokenStore = {
      ...shared,
      name: shared.name,
      capabilities: shared.capabilities,
      async acquireLease(key, holder, ttl) {
        if (!raced) {
          raced = true;
          await other.getToken(); // another process mints and writes between our read and our lease
        }
        return shared.acquireLease(key, holder, ttl);
      },
    };
    const tokens = createTokenProvider({ ...base, fetch: zoom.fetch, store: racing });
    const token = await tokens.getToken();
    expect(zoom.mints()).toBe(1);
    expect(token.fingerprint).toBe((await other.getToken()).fingerprint);
    expect(tokens.stats().hits.store).toBe(1);
  });

  it("fences writes: a holder that stalled past its lease cannot overwrite the newer token", async () => {
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const zoom = fakeTokenEndpoint({ beforeAnswer: (n) => (n === 1 ? stalled : undefined) });
    // Without renewal the 50 ms lease simply runs out under the stalled holder (as when its process froze).
    const store = withoutRenewal(createMemoryStore());
    const slow = createTokenProvider({ ...base, fetch: zoom.fetch, store, leaseTtlMs: 50 });
    const slowToken = slow.getToken();
    await new Promise((resolve) => setTimeout(resolve, 80)); // the slow holder's lease has expired
    const fast = createTokenProvider({ ...base, fetch: zoom.fetch, store, leaseTtlMs: 50 });
    const fastToken = await fast.getToken();
    release();
    const late = await slowToken;
    expect(zoom.mints()).toBe(2);
    const keyRecord = await store.get(`zoomkit:{acc-1:client-1:${fingerprint("the-secret")}}:token`);
    expect(keyRecord?.tag).toBe(fastToken.fingerprint);
    expect(late.fingerprint).toBe(fastToken.fingerprint);
  });

  it("lets a caller's signal stop its own wait without failing the others", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const zoom = fakeTokenEndpoint({ beforeAnswer: () => gate });
    const tokens = createTokenProvider({ ...base, fetch: zoom.fetch });
    const controller = new AbortController();
    const aborted = tokens.getToken({ signal: controller.signal });
    const patient = tokens.getToken();
    controller.abort(new Error("caller gave up"));
    await expect(aborted).rejects.toThrow("caller gave up");
    release();
    expect((await patient).value).toBe(zoom.minted[0]);
  });
});
