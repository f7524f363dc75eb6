/**
 * Prepares a Postgres schema for a fleet: the store's table (its `migrate()`, run once before the
 * fleet starts, as the store's README advises) and the naive client's table; and drops it afterwards.
 */
import { createPostgresStore } from "@zoomkit/store-postgres";
import pg from "pg";
import { naiveTableSql } from "./naive-store.js";

/** Creates `schema` with the store's table and the naive client's table (idempotent). */
export async function prepareFleetSchema(connectionString: string, schema: string): Promise<void> {
  const store = createPostgresStore({ connectionString, schema, maxConnections: 1 });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  await withClient(connectionString, (client) => client.query(naiveTableSql(schema)));
}

/** Drops `schema` and everything in it. */
export async function dropFleetSchema(connectionString: string, schema: string): Promise<void> {
  await withClient(connectionString, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
