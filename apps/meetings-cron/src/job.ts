/**
 * The job: one tick = take the tick's lease, sweep, log one summary line. `runTick` is what both the
 * schedule and `--once` call.
 */

import type { Logger } from "@zoomkit/app-support";
import type { TokenStore, ZoomClient } from "@zoomkit/core";
import type { Config } from "./config.js";
import { type SweepSummary, sweep } from "./sweep.js";
import { leaseTtlMs, runTickOnce, scheduledTimeOf, tickLeaseKey } from "./tick.js";

/** What a tick did on this replica. */
export type TickReport =
  | { status: "succeeded" | "failed"; scheduledAt: string; summary: SweepSummary; durationMs: number }
  | { status: "skipped"; scheduledAt: string; reason: string }
  | { status: "failed"; scheduledAt: string; reason: string; code?: string };

/** What a tick needs. */
export interface JobDeps {
  zoom: ZoomClient;
  store: TokenStore;
  config: Pick<Config, "cron" | "timezone" | "jobName" | "graceMinutes" | "dryRun" | "pageSize">;
  hosts: readonly string[];
  holder: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Runs the tick scheduled at or just before now, if no other replica runs it. Never throws: the
 * report says what happened, and is logged as one line.
 *
 * @example
 * const report = await runTick({ zoom, store, config, hosts, holder: replicaId(), logger });
 * process.exit(report.status === "failed" ? 1 : 0);
 */
export async function runTick(deps: JobDeps): Promise<TickReport> {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const scheduled = scheduledTimeOf(config.cron, config.timezone, now());
  const scheduledAt = scheduled.toISOString();
  const started = performance.now();
  let report: TickReport;
  try {
    const outcome = await runTickOnce(
      {
        store: deps.store,
        key: tickLeaseKey(config.jobName, scheduled),
        holder: deps.holder,
        ttlMs: leaseTtlMs(config.cron, config.timezone, scheduled),
        succeeded: (summary) => summary.failed === 0,
      },
      () =>
        sweep({
          zoom: deps.zoom,
          hosts: deps.hosts,
          graceMinutes: config.graceMinutes,
          dryRun: config.dryRun,
          pageSize: config.pageSize,
          logger,
          now,
        }),
    );
    report = outcome.ran
      ? {
          status: outcome.result.failed === 0 ? "succeeded" : "failed",
          scheduledAt,
          summary: outcome.result,
          durationMs: Math.round(performance.now() - started),
        }
      : { status: "skipped", scheduledAt, reason: `tick already taken by ${outcome.heldBy}` };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    report = {
      status: "failed",
      scheduledAt,
      reason: error instanceof Error ? error.message : String(error),
      ...(typeof code === "string" ? { code } : {}),
    };
  }
  const level = report.status === "failed" ? "error" : "info";
  logger[level]({ tick: report }, `tick ${report.status}`);
  return report;
}
