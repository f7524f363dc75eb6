/** waitForChange: wakes on a write, a delete or expiry; resolves (never rejects) on timeout and abort. */
import { describe, expect, it } from "vitest";
import { type Suite, settlesWithin } from "../context.js";

export function waitForChangeGroup(suite: Suite): void {
  const { ttlMs, patienceMs } = suite.options;
  // Long enough that waking at the timeout instead of on the change is told apart from a real wake-up.
  const longWait = Math.max(patienceMs, ttlMs * 10);
  describe("waitForChange", () => {
    it("is present exactly when the store says it is", async () => {
      const { store, caps } = await suite.setup();
      expect(typeof store.waitForChange === "function").toBe(caps.waitForChange);
      if (!caps.waitForChange) expect(caps.notifications).toBe(false);
    });

    it("resolves at once when the generation already differs", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      const written = await store.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, 10_000);
      expect(await settlesWithin(store.waitForChange!(key("token"), 0, longWait), longWait / 2)).toBe(
        "settled",
      );
      const stale = written!.generation + 1_000;
      expect(await settlesWithin(store.waitForChange!(key("token"), stale, longWait), longWait / 2)).toBe(
        "settled",
      );
    });

    it("resolves, without rejecting, when nothing changes before the timeout", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      await expect(store.waitForChange!(key("token"), 0, ttlMs / 2)).resolves.toBeUndefined();
    });

    it("wakes a waiter in another instance when a record is written", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      const other = await peer();
      const waiting = other.waitForChange!(key("token"), 0, caps.notifications ? longWait : ttlMs);
      await new Promise((resolve) => setTimeout(resolve, ttlMs / 4));
      await store.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, 10_000);
      expect(await settlesWithin(waiting, caps.notifications ? longWait / 2 : patienceMs)).toBe("settled");
    });

    it("wakes a waiter when the record is deleted", async () => {
      const { store, key, peer, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      const other = await peer();
      const written = await store.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, 10_000);
      const waiting = other.waitForChange!(
        key("token"),
        written!.generation,
        caps.notifications ? longWait : ttlMs,
      );
      await new Promise((resolve) => setTimeout(resolve, ttlMs / 4));
      await store.compareAndDelete(key("token"), "t");
      expect(await settlesWithin(waiting, caps.notifications ? longWait / 2 : patienceMs)).toBe("settled");
    });

    it("wakes a waiter when the record expires", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      const written = await store.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, ttlMs);
      // Stores may notice expiry by polling; within the patience is enough, well before the long timeout.
      const waiting = store.waitForChange!(key("token"), written!.generation, longWait * 2);
      expect(await settlesWithin(waiting, longWait)).toBe("settled");
    });

    it("resolves when its signal aborts", async () => {
      const { store, key, caps } = await suite.setup();
      if (!caps.waitForChange) return expect(store.waitForChange).toBeUndefined();
      const controller = new AbortController();
      const waiting = store.waitForChange!(key("token"), 0, longWait, controller.signal);
      controller.abort();
      expect(await settlesWithin(waiting, longWait / 2)).toBe("settled");
    });
  });
}
