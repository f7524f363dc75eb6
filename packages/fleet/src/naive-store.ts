/**
 * The storage half of the naive client: exactly the three operations the incident's code used (GET,
 * SET, then EXPIRE as a separate command), on Redis, Postgres or a Map. No lock, no compare-and-set.
 */
import type { StoreConfig } from "./protocol.js";

/** GET, SET and EXPIRE of one key: all the naive client knows about storage. */
export interface NaiveStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  expire(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Name of the naive client's table in the fleet's schema. */
export const NAIVE_TABLE = "naive_tokens";

/** The naive client's table; the parent creates it once before a Postgres fleet starts. */
export function naiveTableSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS "${schema}"."${NAIVE_TABLE}" (key text PRIMARY KEY, token text NOT NULL, expires_at timestamptz)`;
}

/** Opens the naive store; only the driver it needs is loaded. */
export async function openNaiveStore(config: StoreConfig, key: string): Promise<NaiveStore> {
  switch (config.kind) {
    case "redis":
      return naiveRedis(config.url, `${config.namespace}:${key}`);
    case "postgres":
      return naivePostgres(config.connectionString, config.schema, key, config.maxConnections ?? 1);
    case "memory":
      return naiveMemory();
  }
}

async function naiveRedis(url: string, key: string): Promise<NaiveStore> {
  const { createClient } = await import("@keyv/redis");
  const client = createClient({ url });
  client.on("error", () => {});
  const ready = client.connect();
  return {
    get: async () => {
      await ready;
      return client.get(key);
    },
    set: async (token) => {
      await ready;
      await client.set(key, token);
    },
    expire: async (seconds) => {
      await ready;
      await client.expire(key, seconds);
    },
    close: async () => {
      await ready.catch(() => undefined);
      client.destroy();
    },
  };
}

async function naivePostgres(
  connectionString: string,
  schema: string,
  key: string,
  max: number,
): Promise<NaiveStore> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString, max, allowExitOnIdle: true });
  pool.on("error", () => {});
  const table = `"${schema}"."${NAIVE_TABLE}"`;
  return {
    async get() {
      const { rows } = await pool.query<{ token: string }>(
        `SELECT token FROM ${table} WHERE key = $1 AND (expires_at IS NULL OR expires_at > now())`,
        [key],
      );
      return rows[0]?.token ?? null;
    },
    async set(token) {
      await pool.query(
        `INSERT INTO ${table} (key, token, expires_at) VALUES ($1, $2, NULL)
         ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = NULL`,
        [key, token],
      );
    },
    async expire(seconds) {
      await pool.query(`UPDATE ${table} SET expires_at = now() + make_interval(secs => $2) WHERE key = $1`, [
        key,
        seconds,
      ]);
    },
    close: () => pool.end(),
  };
}

function naiveMemory(): NaiveStore {
  let entry: { token: string; expiresAt: number } | undefined;
  return {
    get: async () => (entry && Date.now() < entry.expiresAt ? entry.token : null),
    set: async (token) => {
      entry = { token, expiresAt: Number.POSITIVE_INFINITY };
    },
    expire: async (seconds) => {
      if (entry) entry.expiresAt = Date.now() + seconds * 1000;
    },
    close: async () => {},
  };
}
