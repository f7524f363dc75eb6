/** The shared stores the tests run against, in random namespaces, read raw and dropped afterwards. */
import { createClient } from "@keyv/redis";
import pg from "pg";
import { randomKey } from "./zoom.js";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A fresh Redis namespace or Postgres schema name. */
export const namespace = (kind: string) =>
  `api_test_${kind}_${randomKey()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;

/** Every key under `prefix` and what it holds, read with plain Redis commands (strings, hashes, sets). */
export async function readRedisNamespace(prefix: string): Promise<Record<string, unknown>> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const found: Record<string, unknown> = {};
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    for (const key of keys) {
      const type = await client.type(key);
      if (type === "string") found[key] = await client.get(key);
      else if (type === "hash") found[key] = await client.hGetAll(key);
      else if (type === "zset") found[key] = await client.zRange(key, 0, -1);
      else if (type === "set") found[key] = await client.sMembers(key);
      else if (type === "list") found[key] = await client.lRange(key, 0, -1);
      else found[key] = `(${type})`;
    }
  }
  await client.close();
  return found;
}

/** Every row of the store's table in `schema`, values decoded as UTF-8. */
export async function readPostgresSchema(schema: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT key, kind, value, tag FROM "${schema}".zoomkit_tokens`);
    return rows.map((row: { value: Buffer | null }) => ({
      ...row,
      value: row.value?.toString("utf8") ?? null,
    }));
  } finally {
    await client.end();
  }
}

export async function dropRedisNamespace(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    if (keys.length > 0) await client.del(keys);
  }
  await client.close();
}

export async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/** Redis and Postgres, each with how to read and drop a namespace. */
export const SHARED_STORES = [
  { name: "Redis", kind: "redis", url: REDIS_URL, read: readRedisNamespace, drop: dropRedisNamespace },
  {
    name: "Postgres",
    kind: "postgres",
    url: DATABASE_URL,
    read: readPostgresSchema,
    drop: dropPostgresSchema,
  },
] as const;
