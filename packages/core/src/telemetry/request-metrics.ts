/**
 * The pipeline's OpenTelemetry instruments: request duration, retries and rate limits. Attributes are
 * bounded: method, the operation's path template (never the path), reason, status, category.
 */
import type { Attributes, Counter, Histogram, Meter } from "@opentelemetry/api";

export interface RequestInstruments {
  /** One per request, from its first token wait to its answer (retries and waits included), in s. */
  readonly duration: Histogram;
  /** One per retried attempt, by reason. */
  readonly retries: Counter;
  /** One per rate-limit answer (429), by type and category. */
  readonly rateLimited: Counter;
}

export function createRequestInstruments(meter: Meter): RequestInstruments {
  return {
    duration: meter.createHistogram("zoomkit.request.duration", {
      description:
        "Duration of Zoom API requests through zoomkit, retries and waits included (one per request, not per attempt).",
      unit: "s",
      advice: { explicitBucketBoundaries: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] },
    }),
    retries: meter.createCounter("zoomkit.request.retries", {
      description:
        "Zoom API request attempts retried, by reason (status, network, timeout, rate_limit, unauthorized, scopes).",
      unit: "{retry}",
    }),
    rateLimited: meter.createCounter("zoomkit.request.rate_limited", {
      description: "Rate-limit answers (429) from Zoom, by type (qps, daily, unknown) and category.",
      unit: "{response}",
    }),
  };
}

const CATEGORIES = new Set(["Light", "Medium", "Heavy", "Resource-intensive"]);

/** The bounded attributes of a 429: its type and category as Zoom's headers say (or the operation's). */
export function rateLimitAttributes(headers: Headers, category: string | undefined): Attributes {
  const declared = headers.get("x-ratelimit-type")?.trim().toLowerCase();
  const type = declared === "qps" ? "qps" : declared?.includes("daily") ? "daily" : "unknown";
  const said = headers.get("x-ratelimit-category")?.trim();
  return {
    "zoom.rate_limit.type": type,
    "zoom.rate_limit.category": said !== undefined && CATEGORIES.has(said) ? said : (category ?? "unknown"),
  };
}
