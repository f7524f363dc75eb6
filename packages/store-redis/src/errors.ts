import { StoreError } from "@zoomkit/core";

/**
 * Codes of {@link RedisStoreError}: a part of core's `StoreErrorCode`, with the same meanings.
 * - `store_timeout`: the operation did not finish within `timeoutMs` (Redis unreachable, overloaded,
 *   or failing over).
 * - `store_unavailable`: the connection to Redis could not be made (refused, DNS, TLS or authentication).
 * - `store_error`: Redis answered with an error, or a script replied something the store does not understand.
 * - `store_closed`: the store was used after `close()`.
 * - `store_misconfigured`: an option cannot work (for example a `namespace` with `{` or `}`).
 * - `store_invalid_argument`: a call's argument the contract does not allow (empty key, ttl of 0...).
 */
export type RedisStoreErrorCode =
  | "store_timeout"
  | "store_unavailable"
  | "store_error"
  | "store_closed"
  | "store_misconfigured"
  | "store_invalid_argument";

/**
 * A Redis store operation failed. The message names the store, the operation and the server
 * (host and port only: never the URL's password), and says what to check; `cause` holds a sanitised
 * copy of the underlying error (its name, `code` and redacted message) when there was one.
 * `operation` is the `TokenStore` operation that failed (`createRedisStore` for bad options).
 */
export class RedisStoreError extends StoreError<RedisStoreErrorCode> {
  override readonly name = "RedisStoreError";
}

/** What identifies a server in messages: `host:port`, without user name or password. */
export function describeServer(url: string | undefined): string {
  if (url === undefined) return "injected client";
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "6379"}`;
  } catch {
    // Never echo an unparsable URL: it may hold a password.
    return "unparsable url";
  }
}
