/**
 * Pacing options: the account's per-second limits by rate-limit category, from a plan preset or
 * given explicitly. The client cannot know the account's plan, and other apps share its limits, so
 * pacing is off unless asked for.
 */
import type { RateLimitCategory } from "../operations.js";
import type { TokenStore } from "../stores/contract.js";

/** Requests a second per category (Resource-intensive: a second too; 10/min is 1/6). */
export interface PacingRates {
  readonly light: number;
  readonly medium: number;
  readonly heavy: number;
  readonly resourceIntensive: number;
}

/** The plans whose limits FACTS.md lists ("business" covers Business and above). */
export type ZoomPlan = "free" | "pro" | "business";

/**
 * Zoom's per-second limits by plan (FACTS.md, "Rate limits": a third-party copy of Zoom's table).
 * Free lists no Resource-intensive figure: it gets Pro's 10 a minute scaled like its other limits.
 */
export const PLAN_RATES: Readonly<Record<ZoomPlan, PacingRates>> = {
  free: { light: 4, medium: 2, heavy: 1, resourceIntensive: 1 / 60 },
  pro: { light: 30, medium: 20, heavy: 10, resourceIntensive: 10 / 60 },
  business: { light: 80, medium: 60, heavy: 40, resourceIntensive: 20 / 60 },
};

/** Options of `pacing` in `createZoomClient`. */
export type PacingOptions = (
  | { plan: ZoomPlan; rates?: undefined }
  | { rates: PacingRates; plan?: undefined }
) & {
  /**
   * Longest a call waits for a permit; past it the call gets a 429 like Zoom's (`getRateLimit` reads
   * it, with `local: true`). @default 15_000 (the rate-limit wait budget)
   */
  maxWaitMs?: number;
  /**
   * Creates and updates of meetings a host may make a day (Zoom: 100, reset 00:00 UTC), counted
   * across the fleet; the one past it is refused locally. `false`: not counted. @default 100
   */
  dailyMeetingCap?: number | false;
  /** Where the fleet's limiters live. @default the client's token store */
  store?: TokenStore;
};

/** The resolved options. */
export interface ResolvedPacing {
  readonly rates: Readonly<Record<RateLimitCategory, number>>;
  readonly maxWaitMs: number;
  readonly dailyMeetingCap: number | false;
}

/** Checks and resolves `options`; throws a `TypeError` naming the bad field. */
export function resolvePacing(options: PacingOptions, defaultMaxWaitMs: number): ResolvedPacing {
  if (typeof options !== "object" || options === null) throw new TypeError("pacing must be an object");
  const given = options.plan !== undefined ? PLAN_RATES[options.plan] : options.rates;
  if (given === undefined) {
    throw new TypeError(
      `pacing.plan must be one of ${Object.keys(PLAN_RATES).join(", ")}, or pacing.rates must be given`,
    );
  }
  const rate = (name: keyof PacingRates) => {
    const value = given[name];
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`pacing.rates.${name} must be a positive number of requests a second`);
    }
    return value;
  };
  const maxWaitMs = options.maxWaitMs ?? defaultMaxWaitMs;
  if (typeof maxWaitMs !== "number" || !Number.isFinite(maxWaitMs) || maxWaitMs < 0) {
    throw new TypeError("pacing.maxWaitMs must be a number of 0 or more");
  }
  const cap = options.dailyMeetingCap ?? 100;
  if (cap !== false && (!Number.isSafeInteger(cap) || cap < 1)) {
    throw new TypeError("pacing.dailyMeetingCap must be a whole number of 1 or more, or false");
  }
  return {
    rates: {
      Light: rate("light"),
      Medium: rate("medium"),
      Heavy: rate("heavy"),
      "Resource-intensive": rate("resourceIntensive"),
    },
    maxWaitMs,
    dailyMeetingCap: cap,
  };
}
