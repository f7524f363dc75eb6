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

    // Webhook de-duplication relies on this: compareAndSet(key, 0, ...) is set-if-absent, and the
    // first delivery of an event is the only one that gets to handle it.
    it(`works as set-if-absent: one of ${concurrency} writers expecting generation 0 wins, until the record is gone`, async () => {
      const { store, key, peer } = await suite.setup();
      const k = key("delivery");
      const writers = [store, await peer(), await peer(), await peer()];
      const results = await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          writers[i % writers.length]!.compareAndSet(k, 0, { value: `d${i}`, tag: `t${i}` }, 10_000),
        ),
      );
      const winners = results.flatMap((r, i) => (r === null ? [] : [{ record: r, i }]));
      expect(winners).toHaveLength(1);
      const [{ record, i }] = winners as [{ record: NonNullable<(typeof results)[number]>; i: number }];
      expect(record).toMatchObject({ value: `d${i}`, tag: `t${i}` });
      // Late writers still find it present, and leave it as the winner wrote it.
      expect(await writers[1]!.compareAndSet(k, 0, { value: "late", tag: "late" }, 10_000)).toBeNull();
      expect(await store.get(k)).toEqual(record);
      // Once deleted (or expired), the key is absent again and the next set-if-absent wins.
      expect(await store.compareAndDelete(k, record.tag)).toBe(true);
      const again = await writers[2]!.compareAndSet(k, 0, { value: "again", tag: "again" }, 10_000);
      expect(again?.value).toBe("again");
      expect(again!.generation).toBeGreaterThan(record.generation);
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
