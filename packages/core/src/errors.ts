/**
 * Typed errors. Each has a stable string `code`, a message a person can act on, and `cause`.
 * Messages never contain a secret or a token: at most a short fingerprint.
 */
import type { ZoomErrorBody } from "./pipeline/zoom-error.js";

/** Codes for failures to obtain a usable token. */
export type ZoomAuthErrorCode =
  /** Zoom refused the credentials (4702/4704/4706...): wrong account id, client id or secret, or the app is gone. */
  | "invalid_credentials"
  /** Fresh tokens are rejected by the API: the app is deactivated, its owner or role changed, the secret was rotated, or scopes were removed. */
  | "app_rejected"
  /** More tokens were minted in the rolling hour than the configured budget allows. */
  | "mint_budget_exhausted"
  /** The token endpoint answered something that is not a usable token. */
  | "malformed_token_response"
  /** The token endpoint could not be reached or kept failing (network, 5xx, timeout). */
  | "token_endpoint_unavailable"
  /** The token store is misconfigured (bad key, wrong encryption key, unusable options). */
  | "store_misconfigured"
  /** The token provider was closed (`close()`): it hands out no more tokens. */
  | "closed";

/** Codes for failures of a request that never produced a Zoom response worth returning. */
export type ZoomRequestErrorCode =
  /** The request did not finish within its timeout (after the allowed retries). */
  | "timeout"
  /** The connection failed (after the allowed retries), or the outcome of a non-idempotent request is unknown. */
  | "network"
  /** A path parameter is missing, empty, `.` or `..` (it would address another endpoint); nothing was sent. */
  | "invalid_path_parameter"
  /** With `baseUrl: "auto"`, the token reply's `api_url` is not an https Zoom host nor allow-listed; nothing was sent. */
  | "untrusted_api_url";

import { TROUBLESHOOTING_GUIDE, troubleshootingLink } from "./troubleshooting.js";

interface ErrorOptions {
  cause?: unknown;
}

/** Base class of every error zoomkit throws. */
export class ZoomKitError extends Error {
  /** A stable, machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ZoomKitError";
    this.code = code;
  }
}

/**
 * No usable token could be obtained. `code` says why; the message says what to check and ends with the
 * troubleshooting guide's section for the code (`docs/troubleshooting.md#<code>`).
 */
export class ZoomAuthError extends ZoomKitError {
  declare readonly code: ZoomAuthErrorCode;
  /** When the client will try again by itself (epoch ms), if it knows. */
  readonly retryAt: number | undefined;
  constructor(code: ZoomAuthErrorCode, message: string, options?: ErrorOptions & { retryAt?: number }) {
    // A message built from an earlier error's (the fleet's backoff record) already names its section.
    super(
      code,
      message.includes(TROUBLESHOOTING_GUIDE) ? message : `${message} See ${troubleshootingLink(code)}`,
      options,
    );
    this.name = "ZoomAuthError";
    this.retryAt = options?.retryAt;
  }
}

/**
 * A request failed without a usable response (timeout or network) after the allowed retries, or was
 * refused before it was sent (`invalid_path_parameter`, with `attempts: 0`).
 */
export class ZoomRequestError extends ZoomKitError {
  declare readonly code: ZoomRequestErrorCode;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request (no query string, which may carry personal data). */
  readonly path: string;
  /** How many attempts were made. */
  readonly attempts: number;
  constructor(
    code: ZoomRequestErrorCode,
    message: string,
    details: { method: string; path: string; attempts: number },
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.name = "ZoomRequestError";
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
  }
}

/** Codes for options that cannot work. */
export type ZoomConfigErrorCode =
  /** An option has a value that cannot work (the message names the option, never a secret's value). */
  "invalid_options";

/**
 * The client or token provider was given options that cannot work. Thrown at creation, before any
 * request; for a `clientSecret` function that throws or returns nothing usable, by the call that needed
 * the secret (a rejection, with what the function threw as `cause`).
 */
export class ZoomConfigError extends ZoomKitError {
  declare readonly code: ZoomConfigErrorCode;
  /** The option at fault (e.g. `leaseTtlMs`). */
  readonly option: string;
  constructor(option: string, message: string, options?: ErrorOptions) {
    super("invalid_options", message, options);
    this.name = "ZoomConfigError";
    this.option = option;
  }
}

/** Codes for a listing `paginate()` could not finish. */
export type ZoomPaginationErrorCode =
  /** Zoom refused a page (any status but 2xx); `status` and `error` say how. */
  | "page_failed"
  /** The page token expired again after the listing had started over `maxRestarts` times. */
  | "page_token_expired"
  /** Zoom handed back the page token it had just been given (the listing would never end). */
  | "page_loop"
  /** The page holds several arrays and no `items` option names the one to list. */
  | "ambiguous_items";

/**
 * `paginate()` could not list every item. The message names the path template and the page, never the
 * query (page tokens, e-mail addresses) or Zoom's message (which may name a user); Zoom's error body is
 * on `error`.
 */
export class ZoomPaginationError extends ZoomKitError {
  declare readonly code: ZoomPaginationErrorCode;
  /** The path template of the list operation. */
  readonly path: string;
  /** The page that failed (1 = the first page since the last restart). */
  readonly page: number;
  /** How many times the listing started over before this. */
  readonly restarts: number;
  /** HTTP status of Zoom's answer, when there was one. */
  readonly status: number | undefined;
  /** Zoom's error body, normalised (`parseZoomError`), when there was one. */
  readonly error: ZoomErrorBody | undefined;
  constructor(
    code: ZoomPaginationErrorCode,
    message: string,
    details: { path: string; page: number; restarts: number; status?: number; error?: ZoomErrorBody },
  ) {
    super(code, message);
    this.name = "ZoomPaginationError";
    this.path = details.path;
    this.page = details.page;
    this.restarts = details.restarts;
    this.status = details.status;
    this.error = details.error;
  }
}
