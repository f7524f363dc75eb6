/** Event counting in a rolling window (mint accounting): counts, and events leaving the window. */
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite, sleep } from "../context.js";

export function eventsGroup(suite: Suite): void {
  const { ttlMs, patienceMs, concurrency } = suite.options;
  const windowMs = ttlMs * 3;
  describe("event counting across the window boundary", () => {
    it("counts zero for a key with no events", async () => {
      const { store, key } = await suite.setup();
      expect(await store.countEvents(key("mints"), 60_000)).toBe(0);
    });

    it("returns the running count from recordEvent, this event included", async () => {
      const { store, key } = await suite.setup();
      expect(await store.recordEvent(key("mints"), 60_000)).toBe(1);
      expect(await store.recordEvent(key("mints"), 60_000)).toBe(2);
      expect(await store.recordEvent(key("mints"), 60_000)).toBe(3);
      expect(await store.countEvents(key("mints"), 60_000)).toBe(3);
    });

    it(`counts ${concurrency} concurrent events exactly`, async () => {
      const { store, key, peer } = await suite.setup();
      const stores = [store, await peer(), await peer()];
      const returned = await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          stores[i % stores.length]!.recordEvent(key("mints"), 60_000),
        ),
      );
      expect(await store.countEvents(key("mints"), 60_000)).toBe(concurrency);
      expect(Math.max(...returned)).toBe(concurrency);
      for (const n of returned) expect(n).toBeGreaterThanOrEqual(1);
    });

    it("drops events once they are older than the window", async () => {
      const { store, key } = await suite.setup();
      await store.recordEvent(key("mints"), windowMs);
      await store.recordEvent(key("mints"), windowMs);
      expect(await store.countEvents(key("mints"), windowMs)).toBe(2);
      await pollUntil(
        "the events left the window",
        async () => (await store.countEvents(key("mints"), windowMs)) === 0,
        patienceMs,
      );
    });

    it("keeps a later event while earlier ones leave the window (rolling, not fixed)", async () => {
      const { store, key } = await suite.setup();
      await store.recordEvent(key("mints"), windowMs);
      await store.recordEvent(key("mints"), windowMs);
      await sleep(windowMs / 2);
      const late = await store.recordEvent(key("mints"), windowMs);
      // If the window had moved on already (a slow server), the late event still counts itself.
      expect(late).toBeGreaterThanOrEqual(1);
      await pollUntil(
        "only the late event is left",
        async () => (await store.countEvents(key("mints"), windowMs)) === 1,
        patienceMs,
      );
      // The late event itself leaves later.
      await pollUntil(
        "the late event left",
        async () => (await store.countEvents(key("mints"), windowMs)) === 0,
        patienceMs,
      );
    });

    it("answers for the window asked, on one series", async () => {
      const { store, key } = await suite.setup();
      await store.recordEvent(key("mints"), 60_000);
      await sleep(ttlMs * 1.5);
      await store.recordEvent(key("mints"), 60_000);
      expect(await store.countEvents(key("mints"), 60_000)).toBe(2);
      expect(await store.countEvents(key("mints"), ttlMs)).toBe(1);
    });
  });
}
