/**
 * Test helpers: the real Postgres at DATABASE_URL, a random schema per test file (dropped after),
 * random keys per test so parallel runs against one server never collide.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from "../src/index.js";

export const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A random hash-tagged key prefix, like the provider's. */
export function randomKey(name = "token"): string {
  return `{zk:${randomBytes(6).toString("hex")}}:${name}`;
}

/** Runs one statement on a fresh connection (the test's "operator"). */
export async function admin<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

type ExtraOptions = Omit<PostgresStoreOptions, "connectionString" | "pool" | "schema"> & {
  schema?: string;
  maxConnections?: number;
};

/**
 * A schema for this test file, dropped after it; `store()` makes stores in it that are closed after.
 */
export function useTestSchema(prefix = "zk_test") {
  const schema = `${prefix}_${randomBytes(5).toString("hex")}`;
  const stores: PostgresStore[] = [];
  const pools: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.allSettled(stores.map((s) => s.close()));
    await Promise.allSettled(pools.map((p) => p.end()));
    await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  return {
    schema,
    table: `"${schema}"."zoomkit_tokens"`,
    store(options: ExtraOptions = {}): PostgresStore {
      const store = createPostgresStore({
        connectionString: DATABASE_URL,
        schema,
        ...options,
      } as PostgresStoreOptions);
      stores.push(store);
      return store;
    },
    pool(max = 4): pg.Pool {
      const pool = new pg.Pool({ connectionString: DATABASE_URL, max });
      pools.push(pool);
      return pool;
    },
  };
}

/** Waits until `probe` is true, polling; fails after `ms`. For liveness, never for timing claims. */
export async function eventually(
  probe: () => Promise<boolean>,
  ms = 10_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
