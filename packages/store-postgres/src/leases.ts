/**
 * The store's fenced leases: acquire, renew and release, each one statement. The fence is the row's
 * generation (it grows with every acquire); renew and release match both holder and fence.
 */
import type { StoreLease } from "@zoomkit/core";
import type { OperationContext } from "./operation-context.js";
import { parseGeneration } from "./rows.js";

export function leaseOperations({ op, run, sql, check, label, afterWrite }: OperationContext) {
  return {
    async acquireLease(key: string, holder: string, ttlMs: number) {
      check.key("acquireLease", key);
      const holderBytes = check.encode("acquireLease", "holder", holder);
      const ttl = check.positiveMs("acquireLease", "ttlMs", ttlMs);
      return op("acquireLease", async (): Promise<StoreLease | null> => {
        const rows = await run<{ generation: string }>("acquireLease", sql.acquireLease, [
          key,
          holderBytes,
          ttl,
        ]);
        afterWrite();
        const row = rows[0];
        if (!row) return null;
        return { key, holder, fence: parseGeneration(row.generation, label, "acquireLease"), ttlMs: ttl };
      });
    },

    async renewLease(lease: StoreLease, ttlMs: number) {
      const checked = check.lease("renewLease", lease);
      const holderBytes = check.encode("renewLease", "lease.holder", checked.holder);
      const ttl = check.positiveMs("renewLease", "ttlMs", ttlMs);
      return op("renewLease", async (): Promise<StoreLease | null> => {
        const rows = await run("renewLease", sql.renewLease, [
          checked.key,
          holderBytes,
          String(checked.fence),
          ttl,
        ]);
        return rows.length > 0 ? { ...checked, ttlMs: ttl } : null;
      });
    },

    async releaseLease(lease: StoreLease) {
      const { key, holder, fence } = check.lease("releaseLease", lease);
      const holderBytes = check.encode("releaseLease", "lease.holder", holder);
      return op("releaseLease", async () => {
        const rows = await run("releaseLease", sql.releaseLease, [key, holderBytes, String(fence)]);
        return rows.length > 0;
      });
    },
  };
}
