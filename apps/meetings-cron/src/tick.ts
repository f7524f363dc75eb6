/**
 * One tick, run by one replica only. Every replica derives the same lease key from the tick's scheduled
 * time; the store's `acquireLease` is atomic, so exactly one of them gets it. The winner keeps the
 * lease after a successful run (it expires by itself near the next tick), so a replica that reaches
 * the same tick late still finds it taken and does not run it a second time. After a failed run the
 * lease is released, so a retry of that tick (`--once` again) may run it.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { TokenStore } from "@zoomkit/core";
import { Cron } from "croner";

/** Shortest and longest lease: long enough to outlast a tick, never kept for days. */
const MIN_LEASE_MS = 60_000;
const MAX_LEASE_MS = 24 * 60 * 60_000;

/**
 * The scheduled time of the tick running at `now`: the latest run of `pattern` at or before `now`,
 * with one second of slack, so a timer that fires a little early or late names the same tick on
 * every replica. `--once` uses it too, so replicas started together agree.
 */
export function scheduledTimeOf(pattern: string, timezone: string, now: number): Date {
  const cron = new Cron(pattern, { paused: true, timezone });
  try {
    // previousRuns is strict and ignores milliseconds: +1 s includes a run at exactly `now`.
    const [previous] = cron.previousRuns(1, new Date(now + 1000));
    if (!previous) throw new Error(`the cron pattern ${pattern} has no run before now`);
    return previous;
  } finally {
    cron.stop();
  }
}

/** Lease time-to-live for a tick: until the next scheduled run, clamped to [1 min, 24 h]. */
export function leaseTtlMs(pattern: string, timezone: string, scheduledAt: Date): number {
  const cron = new Cron(pattern, { paused: true, timezone });
  try {
    const next = cron.nextRun(scheduledAt);
    const interval = next ? next.getTime() - scheduledAt.getTime() : MAX_LEASE_MS;
    return Math.min(MAX_LEASE_MS, Math.max(MIN_LEASE_MS, interval));
  } finally {
    cron.stop();
  }
}

/** The lease key of a tick. The braces keep one job's keys in one Redis Cluster slot. */
export function tickLeaseKey(jobName: string, scheduledAt: Date): string {
  return `meetings-cron:{${jobName}}:tick:${scheduledAt.toISOString()}`;
}

/** A name for this replica in leases: host, pid and a random part (pids repeat across containers). */
export function replicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** What happened to a tick on this replica. */
export type TickOutcome<T> = { ran: true; result: T } | { ran: false; heldBy: "another replica" };

/**
 * Runs `work` if this replica wins the tick's lease.
 *
 * @example
 * const outcome = await runTickOnce({ store, key: tickLeaseKey("sweeper", at), holder: replicaId(), ttlMs }, sweepNow);
 */
export async function runTickOnce<T>(
  options: {
    store: TokenStore;
    key: string;
    holder: string;
    ttlMs: number;
    /** Whether `result` counts as success (the lease is kept); otherwise it is released. @default always */
    succeeded?: (result: T) => boolean;
  },
  work: () => Promise<T>,
): Promise<TickOutcome<T>> {
  const lease = await options.store.acquireLease(options.key, options.holder, options.ttlMs);
  if (!lease) return { ran: false, heldBy: "another replica" };
  const release = () => options.store.releaseLease(lease).catch(() => false);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await release();
    throw error;
  }
  if (options.succeeded && !options.succeeded(result)) await release();
  return { ran: true, result };
}
