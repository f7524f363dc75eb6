import { createRedactor, StoreError } from "@zoomkit/core";

/** Codes of {@link RedisStoreError}. */
export type RedisStoreErrorCode =
  /** The operation did not finish within `timeoutMs` (Redis unreachable, overloaded, or failing over). */
  | "store_timeout"
  /** The connection to Redis could not be made (refused, DNS, TLS or authentication failure). */
  | "store_unavailable"
  /** Redis answered with an error, or replied something the store does not understand. */
  | "store_error"
  /** The store was used after `close()`. */
  | "store_closed";

/**
 * A Redis store operation failed. The message names the store, the operation and the server
 * (host and port only: never the URL's password), and says what to check; `cause` holds the
 * underlying error when there was one. `operation` is the `TokenStore` operation that failed.
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

/** Removes every occurrence of the URL's password from a message. */
export function redact(message: string, url: string | undefined): string {
  if (url === undefined) return message;
  let secrets: string[];
  try {
    const parsed = new URL(url);
    secrets = [parsed.password, decodeURIComponent(parsed.password)];
  } catch {
    // An unparsable URL is never part of a message we build; the client may still echo it whole.
    secrets = [url];
  }
  return createRedactor(secrets)(message);
}
