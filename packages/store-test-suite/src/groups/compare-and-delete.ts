/** Compare-and-delete: a token is invalidated only while it is still the current one. */
import { describe, expect, it } from "vitest";
import type { Suite } from "../context.js";

export function compareAndDeleteGroup(suite: Suite): void {
  describe("compare-and-delete", () => {
    it("deletes the record when the tag matches", async () => {
      const { store, key } = await suite.setup();
      await store.compareAndSet(key("token"), 0, { value: "v", tag: "fp-1" }, 10_000);
      expect(await store.compareAndDelete(key("token"), "fp-1")).toBe(true);
      expect(await store.get(key("token"))).toBeNull();
    });

    it("leaves a newer record alone when the tag differs", async () => {
      const { store, key } = await suite.setup();
      const old = await store.compareAndSet(key("token"), 0, { value: "old", tag: "fp-old" }, 10_000);
      const current = await store.compareAndSet(
        key("token"),
        old!.generation,
        { value: "new", tag: "fp-new" },
        10_000,
      );
      expect(await store.compareAndDelete(key("token"), "fp-old")).toBe(false);
      expect(await store.get(key("token"))).toEqual(current);
    });

    it("answers false for a key with no record", async () => {
      const { store, key } = await suite.setup();
      expect(await store.compareAndDelete(key("nothing"), "fp")).toBe(false);
    });

    it("lets exactly one of many concurrent deletes of the same token succeed", async () => {
      const { store, key, peer } = await suite.setup();
      await store.compareAndSet(key("token"), 0, { value: "v", tag: "fp" }, 10_000);
      const deleters = [store, await peer(), await peer()];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          deleters[i % deleters.length]!.compareAndDelete(key("token"), "fp"),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("allows a new record after a delete, with a higher generation", async () => {
      const { store, key } = await suite.setup();
      const first = await store.compareAndSet(key("token"), 0, { value: "v", tag: "fp" }, 10_000);
      await store.compareAndDelete(key("token"), "fp");
      const next = await store.compareAndSet(key("token"), 0, { value: "w", tag: "fp2" }, 10_000);
      expect(next!.generation).toBeGreaterThan(first!.generation);
    });
  });
}
