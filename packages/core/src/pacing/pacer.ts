/**
 * The pacer: before each attempt, a permit from the account's shared limiter for the operation's
 * rate-limit category (from zoomkit's OpenAPI document), and for a meeting create or update a place
 * under the host's daily cap. It learns the account's real limit from `X-RateLimit-Limit` and holds a
 * category back when Zoom says its budget is spent (a 429, or `X-RateLimit-Remaining: 0`), since other
 * apps of the account share it.
 */
import { emit, type ZoomHooks } from "../events.js";
import { matchZoomOperation, type RateLimitCategory } from "../operations.js";
import type { Call } from "../pipeline/attempt.js";
import { classifyRateLimit } from "../pipeline/rate-limit.js";
import type { TokenStore } from "../stores/contract.js";
import { createDailyCap } from "./daily-cap.js";
import type { ResolvedPacing } from "./options.js";
import { PermitQueue, type QueueRate } from "./permit-queue.js";
import { createPermitSource } from "./permit-source.js";
import { refusalResponse } from "./refusal.js";

/**
 * Share of the rate the shared limiter hands out: send times drift from grant times (event loop,
 * network), and Zoom may count in fixed one-second windows, so the fleet stays a little below.
 */
export const HEADROOM = 0.03;

/** What the pipeline asks of the pacer. */
export interface Pacer {
  /**
   * Before an attempt: `undefined` (send it; at once when a permit is on hand), or a promise of
   * `undefined` or of the 429 to return instead. Rejects with the caller's abort reason.
   */
  admit(call: Call): undefined | Promise<Response | undefined>;
  /** After an answer from Zoom: what its rate-limit headers say. */
  learn(call: Call, response: Response): void;
  /** True while permits come from the per-process share (the store failed or cannot take permits). */
  readonly degraded: boolean;
  close(): void;
}

export interface PacerOptions {
  store: TokenStore;
  accountId: string;
  keyPrefix: string;
  pacing: ResolvedPacing;
  hooks: ZoomHooks | undefined;
  now: () => number;
}

/** The batch and the shared limiter's rate for a per-second limit. */
export function queueRate(limit: number): QueueRate {
  // Small batches: at Zoom's rates a store call per ~10th of a second of budget is cheap, and a
  // bigger batch widens what one fixed second can see (a batch arrives at once).
  const batch = Math.max(1, Math.floor(limit / 10));
  const ratePerSecond = Math.max(limit - batch + 1, limit / 2) * (1 - HEADROOM);
  return { batch, bucket: { ratePerSecond, burst: batch } };
}

export function createPacer(options: PacerOptions): Pacer {
  const { store, pacing, hooks, now } = options;
  const base = `${options.keyPrefix}{pace:${encodeURIComponent(options.accountId).replace(/[{}]/g, "_")}}`;
  const source = createPermitSource(
    store,
    {
      degraded: (reason) => emit(hooks, "pacing", { state: "degraded", reason }),
      recovered: () => emit(hooks, "pacing", { state: "recovered" }),
    },
    now,
  );
  const dailyCap =
    pacing.dailyMeetingCap === false ? undefined : createDailyCap(store, base, pacing.dailyMeetingCap, now);
  const limits = new Map<RateLimitCategory, number>(
    Object.entries(pacing.rates) as Array<[RateLimitCategory, number]>,
  );
  const rates = new Map<RateLimitCategory, QueueRate>();
  const rateOf = (category: RateLimitCategory): QueueRate => {
    let rate = rates.get(category);
    if (rate === undefined) {
      rate = queueRate(limits.get(category)!);
      rates.set(category, rate);
    }
    return rate;
  };
  const queues = new Map<RateLimitCategory, PermitQueue>();
  const queueOf = (category: RateLimitCategory): PermitQueue => {
    let queue = queues.get(category);
    if (queue === undefined) {
      queue = new PermitQueue(`${base}:${category}`, source, () => rateOf(category), now);
      queues.set(category, queue);
    }
    return queue;
  };

  const refuseQps = (category: RateLimitCategory, retryAfterMs: number): Response => {
    const at = now();
    return refusalResponse({
      type: "qps",
      category,
      limit: limits.get(category)!,
      resetAt: at + retryAfterMs,
      now: at,
    });
  };

  const afterPermit = async (
    waiting: Promise<unknown> | undefined,
    call: Call,
    category: RateLimitCategory,
    daily: string | undefined,
  ): Promise<Response | undefined> => {
    const refusal = (await waiting) as { retryAfterMs: number } | undefined;
    if (refusal) return refuseQps(category, refusal.retryAfterMs);
    return daily === undefined ? undefined : dailyCap!.check(call, daily, category);
  };

  return {
    get degraded() {
      return source.degraded;
    },
    admit(call) {
      const operation = matchZoomOperation(call.method, call.request.url);
      if (operation === undefined) return undefined;
      const { category } = operation;
      // The daily cap is counted once per call (its first attempt), after the call got its permit.
      const daily =
        call.attempt === 0 && dailyCap?.counts(operation.operationId) ? operation.operationId : undefined;
      const waiting = queueOf(category).acquire(pacing.maxWaitMs, call.signal);
      if (waiting === undefined && daily === undefined) return undefined;
      return afterPermit(waiting, call, category, daily);
    },
    learn(call, response) {
      dailyCap?.learn(call, response);
      const limit = response.headers.get("x-ratelimit-limit");
      if (limit === null && response.status !== 429) return;
      const operation = matchZoomOperation(call.method, call.request.url);
      const at = now();
      const info = classifyRateLimit(response.status, response.headers, undefined, at);
      const declared = response.headers.get("x-ratelimit-type")?.toLowerCase();
      const category = (operation?.category ?? response.headers.get("x-ratelimit-category")) as
        | RateLimitCategory
        | undefined;
      if (category === undefined || !limits.has(category) || info?.type === "daily") return;
      if (declared === "qps") {
        const observed = Number(limit);
        if (limit !== null && Number.isFinite(observed) && observed > 0 && observed < limits.get(category)!) {
          limits.set(category, observed);
          rates.delete(category);
        }
      }
      if (info !== null) {
        queueOf(category).pause(at + (info.retryAfterMs ?? 1_000));
      } else if (
        response.headers.get("x-ratelimit-remaining")?.trim() === "0" &&
        declared !== "daily-limit"
      ) {
        queueOf(category).pause(at - (at % 1_000) + 1_000);
      }
    },
    close() {
      for (const queue of queues.values()) queue.close();
    },
  };
}
