/**
 * Turns rows into contract values. The SQL already reads malformed rows as absent (see `sql.ts`); these
 * checks are the last guard against a table changed by hand into a shape the store never writes.
 */
import type { PermitGrant, PermitRate, StoreRecord } from "@zoomkit/core";
import { PostgresStoreError } from "./errors.js";

/** A row of the `get` and compare-and-set statements. */
export interface RecordRow {
  value: unknown;
  tag: unknown;
  generation: unknown;
  expires_in_ms: number | null;
}

function corrupt(label: string, operation: string, what: string): PostgresStoreError {
  return new PostgresStoreError(
    "store_corrupt_row",
    operation,
    `${label}: ${operation}: a row has ${what}; the table was changed outside the store (delete the row or recreate the table)`,
  );
}

/** A generation or fence: a positive safe integer (Postgres sends bigint as text). */
export function parseGeneration(raw: unknown, label: string, operation: string): number {
  const n = typeof raw === "string" && /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw corrupt(label, operation, "a generation that is not a positive safe integer");
  return n;
}

export function parseRecord(row: RecordRow, label: string, operation: string): StoreRecord {
  if (!Buffer.isBuffer(row.value) || typeof row.tag !== "string") {
    throw corrupt(label, operation, "a value that is not bytea or a tag that is not text");
  }
  return {
    value: row.value.toString("utf8"),
    tag: row.tag,
    generation: parseGeneration(row.generation, label, operation),
  };
}

export function parseCount(raw: unknown, label: string, operation: string): number {
  const n = typeof raw === "string" ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0)
    throw corrupt(label, operation, "an event count that is not a count");
  return n;
}

/** A row of the `takePermits` statement. */
export interface PermitRow {
  granted: unknown;
  tat_us: unknown;
  now_us: unknown;
}

/** The grant, and the wait for the next permit computed from the limiter's new state (as core's `takeFromBucket`). */
export function parsePermits(
  row: PermitRow | undefined,
  request: { want: number } & PermitRate,
  label: string,
): PermitGrant {
  const granted = typeof row?.granted === "string" ? Number(row.granted) : Number.NaN;
  const tatUs = typeof row?.tat_us === "string" ? Number(row.tat_us) : Number.NaN;
  const nowUs = Number(row?.now_us);
  if (!Number.isSafeInteger(granted) || granted < 0 || granted > request.want || !Number.isFinite(tatUs)) {
    throw corrupt(label, "takePermits", "a limiter state the store never writes");
  }
  if (granted === request.want) return { granted, retryAfterMs: 0 };
  const interval = 1e6 / request.ratePerSecond;
  const capacity = request.burst * interval;
  return { granted, retryAfterMs: Math.max(1, Math.ceil((tatUs + interval - capacity - nowUs) / 1000)) };
}
