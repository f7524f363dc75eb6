/**
 * The store's errors: the store, table and operation named, a Postgres error code when there is one,
 * and never the password (or the whole connection string) in the message or the cause.
 */
import { type Redactor, StoreError, sanitizeCause } from "@zoomkit/core";

export type { Redactor };

/**
 * Why a store operation failed: a part of core's `StoreErrorCode`, with the same meanings.
 * - `store_timeout`: the call did not finish within `timeoutMs` (connect, pool wait or statement).
 * - `store_unavailable`: Postgres could not be reached (refused, DNS, TLS, connection lost, shutting down).
 * - `store_error`: Postgres answered a statement with an error (the SQLSTATE is in `sqlState`).
 * - `store_misconfigured`: an option cannot work, or the table is missing or not usable (permissions,
 *   authentication, `autoMigrate: false` without the migration).
 * - `store_invalid_argument`: an argument the store cannot take (empty key, a key over 1,024
 *   characters or with NUL, ttl of 0...).
 * - `store_corrupt_row`: a row has a shape the store never writes (the table was changed by hand).
 * - `store_closed`: `close()` was called.
 */
export type PostgresStoreErrorCode =
  | "store_timeout"
  | "store_unavailable"
  | "store_error"
  | "store_misconfigured"
  | "store_invalid_argument"
  | "store_corrupt_row"
  | "store_closed";

/** A failed store operation. `operation` names the `TokenStore` method. */
export class PostgresStoreError extends StoreError<PostgresStoreErrorCode> {
  override readonly name = "PostgresStoreError";
  /** SQLSTATE of the Postgres error, when Postgres answered with one. */
  readonly sqlState: string | undefined;
  constructor(
    code: PostgresStoreErrorCode,
    operation: string,
    message: string,
    options?: { cause?: unknown; sqlState?: string | undefined },
  ) {
    super(code, operation, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.sqlState = options?.sqlState;
  }
}

/** SQLSTATEs that mean the table, the rights to it or the login are missing. */
const MISCONFIGURED = new Set([
  "42P01",
  "3F000",
  "42501",
  "42703",
  "42804",
  "42883",
  "28000",
  "28P01",
  "3D000",
]);

/**
 * SQLSTATE classes that mean the server is not there for us: connection exceptions (08), insufficient
 * resources (53: too many connections...), operator intervention (57P: shutting down, restarting).
 */
const UNAVAILABLE = /^(08|53|57P)/;

/**
 * Wraps whatever a query threw into a `PostgresStoreError`. The cause is a sanitised copy (name,
 * `code`, redacted message): pg errors carry no config, but the copy guarantees `util.inspect` shows
 * no secret.
 */
export function toStoreError(
  error: unknown,
  operation: string,
  label: string,
  redact: Redactor,
): PostgresStoreError {
  if (error instanceof PostgresStoreError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const sqlState = sqlStateOf(error);
  const reason = redact(raw);
  const code: PostgresStoreErrorCode =
    sqlState === "57014" || /timeout/i.test(raw)
      ? "store_timeout"
      : sqlState !== undefined && MISCONFIGURED.has(sqlState)
        ? "store_misconfigured"
        : sqlState !== undefined && !UNAVAILABLE.test(sqlState)
          ? "store_error"
          : "store_unavailable";
  const hint =
    sqlState === "42P01" || sqlState === "3F000"
      ? " (the table is missing: call migrate() or run the SQL from the README)"
      : "";
  return new PostgresStoreError(
    code,
    operation,
    `${label}: ${operation} failed: ${reason}${sqlState ? ` [${sqlState}]` : ""}${hint}`,
    { cause: sanitizeCause(error, redact), sqlState },
  );
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // Five characters like a SQLSTATE, but not an errno name (EPIPE, EPERM): no SQLSTATE class starts with E.
  return typeof code === "string" && /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code) ? code : undefined;
}

/**
 * The first call of an operation also creates the table; when that fails, the caller still learns
 * which of its calls failed (`operation`), and the message says it was the migration.
 */
export function asOperationError(error: unknown, operation: string, label: string): unknown {
  if (!(error instanceof PostgresStoreError) || error.operation === operation) return error;
  const detail = error.message.startsWith(`${label}: `)
    ? error.message.slice(label.length + 2)
    : error.message;
  return new PostgresStoreError(
    error.code,
    operation,
    `${label}: ${operation} failed on first use: ${detail}`,
    {
      cause: error,
      sqlState: error.sqlState,
    },
  );
}
