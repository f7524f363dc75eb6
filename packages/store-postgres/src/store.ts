/**
 * `createPostgresStore`: a `TokenStore` on one Postgres table. Each operation is one statement (see
 * `sql.ts`), so atomicity comes from Postgres row locks and needs no session state or advisory
 * session locks; the store works through PgBouncer in transaction mode.
 */
import { createConnectionRedactor, type StoreRecord, type TokenStore } from "@zoomkit/core";
import { Client, Pool } from "pg";
import { counterOperations } from "./counters.js";
import { asOperationError, PostgresStoreError } from "./errors.js";
import { leaseOperations } from "./leases.js";
import { createListenConnector } from "./listen.js";
import { createMigrator } from "./migrate.js";
import { createNotifier } from "./notifier.js";
import type { OperationContext } from "./operation-context.js";
import { type PostgresStoreOptions, resolveOptions } from "./options.js";
import { createRunner, withDeadline } from "./query.js";
import { parseGeneration, parseRecord, type RecordRow } from "./rows.js";
import { buildStatements, migrationStatements } from "./sql.js";
import { createValidator } from "./validate.js";
import { createWaiters } from "./waiters.js";

/** A `TokenStore` on Postgres, plus its migration and housekeeping. */
export interface PostgresStore extends TokenStore {
  /** Creates the schema, table and index now (idempotent; also done on first use unless `autoMigrate: false`). */
  migrate(): Promise<void>;
  /** Deletes a batch of rows expired for over an hour; resolves how many. Writes also do this now and then. */
  cleanup(): Promise<number>;
}

/**
 * Creates a token store on PostgreSQL: one table, created on first use; compare-and-set, fenced
 * leases and windowed counters each in one statement; LISTEN/NOTIFY wake-ups with polling as the
 * fallback. Pass `{ connectionString }` (the store owns a small pool) or `{ pool }` (yours; never ended).
 *
 * @example
 * ```ts
 * import { createZoomClient } from "@zoomkit/core";
 * import { createPostgresStore } from "@zoomkit/store-postgres";
 *
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * const zoom = createZoomClient({ accountId, clientId, clientSecret, store });
 * // on shutdown
 * await store.close();
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const opts = resolveOptions(options);
  const label = `postgres store "${opts.schema}.${opts.table}"`;
  const redact = createConnectionRedactor([opts.connectionString, opts.listenConnectionString]);
  const ownsPool = opts.pool === undefined;
  const pool =
    opts.pool ??
    new Pool({
      connectionString: opts.connectionString,
      max: opts.maxConnections,
      connectionTimeoutMillis: opts.timeoutMs,
      statement_timeout: opts.timeoutMs,
      query_timeout: opts.timeoutMs,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      keepAlive: true,
      application_name: "zoomkit-store",
    });
  // An idle client whose server went away emits `error` on the pool; pg-pool already discards it, and
  // without a listener Node would crash the process. Only for our own pool: an injected one is yours.
  if (ownsPool) pool.on("error", () => {});

  const sql = buildStatements(opts.schema, opts.table);
  const run = createRunner(pool, opts.timeoutMs, label, redact);
  const migrator = createMigrator({
    pool,
    schema: opts.schema,
    statements: sql,
    ddl: migrationStatements(opts.schema, opts.table),
    timeoutMs: opts.timeoutMs,
    label,
    redact,
    autoMigrate: opts.autoMigrate,
  });

  let closed = false;
  let lastCleanup = Date.now();

  /** Every public call: closed check, first-use migration, one deadline over all of it. */
  const op = <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) {
      return Promise.reject(
        new PostgresStoreError("store_closed", operation, `${label}: ${operation} called after close()`),
      );
    }
    const attempt = async () => {
      await migrator.ensure().catch((error: unknown) => {
        throw asOperationError(error, operation, label);
      });
      try {
        return await work();
      } catch (error) {
        if (error instanceof PostgresStoreError && error.sqlState === "42P01") migrator.forget();
        throw error;
      }
    };
    return withDeadline(
      attempt(),
      opts.timeoutMs,
      () =>
        new PostgresStoreError(
          "store_timeout",
          operation,
          `${label}: ${operation} timed out after ${opts.timeoutMs} ms`,
        ),
    );
  };

  const cleanup = () =>
    op("cleanup", async () => {
      lastCleanup = Date.now();
      const rows = await run<{ key: string }>("cleanup", sql.cleanup, []);
      return rows.length;
    });

  // Housekeeping rides on writes; a failed cleanup only means the next interval tries again.
  const afterWrite = () => {
    if (opts.cleanupIntervalMs > 0 && Date.now() - lastCleanup >= opts.cleanupIntervalMs && !closed) {
      lastCleanup = Date.now();
      cleanup().catch(() => {});
    }
  };

  const probe = async (key: string) => {
    const rows = await op("waitForChange", () => run<RecordRow>("waitForChange", sql.get, [key]));
    const row = rows[0];
    if (!row) return { generation: 0, expiresInMs: null };
    return {
      generation: parseRecord(row, label, "waitForChange").generation,
      expiresInMs: row.expires_in_ms,
    };
  };

  const notifier = opts.notifications
    ? createNotifier({
        channel: sql.channel,
        connect: createListenConnector({
          pool,
          connectionString: opts.listenConnectionString ?? opts.connectionString,
          channel: sql.channel,
          timeoutMs: opts.timeoutMs,
          ClientClass: Client,
        }),
        onChange: (key, generation) => waiters.changed(key, generation),
        onReady: () => waiters.recheckAll(),
      })
    : undefined;
  const waiters = createWaiters(probe, notifier);

  const check = createValidator(label);
  const context: OperationContext = { op, run, sql, check, label, afterWrite };

  const store = {
    name: "postgres",
    capabilities: {
      shared: true,
      crossProcessLease: true,
      notifications: true,
      leaseRenewal: true,
      permits: true,
    },

    async get(key: string): Promise<StoreRecord | null> {
      check.key("get", key);
      return op("get", async () => {
        const rows = await run<RecordRow>("get", sql.get, [key]);
        return rows[0] ? parseRecord(rows[0], label, "get") : null;
      });
    },

    async compareAndSet(key: string, expected: number, next: { value: string; tag: string }, ttlMs: number) {
      const operation = "compareAndSet";
      check.key(operation, key);
      check.wholeNumber(operation, "expectedGeneration", expected);
      const value = check.encode(operation, "next.value", next?.value);
      const tag = check.tag(operation, next?.tag);
      const ttl = check.positiveMs(operation, "ttlMs", ttlMs);
      return op(operation, async (): Promise<StoreRecord | null> => {
        const head = [key, value, tag, ttl, sql.channel];
        const rows =
          expected === 0
            ? await run<{ generation: string }>(operation, sql.insertRecord, head)
            : await run<{ generation: string }>(operation, sql.updateRecord, [...head, String(expected)]);
        afterWrite();
        const row = rows[0];
        if (!row) return null;
        return { value: next.value, tag, generation: parseGeneration(row.generation, label, operation) };
      });
    },

    async compareAndDelete(key: string, tag: string) {
      check.key("compareAndDelete", key);
      check.tag("compareAndDelete", tag);
      return op("compareAndDelete", async () => {
        const rows = await run("compareAndDelete", sql.deleteRecord, [key, tag, sql.channel]);
        return rows.length > 0;
      });
    },

    ...leaseOperations(context),
    ...counterOperations(context),

    async waitForChange(key: string, generation: number, timeoutMs: number, signal?: AbortSignal) {
      check.key("waitForChange", key);
      check.wholeNumber("waitForChange", "generation", generation);
      check.nonNegativeMs("waitForChange", "timeoutMs", timeoutMs);
      if (!closed) await waiters.wait(key, generation, timeoutMs, signal);
    },

    migrate: () => {
      if (closed) return op("migrate", async () => {});
      return migrator.migrate();
    },

    cleanup,

    close: async () => {
      if (closed) return;
      closed = true;
      waiters.close();
      notifier?.close();
      if (ownsPool) await pool.end();
    },
  } satisfies PostgresStore;

  return store;
}
