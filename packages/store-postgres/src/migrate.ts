/**
 * Creates the store's schema, table and index, idempotently, when many processes start at once.
 *
 * `CREATE ... IF NOT EXISTS` alone still races on the system catalogs (two sessions both see "not
 * there", one fails with a duplicate key), so the DDL runs in one transaction that first takes a
 * transaction-scoped advisory lock on the table's name: later migrators wait, then find everything in
 * place. The lock ends with the transaction (no session state, fine behind PgBouncer in transaction
 * mode). A duplicate error from a migrator that does not take the lock (a team's own script, an older
 * version) is still treated as "someone else created it" once the table is seen to exist.
 */
import type { Pool, PoolClient } from "pg";
import { PostgresStoreError, type Redactor, toStoreError } from "./errors.js";
import { timed, withDeadline } from "./query.js";
import { type MigrationStatements, quoteIdent, type Statements } from "./sql.js";

/** SQLSTATEs of a concurrent creator winning the race. */
const DUPLICATE = new Set(["23505", "42P07", "42P06", "42710"]);

export interface MigratorConfig {
  readonly pool: Pool;
  readonly schema: string;
  readonly statements: Statements;
  readonly ddl: MigrationStatements;
  readonly timeoutMs: number;
  readonly label: string;
  readonly redact: Redactor;
  readonly autoMigrate: boolean;
}

export interface Migrator {
  /** Runs the migration now (idempotent). */
  migrate(): Promise<void>;
  /** Resolves once the table is known to exist (migrating on the first call when `autoMigrate`). */
  ensure(): Promise<void>;
  /** The table went missing (dropped at runtime): check again on the next `ensure()`. */
  forget(): void;
}

export function createMigrator(config: MigratorConfig): Migrator {
  let ready: Promise<void> | undefined;
  let done = !config.autoMigrate;

  const fail = (error: unknown) => toStoreError(error, "migrate", config.label, config.redact);

  const tableExists = async (client: PoolClient): Promise<boolean> => {
    const result = await client.query<{ exists: boolean }>(
      timed(config.statements.tableExists, [config.statements.qualified], config.timeoutMs),
    );
    return result.rows[0]?.exists === true;
  };

  const runDdl = async (client: PoolClient): Promise<void> => {
    const q = (text: string, values: unknown[] = []) =>
      client.query<{ exists?: boolean }>(timed(text, values, config.timeoutMs));
    await q("BEGIN");
    await q("SELECT pg_advisory_xact_lock(hashtext($1))", [
      `zoomkit-store-postgres:${config.statements.qualified}`,
    ]);
    // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists; skip it then.
    const ns = await q("SELECT to_regnamespace($1) IS NOT NULL AS exists", [
      quoteIdent(config.schema, "schema"),
    ]);
    if (ns.rows[0]?.exists !== true) await q(config.ddl.createSchema);
    await q(config.ddl.createTable);
    await q(config.ddl.createIndex);
    await q("COMMIT");
  };

  const withClient = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    let timedOut = false;
    const connecting = config.pool.connect();
    // A client that arrives after the deadline goes straight back to the pool.
    connecting.then((c) => timedOut && c.release()).catch(() => {});
    const client = await withDeadline(connecting, config.timeoutMs, () => {
      timedOut = true;
      return new PostgresStoreError(
        "store_timeout",
        "migrate",
        `${config.label}: migrate timed out waiting for a connection`,
      );
    });
    let healthy = false;
    try {
      const result = await work(client);
      healthy = true;
      return result;
    } finally {
      // A failed transaction leaves the session in an unknown state: drop the connection, never reuse it.
      client.release(healthy ? undefined : true);
    }
  };

  const migrate = async (): Promise<void> => {
    try {
      await withClient(async (client) => {
        try {
          await runDdl(client);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (typeof code === "string" && DUPLICATE.has(code)) {
            await client.query("ROLLBACK").catch(() => {});
            if (await tableExists(client)) return;
          }
          throw error;
        }
      });
      done = true;
    } catch (error) {
      throw fail(error);
    }
  };

  const ensureOnce = async (): Promise<void> => {
    try {
      const exists = await withClient(tableExists);
      if (exists) {
        done = true;
        return;
      }
    } catch (error) {
      throw fail(error);
    }
    await migrate();
  };

  return {
    migrate,
    ensure() {
      if (done) return Promise.resolve();
      ready ??= ensureOnce().catch((error: unknown) => {
        ready = undefined; // let the next call try again (the server may be back)
        throw error;
      });
      return ready;
    },
    forget() {
      if (!config.autoMigrate) return;
      done = false;
      ready = undefined;
    },
  };
}
