import { describe, expect, it } from "vitest";
import { createMemoryStore, createTokenProvider, type TokenStore } from "../../src/index.js";
import { credentialKeys } from "../../src/tokens/keys.js";
import { fakeTokenEndpoint } from "./fake-token-endpoint.js";
import { base } from "./setup.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token endpoint whose first answer waits until `release()`. */
function stalledEndpoint() {
  let release: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { zoom: fakeTokenEndpoint({ beforeAnswer: (n) => (n === 1 ? stalled : undefined) }), release };
}

describe("token provider: the mint lease", () => {
  it("renews a short lease while a slow mint runs, so nobody else mints meanwhile", async () => {
    const { zoom, release } = stalledEndpoint();
    const inner = createMemoryStore();
    let renewals = 0;
    const store: TokenStore = {
      ...inner,
      renewLease: (...args) => {
        renewals += 1;
        return inner.renewLease!(...args);
      },
    };
    // A lease of 1 s, renewed every third of it: generous, so a busy machine's pauses never let it lapse.
    const slow = createTokenProvider({ ...base, fetch: zoom.fetch, store, leaseTtlMs: 1_000 });
    const pending = slow.getToken();
    while (zoom.requests() === 0) await sleep(5);
    const other = createTokenProvider({ ...base, fetch: zoom.fetch, store, leaseTtlMs: 1_000 });
    const waiting = other.getToken();
    // Four renewals: past the first lease's lifetime the holder still has it, so the other waits.
    while (renewals < 4) await sleep(20);
    expect(zoom.requests()).toBe(1);
    release();
    const [a, b] = await Promise.all([pending, waiting]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(zoom.mints()).toBe(1);
    expect(other.stats().leaseWaits).toBeGreaterThan(0);
  });

  it("abandons its mint when a renewal finds the lease lost, and takes the token the new holder wrote", async () => {
    const { zoom, release } = stalledEndpoint();
    const inner = createMemoryStore();
    let renewals = 0;
    // The store reports the lease lost at the first renewal (it expired under a frozen process).
    const losing: TokenStore = {
      ...inner,
      renewLease: async () => {
        renewals += 1;
        return null;
      },
    };
    const holder = createTokenProvider({ ...base, fetch: zoom.fetch, store: losing, leaseTtlMs: 60 });
    const pending = holder.getToken();
    while (renewals === 0) await sleep(5);
    expect(holder.stats().leasesLost).toBe(1);
    const other = createTokenProvider({ ...base, fetch: fakeTokenEndpoint().fetch, store: inner });
    const theirs = await other.getToken();
    expect((await pending).fingerprint).toBe(theirs.fingerprint);
    // The abandoned request may still be answered: nothing of it reaches the store.
    release();
    await sleep(20);
    const { token } = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);
    expect((await inner.get(token))?.tag).toBe(theirs.fingerprint);
  });

  it("releases its lease on close(), so another process need not wait for it to expire", async () => {
    const { zoom } = stalledEndpoint();
    const store = createMemoryStore();
    const holder = createTokenProvider({ ...base, fetch: zoom.fetch, store, leaseTtlMs: 60_000 });
    const pending = holder.getToken().catch((e: unknown) => e);
    while (zoom.requests() === 0) await sleep(5);
    await holder.close();
    expect(await pending).toMatchObject({ code: "closed" });
    // The 60 s lease is free at once: released, not left to expire.
    const { lease } = credentialKeys("zoomkit:", base.accountId, base.clientId, base.clientSecret);
    expect(await store.acquireLease(lease, "another-process", 1_000)).not.toBeNull();
    await expect(holder.getToken()).rejects.toMatchObject({ code: "closed" });
  });
});
