/**
 * Zoom's rate limits (FACTS.md, "Rate limits"): per-second limits per account and category (Light,
 * Medium, Heavy: each operation's comes from the OpenAPI document), and the per-host daily create/update cap that resets at 00:00 UTC.
 */
import type { SimContext } from "./http.js";
import { zoomError } from "./http.js";
import type { RateCategory } from "./operations.js";
import type { QpsLimits, SimulatorSwitches } from "./switches.js";

export type { RateCategory };

const QPS_KEY: Record<RateCategory, keyof QpsLimits> = { Light: "light", Medium: "medium", Heavy: "heavy" };

export class RateLimiter {
  /** Fixed one-second windows: `account|category` -> second and count in it. */
  private readonly windows = new Map<string, { second: number; count: number }>();
  /** `host id` -> UTC day and creates/updates that day. */
  private readonly days = new Map<string, { day: string; count: number }>();

  /** Counts a call; `false` when it is over the category's limit this second. */
  takeQps(accountId: string, category: RateCategory, limit: number | null, now: number): boolean {
    if (limit === null) return true;
    const key = `${accountId}|${category}`;
    const second = Math.floor(now / 1000);
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return limit >= 1;
    }
    if (window.count >= limit) return false;
    window.count += 1;
    return true;
  }

  /** Counts a create or update for a host; `false` once the day's cap is reached. */
  takeDaily(hostId: string, cap: number | null, now: number): boolean {
    if (cap === null) return true;
    const day = new Date(now).toISOString().slice(0, 10);
    const entry = this.days.get(hostId);
    if (!entry || entry.day !== day) {
      this.days.set(hostId, { day, count: 1 });
      return cap >= 1;
    }
    if (entry.count >= cap) return false;
    entry.count += 1;
    return true;
  }

  clear(): void {
    this.windows.clear();
    this.days.clear();
  }
}

export function qpsLimit(switches: SimulatorSwitches, category: RateCategory): number | null {
  return switches.qps[QPS_KEY[category]];
}

/** 429 for a per-second limit. */
export function qpsExceeded(c: SimContext, switches: SimulatorSwitches, category: RateCategory): Response {
  if (switches.rateLimitHeaders) {
    c.header("x-ratelimit-category", category);
    c.header("x-ratelimit-type", "QPS");
    c.header("x-ratelimit-limit", String(qpsLimit(switches, category)));
    c.header("x-ratelimit-remaining", "0");
    c.header("retry-after", "1");
  }
  return zoomError(
    c,
    429,
    429,
    "You have reached the maximum per-second rate limit for this API. Try again later.",
  );
}

/** The daily create/update cap: HTTP 429 `Daily-limit` with an ISO `Retry-After`, or HTTP 300. */
export function dailyCapReached(
  c: SimContext,
  switches: SimulatorSwitches,
  hostEmail: string,
  now: number,
  what: "meetings" | "webinars" = "meetings",
): Response {
  const cap = switches.dailyCap ?? 0;
  if (switches.dailyCapAs === 300) {
    return zoomError(
      c,
      300,
      300,
      `A maximum of ${cap} ${what} can be created/updated for a single user in one day.`,
    );
  }
  if (switches.rateLimitHeaders) {
    // The document's category of the create: Medium for meetings, Light for webinars.
    c.header("x-ratelimit-category", what === "meetings" ? "Medium" : "Light");
    c.header("x-ratelimit-type", "Daily-limit");
    c.header("x-ratelimit-limit", String(cap));
    c.header("x-ratelimit-remaining", "0");
    c.header("retry-after", nextUtcMidnight(now));
  }
  return zoomError(
    c,
    429,
    429,
    `You have exceeded the daily rate limit (${cap}) of Create/Update ${what === "meetings" ? "meeting" : "webinar"} API requests for the user ${hostEmail}. You can resume these API requests at GMT 00:00:00.`,
  );
}

/** `2024-05-02T00:00:00Z`: the next 00:00 UTC, when Zoom's daily counters reset. */
export function nextUtcMidnight(now: number): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1))
    .toISOString()
    .replace(".000Z", "Z");
}
