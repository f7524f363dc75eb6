/**
 * The store's counters: windowed event counts (`recordEvent`, `countEvents`) and the permit limiter
 * (`takePermits`, a token bucket), each one statement.
 */
import type { PermitRate } from "@zoomkit/core";
import type { OperationContext } from "./operation-context.js";
import { type PermitRow, parseCount, parsePermits } from "./rows.js";

export function counterOperations({ op, run, sql, check, label, afterWrite }: OperationContext) {
  return {
    async recordEvent(key: string, windowMs: number) {
      check.key("recordEvent", key);
      const window = check.positiveMs("recordEvent", "windowMs", windowMs);
      return op("recordEvent", async () => {
        const rows = await run<{ count: unknown }>("recordEvent", sql.recordEvent, [key, window]);
        afterWrite();
        return parseCount(rows[0]?.count, label, "recordEvent");
      });
    },

    async countEvents(key: string, windowMs: number) {
      check.key("countEvents", key);
      const window = check.positiveMs("countEvents", "windowMs", windowMs);
      return op("countEvents", async () => {
        const rows = await run<{ count: unknown }>("countEvents", sql.countEvents, [key, window]);
        return parseCount(rows[0]?.count ?? 0, label, "countEvents");
      });
    },

    async takePermits(key: string, want: number, rate: PermitRate) {
      check.key("takePermits", key);
      const request = check.permits("takePermits", want, rate);
      return op("takePermits", async () => {
        const rows = await run<PermitRow>("takePermits", sql.takePermits, [
          key,
          request.want,
          request.ratePerSecond,
          request.burst,
        ]);
        afterWrite();
        return parsePermits(rows[0], request, label);
      });
    },
  };
}
