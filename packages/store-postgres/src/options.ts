/** Options of `createPostgresStore`, their defaults and validation. */
import type { Pool } from "pg";
import { PostgresStoreError } from "./errors.js";
import { DEFAULT_SCHEMA, DEFAULT_TABLE, quoteIdent } from "./sql.js";

/** Options shared by both ways of connecting. */
export interface PostgresStoreCommonOptions {
  /** Schema of the store's table; created on first use when missing. @default "public" */
  schema?: string;
  /** Name of the store's table. @default "zoomkit_tokens" */
  table?: string;
  /**
   * Upper bound of every call in milliseconds: pool wait, connect and statement together. Also sent
   * as `statement_timeout` and `query_timeout` on connections the store opens itself.
   * @default 2_000
   */
  timeoutMs?: number;
  /**
   * Create the schema, table and index on first use (idempotent, safe when many processes start at
   * once). Turn off when migrations are run separately (`migrationSql()`); the store then expects
   * the table to exist. @default true
   */
  autoMigrate?: boolean;
  /**
   * Wake `waitForChange` callers through LISTEN/NOTIFY on one dedicated connection. When off (or
   * while that connection is down) waiters poll with backoff. @default true
   */
  notifications?: boolean;
  /**
   * Connection string for the LISTEN connection only: point it at Postgres directly when the store
   * itself goes through PgBouncer in transaction mode (LISTEN needs a session). @default the
   * `connectionString`; with an injected `pool`, one client checked out of that pool
   */
  listenConnectionString?: string;
  /**
   * At most how often a write also deletes rows expired for over an hour (a small batch each time).
   * 0 turns it off (call `cleanup()` yourself). @default 60_000
   */
  cleanupIntervalMs?: number;
}

/** Connect with a connection string: the store owns a small pool and ends it on `close()`. */
export interface PostgresConnectionStringOptions extends PostgresStoreCommonOptions {
  /** `postgres://user:password@host:port/database?sslmode=...`. Never shown in errors. */
  connectionString: string;
  /** Size of the store's own pool. @default 4 */
  maxConnections?: number;
  pool?: never;
}

/** Use an existing `pg` pool: the store never ends it (`close()` leaves it open). */
export interface PostgresPoolOptions extends PostgresStoreCommonOptions {
  /** A `pg` `Pool` owned by the caller. */
  pool: Pool;
  connectionString?: never;
  maxConnections?: never;
}

/** Options of `createPostgresStore`: `{ connectionString }` or `{ pool }`, plus the common options. */
export type PostgresStoreOptions = PostgresConnectionStringOptions | PostgresPoolOptions;

/** Options with defaults applied and checked. */
export interface ResolvedOptions {
  readonly schema: string;
  readonly table: string;
  readonly timeoutMs: number;
  readonly autoMigrate: boolean;
  readonly notifications: boolean;
  readonly listenConnectionString: string | undefined;
  readonly cleanupIntervalMs: number;
  readonly connectionString: string | undefined;
  readonly pool: Pool | undefined;
  readonly maxConnections: number;
}

/**
 * Applies defaults; throws `PostgresStoreError` (`store_misconfigured`) on options that cannot work,
 * never echoing a connection string.
 */
export function resolveOptions(options: PostgresStoreOptions): ResolvedOptions {
  try {
    return resolve(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PostgresStoreError(
      "store_misconfigured",
      "createPostgresStore",
      `postgres store: invalid options: ${message}`,
      { cause: error },
    );
  }
}

function resolve(options: PostgresStoreOptions): ResolvedOptions {
  if (options === null || typeof options !== "object") throw new TypeError("options are required");
  const hasPool = options.pool !== undefined;
  const hasString = typeof options.connectionString === "string" && options.connectionString.length > 0;
  if (hasPool === hasString) throw new TypeError("give exactly one of `connectionString` or `pool`");
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = options.table ?? DEFAULT_TABLE;
  quoteIdent(schema, "schema");
  quoteIdent(table, "table");
  return {
    schema,
    table,
    timeoutMs: positive(options.timeoutMs, 2_000, "timeoutMs"),
    autoMigrate: options.autoMigrate ?? true,
    notifications: options.notifications ?? true,
    listenConnectionString: options.listenConnectionString,
    cleanupIntervalMs: nonNegative(options.cleanupIntervalMs, 60_000, "cleanupIntervalMs"),
    connectionString: hasString ? options.connectionString : undefined,
    pool: options.pool,
    maxConnections: positive(options.maxConnections, 4, "maxConnections"),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be zero or more`);
  return value;
}
