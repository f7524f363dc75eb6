/**
 * A call the pacer refuses gets the answer a Zoom 429 would be: status 429, Zoom's error body, the
 * `X-RateLimit-*` and `Retry-After` headers, and the same `getRateLimit()` reading (with `local: true`),
 * so callers handle Zoom's refusals and the pacer's one way.
 */
import type { RateLimitCategory } from "../operations.js";
import { type RateLimitInfo, rememberRateLimit } from "../pipeline/rate-limit.js";

/** Marks a response the pacer made instead of sending the request. */
export const PACED_HEADER = "x-zoomkit-paced";

export interface Refusal {
  readonly type: "qps" | "daily";
  readonly category: RateLimitCategory;
  /** The per-second rate, or the daily cap. */
  readonly limit: number;
  /** When a retry may get through (epoch ms). */
  readonly resetAt: number;
  readonly now: number;
}

export function refusalResponse(refusal: Refusal): Response {
  const { type, category, now } = refusal;
  const resetAt = new Date(Math.max(refusal.resetAt, now));
  const limit = Math.max(1, Math.round(refusal.limit));
  const daily = type === "daily";
  const message = daily
    ? `A maximum of ${limit} meetings can be created/updated for a single user in one day (counted by zoomkit's pacer across the fleet; not sent). You can resume at ${resetAt.toISOString()}.`
    : `zoomkit's pacer could not get a ${category} permit in time (the account's rate is ${limit} a second; not sent). Try again later.`;
  const response = new Response(JSON.stringify({ code: 429, message }), {
    status: 429,
    headers: {
      "content-type": "application/json;charset=UTF-8",
      "x-ratelimit-category": category,
      "x-ratelimit-type": daily ? "Daily-limit" : "QPS",
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": "0",
      "retry-after": daily
        ? resetAt.toISOString().replace(/\.\d{3}Z$/, "Z")
        : String(Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000))),
      [PACED_HEADER]: "refused",
    },
  });
  const info: RateLimitInfo = {
    type,
    status: 429,
    category,
    limit,
    remaining: 0,
    retryAfterMs: Math.max(0, resetAt.getTime() - now),
    resetAt,
    local: true,
  };
  rememberRateLimit(response, info);
  return response;
}
