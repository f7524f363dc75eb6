import { ZoomKitError } from "@zoomkit/core";

/** Codes of {@link KeyvStoreError}. */
export type KeyvStoreErrorCode =
  /** The operation did not finish within `timeoutMs` (the Keyv backend is unreachable or slow). */
  | "store_timeout"
  /** The Keyv backend failed (its error is the `cause`). */
  | "store_error"
  /** The store was used after `close()`. */
  | "store_closed";

/** A Keyv store operation failed. The message names the store and the operation; `cause` holds the backend's error. */
export class KeyvStoreError extends ZoomKitError {
  declare readonly code: KeyvStoreErrorCode;
  /** The `TokenStore` operation that failed (`get`, `compareAndSet`, ...). */
  readonly operation: string;
  constructor(code: KeyvStoreErrorCode, operation: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "KeyvStoreError";
    this.operation = operation;
  }
}
