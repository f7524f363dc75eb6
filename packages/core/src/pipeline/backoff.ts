/**
 * Delay arithmetic for retries. Pure functions of their inputs (randomness is passed in), so tests can
 * pin the exact delay the pipeline asks its sleep for.
 */

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))).
 * Full jitter spreads a fleet's retries after a shared 5xx instead of synchronising them.
 *
 * @param retry - 1 for the first retry.
 * @param random - returns a number in [0, 1).
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retrying a QPS rate limit: Zoom's `Retry-After` when it gave one, otherwise
 * `defaultWaitMs`, plus up to `jitterMs` so callers that hit the limit together do not return together
 * (ZoomNet waits 1 s plus 0-1 s, which is the default here).
 */
export function rateLimitDelay(
  retryAfterMs: number | undefined,
  defaultWaitMs: number,
  jitterMs: number,
  random: () => number,
): number {
  return (retryAfterMs ?? defaultWaitMs) + Math.floor(random() * jitterMs);
}
