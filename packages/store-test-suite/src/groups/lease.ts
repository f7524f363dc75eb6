/** Leases: exclusion, expiry (a dead holder is replaced), and fencing (a stale holder cannot release). */
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite } from "../context.js";

export function leaseGroup(suite: Suite): void {
  const { ttlMs, patienceMs, concurrency } = suite.options;
  describe("lease exclusion, expiry and fencing", () => {
    it("hands out a lease naming its key, holder, fence and time-to-live", async () => {
      const { store, key } = await suite.setup();
      const lease = await store.acquireLease(key("lease"), "holder-a", 10_000);
      expect(lease).toMatchObject({ key: key("lease"), holder: "holder-a", ttlMs: 10_000 });
      expect(lease!.fence).toBeGreaterThan(0);
    });

    it("refuses a second holder while the lease is live (atomic leases)", async () => {
      const { store, key, peer, caps } = await suite.setup();
      const other = await peer();
      const first = await store.acquireLease(key("lease"), "holder-a", 10_000);
      const second = await other.acquireLease(key("lease"), "holder-b", 10_000);
      expect(first).not.toBeNull();
      // A store without atomic leases only promises single-flight within one process.
      if (caps.atomicLease) expect(second).toBeNull();
      else expect(second === null || second.holder === "holder-b").toBe(true);
    });

    it(`gives the lease to exactly one of ${concurrency} concurrent contenders (atomic leases)`, async () => {
      const { store, key, peer, caps } = await suite.setup();
      const stores = [store, await peer(), await peer(), await peer()];
      const results = await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          stores[i % stores.length]!.acquireLease(key("lease"), `holder-${i}`, 10_000),
        ),
      );
      const holders = results.filter((r) => r !== null);
      if (caps.atomicLease) expect(holders).toHaveLength(1);
      else expect(holders.length).toBeGreaterThanOrEqual(1);
    });

    it("frees the lease on release, so the next holder gets a higher fence", async () => {
      const { store, key } = await suite.setup();
      const first = await store.acquireLease(key("lease"), "holder-a", 10_000);
      expect(await store.releaseLease(first!)).toBe(true);
      expect(await store.releaseLease(first!)).toBe(false);
      const second = await store.acquireLease(key("lease"), "holder-b", 10_000);
      expect(second).not.toBeNull();
      expect(second!.fence).toBeGreaterThan(first!.fence);
    });

    it("lets another holder take over once the time-to-live has passed (the holder died)", async () => {
      const { store, key, peer } = await suite.setup();
      const other = await peer();
      const dead = await store.acquireLease(key("lease"), "dead-holder", ttlMs);
      expect(dead).not.toBeNull();
      let next: Awaited<ReturnType<typeof store.acquireLease>> = null;
      await pollUntil(
        "the expired lease could be taken",
        async () => {
          next = await other.acquireLease(key("lease"), "next-holder", 10_000);
          return next !== null;
        },
        patienceMs,
      );
      expect(next!.fence).toBeGreaterThan(dead!.fence);
    });

    it("fences a stale holder: its release fails and leaves the newer lease in place", async () => {
      const { store, key, peer, caps } = await suite.setup();
      const other = await peer();
      const stale = await store.acquireLease(key("lease"), "holder-a", ttlMs);
      let fresh: Awaited<ReturnType<typeof store.acquireLease>> = null;
      await pollUntil(
        "the stale lease expired",
        async () => {
          fresh = await other.acquireLease(key("lease"), "holder-b", 10_000);
          return fresh !== null;
        },
        patienceMs,
      );
      expect(await store.releaseLease(stale!)).toBe(false);
      // Same holder name, old fence: still refused, the fence alone tells them apart.
      expect(await store.releaseLease({ ...fresh!, fence: stale!.fence })).toBe(false);
      if (caps.atomicLease) expect(await store.acquireLease(key("lease"), "holder-c", 10_000)).toBeNull();
      expect(await other.releaseLease(fresh!)).toBe(true);
    });

    it("refuses a release by a holder that never had the lease", async () => {
      const { store, key } = await suite.setup();
      const lease = await store.acquireLease(key("lease"), "holder-a", 10_000);
      expect(await store.releaseLease({ ...lease!, holder: "impostor" })).toBe(false);
      expect(
        await store.releaseLease({ key: key("other"), holder: "holder-a", fence: lease!.fence, ttlMs: 1 }),
      ).toBe(false);
      expect(await store.releaseLease(lease!)).toBe(true);
    });

    it("keeps leases of different keys independent", async () => {
      const { store, key } = await suite.setup();
      expect(await store.acquireLease(key("lease-1"), "a", 10_000)).not.toBeNull();
      expect(await store.acquireLease(key("lease-2"), "b", 10_000)).not.toBeNull();
    });
  });
}
