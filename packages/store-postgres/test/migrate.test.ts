import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresStore, migrationSql, type PostgresStore } from "../src/index.js";
import { admin, DATABASE_URL, randomKey } from "./helpers.js";

const schemas: string[] = [];
const stores: PostgresStore[] = [];
const freshSchema = (suffix = "") => {
  const schema = `zk_mig_${randomBytes(5).toString("hex")}${suffix}`;
  schemas.push(schema);
  return schema;
};
const store = (options: Partial<Parameters<typeof createPostgresStore>[0]> & { schema: string }) => {
  const s = createPostgresStore({
    connectionString: DATABASE_URL,
    maxConnections: 1,
    ...options,
  } as Parameters<typeof createPostgresStore>[0]);
  stores.push(s);
  return s;
};
afterAll(async () => {
  await Promise.allSettled(stores.map((s) => s.close()));
  for (const schema of schemas)
    await admin(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
});

const tableCount = async (schema: string, table = "zoomkit_tokens") =>
  Number(
    (
      await admin<{ n: string }>(
        "SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1 AND tablename = $2",
        [schema, table],
      )
    )[0]!.n,
  );

describe("migration", () => {
  it("creates the schema and table once when 16 stores start at the same moment", async () => {
    const schema = freshSchema();
    const fleet = Array.from({ length: 16 }, () => store({ schema }));
    const key = randomKey();
    const results = await Promise.all(
      fleet.map((s, i) => s.compareAndSet(key, 0, { value: `v${i}`, tag: `t${i}` }, 10_000)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await tableCount(schema)).toBe(1);
  });

  it("survives 16 explicit migrate() calls racing, and again later", async () => {
    const schema = freshSchema();
    const fleet = Array.from({ length: 16 }, () => store({ schema, autoMigrate: false }));
    await Promise.all(fleet.map((s) => s.migrate()));
    await fleet[0]!.migrate();
    expect(await tableCount(schema)).toBe(1);
    expect(await fleet[3]!.compareAndSet(randomKey(), 0, { value: "v", tag: "t" }, 10_000)).not.toBeNull();
  });

  it("quotes schema and table names safely", async () => {
    const schema = freshSchema(` we"ird; DROP TABLE x; --`);
    const table = `Tokens "of" the fleet`;
    const s = store({ schema, table });
    const key = randomKey();
    const written = await s.compareAndSet(key, 0, { value: "v", tag: "t" }, 10_000);
    expect(await s.get(key)).toEqual(written);
    expect(await tableCount(schema, table)).toBe(1);
  });

  it("works on a table created from migrationSql() with autoMigrate off", async () => {
    const schema = freshSchema();
    await admin(migrationSql({ schema }));
    const s = store({ schema, autoMigrate: false });
    const key = randomKey();
    expect(await s.compareAndSet(key, 0, { value: "v", tag: "t" }, 10_000)).not.toBeNull();
  });

  it("says the table is missing when autoMigrate is off and nobody migrated", async () => {
    const s = store({ schema: freshSchema(), autoMigrate: false });
    await expect(s.get(randomKey())).rejects.toMatchObject({
      name: "PostgresStoreError",
      code: "store_misconfigured",
      operation: "get",
      message: expect.stringContaining("migrate()"),
    });
  });

  it("creates the table again when it is dropped while the store runs", async () => {
    const schema = freshSchema();
    const s = store({ schema });
    await s.compareAndSet(randomKey(), 0, { value: "v", tag: "t" }, 10_000);
    await admin(`DROP TABLE "${schema}"."zoomkit_tokens"`);
    await expect(s.get(randomKey())).rejects.toMatchObject({ code: "store_misconfigured" });
    const key = randomKey();
    expect(await s.compareAndSet(key, 0, { value: "v", tag: "t" }, 10_000)).not.toBeNull();
  });

  it("prints the same SQL in the README as migrationSql() does for the defaults", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(migrationSql().trim());
  });
});
