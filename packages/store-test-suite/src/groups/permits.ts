/**
 * Shared permits (`takePermits`, when `capabilities.permits`): a full limiter grants its burst, then
 * nothing until it refills at the rate; a request larger than what is left gets what is left; and
 * many takers on several store instances together never get more than `burst + rate * t`.
 */
import type { PermitRate, TokenStore } from "@zoomkit/core";
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite, sleep } from "../context.js";

/** `store.takePermits`, which the group only calls when the store declares it. */
const take = (store: TokenStore, key: string, want: number, rate: PermitRate) =>
  store.takePermits!(key, want, rate);

export function permitsGroup(suite: Suite): void {
  const { ttlMs, patienceMs, concurrency } = suite.options;
  // One permit a second: a slow server cannot refill one between two calls of a test.
  const slow: PermitRate = { ratePerSecond: 1, burst: 5 };
  describe("shared permits", () => {
    it("is present exactly when the store says it is", async () => {
      const { store, caps } = await suite.setup();
      expect(typeof store.takePermits === "function").toBe(caps.permits);
    });

    it("grants a full burst at once, then nothing, with the wait for the next permit", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      expect(await take(store, key("permits"), 5, slow)).toEqual({ granted: 5, retryAfterMs: 0 });
      const refused = await take(store, key("permits"), 1, slow);
      expect(refused.granted).toBe(0);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    });

    it("grants part of a request when fewer permits are left, and says when the next comes", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      expect(await take(store, key("permits"), 3, slow)).toEqual({ granted: 3, retryAfterMs: 0 });
      const rest = await take(store, key("permits"), 5, slow);
      // 2 were left; a server slower than a second may have refilled one more.
      expect(rest.granted).toBeGreaterThanOrEqual(2);
      expect(rest.granted).toBeLessThan(5);
      expect(rest.retryAfterMs).toBeGreaterThan(0);
      expect(rest.retryAfterMs).toBeLessThanOrEqual(1_000);
    });

    it("refills at the rate: a permit is back once the wait it named is over", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      const rate = { ratePerSecond: 1_000 / ttlMs, burst: 1 };
      expect((await take(store, key("permits"), 1, rate)).granted).toBe(1);
      const refused = await take(store, key("permits"), 1, rate);
      // A slow server may already have refilled it; otherwise the wait is at most one interval.
      if (refused.granted === 0) expect(refused.retryAfterMs).toBeLessThanOrEqual(ttlMs);
      await sleep(refused.retryAfterMs);
      await pollUntil(
        "a permit came back",
        async () => (await take(store, key("permits"), 1, rate)).granted === 1,
        patienceMs,
      );
    });

    it("grants a full burst when the interval is not a whole number of microseconds", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      for (const ratePerSecond of [1.9, 3, 0.95]) {
        expect(await take(store, key(`r${ratePerSecond}`), 1, { ratePerSecond, burst: 1 })).toEqual({
          granted: 1,
          retryAfterMs: 0,
        });
        expect(await take(store, key(`b${ratePerSecond}`), 3, { ratePerSecond, burst: 3 })).toEqual({
          granted: 3,
          retryAfterMs: 0,
        });
      }
    });

    it("keeps one limiter per key", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      expect((await take(store, key("a"), 5, slow)).granted).toBe(5);
      expect((await take(store, key("b"), 5, slow)).granted).toBe(5);
      expect((await take(store, key("a"), 1, slow)).granted).toBe(0);
    });

    it("spends nothing on a refused call", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      await expect(take(store, key("permits"), 0, slow)).rejects.toThrow();
      await expect(take(store, key("permits"), 1, { ratePerSecond: 0, burst: 5 })).rejects.toThrow();
      expect(await take(store, key("permits"), 5, slow)).toEqual({ granted: 5, retryAfterMs: 0 });
    });

    it(`never grants ${concurrency} concurrent takers on several instances more than burst + rate * t`, async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.permits) return expect(store.takePermits).toBeUndefined();
      const stores = [store, await peer(), await peer()];
      const rate: PermitRate = { ratePerSecond: 40, burst: 4 };
      const runMs = 1_200;
      const started = performance.now();
      const granted = await Promise.all(
        Array.from({ length: concurrency }, async (_, i) => {
          const mine = stores[i % stores.length]!;
          let total = 0;
          while (performance.now() - started < runMs) {
            const grant = await take(mine, key("permits"), 1 + (i % 3), rate);
            total += grant.granted;
            if (grant.granted === 0) await sleep(grant.retryAfterMs);
          }
          return total;
        }),
      );
      // Measured from before the first call to after the last answer: longer than the store's own
      // span, so the bound has margin; +1 for a permit rounding could give at an exact boundary.
      const elapsedS = (performance.now() - started) / 1_000;
      const total = granted.reduce((a, b) => a + b, 0);
      expect(total).toBeLessThanOrEqual(rate.burst + rate.ratePerSecond * elapsedS + 1);
      // And the limiter is not merely closed: takers got well past the burst.
      expect(total).toBeGreaterThan(rate.burst + rate.ratePerSecond * 0.25);
    });
  });
}
