/** Webhook verification failures. Messages never contain the secret token or an expected signature. */
import { ZoomKitError } from "../errors.js";

/** Why a webhook request was refused. */
export type ZoomWebhookErrorCode =
  /** No secret token was configured: an empty key would make every signature forgeable. */
  | "missing_secret"
  /** The `x-zm-signature` header is absent. */
  | "missing_signature"
  /** The `x-zm-request-timestamp` header is absent. */
  | "missing_timestamp"
  /** The timestamp is not a Unix time in seconds. */
  | "invalid_timestamp"
  /** The signature is malformed or does not match the body: forged, tampered, or signed with another secret. */
  | "invalid_signature"
  /** The timestamp is outside the tolerance (too old, a possible replay, or in the future). */
  | "stale_timestamp"
  /** The body is not a JSON webhook event (or not valid UTF-8). */
  | "malformed_body";

/** A webhook request failed verification; answer it with 401 (or 400 for `malformed_body`). */
export class ZoomWebhookError extends ZoomKitError {
  declare readonly code: ZoomWebhookErrorCode;
  constructor(code: ZoomWebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ZoomWebhookError";
  }
}
