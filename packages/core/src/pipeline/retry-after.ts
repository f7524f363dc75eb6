/**
 * `Retry-After` as Zoom sends it: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), and also an
 * ISO-8601 time such as `2020-05-31T00:00:00Z` on daily limits (FACTS.md, "Rate limits").
 */

/** A parsed `Retry-After`. */
export interface RetryAfter {
  /** Milliseconds from `now` until a retry is allowed (never negative). */
  ms: number;
  /** When a retry is allowed. */
  at: Date;
  form: "seconds" | "http-date" | "iso";
}

const SECONDS = /^\d+(\.\d+)?$/;
/**
 * The longest delay-seconds taken as given: Zoom's longest limit is daily, so more is read as a day.
 * Without the clamp, 22 digits made an Invalid Date and a `NaN` wait (and `Retry-After: NaN` downstream).
 * Dates need no clamp: one past what `Date` holds does not parse.
 */
export const MAX_RETRY_AFTER_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses a `Retry-After` value relative to `now` (epoch ms). `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): RetryAfter | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (SECONDS.test(text)) {
    const ms = Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
    return { ms, at: new Date(now + ms), form: "seconds" };
  }
  const iso = ISO_DATE.test(text);
  // Zoom's times are UTC; a zone-less ISO time must not be read as the server's local time.
  const time = Date.parse(iso && text.includes("T") && !HAS_ZONE.test(text) ? `${text}Z` : text);
  if (Number.isNaN(time)) return undefined;
  return { ms: Math.max(0, time - now), at: new Date(time), form: iso ? "iso" : "http-date" };
}
