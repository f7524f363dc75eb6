import { ZoomKitError } from "@zoomkit/core";

/** Codes of {@link StoreUrlError}. */
export type StoreUrlErrorCode =
  /** The text is not `memory` and does not parse as a URL. */
  | "store_url_invalid"
  /** The URL's scheme names no store zoomkit has (only `memory`, `redis:`, `rediss:`, `postgres:`, `postgresql:`). */
  | "store_url_unsupported"
  /** The store package the URL needs is not installed next to `@zoomkit/store-url`. */
  | "store_package_missing";

/**
 * A store URL could not be turned into a store. The message says what was expected and what to do; it
 * never holds the URL (which may carry a password), at most its scheme.
 */
export class StoreUrlError extends ZoomKitError {
  declare readonly code: StoreUrlErrorCode;
  /** The package to install, for `store_package_missing`. */
  readonly packageName: string | undefined;
  constructor(code: StoreUrlErrorCode, message: string, options?: { cause?: unknown; packageName?: string }) {
    super(code, message, options);
    this.name = "StoreUrlError";
    this.packageName = options?.packageName;
  }
}
