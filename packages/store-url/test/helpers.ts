/**
 * The real Redis and Postgres the stores run against, a random namespace or schema per test (Postgres
 * schemas are dropped after the file), and every store closed after its test.
 */
import { randomBytes } from "node:crypto";
import type { TokenStore } from "@zoomkit/core";
import pg from "pg";
import { afterAll, afterEach } from "vitest";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const schemas: string[] = [];
const stores: TokenStore[] = [];

afterEach(async () => {
  await Promise.allSettled(stores.splice(0).map((store) => store.close()));
});

afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** A Redis namespace or Postgres schema no other run uses. */
export function randomNamespace(kind: "redis" | "postgres"): string {
  const name = `zk_url_${randomBytes(5).toString("hex")}`;
  if (kind === "postgres") schemas.push(name);
  return name;
}

/** Closes `store` after the test. */
export function closeAfterTest<Store extends TokenStore>(store: Store): Store {
  stores.push(store);
  return store;
}

/** A hash-tagged key, as the provider builds them. */
export function randomKey(): string {
  return `{zk:${randomBytes(6).toString("hex")}}:token`;
}
