/** Compare-and-set under concurrent writers: exactly one writer wins each generation. */
import { describe, expect, it } from "vitest";
import type { Suite } from "../context.js";

export function compareAndSetGroup(suite: Suite): void {
  const { concurrency } = suite.options;
  describe("compare-and-set under concurrent writers", () => {
    it("refuses a write on a generation that has moved, and writes nothing", async () => {
      const { store, key } = await suite.setup();
      const k = key("token");
      const first = await store.compareAndSet(k, 0, { value: "one", tag: "1" }, 10_000);
      const second = await store.compareAndSet(k, first!.generation, { value: "two", tag: "2" }, 10_000);
      expect(
        await store.compareAndSet(k, first!.generation, { value: "stale", tag: "s" }, 10_000),
      ).toBeNull();
      expect(await store.compareAndSet(k, 0, { value: "from-nothing", tag: "n" }, 10_000)).toBeNull();
      expect(await store.get(k)).toEqual(second);
    });

    it(`lets exactly one of ${concurrency} concurrent writers create a record`, async () => {
      const { store, key, peer } = await suite.setup();
      const k = key("token");
      const writers = await Promise.all(Array.from({ length: 4 }, () => peer()));
      const results = await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          writers[i % writers.length]!.compareAndSet(k, 0, { value: `w${i}`, tag: `t${i}` }, 10_000),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await store.get(k)).toEqual(winners[0]);
    });

    it("lets exactly one writer win each round when all race on the generation they read", async () => {
      const { store, key, peer } = await suite.setup();
      const k = key("token");
      const writers = [store, await peer(), await peer()];
      let generation = 0;
      for (let round = 0; round < 5; round++) {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            writers[i % writers.length]!.compareAndSet(
              k,
              generation,
              { value: `r${round}w${i}`, tag: `${i}` },
              10_000,
            ),
          ),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]!.generation).toBeGreaterThan(generation);
        generation = winners[0]!.generation;
      }
      expect((await store.get(k))?.generation).toBe(generation);
    });

    it("replaces the record's value, tag and time-to-live together", async () => {
      const { store, key } = await suite.setup();
      const k = key("token");
      const first = await store.compareAndSet(k, 0, { value: "one", tag: "1" }, 10_000);
      const next = await store.compareAndSet(k, first!.generation, { value: "two", tag: "2" }, 10_000);
      expect(next).toMatchObject({ value: "two", tag: "2" });
      expect(await store.compareAndDelete(k, "1")).toBe(false);
      expect(await store.compareAndDelete(k, "2")).toBe(true);
    });
  });
}
