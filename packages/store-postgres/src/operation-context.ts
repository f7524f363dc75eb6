/** What the store's operation modules (leases.ts, counters.ts) share with the store that builds them. */
import type { Run } from "./query.js";
import type { Statements } from "./sql.js";
import type { Validator } from "./validate.js";

export interface OperationContext {
  /** Every public call goes through it: closed check, first-use migration, one deadline over all of it. */
  op<T>(operation: string, work: () => Promise<T>): Promise<T>;
  /** Runs one statement. */
  run: Run;
  sql: Statements;
  check: Validator;
  /** Names the store in errors. */
  label: string;
  /** After a write: housekeeping (cleanup of expired rows) now and then. */
  afterWrite(): void;
}
