/**
 * Runs one statement with a hard deadline. pg's own timeouts (connection, `statement_timeout`,
 * `query_timeout`) free the connection; the deadline here also covers an injected pool we did not
 * configure, and the wait for a free client.
 */
import type { Pool, QueryConfig, QueryResultRow } from "pg";
import { PostgresStoreError, type Redactor, toStoreError } from "./errors.js";

/** Runs `text` with `values` for `operation`; rejects with `PostgresStoreError`. */
export type Run = <Row extends QueryResultRow>(
  operation: string,
  text: string,
  values: readonly unknown[],
) => Promise<Row[]>;

/** A deadline-bounded statement runner over `pool`. */
export function createRunner(pool: Pool, timeoutMs: number, label: string, redact: Redactor): Run {
  return async <Row extends QueryResultRow>(operation: string, text: string, values: readonly unknown[]) => {
    try {
      const result = await withDeadline(
        pool.query<Row>(timed(text, values, timeoutMs)),
        timeoutMs,
        () =>
          new PostgresStoreError(
            "store_timeout",
            operation,
            `${label}: ${operation} timed out after ${timeoutMs} ms`,
          ),
      );
      return result.rows;
    } catch (error) {
      throw toStoreError(error, operation, label, redact);
    }
  };
}

/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms`. The losing promise keeps running
 * (a statement cannot be recalled once sent); its late rejection is observed so it never goes unhandled.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  promise.catch(() => {});
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * A query config with pg's per-query read timeout. pg honours `query_timeout` per query (and then
 * drops the connection from its pool); `@types/pg` just does not list it.
 */
export function timed(text: string, values: readonly unknown[], timeoutMs: number): QueryConfig {
  const config: QueryConfig & { query_timeout: number } = {
    text,
    values: [...values],
    query_timeout: timeoutMs,
  };
  return config;
}
