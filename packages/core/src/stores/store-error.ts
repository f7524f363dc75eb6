/**
 * The base of the errors a `TokenStore` throws, and how their messages keep connection secrets out.
 */
import { ZoomKitError } from "../errors.js";

/**
 * A store operation failed. `code` is the store's stable code (`store_timeout`, `store_closed`...),
 * `operation` the `TokenStore` method that failed; the message names the store and the operation and
 * never holds a password (build it with a {@link createRedactor}); `cause` holds the underlying error.
 *
 * @example
 * ```ts
 * export class MyStoreError extends StoreError<"store_timeout" | "store_error"> {
 *   override readonly name = "MyStoreError";
 * }
 * throw new MyStoreError("store_timeout", "get", `my store: get timed out after ${timeoutMs} ms`);
 * ```
 */
export class StoreError<Code extends string = string> extends ZoomKitError {
  declare readonly code: Code;
  /** The `TokenStore` operation that failed (`get`, `compareAndSet`, ...). */
  readonly operation: string;
  constructor(code: Code, operation: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "StoreError";
    this.operation = operation;
  }
}

/** Replaces every secret in a text with `***`. */
export type Redactor = (text: string) => string;

/**
 * A redactor for the given secrets (passwords, whole connection strings). Empty strings are ignored,
 * and longer secrets are replaced first, so a connection string goes whole before its password part.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of list) out = out.replaceAll(secret, "***");
    return out;
  };
}
