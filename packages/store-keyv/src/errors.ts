import { StoreError } from "@zoomkit/core";

/** Codes of {@link KeyvStoreError}. */
export type KeyvStoreErrorCode =
  /** The operation did not finish within `timeoutMs` (the Keyv backend is unreachable or slow). */
  | "store_timeout"
  /** The Keyv backend failed (its error is the `cause`). */
  | "store_error"
  /** The store was used after `close()`. */
  | "store_closed";

/**
 * A Keyv store operation failed. The message names the store and the operation; `cause` holds the
 * backend's error. `operation` is the `TokenStore` operation that failed.
 */
export class KeyvStoreError extends StoreError<KeyvStoreErrorCode> {
  override readonly name = "KeyvStoreError";
}
