import { StoreError } from "@zoomkit/core";

/**
 * Codes of {@link KeyvStoreError}: a part of core's `StoreErrorCode`, with the same meanings.
 * - `store_timeout`: the operation did not finish within `timeoutMs` (the Keyv backend is unreachable
 *   or slow; Keyv cannot tell the two apart).
 * - `store_error`: the Keyv backend failed (a sanitised copy of its error is the `cause`).
 * - `store_closed`: the store was used after `close()`.
 * - `store_misconfigured`: an option cannot work (a `timeoutMs` of 0...).
 * - `store_invalid_argument`: a call's argument the contract does not allow (empty key, ttl of 0...).
 */
export type KeyvStoreErrorCode =
  | "store_timeout"
  | "store_error"
  | "store_closed"
  | "store_misconfigured"
  | "store_invalid_argument";

/**
 * A Keyv store operation failed. The message names the store and the operation, with the backend's
 * message redacted of connection credentials; `cause` holds a sanitised copy of the backend's error
 * (its name, `code` and redacted message). `operation` is the `TokenStore` operation that failed.
 */
export class KeyvStoreError extends StoreError<KeyvStoreErrorCode> {
  override readonly name = "KeyvStoreError";
}
