import { describe, expect, it } from "vitest";
import { randomKey, useTestSchema } from "./helpers.js";

const db = useTestSchema();

/** Three stores (three "processes"), each with a pool of four connections. */
const fleet = () => [
  db.store({ maxConnections: 4 }),
  db.store({ maxConnections: 4 }),
  db.store({ maxConnections: 4 }),
];

describe("atomicity across pool clients and store instances", () => {
  it("lets exactly one of 48 concurrent first writers win", async () => {
    const stores = fleet();
    const key = randomKey();
    const results = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        stores[i % 3]!.compareAndSet(key, 0, { value: `v${i}`, tag: `t${i}` }, 10_000),
      ),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(await stores[1]!.get(key)).toEqual(winners[0]);
  });

  it("lets exactly one writer per round win when all race on the generation they read", async () => {
    const stores = fleet();
    const key = randomKey();
    let current = (await stores[0]!.compareAndSet(key, 0, { value: "v", tag: "t" }, 10_000))!;
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          stores[i % 3]!.compareAndSet(
            key,
            current.generation,
            { value: `r${round}-${i}`, tag: "t" },
            10_000,
          ),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.generation).toBeGreaterThan(current.generation);
      current = winners[0]!;
    }
  });

  it("grants a lease to exactly one of 48 contenders and fences the next holder higher", async () => {
    const stores = fleet();
    const key = randomKey("lease");
    const leases = await Promise.all(
      Array.from({ length: 48 }, (_, i) => stores[i % 3]!.acquireLease(key, `holder-${i}`, 10_000)),
    );
    const held = leases.filter((l) => l !== null);
    expect(held).toHaveLength(1);
    expect(await stores[2]!.releaseLease(held[0]!)).toBe(true);
    const next = await stores[1]!.acquireLease(key, "next", 10_000);
    expect(next!.fence).toBeGreaterThan(held[0]!.fence);
  });

  it("counts 60 concurrent events as 1..60, each count once", async () => {
    const stores = fleet();
    const key = randomKey("mints");
    const counts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => stores[i % 3]!.recordEvent(key, 60_000)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await stores[0]!.countEvents(key, 60_000)).toBe(60);
  });

  it("lets exactly one of many concurrent deletes of the same token succeed", async () => {
    const stores = fleet();
    const key = randomKey();
    await stores[0]!.compareAndSet(key, 0, { value: "v", tag: "fp" }, 10_000);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => stores[i % 3]!.compareAndDelete(key, "fp")),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
