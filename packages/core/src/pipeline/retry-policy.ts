/**
 * Which failures may be retried, how often, and how long to wait (DESIGN.md, "Request pipeline").
 *
 * A 401 or 429 is a rejection: Zoom did not act on the request, so any method may be retried. A 5xx,
 * a dropped connection or a timeout is an unknown outcome: the request may have taken effect, so only
 * idempotent methods are retried, never POST or PATCH (a retried create could duplicate a meeting)
 * unless the caller opts in.
 */

/** Retries after an unknown outcome (5xx, network error, timeout). */
export interface RetryOptions {
  /** Retries after the first attempt (so `maxRetries + 1` attempts at most). @default 2 */
  maxRetries?: number;
  /** First backoff ceiling; it doubles with each retry (full jitter below it). @default 500 */
  baseDelayMs?: number;
  /** Largest backoff ceiling. @default 8_000 */
  maxDelayMs?: number;
  /**
   * Also retry POST and PATCH after an unknown outcome, for every request of this client. Only safe
   * when repeating the request cannot do harm. Per request, send the `x-zoomkit-retry: unsafe`
   * header instead (see `RETRY_HEADER`). @default false
   */
  unsafeMethods?: boolean;
}

/** Waiting out QPS rate limits (429). Daily limits are never waited for. */
export interface RateLimitOptions {
  /** Retries after a QPS or untyped 429. @default 3 */
  maxRetries?: number;
  /**
   * Cap on the total time one request spends waiting for rate limits. A wait that would pass it is
   * not taken: the 429 is returned instead (ZoomNet gives up at 15 s). @default 15_000
   */
  maxWaitMs?: number;
  /** Wait when Zoom sends no `Retry-After`. @default 1_000 */
  defaultWaitMs?: number;
  /** Random extra wait, up to this, added to every rate-limit wait. @default 1_000 */
  jitterMs?: number;
}

/**
 * Request header that opts one request into retries after an unknown outcome, whatever its method:
 * `headers: { [RETRY_HEADER]: "unsafe" }`. The pipeline removes it before the request leaves.
 */
export const RETRY_HEADER = "x-zoomkit-retry";

/** Methods whose repetition has the same effect as one request (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Retry and rate-limit options with every default filled in. */
export interface ResolvedRetryPolicy {
  retry: Required<RetryOptions>;
  rateLimit: Required<RateLimitOptions>;
}

/** Fills in the defaults. */
export function resolveRetryPolicy(retry?: RetryOptions, rateLimit?: RateLimitOptions): ResolvedRetryPolicy {
  return {
    retry: {
      maxRetries: retry?.maxRetries ?? 2,
      baseDelayMs: retry?.baseDelayMs ?? 500,
      maxDelayMs: retry?.maxDelayMs ?? 8_000,
      unsafeMethods: retry?.unsafeMethods ?? false,
    },
    rateLimit: {
      maxRetries: rateLimit?.maxRetries ?? 3,
      maxWaitMs: rateLimit?.maxWaitMs ?? 15_000,
      defaultWaitMs: rateLimit?.defaultWaitMs ?? 1_000,
      jitterMs: rateLimit?.jitterMs ?? 1_000,
    },
  };
}

/**
 * Whether a request may be repeated after an unknown outcome: by its method (upper case), the
 * client's policy, or its `RETRY_HEADER` value.
 */
export function mayRetryUnknownOutcome(
  method: string,
  retryHeader: string | null,
  policy: ResolvedRetryPolicy,
): boolean {
  if (IDEMPOTENT_METHODS.has(method)) return true;
  if (policy.retry.unsafeMethods) return true;
  return retryHeader?.trim().toLowerCase() === "unsafe";
}

/** Whether a status is an unknown outcome worth retrying (any 5xx). */
export function isServerError(status: number): boolean {
  return status >= 500 && status <= 599;
}
