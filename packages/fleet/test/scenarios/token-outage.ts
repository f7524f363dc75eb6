/**
 * Issue 9, item 2: failed mints back off fleet-wide, and never count against the mint budget. 4
 * processes x 8 callers warm up on one 30 s token; the token endpoint then answers 503 to everything.
 * Once the token enters its refresh window the fleet starts trying to refresh; the outage goes on for
 * 10 s from the first attempt, then ends. No call fails (the current token lives on), the attempts stay
 * within what the backoff allows, and the fleet mints its next token as soon as the endpoint is back,
 * although the budget (2 an hour) leaves room for that one mint only if failed attempts do not count.
 */
import { DEFAULT_APP } from "@zoomkit/simulator";
import { expect } from "vitest";
import { runTokenOutage, summarize } from "../../src/index.js";
import type { StoreFixture } from "../support/stores.js";
import { startSimulator, timeline, uniquePrefix, workerConfig } from "../support/zoom.js";

const PROCESSES = 4;
const CALLERS = 8;
const OUTAGE_MS = 10_000;
const TTL_SECONDS = 30;
/**
 * Refresh window 15 s (half the lifetime, the most allowed): the refresh is due 7.5-15 s after the mint
 * (token-derived jitter), and the token stays usable until 0.6 s before expiry, so at least 14.4 s after
 * the first attempt: the 10 s outage, the next retry (at most 2 s later) and slack.
 */
const REFRESH_WINDOW_MS = 15_000;
const BACKOFF_MS = 500;
/** Shorter than the default 30 s, so the first retry after the outage comes within the token's life. */
const MAX_BACKOFF_MS = 2_000;

/**
 * The most attempts the fleet-wide backoff allows within `windowMs` of the first one. After the n-th
 * failure in a row the fleet waits min(max, base * 2^(n-1)) with equal jitter, so at least half of that;
 * only the lease holder asks, and it reads the failure record under the lease. Counting the earliest
 * moments (0, 250, 750, 1750, 2750, 3750 ms, ... one per second from then on here) that fall in the
 * window: 12 in 10 s.
 */
export function maxAttempts(windowMs: number, baseMs: number, maxMs: number): number {
  let attempts = 1;
  let at = 0;
  for (let failures = 1; ; failures++) {
    at += Math.min(maxMs, baseMs * 2 ** (failures - 1)) / 2;
    if (at > windowMs) return attempts;
    attempts += 1;
  }
}

export async function tokenOutage(fixture: StoreFixture): Promise<void> {
  const sim = await startSimulator({ tokenTtlSeconds: TTL_SECONDS });
  const store = await fixture.shared();
  const engine = {
    keyPrefix: uniquePrefix(),
    refreshWindowMs: REFRESH_WINDOW_MS,
    mintBackoffMs: BACKOFF_MS,
    mintMaxBackoffMs: MAX_BACKOFF_MS,
    // The warm-up mint and the one after the outage: counted failures would leave no room for the second.
    mintBudgetPerHour: 2,
  };
  const run = await runTokenOutage({
    sim,
    clientId: DEFAULT_APP.clientId,
    fleet: {
      processes: PROCESSES,
      config: (index) =>
        workerConfig(index, { sim, store, engine, concurrency: CALLERS, mode: "load", pauseMs: 20 }),
    },
    warmUpCalls: 2 * PROCESSES * CALLERS,
    outageMs: OUTAGE_MS,
    firstAttemptTimeoutMs: TTL_SECONDS * 1000,
  });
  try {
    const summary = summarize(run.reports);
    const story = timeline(run.messages, run.firstAttemptAt);

    // No call failed: the current token served through the outage.
    expect(summary.failures, story).toEqual({});
    expect(summary.ok).toBeGreaterThan(10 * PROCESSES * CALLERS);
    // The fleet did keep trying (the token was in its refresh window), within the backoff's bound: the
    // window runs from the first attempt to the end of the outage (+100 ms: the parent polls for the first).
    const bound = maxAttempts(run.outageOffAt - run.firstAttemptAt + 100, BACKOFF_MS, MAX_BACKOFF_MS);
    expect(bound).toBeLessThanOrEqual(13);
    expect(run.attempts, story).toBeGreaterThanOrEqual(3);
    expect(run.attempts, story).toBeLessThanOrEqual(bound);
    // Every attempt was seen by the process that made it, and reported as a failed mint.
    const failed = run.reports.reduce((n, r) => n + (r.stats?.mintFailures ?? 0), 0);
    expect(failed).toBe(sim.stats().faults.token.errors);
    const hooks = run.messages.flatMap((m) => (m.type === "hook" ? [m.event] : []));
    const mintFailed = hooks.filter((e) => e.name === "mintFailed");
    expect(mintFailed.length).toBe(failed);
    for (const e of mintFailed) expect(e.payload.code).toBe("token_endpoint_unavailable");
    // Failed attempts never counted against the budget: the one mint after the outage was allowed.
    expect(run.mints.warmUp).toBe(1);
    expect(run.mints.during).toBe(0);
    expect(run.recoveredAt, story).toBeDefined();
    expect(run.mints.after, story).toBe(1);
    const budget = hooks.filter(
      (e) => (e.payload.error as { code?: string } | undefined)?.code === "mint_budget_exhausted",
    );
    expect(budget).toEqual([]);
    // The whole fleet moved to the new token.
    expect(new Set(run.finalStates.map((s) => s.fingerprint)).size, story).toBe(1);
    for (const state of run.finalStates) expect(state.stats?.backoff.active).toBe(false);
  } finally {
    await run.fleet.close();
    await sim.close();
  }
}
