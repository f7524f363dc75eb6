/**
 * Turns rows into contract values. The SQL already reads malformed rows as absent (see `sql.ts`); these
 * checks are the last guard against a table changed by hand into a shape the store never writes.
 */
import type { StoreRecord } from "@zoomkit/core";
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
