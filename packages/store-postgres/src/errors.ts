/**
 * The store's errors: the store, table and operation named, a Postgres error code when there is one,
 * and never the password (or the whole connection string) in the message or the cause.
 */
import { createRedactor as createSecretRedactor, type Redactor, StoreError } from "@zoomkit/core";

export type { Redactor };

/** Why a store operation failed. */
export type PostgresStoreErrorCode =
  /** The call did not finish within `timeoutMs` (connect, pool wait or statement). */
  | "store_timeout"
  /** Postgres could not be reached or the statement failed. */
  | "store_unavailable"
  /** The table is missing or not usable (permissions, `autoMigrate: false` without the migration). */
  | "store_misconfigured"
  /** An argument the store cannot take (for example a key over 1,024 characters). */
  | "store_invalid_argument"
  /** A row has a shape the store never writes (the table was changed by hand). */
  | "store_corrupt_row"
  /** `close()` was called. */
  | "store_closed";

/** A failed store operation. `operation` names the `TokenStore` method. */
export class PostgresStoreError extends StoreError<PostgresStoreErrorCode> {
  override readonly name = "PostgresStoreError";
  /** SQLSTATE of the Postgres error, when Postgres answered with one. */
  readonly sqlState: string | undefined;
  constructor(
    code: PostgresStoreErrorCode,
    message: string,
    details: { operation: string; sqlState?: string | undefined },
    options?: { cause?: unknown },
  ) {
    super(code, details.operation, message, options);
    this.sqlState = details.sqlState;
  }
}

/** Collects the password (raw and URL-decoded) and the whole connection string of each `connectionString`. */
export function createRedactor(connectionStrings: readonly (string | undefined)[]): Redactor {
  const secrets = new Set<string>();
  for (const cs of connectionStrings) {
    if (!cs) continue;
    secrets.add(cs);
    const url = URL.canParse(cs) ? new URL(cs) : undefined;
    if (url?.password) {
      secrets.add(url.password);
      secrets.add(safeDecode(url.password));
    }
    // Key-value form (`host=... password=...`) and `?password=` in a URL.
    for (const match of cs.matchAll(/password=('(?:[^'\\]|\\.)*'|[^\s&]+)/gi)) {
      const raw = match[1] ?? "";
      secrets.add(raw);
      secrets.add(safeDecode(raw.replace(/^'|'$/g, "")));
    }
  }
  // Longest first, so a connection string is replaced whole before its password part.
  return createSecretRedactor(secrets);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** SQLSTATE classes that mean the table or the rights to it are missing. */
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
 * Wraps whatever a query threw into a `PostgresStoreError`. The cause is a plain copy with the
 * message redacted: pg errors carry no config, but the copy guarantees `util.inspect` shows no secret.
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
        : "store_unavailable";
  const hint =
    sqlState === "42P01" || sqlState === "3F000"
      ? " (the table is missing: call migrate() or run the SQL from the README)"
      : "";
  const cause = new Error(reason);
  cause.name = error instanceof Error ? error.name : "Error";
  // SQLSTATE or errno code (ECONNREFUSED...): never secret, useful to branch on.
  const rawCode = (error as { code?: unknown } | null)?.code;
  if (typeof rawCode === "string") Object.assign(cause, { code: rawCode });
  return new PostgresStoreError(
    code,
    `${label}: ${operation} failed: ${reason}${sqlState ? ` [${sqlState}]` : ""}${hint}`,
    { operation, sqlState },
    { cause },
  );
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
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
    `${label}: ${operation} failed on first use: ${detail}`,
    { operation, sqlState: error.sqlState },
    { cause: error },
  );
}
