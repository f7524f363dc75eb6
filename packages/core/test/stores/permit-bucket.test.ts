import { describe, expect, it } from "vitest";
import { CORRUPT_AHEAD_US, takeFromBucket } from "../../src/stores/permit-bucket.js";

const rate = { ratePerSecond: 10, burst: 5 };
const now = 1_000_000_000_000_000; // µs

describe("takeFromBucket (GCRA)", () => {
  it("grants a full burst from an empty state and moves the arrival time by the permits taken", () => {
    expect(takeFromBucket(0, now, 5, rate)).toEqual({
      granted: 5,
      retryAfterMs: 0,
      tatUs: now + 500_000,
      ttlMs: 500,
    });
  });

  it("grants what is left and names the wait for the next permit", () => {
    const first = takeFromBucket(0, now, 4, rate);
    const second = takeFromBucket(first.tatUs, now, 3, rate);
    expect(second.granted).toBe(1);
    expect(second.retryAfterMs).toBe(100);
    const third = takeFromBucket(second.tatUs, now + 100_000, 3, rate);
    expect(third).toMatchObject({ granted: 1, retryAfterMs: 100 });
  });

  it("never grants more than burst + rate * t over a simulated minute of greedy takers", () => {
    let tat = 0;
    let total = 0;
    for (let t = 0; t <= 60_000_000; t += 7_919) {
      const step = takeFromBucket(tat, now + t, 3, rate);
      total += step.granted;
      tat = step.tatUs;
    }
    expect(total).toBeLessThanOrEqual(5 + 10 * 60);
    expect(total).toBeGreaterThanOrEqual(5 + 10 * 60 - 1);
  });

  it("never moves the arrival time back for a caller with an older clock", () => {
    const ahead = takeFromBucket(0, now, 5, rate);
    const late = takeFromBucket(ahead.tatUs, now - 2_000_000, 5, rate);
    expect(late.granted).toBe(0);
    expect(late.tatUs).toBeGreaterThanOrEqual(ahead.tatUs);
  });

  it("reads a time far past any rate's capacity as corrupt: a full bucket", () => {
    const corrupt = now + 500_000 + CORRUPT_AHEAD_US + 1;
    expect(takeFromBucket(corrupt, now, 5, rate).granted).toBe(5);
    // Just inside: a debt it honours.
    expect(takeFromBucket(now + 500_000 + CORRUPT_AHEAD_US - 1, now, 5, rate).granted).toBe(0);
  });

  it("grants a full burst at today's epoch when the interval is not a whole number of µs", () => {
    const at = Date.now() * 1000;
    for (const ratePerSecond of [1.9, 3, 7, 0.95, 19 * 0.95]) {
      expect(takeFromBucket(0, at, 1, { ratePerSecond, burst: 1 }).granted).toBe(1);
      expect(takeFromBucket(0, at, 3, { ratePerSecond, burst: 3 }).granted).toBe(3);
    }
  });

  it("handles fractional rates (one permit every 2 s)", () => {
    const slow = { ratePerSecond: 0.5, burst: 1 };
    const first = takeFromBucket(0, now, 1, slow);
    expect(takeFromBucket(first.tatUs, now, 1, slow)).toMatchObject({ granted: 0, retryAfterMs: 2_000 });
    expect(takeFromBucket(first.tatUs, now + 2_000_000, 1, slow).granted).toBe(1);
  });
});
