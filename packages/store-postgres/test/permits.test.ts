/** `takePermits` on Postgres beyond the conformance suite: the row it keeps, and rows it never writes. */
import { describe, expect, it } from "vitest";
import { admin, randomKey, useTestSchema } from "./helpers.js";

const db = useTestSchema();
const rate = { ratePerSecond: 10, burst: 5 };

describe("takePermits on Postgres", () => {
  it("keeps one permits row whose expiry is when the bucket is full again", async () => {
    const store = db.store();
    const key = randomKey("permits");
    expect(await store.takePermits!(key, 3, rate)).toEqual({ granted: 3, retryAfterMs: 0 });
    const rows = await admin<{ full_in_ms: number; tag: string }>(
      `SELECT extract(epoch FROM (expires_at - now())) * 1000 AS full_in_ms, tag FROM ${db.table} WHERE key = $1 AND kind = 'permits'`,
      [key],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tag).toBe("3");
    expect(Number(rows[0]!.full_in_ms)).toBeLessThanOrEqual(301);
  });

  it.each([
    ["a time years ahead", "9000000000000000"],
    ["a negative time", "-5"],
  ])("reads %s as a full bucket", async (_, generation) => {
    const store = db.store();
    await store.migrate();
    const key = randomKey("permits");
    await admin(
      `INSERT INTO ${db.table} (key, kind, value, tag, generation, expires_at) VALUES ($1, 'permits', NULL, 'x', $2, now() + interval '1 hour')`,
      [key, generation],
    );
    expect(await store.takePermits!(key, 5, rate)).toEqual({ granted: 5, retryAfterMs: 0 });
    expect((await store.takePermits!(key, 1, rate)).granted).toBe(0);
  });
});
