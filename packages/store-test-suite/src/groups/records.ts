/** Records and expiry: get, compare-and-set from nothing, opaque values, TTL, generations that never go back. */
import { describe, expect, it } from "vitest";
import { pollUntil, type Suite } from "../context.js";

const OPAQUE_VALUES = [
  "",
  "plain",
  '{"v":1,"t":"json-looking"}',
  "enc:1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  "braces {tag} and: colons\nand newlines\t\u0000nul",
  "ünïcødé ✓ 🔑",
  "x".repeat(8_192),
];

export function recordsGroup(suite: Suite): void {
  const { ttlMs, patienceMs } = suite.options;
  describe("records and expiry", () => {
    it("returns null for a key that was never written", async () => {
      const { store, key } = await suite.setup();
      expect(await store.get(key("token"))).toBeNull();
    });

    it("creates a record with compare-and-set on generation 0 and reads it back", async () => {
      const { store, key } = await suite.setup();
      const written = await store.compareAndSet(key("token"), 0, { value: "v1", tag: "t1" }, 10_000);
      expect(written).toMatchObject({ value: "v1", tag: "t1" });
      expect(written!.generation).toBeGreaterThan(0);
      expect(Number.isInteger(written!.generation)).toBe(true);
      expect(await store.get(key("token"))).toEqual(written);
    });

    it("stores values as opaque strings, byte for byte", async () => {
      const { store, key } = await suite.setup();
      for (const [i, value] of OPAQUE_VALUES.entries()) {
        const k = key(`opaque-${i}`);
        await store.compareAndSet(k, 0, { value, tag: `tag-${i}` }, 10_000);
        const read = await store.get(k);
        expect(read?.value).toBe(value);
        expect(read?.tag).toBe(`tag-${i}`);
      }
    });

    it("keeps keys independent", async () => {
      const { store, key } = await suite.setup();
      await store.compareAndSet(key("a"), 0, { value: "a", tag: "a" }, 10_000);
      expect(await store.get(key("b"))).toBeNull();
      const b = await store.compareAndSet(key("b"), 0, { value: "b", tag: "b" }, 10_000);
      expect(b?.value).toBe("b");
      expect((await store.get(key("a")))?.value).toBe("a");
    });

    it("forgets a record after its time-to-live", async () => {
      const { store, key } = await suite.setup();
      await store.compareAndSet(key("token"), 0, { value: "short", tag: "t" }, ttlMs);
      expect((await store.get(key("token")))?.value).toBe("short");
      await pollUntil("the record expired", async () => (await store.get(key("token"))) === null, patienceMs);
    });

    it("treats an expired record as absent for compare-and-set (generation 0)", async () => {
      const { store, key } = await suite.setup();
      const first = await store.compareAndSet(key("token"), 0, { value: "old", tag: "t1" }, ttlMs);
      await pollUntil("the record expired", async () => (await store.get(key("token"))) === null, patienceMs);
      expect(
        await store.compareAndSet(key("token"), first!.generation, { value: "x", tag: "x" }, 10_000),
      ).toBeNull();
      const second = await store.compareAndSet(key("token"), 0, { value: "new", tag: "t2" }, 10_000);
      expect(second?.value).toBe("new");
    });

    it("never reuses a generation, across updates, deletes and expiry", async () => {
      const { store, key } = await suite.setup();
      const k = key("token");
      const seen: number[] = [];
      const a = await store.compareAndSet(k, 0, { value: "a", tag: "a" }, 10_000);
      seen.push(a!.generation);
      const b = await store.compareAndSet(k, a!.generation, { value: "b", tag: "b" }, 10_000);
      seen.push(b!.generation);
      expect(await store.compareAndDelete(k, "b")).toBe(true);
      const c = await store.compareAndSet(k, 0, { value: "c", tag: "c" }, ttlMs);
      seen.push(c!.generation);
      await pollUntil("the record expired", async () => (await store.get(k)) === null, patienceMs);
      const d = await store.compareAndSet(k, 0, { value: "d", tag: "d" }, 10_000);
      seen.push(d!.generation);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
    });

    it("sees one instance's writes from another when the store is shared", async () => {
      const { store, key, peer, caps } = await suite.setup();
      const other = await peer();
      const written = await store.compareAndSet(key("token"), 0, { value: "v", tag: "t" }, 10_000);
      // An unshared store hands back the same instance as its peer, so this holds for both kinds.
      expect(await other.get(key("token"))).toEqual(written);
      expect(other === store).toBe(!caps.shared);
    });
  });
}
