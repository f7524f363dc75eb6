import { describe, expect, it } from "vitest";
import { admin, randomKey, useTestSchema } from "./helpers.js";

const db = useTestSchema();

/** Writes a row by hand, the way a bad migration or a person with psql might. */
const plant = (key: string, kind: string, columns: string) =>
  admin(
    `INSERT INTO ${db.table} (key, kind, value, tag, generation, expires_at, events) VALUES ($1, $2, ${columns})`,
    [key, kind],
  );

describe("rows the store never writes", () => {
  it("reads a record with no tag as absent and replaces it on generation 0", async () => {
    const store = db.store();
    await store.migrate();
    const key = randomKey();
    await plant(key, "record", "'v'::bytea, NULL, 42, now() + interval '1 hour', NULL");
    expect(await store.get(key)).toBeNull();
    const written = await store.compareAndSet(key, 0, { value: "fresh", tag: "t" }, 10_000);
    expect(written!.generation).toBeGreaterThan(42);
    expect(await store.get(key)).toEqual(written);
  });

  it("reads a generation past 2^53 as absent and restarts it in range", async () => {
    const store = db.store();
    await store.migrate();
    const key = randomKey();
    await plant(key, "record", "'v'::bytea, 't', 9223372036854775000, now() + interval '1 hour', NULL");
    expect(await store.get(key)).toBeNull();
    expect(await store.compareAndDelete(key, "t")).toBe(false);
    const written = await store.compareAndSet(key, 0, { value: "fresh", tag: "t" }, 10_000);
    expect(Number.isSafeInteger(written!.generation)).toBe(true);
    expect(await store.get(key)).toEqual(written);
  });

  it("lets a lease with a negative fence be taken, with a positive fence", async () => {
    const store = db.store();
    await store.migrate();
    const key = randomKey("lease");
    await plant(key, "lease", "'x'::bytea, NULL, -5, now() + interval '1 hour', NULL");
    const lease = await store.acquireLease(key, "h", 10_000);
    expect(lease!.fence).toBeGreaterThan(0);
    expect(await store.releaseLease(lease!)).toBe(true);
  });

  it("counts an events row with no events as zero and records into it", async () => {
    const store = db.store();
    await store.migrate();
    const key = randomKey("mints");
    await plant(key, "events", "NULL, NULL, 1, now() + interval '1 hour', NULL");
    expect(await store.countEvents(key, 60_000)).toBe(0);
    expect(await store.recordEvent(key, 60_000)).toBe(1);
  });

  it("reports a value column changed to another type as a corrupt row, not a crash", async () => {
    const store = db.store({ table: "altered" });
    await store.migrate();
    const key = randomKey();
    await store.compareAndSet(key, 0, { value: "v", tag: "t" }, 10_000);
    await admin(
      `ALTER TABLE "${db.schema}"."altered" ALTER COLUMN value TYPE text USING convert_from(value, 'UTF8')`,
    );
    await expect(store.get(key)).rejects.toMatchObject({ code: "store_corrupt_row", operation: "get" });
  });
});
