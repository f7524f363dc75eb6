/**
 * Lease renewal (`renewLease`, when `capabilities.leaseRenewal`): a holder that keeps renewing keeps
 * the lease past its first time-to-live with the same fence; a lost lease (released, expired, taken
 * by another holder, or named with another holder or fence) is never renewed.
 */
import type { StoreLease, TokenStore } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite, sleep } from "../context.js";

/** `store.renewLease`, which the group only calls when the store declares it. */
const renew = (store: TokenStore, lease: StoreLease, ttlMs: number) => store.renewLease!(lease, ttlMs);

export function leaseRenewalGroup(suite: Suite): void {
  const { ttlMs, patienceMs } = suite.options;
  describe("lease renewal", () => {
    it("is present exactly when the store says it is", async () => {
      const { store, caps } = await suite.setup();
      expect(typeof store.renewLease === "function").toBe(caps.leaseRenewal);
    });

    it("keeps the lease past its first time-to-live while renewed, with the same fence", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.leaseRenewal) return expect(store.renewLease).toBeUndefined();
      const other = await peer();
      const lease = await store.acquireLease(key("lease"), "holder-a", ttlMs * 2);
      expect(lease).not.toBeNull();
      // Each renewal gives 5 ttls; the next one comes 2 ttls later: wide margins on a busy machine.
      let current = lease!;
      for (let round = 0; round < 3; round++) {
        const renewed = await renew(store, current, ttlMs * 5);
        expect(renewed).toEqual({
          key: lease!.key,
          holder: "holder-a",
          fence: lease!.fence,
          ttlMs: ttlMs * 5,
        });
        current = renewed!;
        await sleep(ttlMs * 2);
        if (caps.atomicLease) expect(await other.acquireLease(key("lease"), "holder-b", 10_000)).toBeNull();
      }
      // Six ttls after it was taken for two, the lease is still held and still renewable.
      expect(await renew(store, current, 10_000)).toMatchObject({ fence: lease!.fence, ttlMs: 10_000 });
      expect(await store.releaseLease(current)).toBe(true);
    });

    it("lets another holder take over once renewals stop, with a higher fence", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.leaseRenewal) return expect(store.renewLease).toBeUndefined();
      const other = await peer();
      const lease = await store.acquireLease(key("lease"), "holder-a", 10_000);
      const renewed = await renew(store, lease!, ttlMs);
      expect(renewed?.ttlMs).toBe(ttlMs);
      let next: StoreLease | null = null;
      await pollUntil(
        "the lease, renewed to a short time-to-live, could be taken",
        async () => {
          next = await other.acquireLease(key("lease"), "holder-b", 10_000);
          return next !== null;
        },
        patienceMs,
      );
      expect(next!.fence).toBeGreaterThan(lease!.fence);
    });

    it("refuses a renewal by another holder or with another fence, and leaves the lease as it was", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.leaseRenewal) return expect(store.renewLease).toBeUndefined();
      const other = await peer();
      const first = await store.acquireLease(key("lease"), "holder-a", 10_000);
      expect(await store.releaseLease(first!)).toBe(true);
      const lease = await store.acquireLease(key("lease"), "holder-a", 10_000);
      expect(lease!.fence).toBeGreaterThan(first!.fence);
      expect(await renew(other, { ...lease!, holder: "impostor" }, 10_000)).toBeNull();
      // Same holder name, older fence: a stale holder of an earlier lease.
      expect(await renew(other, { ...lease!, fence: first!.fence }, 10_000)).toBeNull();
      expect(await renew(store, { ...lease!, fence: lease!.fence + 1 }, 10_000)).toBeNull();
      expect(await renew(store, { ...lease!, key: key("other-lease") }, 10_000)).toBeNull();
      if (caps.atomicLease) expect(await other.acquireLease(key("lease"), "holder-b", 10_000)).toBeNull();
      expect(await store.releaseLease(lease!)).toBe(true);
    });

    it("does not renew a released lease", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.leaseRenewal) return expect(store.renewLease).toBeUndefined();
      const other = await peer();
      const lease = await store.acquireLease(key("lease"), "holder-a", 10_000);
      expect(await store.releaseLease(lease!)).toBe(true);
      expect(await renew(store, lease!, 10_000)).toBeNull();
      expect(await other.acquireLease(key("lease"), "holder-b", 10_000)).not.toBeNull();
    });

    it("does not renew an expired lease, nor one another holder took after it expired", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.leaseRenewal) return expect(store.renewLease).toBeUndefined();
      const other = await peer();
      const expired = await store.acquireLease(key("expired"), "holder-a", ttlMs);
      const retaken = await store.acquireLease(key("retaken"), "holder-a", ttlMs);
      await sleep(ttlMs * 3);
      expect(await renew(store, expired!, 10_000)).toBeNull();
      let fresh: StoreLease | null = null;
      await pollUntil(
        "the expired lease could be taken",
        async () => {
          fresh = await other.acquireLease(key("retaken"), "holder-b", 10_000);
          return fresh !== null;
        },
        patienceMs,
      );
      expect(await renew(store, retaken!, 10_000)).toBeNull();
      // The new holder's lease is untouched: still exclusive, still its own to release.
      if (caps.atomicLease) expect(await store.acquireLease(key("retaken"), "holder-c", 10_000)).toBeNull();
      expect(await other.releaseLease(fresh!)).toBe(true);
    });

    it("releases a renewed lease once, after which it can be neither renewed nor released", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.leaseRenewal) return expect(store.renewLease).toBeUndefined();
      const other = await peer();
      const lease = await store.acquireLease(key("lease"), "holder-a", 10_000);
      const renewed = await renew(store, lease!, 20_000);
      expect(await store.releaseLease(renewed!)).toBe(true);
      expect(await store.releaseLease(renewed!)).toBe(false);
      expect(await renew(store, renewed!, 20_000)).toBeNull();
      expect(await other.acquireLease(key("lease"), "holder-b", 10_000)).not.toBeNull();
    });
  });
}
