/**
 * The base of the errors a `TokenStore` throws, the one list of their codes, and how their messages
 * and causes keep connection secrets out.
 */
import { ZoomKitError } from "../errors.js";

/**
 * Every code a store error may carry. Each store's error class narrows it to the codes that store
 * can produce (its README lists them); the meaning of a code is the same in every store.
 */
export type StoreErrorCode =
  /** The operation did not finish within the store's `timeoutMs`; its outcome is unknown. */
  | "store_timeout"
  /** The backend could not be reached: connection refused or lost, DNS, TLS, authentication. */
  | "store_unavailable"
  /** The backend answered with an error, or with a reply the store does not understand. */
  | "store_error"
  /** The store was used after `close()`. */
  | "store_closed"
  /** The store's options or the backend's setup cannot work (a missing table, no rights, a bad option). */
  | "store_misconfigured"
  /** A call's argument the contract does not allow (empty key, non-positive ttl, bad generation...). */
  | "store_invalid_argument"
  /** Stored data has a shape the store never writes and cannot read as absent (changed by hand). */
  | "store_corrupt_row";

/**
 * A store operation failed. `code` is one of {@link StoreErrorCode} (a subclass narrows it),
 * `operation` the `TokenStore` method that failed (or the factory, for bad options); the message
 * names the store and the operation and never holds a password (build it with a {@link Redactor});
 * `cause` holds the underlying error, sanitised with {@link sanitizeCause} when it comes from a driver.
 *
 * @example
 * ```ts
 * export class MyStoreError extends StoreError<"store_timeout" | "store_error" | "store_closed"> {
 *   override readonly name = "MyStoreError";
 * }
 * throw new MyStoreError("store_timeout", "get", `my store: get timed out after ${timeoutMs} ms`);
 * ```
 */
export class StoreError<Code extends StoreErrorCode = StoreErrorCode> extends ZoomKitError {
  declare readonly code: Code;
  /** The `TokenStore` operation that failed (`get`, `compareAndSet`, ...). */
  readonly operation: string;
  constructor(code: Code, operation: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "StoreError";
    this.operation = operation;
  }
}

/** A `StoreError` subclass's constructor, for helpers that throw the store's own class. */
export type StoreErrorClass<Code extends StoreErrorCode = StoreErrorCode> = new (
  code: Code,
  operation: string,
  message: string,
  options?: { cause?: unknown },
) => StoreError<Code>;

/** Replaces every secret in a text with `***`. */
export type Redactor = (text: string) => string;

/**
 * A redactor for the given secrets (passwords, whole connection strings). Empty strings are ignored,
 * and longer secrets are replaced first, so a connection string goes whole before its password part.
 *
 * @example
 * ```ts
 * const redact = createRedactor([password]);
 * redact(`auth failed for ${password}`); // "auth failed for ***"
 * ```
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of list) out = out.replaceAll(secret, "***");
    return out;
  };
}

/**
 * A copy of a driver's error that is safe to keep as `cause`: a plain `Error` with the same `name`,
 * the message passed through `redact`, and the driver's string `code` (`ECONNREFUSED`, a SQLSTATE...),
 * nothing else. The original may carry a client, its options or a connection string, and loggers
 * print causes in full.
 *
 * @example
 * ```ts
 * throw new MyStoreError("store_error", "get", `my store: get failed: ${redact(raw.message)}`, {
 *   cause: sanitizeCause(raw, redact),
 * });
 * ```
 */
export function sanitizeCause(error: unknown, redact: Redactor): Error {
  const copy = new Error(redact(error instanceof Error ? error.message : String(error)));
  copy.name = error instanceof Error ? error.name : "Error";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") Object.assign(copy, { code: redact(code) });
  // The copy's own stack would point here, not at the driver; keep only its first line.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
