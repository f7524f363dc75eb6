/**
 * Reading Zoom's rate limits (FACTS.md, "Rate limits"): 429 with `X-RateLimit-*` headers that may be
 * missing, per-second (QPS) and daily limits, and the per-host daily meeting cap that can also arrive as
 * HTTP 300 with a message instead of headers.
 */
import { parseRetryAfter } from "./retry-after.js";
import { parseZoomError } from "./zoom-error.js";

/** What a rate-limited response says about the limit. */
export interface RateLimitInfo {
  /**
   * `qps`: a per-second limit, worth a short wait. `daily`: a daily limit, not worth waiting for.
   * `unknown`: a 429 that does not say (Zoom's headers are not always sent).
   */
  type: "qps" | "daily" | "unknown";
  /** The HTTP status that carried the limit (429, or 300 for the daily meeting cap). */
  status: number;
  /** `X-RateLimit-Category` (Light, Medium, Heavy, Resource-intensive). */
  category?: string;
  /** `X-RateLimit-Limit`, or N from the daily-cap message. */
  limit?: number;
  /** `X-RateLimit-Remaining`. */
  remaining?: number;
  /** Milliseconds from when the response arrived until a retry is allowed. */
  retryAfterMs?: number;
  /**
   * When a retry is allowed: from `Retry-After`, or for a daily limit without one, the next 00:00 UTC
   * (when Zoom resets daily limits).
   */
  resetAt?: Date;
  /** True when zoomkit's pacer answered instead of Zoom: the request was not sent. */
  local?: boolean;
}

/** Zoom's wording of the per-host daily create/update cap, which it may send as HTTP 300. */
const DAILY_CAP_MESSAGE = /maximum of (\d+) meetings? can be created\/updated for a single user in one day/i;
/** Zoom's wording of daily limits in 429 bodies ("...reached the maximum daily rate limit..."). */
const DAILY_MESSAGE = /\bdaily\b|\bin one day\b/i;
/**
 * A `Retry-After` given as an ISO time further away than this is a daily reset, not a per-second
 * wait: QPS windows are seconds long, daily limits reset at midnight UTC.
 */
const DAILY_THRESHOLD_MS = 60_000;

const remembered = new WeakMap<Response, RateLimitInfo>();

/** Records what the pipeline parsed for `response`, so `getRateLimit` also knows about 300 daily caps. */
export function rememberRateLimit(response: Response, info: RateLimitInfo): void {
  remembered.set(response, info);
}

/**
 * The rate limit a response reports, or `null` when it is not rate limited.
 *
 * Works on any response the client returned. For a 300 daily cap the body is needed: responses that
 * came through the client are recognised by themselves; for others pass openapi-fetch's `error`.
 *
 * @example
 * const { error, response } = await zoom.POST("/users/{userId}/meetings", { params, body });
 * const limit = getRateLimit(response, error);
 * if (limit?.type === "daily") console.log(`try again after ${limit.resetAt?.toISOString()}`);
 */
export function getRateLimit(response: Response, error?: unknown): RateLimitInfo | null {
  const known = remembered.get(response);
  if (known) return known;
  const message = error === undefined ? undefined : parseZoomError(error).message;
  return classifyRateLimit(response.status, response.headers, message, Date.now());
}

/** Classifies a response from its status, headers and Zoom's error message (if read). */
export function classifyRateLimit(
  status: number,
  headers: Headers,
  message: string | undefined,
  now: number,
): RateLimitInfo | null {
  if (status === 300) return classifyDailyCap(headers, message, now);
  if (status !== 429) return null;
  const retryAfter = parseRetryAfter(headers.get("retry-after"), now);
  const declared = headers.get("x-ratelimit-type")?.trim().toLowerCase();
  let type: RateLimitInfo["type"] = "unknown";
  if (declared === "qps") type = "qps";
  else if (declared?.includes("daily")) type = "daily";
  else if (retryAfter?.form === "iso" && retryAfter.ms > DAILY_THRESHOLD_MS) type = "daily";
  else if (message !== undefined && DAILY_MESSAGE.test(message)) type = "daily";
  const info: RateLimitInfo = { type, status };
  const category = headers.get("x-ratelimit-category")?.trim();
  if (category) info.category = category;
  const limit = toCount(headers.get("x-ratelimit-limit"));
  if (limit !== undefined) info.limit = limit;
  const remaining = toCount(headers.get("x-ratelimit-remaining"));
  if (remaining !== undefined) info.remaining = remaining;
  const resetAt = retryAfter?.at ?? (type === "daily" ? nextUtcMidnight(now) : undefined);
  if (resetAt) {
    info.resetAt = resetAt;
    info.retryAfterMs = Math.max(0, resetAt.getTime() - now);
  }
  return info;
}

function classifyDailyCap(headers: Headers, message: string | undefined, now: number): RateLimitInfo | null {
  const match = message === undefined ? null : DAILY_CAP_MESSAGE.exec(message);
  if (!match) return null;
  const resetAt = parseRetryAfter(headers.get("retry-after"), now)?.at ?? nextUtcMidnight(now);
  return {
    type: "daily",
    status: 300,
    limit: Number(match[1]),
    remaining: 0,
    retryAfterMs: Math.max(0, resetAt.getTime() - now),
    resetAt,
  };
}

function toCount(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** The next 00:00 UTC after `now`. */
function nextUtcMidnight(now: number): Date {
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1));
}
